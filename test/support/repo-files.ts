import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Folders never walked: installed packages, build output, local data. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '.git',
  'data',
  'coverage',
  'test-artifacts',
  'results',
  '.build',
]);

/** Every file below `dir` whose name matches `pattern`, skipping installed packages and build output. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : filesUnder(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}
