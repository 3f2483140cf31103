import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI: `npm test` builds first (run `npm run build` before running this file alone).
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-import-'));
const dataDir = join(temp, 'data');

function gazette(args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DATABASE_URL: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  expect(gazette(['demo', '--data-dir', dataDir]).code).toBe(0);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('gazette import (the built command)', () => {
  it('prints the machine-readable shape with --dry-run --format json', () => {
    const res = gazette(['import', '--dry-run', '--format', 'json', join(PAGES, 'subheadings.html')]);
    expect(res.code, res.stderr).toBe(0);
    const [page] = JSON.parse(res.stdout) as {
      items: { kind: string; meta: Record<string, string>; policy?: { documentNumber: string } }[];
    }[];
    // A page with a 发文字号 is an official document: it comes in as a policy document with its fields.
    expect(page?.items[0]?.kind).toBe('policy');
    expect(page?.items[0]?.meta['documentNumber']).toBe('南政办发〔2025〕3号');
    expect(page?.items[0]?.policy?.documentNumber).toBe('南政办发〔2025〕3号');
  });

  it('imports a directory into the demo site and skips it all the second time', () => {
    const first = gazette(['import', PAGES, '--column', 'zwgk/tzgg', '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/imported \d+, updated 0, skipped 0, failed 0/);
    const again = gazette(['import', PAGES, '--column', 'zwgk/tzgg', '--data-dir', dataDir]);
    expect(again.stdout).toMatch(/imported 0, updated 0, skipped \d+, failed 0/);
  });

  it('asks for --column unless it is a dry run', () => {
    const res = gazette(['import', PAGES, '--data-dir', dataDir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--column');
  });
});
