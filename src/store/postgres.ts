import {
  Kysely,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { GazetteError, isGazetteError } from '../core/index.js';
import { postgresAdapter, type DialectAdapter } from './dialect.js';
import { openPostgresChangeFeed } from './postgres-change-feed.js';
import type { Database } from './schema.js';
import type { OpenedDatabase } from './sqlite.js';

export interface PostgresOptions {
  /** How long to wait for a connection; an unreachable server is reported within this. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
  /** Told of connection trouble that no request is waiting for (an idle connection closed by the server). */
  readonly onError?: (error: unknown) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** The URL with its password (in the user part or as a `password` parameter) replaced by `***`. */
export function maskDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(a database URL that cannot be parsed)';
  }
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString().replace('%2A%2A%2A', '***');
}

/** The URL with another database name: tests make and drop databases of their own. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/**
 * Opens a pool of connections to PostgreSQL and checks that one can be made, so that a wrong URL,
 * a server that does not answer or wrong credentials are one clear error at startup
 * (`GZ_DATABASE_UNREACHABLE`, within the connect timeout), never a hang.
 * Afterwards a connection lost during a query fails that query with `GZ_DATABASE_UNAVAILABLE`
 * (503); the pool makes new connections once the server is back.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<OpenedDatabase> {
  const location = maskDatabaseUrl(url);
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const onError = options.onError ?? (() => undefined);
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
    throw new GazetteError(
      'GZ_CONFIG_INVALID',
      `database URL must look like postgres://user@host:5432/name`,
      {
        field: 'databaseUrl',
      },
    );
  }
  // Loaded only for PostgreSQL: a process on SQLite does without the driver's memory.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'gazette',
  });
  // An idle connection the server closes is reported here; without a listener it would end the process.
  pool.on('error', onError);
  // A connection lost while checked out (between two queries of a transaction) is reported on the client;
  // without a listener that too would end the process. The next query on it fails, and that is reported.
  pool.on('connect', (client) => client.on('error', () => undefined));

  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new GazetteError(
      'GZ_DATABASE_UNREACHABLE',
      `${location} (${reasonOf(cause, url, timeoutMs)})`,
      {},
      { cause },
    );
  }

  const db = new Kysely<Database>({
    dialect: translateErrors(new PostgresDialect({ pool }), postgresAdapter),
  });
  return {
    db,
    dialect: postgresAdapter,
    location,
    openChangeFeed: (onListenerError) =>
      openPostgresChangeFeed({
        db,
        connectionString: url,
        connectTimeoutMs: timeoutMs,
        onError: onListenerError ?? onError,
      }),
    close: () => db.destroy(),
  };
}

/** A short reason for a failed connection, never the password. */
function reasonOf(error: unknown, url: string, timeoutMs: number): string {
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  let reason: string;
  if (code === 'ECONNREFUSED') reason = 'connection refused: is PostgreSQL running there?';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = 'host not found';
  else if (/timeout/i.test(message)) reason = `no answer within ${Math.round(timeoutMs / 1000)} s`;
  else reason = message || code || 'unknown error';
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // maskDatabaseUrl already said the URL cannot be parsed
  }
  return password ? reason.split(password).join('***') : reason;
}

/**
 * Wraps a dialect so that every error of its driver passes through one place: connection failures
 * become `GZ_DATABASE_UNAVAILABLE` (kind unavailable, 503); everything else is passed on unchanged.
 */
export function translateErrors(dialect: Dialect, adapter: DialectAdapter): Dialect {
  const translate = (error: unknown): unknown =>
    !isGazetteError(error) && adapter.isConnectionError(error)
      ? new GazetteError('GZ_DATABASE_UNAVAILABLE', undefined, {}, { cause: error })
      : error;
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw translate(error);
    }
  };
  const inners = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const inner = (connection: DatabaseConnection): DatabaseConnection => inners.get(connection) ?? connection;
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> =>
        guard(() => connection.executeQuery<R>(query)),
      async *streamQuery<R>(query: Parameters<DatabaseConnection['streamQuery']>[0], chunkSize?: number) {
        try {
          yield* connection.streamQuery<R>(query, chunkSize);
        } catch (error) {
          throw translate(error);
        }
      },
    };
    inners.set(wrapped, connection);
    return wrapped;
  };

  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      return {
        init: () => guard(() => driver.init()),
        acquireConnection: () => guard(async () => wrap(await driver.acquireConnection())),
        beginTransaction: (c, settings) => guard(() => driver.beginTransaction(inner(c), settings)),
        commitTransaction: (c) => guard(() => driver.commitTransaction(inner(c))),
        rollbackTransaction: (c) => guard(() => driver.rollbackTransaction(inner(c))),
        ...(driver.savepoint && {
          savepoint: (c, name, compile) => guard(() => driver.savepoint!(inner(c), name, compile)),
        }),
        ...(driver.rollbackToSavepoint && {
          rollbackToSavepoint: (c, name, compile) =>
            guard(() => driver.rollbackToSavepoint!(inner(c), name, compile)),
        }),
        ...(driver.releaseSavepoint && {
          releaseSavepoint: (c, name, compile) =>
            guard(() => driver.releaseSavepoint!(inner(c), name, compile)),
        }),
        releaseConnection: (c) => driver.releaseConnection(inner(c)),
        destroy: () => driver.destroy(),
      };
    },
  };
}
