import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function gazette(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gazette command line', () => {
  it('prints help for the program and for each command', () => {
    const top = gazette(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('start');
    expect(top.stdout).toContain('migrate');
    for (const command of ['start', 'migrate', 'demo']) {
      const res = gazette([command, '--help']);
      expect(res.code, command).toBe(0);
      expect(res.stdout).toContain(`gazette ${command}`);
    }
  });

  it('answers a wrong command, flag or value with one line and exit code 2', () => {
    for (const args of [
      ['nosuch'],
      ['start', '--bogus'],
      ['start', '--port', 'abc'],
      ['start', '--port', '70000'],
      ['migrate', 'extra'],
    ]) {
      const res = gazette(args, { GAZETTE_DATA_DIR: join(temp, 'unused') });
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(res.stderr).toMatch(/^gazette /);
    }
  });

  it('names the path when the data directory cannot be written', () => {
    const file = join(temp, 'not-a-directory');
    writeFileSync(file, 'x');
    const res = gazette(['migrate', '--data-dir', join(file, 'data')]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('数据目录不可写');
    expect(res.stderr).toContain(join(file, 'data'));
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the database when another process holds its lock', () => {
    const dir = join(temp, 'locked');
    expect(gazette(['migrate', '--data-dir', dir]).code).toBe(0);
    const holder = new SqliteDatabase(join(dir, 'gazette.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const res = gazette(['migrate', '--data-dir', dir]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('数据库被其他进程锁定');
      expect(res.stderr).toContain(join(dir, 'gazette.db'));
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('loads the demo only into an empty database', () => {
    const dir = join(temp, 'demo');
    const first = gazette(['demo', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\d+ articles/);
    const second = gazette(['demo', '--data-dir', dir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already holds a site');
  });

  it('starts, prints the URL, serves the demo portal and stops on SIGTERM', async () => {
    const dir = join(temp, 'start');
    const child = spawn(process.execPath, [MAIN, 'start', '--port', '0', '--data-dir', dir], {
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /serving (http:\/\/\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html lang="zh-CN"');
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
