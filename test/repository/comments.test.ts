import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder, REPO_ROOT as ROOT } from '../support/repo-files.js';

/** Comments and test names describe the code as it is: no work items, no history (commits carry that). */
const self = fileURLToPath(import.meta.url);

const files = (dir: string) => filesUnder(dir, /\.(ts|tsx|js|mjs|css|liquid|md)$/);

/** Phrases that name a work item or say what the code will become rather than what it is. */
const HISTORY = [
  /\bissue\s*#?\d+/i,
  /\bpoint \d+ of\b|\bissue \d+ point \d+/i,
  /\buntil (that|this|the) [\w ]{0,30}\b(exists|lands|is (added|written|done))/i,
  /\bhas no [\w ]{0,20}template of its own yet\b/i,
  /\b(SEARCH|A11Y|EDITOR|PERF) owns\b/,
];

function historyIn(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => HISTORY.some((pattern) => pattern.test(line)))
    .map((line) => line.trim());
}

describe('comments describe the code, not its history', () => {
  it('finds no work item or plan in the code, the tests, the theme or the benchmarks', () => {
    const found = ['src', 'admin/src', 'test', 'themes', 'bench']
      .flatMap((dir) => files(join(ROOT, dir)))
      .filter((file) => file !== self)
      .flatMap((file) =>
        historyIn(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}: ${line}`),
      );
    expect(found).toEqual([]);
  });

  it('recognises what it forbids, and leaves ordinary words alone', () => {
    expect(historyIn('// Issue 4 point 4 needs back-dating')).toHaveLength(1);
    expect(historyIn(' * The media library (issue #11): upload')).toHaveLength(1);
    expect(historyIn(' * Until that endpoint exists the server answers 404')).toHaveLength(1);
    expect(historyIn(' * The theme has no search template of its own yet (SEARCH owns it)')).toHaveLength(1);
    expect(historyIn('// Polls `probe` until it returns a value; an issue of timing')).toEqual([]);
  });
});
