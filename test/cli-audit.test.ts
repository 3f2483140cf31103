import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-audit-'));
const dataDir = join(temp, 'data');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function gazette(args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function withDatabase<T>(work: (db: SqliteDatabase.Database) => T): T {
  const db = new SqliteDatabase(join(dataDir, 'gazette.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

describe('gazette audit', () => {
  let records = 0;

  beforeAll(() => {
    const demo = gazette(['demo', '--data-dir', dataDir]);
    expect(demo.code, demo.stderr).toBe(0);
    records = withDatabase(
      (db) => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    );
  }, 60_000);

  it('exports the log as CSV for Excel and as JSON', () => {
    expect(records).toBeGreaterThan(10);
    const csvFile = join(temp, 'audit.csv');
    const csv = gazette(['audit', 'export', '--data-dir', dataDir, '--out', csvFile]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toContain(`Exported ${records} audit records`);
    const text = readFileSync(csvFile, 'utf8');
    expect(text.startsWith('\uFEFF序号,')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(records + 1);

    const json = gazette(['audit', 'export', '--format', 'json', '--data-dir', dataDir]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { id: number }[];
    expect(parsed.map((r) => r.id)).toEqual(Array.from({ length: records }, (_, i) => i + 1));

    // The demo was loaded today (Beijing time): nothing before 2000, everything up to a far date.
    const none = gazette([
      'audit',
      'export',
      '--format',
      'json',
      '--to',
      '1999-12-31',
      '--data-dir',
      dataDir,
    ]);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const all = gazette([
      'audit',
      'export',
      '--format',
      'json',
      '--from',
      '2000-01-01',
      '--data-dir',
      dataDir,
    ]);
    expect(JSON.parse(all.stdout)).toHaveLength(records);
  });

  it('answers a bad format or date with a usage error', () => {
    for (const args of [
      ['--format', 'xml'],
      ['--from', '2026-02-30'],
      ['--to', 'yesterday'],
    ]) {
      const res = gazette(['audit', 'export', '--data-dir', dataDir, ...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('passes an untouched log, then names a row changed and rows deleted directly in the SQLite file', () => {
    const intact = gazette(['audit', 'verify', '--data-dir', dataDir]);
    expect(intact.code, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`Audit log intact: ${records} records checked.`);
    expect(intact.stdout).toMatch(new RegExp(`Chain head: record ${records}, sha256 [0-9a-f]{64}`));

    withDatabase((db) => {
      db.prepare('UPDATE audit_log SET summary = \'{"name":"篡改"}\' WHERE id = 7').run();
      db.prepare('DELETE FROM audit_log WHERE id IN (9, 10)').run();
    });
    const tampered = gazette(['audit', 'verify', '--data-dir', dataDir]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('Audit log FAILED verification: 2 problems');
    expect(tampered.stdout).toContain('record 7 was changed');
    expect(tampered.stdout).toContain('records between 8 and 11 are missing');
  });
});
