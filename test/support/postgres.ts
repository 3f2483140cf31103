import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { maskDatabaseUrl, withDatabaseName } from '../../src/store/index.js';

/** Where CI's PostgreSQL answers (trust auth); tests that may use PostgreSQL probe it when no URL is set. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The admin URL the whole suite runs on PostgreSQL with (`GAZETTE_TEST_DATABASE_URL`), or null to run
 * on in-memory SQLite. Each test database is created from it and dropped afterwards.
 */
export function testDatabaseUrl(): string | null {
  const url = process.env['GAZETTE_TEST_DATABASE_URL'];
  return url === undefined || url === '' ? null : url;
}

/** Whether a PostgreSQL server answers at `url` within `timeoutMs`. */
export async function postgresAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL for the tests that run on both databases: the URL to use, or null (with a line saying
 * why) when no server answers at `GAZETTE_TEST_DATABASE_URL` or, unset, at the default address.
 */
export async function reachablePostgres(): Promise<string | null> {
  const url = testDatabaseUrl() ?? DEFAULT_TEST_DATABASE_URL;
  if (await postgresAnswers(url)) return url;
  console.warn(`PostgreSQL not reachable at ${maskDatabaseUrl(url)}; skipping the PostgreSQL tests`);
  return null;
}

export interface TestDatabase {
  /** URL of the new database (the admin URL with another database name). */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates an empty database `gz_test_<random>` next to the one `adminUrl` names. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `gz_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabaseName(adminUrl, name),
    name,
    drop: () =>
      asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Runs `sql` as the admin (e.g. to end the connections of a test database). */
export function adminQuery(adminUrl: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return asAdmin(adminUrl, (client) => client.query(sql, values));
}
