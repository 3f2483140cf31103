export type { DialectAdapter, TableShape } from './dialect.js';
export { postgresAdapter, sqliteAdapter } from './dialect.js';
export { migrateToLatest } from './migrate.js';
export { makeDirectory } from './make-directory.js';
export { openSqlite, openSqliteFile, openSqliteMemory, type OpenedDatabase } from './sqlite.js';
export { maskDatabaseUrl, openPostgres, withDatabaseName, type PostgresOptions } from './postgres.js';
export { CHANGE_CHANNEL, openPostgresChangeFeed } from './postgres-change-feed.js';
export {
  copyDatabase,
  openDatabaseAt,
  summariseDatabase,
  type CopyOptions,
  type CopyResult,
  type DatabaseSummary,
  type TableSummary,
} from './copy-database.js';
export { createStore } from './store.js';
export type { Database } from './schema.js';
export { createLocalMediaStore } from './local-media-store.js';
