import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A data (or output) directory that cannot be created is one line naming it and exit 1, at once: never a
 * process that spins. (How fast: bench/data-dir/run.mjs.)
 */

// Runs the built CLI: `npm test` builds first (run `npm run build` before running this file alone).
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-data-dir-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Generous: the answer comes in well under a second; a hang is killed here and fails the test. */
const HANG_MS = 30_000;

function gazette(args: readonly string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DATABASE_URL: '' },
    timeout: HANG_MS,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineFailure(result: ReturnType<typeof gazette>, path: string): void {
  expect(result.signal, 'the command hung and was killed').toBeNull();
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('GZ_STORAGE_NOT_WRITABLE');
  expect(lines[0]).toContain(path);
}

describe('a directory that cannot be created', () => {
  it.skipIf(!existsSync('/proc/self'))(
    'under /proc: migrate and start fail with one line and exit 1',
    () => {
      const dir = '/proc/gazette-data-dir-test/data';
      expectOneLineFailure(gazette(['migrate', '--data-dir', dir]), '/proc/gazette-data-dir-test');
      expectOneLineFailure(
        gazette(['start', '--port', '0', '--no-demo', '--data-dir', dir]),
        '/proc/gazette-data-dir-test',
      );
    },
    2 * HANG_MS + 10_000,
  );

  it(
    'below a file: migrate fails with one line and exit 1',
    () => {
      const file = join(temp, 'a-file');
      writeFileSync(file, 'not a directory');
      expectOneLineFailure(gazette(['migrate', '--data-dir', join(file, 'data')]), file);
    },
    HANG_MS + 10_000,
  );

  it.skipIf(!existsSync('/proc/self'))(
    'a static build to /proc fails with one line and exit 1',
    () => {
      const dataDir = join(temp, 'data');
      expect(gazette(['demo', '--data-dir', dataDir]).code).toBe(0);
      const out = '/proc/gazette-build-test/out';
      expectOneLineFailure(
        gazette(['build', '--out', out, '--quiet', '--data-dir', dataDir]),
        '/proc/gazette-build-test',
      );
    },
    2 * HANG_MS + 10_000,
  );
});
