import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GazetteError } from '../core/index.js';

/**
 * Creates `dir` and its missing parents, one level at a time from the nearest one that exists. Node's
 * recursive `mkdirSync` never returns for some paths (under /proc it retries without end); here a level
 * that cannot be made is `GZ_STORAGE_NOT_WRITABLE` naming that directory, at once.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (cause) {
      // Another process (a worker) made it in the meantime.
      if ((cause as { code?: unknown }).code === 'EEXIST' && statSync(path).isDirectory()) continue;
      throw new GazetteError('GZ_STORAGE_NOT_WRITABLE', path, { path }, { cause });
    }
  }
}
