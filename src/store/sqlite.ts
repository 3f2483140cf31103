import { accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  SelectQueryNode,
  SqliteDialect,
  ValueNode,
  type Driver,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SqliteDatabase as SqliteDialectDatabase,
  type UnknownRow,
} from 'kysely';
import { createInProcessChangeFeed, type ChangeFeed } from '../app/index.js';
import { GazetteError } from '../core/index.js';
import { sqliteAdapter, type DialectAdapter } from './dialect.js';
import type { Database } from './schema.js';
import { makeDirectory } from './make-directory.js';

export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectAdapter;
  /** Where the data lives, for messages (a database URL without its password). */
  readonly location: string;
  /**
   * The feed of content events between the processes that share this database: in-process for
   * SQLite, LISTEN/NOTIFY for PostgreSQL. Close it before the database.
   */
  openChangeFeed(onListenerError?: (error: unknown) => void): Promise<ChangeFeed>;
  close(): Promise<void>;
}

const inProcessFeed = (onListenerError?: (error: unknown) => void): Promise<ChangeFeed> =>
  Promise.resolve(createInProcessChangeFeed(onListenerError));

/**
 * Opens (creating if needed) `gazette.db` in `dataDir`, in WAL mode with foreign keys on.
 * A directory that cannot be written, or a database held by another process, is a clear error naming the path.
 */
export function openSqlite(dataDir: string): OpenedDatabase {
  return openSqliteFile(join(resolve(dataDir), 'gazette.db'));
}

/** Opens (creating if needed) one SQLite database file, as `openSqlite` does with `gazette.db`. */
export function openSqliteFile(path: string): OpenedDatabase {
  const file = resolve(path);
  const dir = dirname(file);
  makeDirectory(dir);
  try {
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (cause) {
    throw new GazetteError('GZ_STORAGE_NOT_WRITABLE', dir, { path: dir }, { cause });
  }
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file, { timeout: 5000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // Fails fast when another process holds a write lock, instead of at the first write.
    sqlite.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (cause) {
    if (sqliteAdapter.isBusy(cause))
      throw new GazetteError('GZ_STORAGE_LOCKED', file, { path: file }, { cause });
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(CANTOPEN|READONLY|IOERR)/.test(code)) {
      throw new GazetteError('GZ_STORAGE_NOT_WRITABLE', file, { path: file }, { cause });
    }
    throw cause;
  }
  dropValueSamples(sqlite);
  const db = sqliteKysely(sqlite);
  return {
    db,
    dialect: sqliteAdapter,
    location: file,
    openChangeFeed: inProcessFeed,
    close: () => db.destroy(),
  };
}

/** A private in-memory database, for tests. */
export function openSqliteMemory(): OpenedDatabase {
  const sqlite = new SqliteDatabase(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const db = sqliteKysely(sqlite);
  return {
    db,
    dialect: sqliteAdapter,
    location: ':memory:',
    openChangeFeed: inProcessFeed,
    close: () => db.destroy(),
  };
}

/** Prepared statements kept per connection; the SQL texts a running Gazette issues are a few hundred. */
const STATEMENT_CACHE_SIZE = 512;

/**
 * The connection as Kysely's SQLite driver sees it, with `prepare` remembering its statements: the driver
 * prepares every query anew, which cost about a tenth of a public page's CPU (profiled with bench/render).
 * Safe because the driver runs one query at a time on its single connection, and SQLite re-prepares a
 * statement by itself when the schema changes. Least recently used statements are dropped past the bound.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

function sqliteKysely(sqlite: SqliteDatabase.Database): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new RollbackAwareSqliteDialect(sqlite, { database: withStatementCache(sqlite) }),
    plugins: [new LiteralLimits()],
  });
}

/**
 * Kysely's SQLite dialect, except that a transaction SQLite has already rolled back by itself (it does on
 * SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM and a few others) is not rolled back a second time: that
 * `ROLLBACK` fails with "cannot rollback - no transaction is active" and its error would replace the one
 * that says what went wrong.
 */
class RollbackAwareSqliteDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database;

  constructor(sqlite: SqliteDatabase.Database, config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.#sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/**
 * Writes a whole-number LIMIT into the SQL text instead of binding it. SQLite's planner reads the value of a
 * bound LIMIT, so such a statement is prepared again at every run, past the statement cache (about 3 µs a
 * query, measured in a scratch benchmark; 21 vs 7 µs for an article's neighbours at 100k articles). The
 * limits Gazette uses are a handful of page sizes, so the texts stay few. OFFSET does not have the cost
 * and stays bound (a literal one would make a statement per page number). A subquery's LIMIT stays bound
 * too: write it with `sql.lit` where it matters.
 */
class LiteralLimits implements KyselyPlugin {
  // Only the query's own LIMIT: copying the whole tree to reach a subquery's cost more than it saved.
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (!SelectQueryNode.is(node) || !node.limit) return node;
    const limit: OperationNode = node.limit.limit;
    if (
      !ValueNode.is(limit) ||
      limit.immediate ||
      !Number.isSafeInteger(limit.value) ||
      (limit.value as number) < 0
    )
      return node;
    return { ...node, limit: { ...node.limit, limit: ValueNode.createImmediate(limit.value) } };
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * Gazette keeps SQLite's per-index statistics (`sqlite_stat1`) but not its per-value samples
 * (`sqlite_stat4`), which `ANALYZE` writes when SQLite is built with STAT4, as better-sqlite3's is. With
 * samples, SQLite prepares a statement again whenever a bound value might change its plan, which is nearly
 * every query here: an article page read 304 µs of data with them and 192 µs without at 100k articles.
 * Gazette's queries walk the covering index their WHERE and ORDER BY name, which the per-index statistics
 * are enough to choose. Nothing in Gazette runs ANALYZE; this undoes the samples of an operator's.
 */
function dropValueSamples(sqlite: SqliteDatabase.Database): void {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'");
  if (!table.get()) return;
  if (!sqlite.prepare('SELECT 1 FROM sqlite_stat4 LIMIT 1').get()) return;
  // ANALYZE sqlite_schema reloads the remaining statistics into the planner.
  sqlite.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;');
}
