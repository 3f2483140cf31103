import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI: `npm test` builds first (run `npm run build` before running this file alone).
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-user-'));
const dataDir = join(temp, 'data');

function gazette(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [MAIN, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DATABASE_URL: '' },
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readDb<T>(work: (db: SqliteDatabase.Database) => T): T {
  const db = new SqliteDatabase(join(dataDir, 'gazette.db'), { readonly: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const ONE_TIME = /One-time password(?: for \w+)?: (\S+)/;

beforeAll(() => {
  expect(gazette(['demo']).code).toBe(0);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('gazette user', () => {
  let wangliPassword = '';

  it('adds a user with roles and prints a one-time password that must be changed', async () => {
    const res = gazette([
      'user',
      'add',
      'WangLi',
      '--name',
      '王丽',
      '--role',
      'editor@1',
      '--role',
      'reviewer-1@1',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Created wangli (王丽); roles: editor@1, reviewer-1@1.');
    wangliPassword = ONE_TIME.exec(res.stdout)?.[1] ?? '';
    expect(wangliPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const row = readDb((db) =>
      db.prepare('select password_hash, must_change_password from users where username = ?').get('wangli'),
    ) as { password_hash: string; must_change_password: number };
    expect(row.must_change_password).toBe(1);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(row.password_hash, wangliPassword)).toBe(true);
  });

  it('takes a password from standard input without printing it', () => {
    const res = gazette(
      ['user', 'add', 'zhaomin', '--name', '赵敏', '--role', 'contributor@1', '--password-stdin'],
      'Strong-river-2026\n',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toMatch(ONE_TIME);
    expect(res.stdout).not.toContain('Strong-river-2026');
  });

  it('refuses a weak password, a taken username and a wrong role', () => {
    const weak = gazette(['user', 'add', 'weakling', '--name', '弱', '--password-stdin'], 'password1\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('GZ_PASSWORD_WEAK');
    const taken = gazette(['user', 'add', 'wangli', '--name', '王丽']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('GZ_USERNAME_TAKEN');
    const role = gazette(['user', 'add', 'someone', '--name', '某人', '--role', 'wizard@1']);
    expect(role.code).toBe(2);
    expect(role.stderr.trim().split('\n')).toHaveLength(1);
    const global = gazette(['user', 'add', 'someone', '--name', '某人', '--role', 'editor']);
    expect(global.code).toBe(2);
    expect(global.stderr).toContain('needs a site');
    const noName = gazette(['user', 'add', 'someone']);
    expect(noName.code).toBe(2);
    const noUser = gazette(['user', 'add', '--name', '某人']);
    expect(noUser.code).toBe(2);
  });

  it('lists the accounts', () => {
    const res = gazette(['user', 'list']);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+username\s+name\s+status\s+roles\s+last login\s+2FA$/);
    expect(lines[1]).toMatch(/^\d+\s+wangli\s+王丽\s+active\s+editor@1, reviewer-1@1\s+never\s+no$/);
    expect(lines[2]).toMatch(/^\d+\s+zhaomin\s+赵敏\s+active\s+contributor@1\s+never\s+no$/);
    // Columns line up on a terminal, where each Chinese character is two columns wide: two characters
    // of 王丽 fill four columns, so the status starts two string positions earlier than its heading.
    expect(lines[1]!.indexOf('active')).toBe(lines[0]!.indexOf('status') - 2);
  });

  it('gives a new one-time password with passwd', async () => {
    const res = gazette(['user', 'passwd', 'wangli']);
    expect(res.code, res.stderr).toBe(0);
    const password = ONE_TIME.exec(res.stdout)?.[1] ?? '';
    expect(password).not.toBe(wangliPassword);
    const hash = readDb(
      (db) =>
        (
          db.prepare('select password_hash from users where username = ?').get('wangli') as {
            password_hash: string;
          }
        ).password_hash,
    );
    expect(await verify(hash, password)).toBe(true);
    expect(await verify(hash, wangliPassword)).toBe(false);
  });

  it('disables and enables an account', () => {
    expect(gazette(['user', 'disable', 'zhaomin']).code).toBe(0);
    expect(gazette(['user', 'list']).stdout).toMatch(/zhaomin\s+赵敏\s+disabled/);
    expect(gazette(['user', 'enable', 'zhaomin']).code).toBe(0);
    expect(gazette(['user', 'list']).stdout).toMatch(/zhaomin\s+赵敏\s+active/);
    const missing = gazette(['user', 'disable', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('GZ_USER_NOT_FOUND');
  });

  it('audits every change as the system actor', () => {
    const rows = readDb((db) =>
      db
        .prepare(`select action, actor_id, actor_name from audit_log where target_type = 'user' order by id`)
        .all(),
    ) as { action: string; actor_id: number | null; actor_name: string }[];
    expect(rows.map((r) => r.action)).toEqual([
      'user.create',
      'user.create',
      'user.password-reset',
      'user.disable',
      'user.enable',
    ]);
    expect(rows.every((r) => r.actor_id === null && r.actor_name === 'system:cli')).toBe(true);
  });
});
