import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/app/index.js';
import { createHttpServer, ensureDemo, openGazette, type Gazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openPostgres, openSqliteMemory, type OpenedDatabase } from '../../src/store/index.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './postgres.js';

export interface TestGazette {
  readonly gazette: Gazette;
  readonly app: FastifyInstance;
  readonly clock: MutableClock;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface MutableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function fixedClock(start: string): MutableClock {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    set: (iso) => {
      now = Date.parse(iso);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * A private database: in-memory SQLite, or, when `GAZETTE_TEST_DATABASE_URL` names a PostgreSQL admin
 * URL, a fresh PostgreSQL database of its own (dropped when the caller is done with it).
 */
export async function openTestDatabase(): Promise<{
  database: OpenedDatabase;
  testDatabase: TestDatabase | null;
}> {
  const adminUrl = testDatabaseUrl();
  if (adminUrl === null) return { database: openSqliteMemory(), testDatabase: null };
  const testDatabase = await createTestDatabase(adminUrl);
  try {
    return { database: await openPostgres(testDatabase.url, { poolSize: 4 }), testDatabase };
  } catch (error) {
    await testDatabase.drop();
    throw error;
  }
}

/**
 * A Gazette on a private database (see `openTestDatabase`) and a temporary data directory,
 * with a controlled clock.
 */
export async function startTestGazette(
  options: { demo?: boolean; now?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<TestGazette> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-test-'));
  const clock = fixedClock(options.now ?? '2026-11-20T02:00:00.000Z');
  // Tests share a busy machine: a late timer must not refuse their requests (test/http/load-shedding.test.ts
  // turns shedding on where it is tested).
  const config = loadConfig(
    { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_SHED_LAG_MS: '0', ...options.env },
    { dataDir },
  );
  const { database, testDatabase } = await openTestDatabase();
  let gazette: Gazette;
  try {
    gazette = await openGazette(config, { clock, database });
  } catch (error) {
    await testDatabase?.drop();
    throw error;
  }
  if (options.demo ?? true) await ensureDemo(gazette);
  const app = await createHttpServer(gazette);
  await app.ready();
  return {
    gazette,
    app,
    clock,
    dataDir,
    async close() {
      await app.close();
      await gazette.close();
      await testDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
