import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `gazette build`, `gazette verify` and `gazette start --publish-to` as an operator runs them (needs `npm run build`). */
const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-publish-'));
const data = join(temp, 'data');
const site = join(temp, 'site');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function gazette(args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gazette build and verify', () => {
  it('builds the demo site and reports what it wrote', () => {
    expect(gazette(['demo', '--data-dir', data]).code).toBe(0);
    const res = gazette(['build', '--out', site, '--data-dir', data, '--quiet']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Built \d+ pages, \d+ files/);
    expect(existsSync(join(site, 'index.html'))).toBe(true);
  });

  it('refuses a build without --out with exit code 2', () => {
    const res = gazette(['build', '--data-dir', data]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--out');
  });

  it('verify: exit 0 when intact, 1 with the tampered files listed, 0 after --restore', () => {
    expect(gazette(['verify', site]).code).toBe(0);
    appendFileSync(join(site, 'index.html'), '<!-- defaced -->');
    const tampered = gazette(['verify', site]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('changed /index.html');
    const json = gazette(['verify', site, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ changed: ['/index.html'], added: [], missing: [] });
    expect(gazette(['verify', site, '--restore']).code).toBe(0);
    expect(gazette(['verify', site]).code).toBe(0);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).not.toContain('defaced');
  });
});

describe('gazette start --publish-to', () => {
  it('builds the output at start when there is none, then serves as usual', async () => {
    const out = join(temp, 'live');
    const child = spawn(
      process.execPath,
      [MAIN, 'start', '--port', '0', '--data-dir', data, '--publish-to', out],
      {
        env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      for (let i = 0; i < 600 && !stdout.includes('Gazette is serving'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stdout).toContain(`Publishing static files to ${out}`);
      expect(existsSync(join(out, 'index.html'))).toBe(true);
      expect(gazette(['verify', out]).code).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
