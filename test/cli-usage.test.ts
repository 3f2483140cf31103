import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Every usage error of every command exits with code 2 and one line that names the wrong part; sites are
 * named by id or slug wherever the CLI takes one, and `gazette site list` shows both.
 */

// Runs the built CLI: `npm test` builds first (run `npm run build` before running this file alone).
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-usage-'));
const dataDir = join(temp, 'data');

function gazette(args: readonly string[], input = '') {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GAZETTE_LOG_LEVEL: 'silent',
      GAZETTE_DATABASE_URL: '',
      GAZETTE_DATA_DIR: dataDir,
    },
    input,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command names `gazette --help` lists. */
function commandNames(): string[] {
  const help = gazette(['--help']).stdout;
  const lines = help.split('\n');
  const start = lines.indexOf('Commands:') + 1;
  const names: string[] = [];
  for (const line of lines.slice(start)) {
    const match = /^ {2}(\S+(?: [a-z]+)?) {2,}/.exec(line);
    if (!match) break;
    names.push(match[1]!);
  }
  return names;
}

function expectUsageError(args: readonly string[], ...named: string[]): void {
  const res = gazette(args);
  const what = args.join(' ');
  expect(res.code, `${what}\n${res.stderr}`).toBe(2);
  const lines = res.stderr.trim().split('\n');
  expect(lines, what).toHaveLength(1);
  expect(lines[0], what).toMatch(/^gazette /);
  for (const part of named) expect(lines[0], what).toContain(part);
}

