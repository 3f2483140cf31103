import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder as files, REPO_ROOT as ROOT } from '../support/repo-files.js';

/**
 * The design lives in the repository: what the code and the lint messages cite is a file a clone has, and the
 * paths the architecture and contributing guides name exist.
 */
const read = (path: string) => readFileSync(path, 'utf8');
const self = fileURLToPath(import.meta.url);

describe('the design documents are in the repository', () => {
  it('has the architecture, design, style, government rules and contributing guides', () => {
    for (const doc of [
      'docs/architecture.md',
      'docs/design.md',
      'docs/style.md',
      'docs/gov-rules.md',
      'CONTRIBUTING.md',
    ]) {
      expect(existsSync(join(ROOT, doc)), doc).toBe(true);
    }
  });

  it('no code, comment or lint message cites a design file a clone does not have', () => {
    const sources = [
      ...files(join(ROOT, 'src'), /\.(ts|tsx)$/),
      ...files(join(ROOT, 'test'), /\.(ts|tsx|mjs)$/),
      ...files(join(ROOT, 'admin'), /\.(ts|tsx)$/),
      ...files(join(ROOT, 'bench'), /\.(mjs|js|md)$/),
      ...files(join(ROOT, 'themes'), /\.(liquid|css|js)$/),
      ...files(join(ROOT, 'docs'), /\.md$/),
      join(ROOT, 'eslint.config.js'),
      join(ROOT, 'README.md'),
      join(ROOT, 'CONTRIBUTING.md'),
    ].filter((file) => file !== self && existsSync(file));
    const citing = sources.filter((file) => /\b(DESIGN|STYLE|GOV-RULES)(\.md)?\b/.test(read(file)));
    expect(citing.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('every relative link of the guides points at a file that exists', () => {
    const docs = [
      join(ROOT, 'README.md'),
      join(ROOT, 'CONTRIBUTING.md'),
      ...files(join(ROOT, 'docs'), /\.md$/),
    ];
    const broken = docs.flatMap((doc) =>
      [...read(doc).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((match) => match[1] ?? '')
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(resolve(dirname(doc), target)))
        .map((target) => `${relative(ROOT, doc)} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('every source path the architecture and contributing guides name exists', () => {
    const missing = ['docs/architecture.md', 'CONTRIBUTING.md'].flatMap((doc) =>
      [...read(join(ROOT, doc)).matchAll(/`((?:src|test|themes|bench|admin)\/[\w./-]*[\w/])`/g)]
        .map((match) => match[1] ?? '')
        .filter((path) => !path.includes('<') && !existsSync(join(ROOT, path)))
        .map((path) => `${doc}: ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
