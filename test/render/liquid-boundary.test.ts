import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, REPO_ROOT } from '../support/repo-files.js';

/**
 * A LiquidJS upgrade is checked in the files that use it: the engine with Gazette's own tag
 * (render/liquid-engine.ts) and the compiler that reads the templates LiquidJS parsed (render/compile.ts).
 * The rest of the code renders through the theme.
 */
describe('the LiquidJS boundary', () => {
  it('is two files of src/render', () => {
    const importers = filesUnder(join(REPO_ROOT, 'src'), /\.ts$/)
      .filter((path) => !path.endsWith('.test.ts'))
      .filter((path) => /from 'liquidjs'|import\('liquidjs'\)/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(REPO_ROOT, path))
      .sort();
    expect(importers).toEqual(['src/render/compile.ts', 'src/render/liquid-engine.ts']);
  });
});
