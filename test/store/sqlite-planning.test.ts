import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteFile, openSqliteMemory } from '../../src/store/sqlite.js';

/** What Gazette does so that SQLite can reuse its prepared statements (src/store/sqlite.ts). */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite statements', () => {
  it('write a whole-number LIMIT into the SQL and keep OFFSET and other values bound', async () => {
    const opened = openSqliteMemory();
    try {
      const query = opened.db
        .selectFrom('articles')
        .select('id')
        .where('site_id', '=', 7)
        .limit(20)
        .offset(40);
      const compiled = query.compile();
      expect(compiled.sql).toMatch(/ limit 20 offset \?$/);
      expect(compiled.parameters).toEqual([7, 40]);
      // A limit that is not a whole number stays a parameter, as it was.
      const odd = opened.db.selectFrom('articles').select('id').limit(2.5).compile();
      expect(odd.sql).toMatch(/ limit \?$/);
      expect(odd.parameters).toEqual([2.5]);
    } finally {
      await opened.close();
    }
  });

  it('keep per-index statistics and drop the per-value samples an ANALYZE wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-planning-'));
    dirs.push(dir);
    const file = join(dir, 'gazette.db');
    const raw = new SqliteDatabase(file);
    raw.exec('CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a);');
    const insert = raw.prepare('INSERT INTO t VALUES (?, ?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(i % 7, i);
    })();
    raw.exec('ANALYZE');
    const count = (db: SqliteDatabase.Database, table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count(raw, 'sqlite_stat4')).toBeGreaterThan(0);
    raw.close();

    const opened = openSqliteFile(file);
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_stat4`.execute(opened.db);
    const stat1 = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_stat1`.execute(opened.db);
    await opened.close();
    expect(rows.rows[0]?.n).toBe(0);
    expect(stat1.rows[0]?.n).toBeGreaterThan(0);
  });
});