beforeAll(() => {
  expect(gazette(['demo']).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('gazette site list', () => {
  it('shows each site with its id, slug, name, hosts, status and counts, as text or JSON', () => {
    const text = gazette(['site', 'list']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+slug\s+name\s+hosts\s+status\s+columns\s+published\s+articles$/);
    expect(lines[1]).toMatch(/^1\s+main\s+青川市人民政府/);
    const json = gazette(['site', 'list', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const sites = JSON.parse(json.stdout) as { id: number; slug: string; name: string; hosts: string[] }[];
    expect(sites.map(({ id, slug, name }) => ({ id, slug, name }))).toEqual([
      { id: 1, slug: 'main', name: '青川市人民政府' },
    ]);
    expect(Array.isArray(sites[0]!.hosts)).toBe(true);
  });
});

describe('gazette site add, disable, enable', () => {
  it('adds a site with the standard columns, refuses a taken or malformed host, and switches a site', () => {
    const added = gazette([
      'site',
      'add',
      '--name',
      '青川市澜滨区人民政府',
      '--host',
      'lanbin.qingchuan.gov.cn',
      '--alias',
      'www.lanbin.gov.cn',
    ]);
    expect(added.code, added.stderr).toBe(0);
    // The 10 standard columns and the 12 of the 政府信息公开 专栏 (its root, 指南, 制度, 法定主动公开内容 with
    // its sub-columns, 年报, 依申请公开).
    expect(added.stdout).toMatch(
      /site \d+ \(lanbin\) added: 青川市澜滨区人民政府, lanbin.qingchuan.gov.cn, www.lanbin.gov.cn, 22 columns/,
    );
    const taken = gazette(['site', 'add', '--name', '另一个区', '--host', 'www.lanbin.gov.cn']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('GZ_HOST_TAKEN');
    expect(taken.stderr).toContain('青川市澜滨区人民政府');
    const port = gazette(['site', 'add', '--name', '另一个区', '--host', 'other.qingchuan.gov.cn:8080']);
    expect(port.stderr).toContain('GZ_INVALID_HOST');
    expect(
      gazette(['site', 'add', '--name', '另一个区', '--host', 'Other.qingchuan.gov.cn']).stderr,
    ).toContain('upper case');
    expectUsageError(['site', 'add', '--host', 'x.qingchuan.gov.cn'], '--name');
    expect(gazette(['site', 'disable', 'lanbin']).stdout).toContain('is disabled');
    const list = JSON.parse(gazette(['site', 'list', '--format', 'json']).stdout) as {
      slug: string;
      status: string;
      columns: number;
    }[];
    expect(list.find((s) => s.slug === 'lanbin')).toMatchObject({ status: 'disabled', columns: 22 });
    expect(gazette(['site', 'enable', 'lanbin']).stdout).toContain('is active');
  });
});

describe('sites by id or slug', () => {
  it('--site and ROLE@SITE take a slug as well as an id', () => {
    for (const site of ['1', 'main']) {
      const res = gazette(['search', 'query', '青川', '--site', site]);
      expect(res.code, res.stderr).toBe(0);
    }
    const added = gazette(['user', 'add', 'slugeditor', '--name', '按别名', '--role', 'editor@main']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('editor@1');
  });

  it('user list shows each account with its id', () => {
    const res = gazette(['user', 'list']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+username\s+name\s+status\s+roles/);
    expect(lines.find((l) => l.includes('slugeditor'))).toMatch(/^\d+\s+slugeditor\s/);
  });
});

describe('usage errors: exit 2, one line, naming the wrong part', () => {
  it('an unknown flag, for every command', () => {
    const names = commandNames();
    expect(names).toEqual(expect.arrayContaining(['start', 'user add', 'site list', 'check links']));
    for (const name of names)
      expectUsageError([...name.split(' '), '--no-such-flag'], name, '--no-such-flag');
  });

  it('a missing argument, for every command that takes one', () => {
    expectUsageError(['user', 'add', '--name', '某人'], 'USERNAME');
    expectUsageError(['user', 'passwd'], 'USERNAME');
    expectUsageError(['user', 'disable'], 'USERNAME');
    expectUsageError(['user', 'enable'], 'USERNAME');
    expectUsageError(['search', 'query'], 'WORDS');
    expectUsageError(['search', 'terms'], 'ACTION');
    expectUsageError(['check', 'terms'], 'ACTION');
    expectUsageError(['verify'], 'DIR');
    expectUsageError(['site'], 'site list');
    expectUsageError(['nosuch'], 'nosuch');
  }, 120_000);

  it('a missing or wrong option value', () => {
    expectUsageError(['start', '--port', 'abc'], 'port');
    expectUsageError(['start', '--workers', 'x'], 'workers');
    expectUsageError(['user', 'add', 'someone'], '--name');
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'wizard@1'],
      'unknown role',
      'wizard',
    );
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'editor@qingchuan'],
      'unknown site',
      'qingchuan',
    );
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'editor@99'],
      'unknown site',
      '99',
    );
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'editor@main/abc'],
      'column',
      'abc',
    );
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'editor@main/99999'],
      'column',
      '99999',
    );
    expectUsageError(['user', 'add', 'someone', '--name', '某人', '--role', 'editor'], 'editor', 'site');
    expectUsageError(
      ['user', 'add', 'someone', '--name', '某人', '--role', 'system-admin@main'],
      'system-admin',
    );
    expectUsageError(['search', 'query', '青川', '--site', 'qingchuan'], '--site', 'qingchuan');
    expectUsageError(['search', 'reindex', '--site', '99'], '--site', '99');
    expectUsageError(['search', 'terms', 'frob'], 'frob');
    expectUsageError(['search', 'terms', 'add'], 'TERM');
    expectUsageError(['import', 'x.html', '--column', 'zwgk', '--site', 'qingchuan'], '--site', 'qingchuan');
    expectUsageError(['import', 'x.html', '--format', 'xml'], '--format', 'xml');
    expectUsageError(['build'], '--out');
    expectUsageError(['build', '--out', join(temp, 'out'), '--site', 'qingchuan'], '--site', 'qingchuan');
    expectUsageError(['verify', temp, '--format', 'xml'], '--format', 'xml');
    expectUsageError(['check'], '--stdin');
    expectUsageError(['check', '--stdin', '--format', 'xml'], '--format', 'xml');
    expectUsageError(['check', 'site', '--format', 'xml'], '--format', 'xml');
    expectUsageError(['check', 'terms', 'frob'], 'frob');
    expectUsageError(['check', 'terms', 'add', '--kind', 'bad', '--term', '某词'], '--kind', 'bad');
    expectUsageError(['check', 'terms', 'add', '--kind', 'sensitive'], '--term');
    expectUsageError(['check', 'terms', 'remove', 'abc'], 'abc');
    expectUsageError(['check', 'terms', 'list', '--site', 'qingchuan'], '--site', 'qingchuan');
    expectUsageError(['check', 'links', '--concurrency', '0'], '--concurrency');
    expectUsageError(['check', 'links', '--base', 'notaurl'], '--base', 'notaurl');
    expectUsageError(['audit', 'export', '--format', 'xml'], '--format', 'xml');
    expectUsageError(['audit', 'export', '--from', 'baddate'], '--from', 'baddate');
    expectUsageError(['db', 'copy', '--from', dataDir], '--to');
    expectUsageError(['site', 'list', '--format', 'xml'], '--format', 'xml');
  }, 300_000);
});
