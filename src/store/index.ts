export type { DialectAdapter } from './dialect.js';
export { sqliteAdapter } from './dialect.js';
export { migrateToLatest } from './migrate.js';
export { openSqlite, openSqliteMemory, type OpenedDatabase } from './sqlite.js';
export { createStore } from './store.js';
export type { Database } from './schema.js';
export { createLocalMediaStore } from './local-media-store.js';
