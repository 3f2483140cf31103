import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `gazette distribute`, `distribute status`, `distribute apply` and `start --publish-to` with targets (needs `npm run build`). */
const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-distribute-'));
const data = join(temp, 'data');
const site = join(temp, 'site');
const keyFile = join(temp, 'distribute.key');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function gazette(args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gazette distribute', () => {
  it('sends the output to each configured target; the copies verify', () => {
    expect(gazette(['demo', '--data-dir', data]).code).toBe(0);
    expect(gazette(['build', '--out', site, '--data-dir', data, '--quiet']).code).toBe(0);
    const config = {
      roots: [temp],
      targets: [{ name: 'www', type: 'directory', path: join(temp, 'www') }],
    };
    writeFileSync(join(data, 'distribute.json'), JSON.stringify(config));
    // Without a key nothing is sent, and the message says how to make one.
    const unkeyed = gazette(['distribute', '--from', site, '--data-dir', data]);
    expect(unkeyed.code).toBe(1);
    expect(unkeyed.stderr).toContain('no distribution key configured');
    expect(unkeyed.stderr).toContain('gazette distribute key');
    expect(gazette(['distribute', 'key', '--id', 'k1', '--out', keyFile]).stdout).toContain('Wrote key k1');
    writeFileSync(
      join(data, 'distribute.json'),
      JSON.stringify({
        keyFile,
        roots: [temp],
        targets: [
          { name: 'www', type: 'directory', path: join(temp, 'www') },
          { name: 'gateway', type: 'drop', path: join(temp, 'drop') },
        ],
      }),
    );
    const res = gazette(['distribute', '--from', site, '--data-dir', data]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/www\s+sent \(full\)/);
    expect(gazette(['verify', join(temp, 'www')]).code).toBe(0);
    const status = JSON.parse(
      gazette(['distribute', 'status', '--from', site, '--data-dir', data, '--format', 'json']).stdout,
    ) as { name: string; healthy: boolean; sequence: number }[];
    expect(status.map((s) => [s.name, s.healthy, s.sequence > 0])).toEqual([
      ['www', true, true],
      ['gateway', true, true],
    ]);
  }, 300_000);

  it('refuses an unknown target, and a configured path outside the roots', () => {
    const unknown = gazette(['distribute', '--from', site, '--data-dir', data, '--target', 'nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no target named "nope"');
    const config = join(temp, 'bad.json');
    writeFileSync(
      config,
      JSON.stringify({ roots: [temp], targets: [{ name: 'x', type: 'directory', path: '/var/www' }] }),
    );
    const outside = spawnSync(process.execPath, [MAIN, 'distribute', '--from', site, '--data-dir', data], {
      encoding: 'utf8',
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DISTRIBUTE_CONFIG: config },
    });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('outside the configured roots');
  }, 120_000);

  it('distribute apply takes the drop folder on the far side and restores a tampered file with --verify', () => {
    const far = join(temp, 'far');
    // The far side with another key refuses the package and applies nothing.
    const otherKey = join(temp, 'other.key');
    gazette(['distribute', 'key', '--id', 'k1', '--out', otherKey]);
    const wrong = gazette([
      'distribute',
      'apply',
      '--from',
      join(temp, 'drop'),
      '--to',
      far,
      '--key-file',
      otherKey,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/signature does not match key "k1"/);
    expect(existsSync(join(far, 'index.html'))).toBe(false);
    const first = gazette([
      'distribute',
      'apply',
      '--from',
      join(temp, 'drop'),
      '--to',
      far,
      '--key-file',
      keyFile,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ \(.*\): \d+ written, 0 removed, switched/);
    appendFileSync(join(far, 'index.html'), '<!-- defaced -->');
    expect(gazette(['verify', far]).code).toBe(1);
    const again = gazette([
      'distribute',
      'apply',
      '--from',
      join(temp, 'drop'),
      '--to',
      far,
      '--verify',
      '--key-file',
      keyFile,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('1 differed, 1 restored');
    expect(gazette(['verify', far]).code).toBe(0);
  }, 120_000);
});

describe('gazette start --publish-to with targets', () => {
  it('distributes the output once it is ready', async () => {
    const out = join(temp, 'live');
    writeFileSync(
      join(data, 'distribute.json'),
      JSON.stringify({
        keyFile,
        roots: [temp],
        targets: [{ name: 'mirror', type: 'directory', path: join(temp, 'mirror') }],
      }),
    );
    const child = spawn(
      process.execPath,
      [MAIN, 'start', '--port', '0', '--data-dir', data, '--publish-to', out],
      {
        env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      for (let i = 0; i < 600 && !existsSync(join(temp, 'mirror', 'index.html')); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(join(temp, 'mirror', 'index.html'))).toBe(true);
      for (let i = 0; i < 100 && gazette(['verify', join(temp, 'mirror')]).code !== 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(gazette(['verify', join(temp, 'mirror')]).code).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
