import { sql, type ColumnDefinitionBuilder, type ColumnDataType, type Kysely } from 'kysely';

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
  /** Whether `error` means the connection to the database server failed or was lost. */
  isConnectionError(error: unknown): boolean;
  /** Whether `error` means the database (or the disk under it) is full. */
  isStorageFull(error: unknown): boolean;
  /** The tables of the database with their keys, for copying between databases. */
  describeTables(db: AnyKysely): Promise<TableShape[]>;
  /** After rows were inserted with explicit ids: the next generated id follows the largest one. */
  resetSerial(db: AnyKysely, table: string, column: string): Promise<void>;
}

/** What `gazette db copy` needs to know of a table. */
export interface TableShape {
  readonly name: string;
  /** Column names in their declared order. */
  readonly columns: readonly string[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly {
    readonly columns: readonly string[];
    readonly table: string;
    readonly referencedColumns: readonly string[];
  }[];
}

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  serialType: 'integer',
  serialKey: (column) => column.primaryKey().autoIncrement(),
  isUniqueViolation: (error) => hasCode(error, ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']),
  isBusy: (error) => hasCode(error, ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT']),
  // An embedded database has no connection to lose.
  isConnectionError: () => false,
  isStorageFull: (error) => hasCode(error, ['SQLITE_FULL']),
  async describeTables(db) {
    const tables = await sql<{ name: string }>`
      select name from pragma_table_list
      where schema = 'main' and type = 'table' and substr(name, 1, 7) <> 'sqlite_'
      order by name`.execute(db);
    return Promise.all(
      tables.rows.map(async ({ name }): Promise<TableShape> => {
        const columns = await sql<{ name: string; pk: number }>`
          select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
        const keys = await sql<{ id: number; seq: number; table: string; from: string; to: string | null }>`
          select id, seq, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(
          db,
        );
        const primaryKey = columns.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
        const foreignKeys = new Map<
          number,
          { columns: string[]; table: string; referencedColumns: string[] }
        >();
        for (const key of keys.rows) {
          const fk = foreignKeys.get(key.id) ?? { columns: [], table: key.table, referencedColumns: [] };
          fk.columns.push(key.from);
          fk.referencedColumns.push(key.to ?? 'id');
          foreignKeys.set(key.id, fk);
        }
        return {
          name,
          columns: columns.rows.map((c) => c.name),
          primaryKey,
          foreignKeys: [...foreignKeys.values()],
        };
      }),
    );
  },
  // AUTOINCREMENT keeps its counter in sqlite_sequence, which follows explicit ids by itself.
  resetSerial: () => Promise.resolve(),
};

/** SQLSTATE codes and driver messages that mean the server or the connection to it went away. */
const PG_CONNECTION_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown, e.g. pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '3D000', // the database does not exist (dropped or renamed)
  '28P01', // wrong password
  '28000', // no pg_hba.conf entry
];
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout expired/,
  /^timeout exceeded when trying to connect/, // every pooled connection busy for the whole connect timeout
  /not queryable/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end/,
];

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  serialType: 'serial',
  serialKey: (column) => column.primaryKey(),
  isUniqueViolation: (error) => hasCode(error, ['23505']),
  // serialization_failure, lock_not_available, deadlock_detected
  isBusy: (error) => hasCode(error, ['40001', '55P03', '40P01']),
  // disk_full
  isStorageFull: (error) => hasCode(error, ['53100']),
  isConnectionError: (error) => {
    if (typeof error !== 'object' || error === null) return false;
    const raw = (error as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : '';
    if (PG_CONNECTION_CODES.includes(code) || code.startsWith('08')) return true; // class 08: connection exception
    const message = (error as { message?: unknown }).message;
    return typeof message === 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
  },
  async describeTables(db) {
    const tables = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = current_schema() order by c.relname`.execute(db);
    const columns = await sql<{ table: string; name: string }>`
      select c.relname as "table", a.attname as name
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(db);
    const constraints = await sql<{
      table: string;
      type: string;
      columns: string[];
      references: string | null;
      referenced: string[] | null;
    }>`
      select c.relname as "table", co.contype as type,
        array(select a.attname from unnest(co.conkey) with ordinality k(num, i)
              join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.num order by k.i)::text[] as columns,
        r.relname as "references",
        array(select a.attname from unnest(co.confkey) with ordinality k(num, i)
              join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.num order by k.i)::text[] as referenced
      from pg_constraint co join pg_class c on c.oid = co.conrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_class r on r.oid = co.confrelid
      where n.nspname = current_schema() and co.contype in ('p', 'f')
      order by c.relname, co.conname`.execute(db);
    return tables.rows.map(({ name }): TableShape => ({
      name,
      columns: columns.rows.filter((c) => c.table === name).map((c) => c.name),
      primaryKey: constraints.rows.find((c) => c.table === name && c.type === 'p')?.columns ?? [],
      foreignKeys: constraints.rows
        .filter((c) => c.table === name && c.type === 'f' && c.references !== null)
        .map((c) => ({
          columns: c.columns,
          table: c.references ?? '',
          referencedColumns: c.referenced ?? [],
        })),
    }));
  },
  async resetSerial(db, table, column) {
    // Only a serial column has a sequence behind it; the next id it gives is then max + 1.
    const found = await sql<{ sequence: string | null }>`
      select pg_get_serial_sequence(${table}, ${column}) as sequence`.execute(db);
    const sequence = found.rows[0]?.sequence;
    if (!sequence) return;
    await sql`
      select setval(${sequence}::regclass, coalesce(max(${sql.ref(column)}), 0) + 1, false)
      from ${sql.table(table)}`.execute(db);
  },
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
