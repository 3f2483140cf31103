import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder, REPO_ROOT as ROOT } from '../support/repo-files.js';

/**
 * The tests pass in a fresh clone with nothing beside it: no test names a path of one machine or reaches out of
 * the repository for its data (fixtures live in test/fixtures/).
 */
const testSources = (dir: string) => filesUnder(dir, /\.(ts|tsx|mjs|js)$/);

/** A path a test could read: the first argument of `new URL(…, import.meta.url)`, or a quoted absolute path. */
function outsidePaths(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/new URL\(\s*['"`]([^'"`]+)['"`]\s*,\s*import\.meta\.url/g)) {
    const target = resolve(dirname(file), match[1] ?? '');
    const inside = relative(ROOT, target);
    if (inside.startsWith(`..${sep}`) || inside === '..') found.push(match[1] ?? '');
  }
  for (const match of source.matchAll(/['"`](\/(?:work|home|Users|root|mnt|srv)\/[^'"`]*)['"`]/g)) {
    found.push(match[1] ?? '');
  }
  for (const match of source.matchAll(/['"`]((?:\.\.\/)+shared\/[^'"`]*)['"`]/g)) found.push(match[1] ?? '');
  return [...new Set(found)];
}

describe('the test suite is self-contained', () => {
  const self = fileURLToPath(import.meta.url);
  const files = [...testSources(join(ROOT, 'test')), ...testSources(join(ROOT, 'src'))].filter(
    (file) => file !== self && (file.includes(`${sep}test${sep}`) || /\.test\.tsx?$/.test(file)),
  );

  it('finds the test files it looks at', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no test reads a path outside the repository or of one machine', () => {
    const offending = files.flatMap((file) =>
      outsidePaths(file, readFileSync(file, 'utf8')).map((path) => `${relative(ROOT, file)}: ${path}`),
    );
    expect(offending).toEqual([]);
  });

  it('recognises the paths it forbids', () => {
    const file = join(ROOT, 'test', 'import', 'x.test.ts');
    expect(outsidePaths(file, "new URL('../../../shared/fixtures/pages/', import.meta.url)")).toHaveLength(1);
    expect(outsidePaths(file, "const PAGES = '/work/shared/fixtures/pages';")).toHaveLength(1);
    expect(outsidePaths(file, "new URL('../fixtures/pages/', import.meta.url)")).toEqual([]);
  });
});
