import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo, openGazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { isGazetteError } from '../../src/core/index.js';
import { searchSite } from '../../src/app/index.js';
import {
  copyDatabase,
  openPostgres,
  openSqliteFile,
  openSqliteMemory,
  summariseDatabase,
  type OpenedDatabase,
} from '../../src/store/index.js';
import { fixedClock } from '../support/gazette.js';
import { createTestDatabase, reachablePostgres } from '../support/postgres.js';
import { content } from './store-contract.js';

const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const postgres = await reachablePostgres();
const temp = mkdtempSync(join(tmpdir(), 'gazette-copy-'));
/** The demo portal in a SQLite file, made once. */
const demoDir = join(temp, 'demo');

beforeAll(async () => {
  const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir: demoDir });
  const gazette = await openGazette(config, { clock: fixedClock('2026-11-20T02:00:00.000Z') });
  await ensureDemo(gazette);
  await gazette.close();
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const demoFile = () => join(demoDir, 'gazette.db');

async function using<T>(databases: OpenedDatabase[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    for (const database of databases) await database.close();
  }
}

/**
 * What a Gazette opened on `database` finds for 政府 on its first site, as the server would answer
 * `/api/search?q=政府` after starting on it (the start builds a missing index).
 */
async function searchTotal(database: OpenedDatabase, dataDir: string): Promise<number> {
  const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }), {
    clock: fixedClock('2026-11-20T02:00:00.000Z'),
    database,
  });
  try {
    const [site] = await gazette.deps.store.sites.list();
    const found = await searchSite(gazette.deps, { q: '政府', filter: { siteId: site?.id ?? 0 } });
    return found.total;
  } finally {
    await gazette.close();
  }
}

describe('copying a database', () => {
  it('copies every table with its ids and verifies counts and checksums (SQLite to SQLite)', async () => {
    const source = openSqliteFile(demoFile());
    const target = openSqliteFile(join(temp, 'copy-1.db'));
    await using([source, target], async () => {
      const result = await copyDatabase(source, target);
      expect(result.sourceChecksum).toMatch(/^[0-9a-f]{64}$/);
      expect(result.targetChecksum).toBe(result.sourceChecksum);
      const names = result.tables.map((t) => t.table);
      // referenced tables come first
      expect(names.indexOf('sites')).toBeLessThan(names.indexOf('columns'));
      expect(names.indexOf('columns')).toBeLessThan(names.indexOf('articles'));
      expect(names.indexOf('articles')).toBeLessThan(names.indexOf('series_members'));
      expect(names).not.toContain('gazette_migrations');
      expect(result.tables.find((t) => t.table === 'articles')?.rows).toBeGreaterThan(50);
      expect((await summariseDatabase(target)).checksum).toBe((await summariseDatabase(source)).checksum);
    });
    const expected = await searchTotal(openSqliteFile(demoFile()), join(temp, 'search-0'));
    expect(expected).toBeGreaterThan(0);
    expect(await searchTotal(openSqliteFile(join(temp, 'copy-1.db')), join(temp, 'search-1'))).toBe(expected);
  });

  it('refuses a target that holds data, and replaces it only with force', async () => {
    const source = openSqliteFile(demoFile());
    const target = openSqliteFile(join(temp, 'copy-2.db'));
    await using([source, target], async () => {
      await copyDatabase(source, target);
      const refused = await copyDatabase(source, target).catch((error: unknown) => error);
      expect(isGazetteError(refused) && refused.code).toBe('GZ_DATABASE_NOT_EMPTY');
      const forced = await copyDatabase(source, target, { force: true });
      expect(forced.emptiedRows).toBeGreaterThan(0);
      expect(forced.targetChecksum).toBe(forced.sourceChecksum);
    });
  });

  it('refuses a source whose schema is not up to date', async () => {
    const source = openSqliteMemory();
    const target = openSqliteMemory();
    await using([source, target], async () => {
      const refused = await copyDatabase(source, target).catch((error: unknown) => error);
      expect(isGazetteError(refused) && refused.code).toBe('GZ_DATABASE_SCHEMA_MISMATCH');
      expect((refused as Error).message).toContain('gazette migrate');
    });
  });

  it.skipIf(postgres === null)(
    'round-trips the demo portal SQLite → PostgreSQL → SQLite with equal checksums',
    async () => {
      const pg = await createTestDatabase(postgres ?? '');
      try {
        const original = openSqliteFile(demoFile());
        const onPostgres = await openPostgres(pg.url);
        const back = openSqliteFile(join(temp, 'round-trip.db'));
        await using([original, onPostgres, back], async () => {
          const there = await copyDatabase(original, onPostgres);
          const home = await copyDatabase(onPostgres, back);
          expect(there.targetChecksum).toBe(there.sourceChecksum);
          expect(home.sourceChecksum).toBe(there.sourceChecksum);
          expect(home.targetChecksum).toBe(there.sourceChecksum);
          expect((await summariseDatabase(back)).checksum).toBe((await summariseDatabase(original)).checksum);
          expect(home.tables.map((t) => [t.table, t.rows])).toEqual(
            there.tables.map((t) => [t.table, t.rows]),
          );
        });

        // Search finds the same on both sides once each is started on (the index is not copied).
        const expected = await searchTotal(openSqliteFile(demoFile()), join(temp, 'search-2'));
        expect(expected).toBeGreaterThan(0);
        expect(await searchTotal(await openPostgres(pg.url), join(temp, 'search-3'))).toBe(expected);
        expect(await searchTotal(openSqliteFile(join(temp, 'round-trip.db')), join(temp, 'search-4'))).toBe(
          expected,
        );

        // The copy on PostgreSQL is a working Gazette, and new ids follow the copied ones.
        const dataDir = join(temp, 'pg-data');
        const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }), {
          database: await openPostgres(pg.url),
        });
        try {
          const [site] = await gazette.deps.store.sites.list();
          const columns = await gazette.deps.store.columns.listBySite(site?.id ?? 0);
          const column = columns.find((c) => c.kind !== 'link');
          const largest = await gazette.database.db
            .selectFrom('articles')
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirstOrThrow();
          const article = await gazette.deps.store.articles.create(
            site?.id ?? 0,
            content(column?.id ?? 0, '迁移后的第一篇'),
            null,
            '2026-11-21T00:00:00.000Z',
          );
          expect(article.id).toBe(Number(largest.id) + 1);
        } finally {
          await gazette.close();
        }
      } finally {
        await pg.drop();
      }
    },
  );
});

describe('gazette db copy', () => {
  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, [MAIN, 'db', 'copy', ...args], {
      encoding: 'utf8',
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('prints the rows of every table and both checksums, refuses a full target, replaces it with --force', () => {
    const target = join(temp, 'cli-target');
    const first = cli(['--from', demoDir, '--to', target]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^articles\s+\d+$/m);
    const source = /source checksum\s+sha256:([0-9a-f]{64})/.exec(first.stdout)?.[1];
    const copied = /target checksum\s+sha256:([0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(source).toBeDefined();
    expect(copied).toBe(source);

    const refused = cli(['--from', demoDir, '--to', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('目标数据库已有数据');
    expect(refused.stderr).toContain('--force');

    const forced = cli(['--from', demoDir, '--to', target, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('emptied the target first');
  });

  it('names a source that does not exist, and wants both --from and --to', () => {
    const missing = cli(['--from', join(temp, 'nowhere'), '--to', join(temp, 'unused')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(temp, 'nowhere', 'gazette.db'));
    expect(cli(['--from', demoDir]).code).toBe(2);
  });
});
