import type { ColumnDefinitionBuilder, ColumnDataType, Kysely } from 'kysely';

// Migrations see the database untyped on purpose: they must not depend on today's schema types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

/**
 * The few things that differ between SQLite and PostgreSQL, kept out of repositories and migrations.
 * Repositories use plain Kysely; anything dialect-specific goes through one of these.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of an auto-incrementing integer primary key. */
  readonly serialType: ColumnDataType;
  /** Makes a `serialType` column the auto-incrementing primary key. */
  serialKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Whether `error` is a uniqueness violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether `error` means the database is busy or locked by someone else. */
  isBusy(error: unknown): boolean;
}

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  serialType: 'integer',
  serialKey: (column) => column.primaryKey().autoIncrement(),
  isUniqueViolation: (error) => hasCode(error, ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']),
  isBusy: (error) => hasCode(error, ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT']),
};

function hasCode(error: unknown, codes: readonly string[]): boolean {
  return (
    typeof error === 'object' && error !== null && codes.includes(String((error as { code?: unknown }).code))
  );
}

/** A migration gets the adapter so that it can pick types without importing a driver. */
export interface GazetteMigration {
  readonly name: string;
  up(db: AnyKysely, dialect: DialectAdapter): Promise<void>;
}
