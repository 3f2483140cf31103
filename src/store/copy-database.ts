import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { GazetteError } from '../core/index.js';
import type { AnyKysely, TableShape } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openPostgres, type PostgresOptions } from './postgres.js';
import { openSqlite, openSqliteFile, openSqliteMemory, type OpenedDatabase } from './sqlite.js';

/** Tables the migrator keeps for itself: each database has its own, made by running the migrations. */
const MIGRATOR_TABLES = new Set(['gazette_migrations', 'gazette_migrations_lock']);
/** Rows read from the source per query. */
const PAGE_ROWS = 1000;
/** Bound parameters per INSERT: below SQLite's (32766) and PostgreSQL's (65535) limits. */
const MAX_PARAMETERS = 30_000;

export interface CopyOptions {
  /** Empty a target that holds data first (in the same transaction as the copy). */
  readonly force?: boolean;
}

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  /** SHA-256 of the table's rows, whatever order the database returns them in. */
  readonly sha256: string;
}

export interface DatabaseSummary {
  /** Tables by name, migrator tables left out. */
  readonly tables: readonly TableSummary[];
  /** SHA-256 over every table's name, row count and digest. Equal checksums, equal content. */
  readonly checksum: string;
}

export interface CopyResult {
  /** Tables in the order they were copied (referenced tables first), with the source's counts. */
  readonly tables: readonly TableSummary[];
  readonly sourceChecksum: string;
  /** Computed on the target inside the copy's transaction, before it committed. */
  readonly targetChecksum: string;
  /** Tables on one side only (e.g. a dialect's own search index), not copied. */
  readonly skipped: readonly string[];
  /** Rows deleted from the target first (`force`). */
  readonly emptiedRows: number;
}

/**
 * Opens the database that `where` names: a `postgres://` URL, a SQLite file (`*.db`, `*.sqlite`,
 * `*.sqlite3`, or any existing file), or a data directory holding `gazette.db`.
 * With `mustExist`, a SQLite database that is not there is an error instead of a new empty one.
 */
export function openDatabaseAt(
  where: string,
  options: PostgresOptions & { readonly mustExist?: boolean } = {},
): Promise<OpenedDatabase> {
  if (/^postgres(ql)?:\/\//.test(where)) return openPostgres(where, options);
  const isFile = /\.(db|sqlite3?)$/i.test(where) || (existsSync(where) && statSync(where).isFile());
  const file = isFile ? where : join(where, 'gazette.db');
  if (options.mustExist && !existsSync(file)) {
    throw new GazetteError('GZ_CONFIG_INVALID', `no SQLite database at ${resolve(file)}`, {
      path: resolve(file),
    });
  }
  return Promise.resolve(isFile ? openSqliteFile(where) : openSqlite(where));
}

/**
 * Copies every table from `source` to `target` (either dialect to either), preserving ids:
 * runs the migrations on the target, then in ONE transaction on the target empties it (only with
 * `force`; a target holding data is refused otherwise), inserts the rows referenced tables first,
 * moves id sequences past the copied ids, and compares row counts and content checksums of both
 * sides; any difference rolls the whole copy back. The source is read in one snapshot.
 */
export async function copyDatabase(
  source: OpenedDatabase,
  target: OpenedDatabase,
  options: CopyOptions = {},
): Promise<CopyResult> {
  if (source.location === target.location && source.location !== ':memory:') {
    throw new GazetteError('GZ_CONFIG_INVALID', 'the source and the target are the same database');
  }
  await assertMigrated(source);
  const migrated = await migrateToLatest(target.db, target.dialect);
  if (migrated.error) {
    throw new GazetteError(
      'GZ_DATABASE_SCHEMA_MISMATCH',
      `migrating the target failed: ${describe(migrated.error)}`,
      {},
      { cause: migrated.error },
    );
  }

  const sourceTables = withoutMigrator(await source.dialect.describeTables(source.db));
  const targetTables = withoutMigrator(await target.dialect.describeTables(target.db));
  const targetByName = new Map(targetTables.map((t) => [t.name, t]));
  const sourceNames = new Set(sourceTables.map((t) => t.name));
  const common = sourceTables.filter((t) => targetByName.has(t.name));
  const skipped = [
    ...sourceTables.filter((t) => !targetByName.has(t.name)).map((t) => t.name),
    ...targetTables.filter((t) => !sourceNames.has(t.name)).map((t) => t.name),
  ].sort();
  for (const table of common) {
    const theirs = new Set(targetByName.get(table.name)?.columns);
    const missing = table.columns.filter((c) => !theirs.has(c));
    if (missing.length > 0 || theirs.size !== table.columns.length) {
      throw new GazetteError(
        'GZ_DATABASE_SCHEMA_MISMATCH',
        `table ${table.name} has different columns on the two sides`,
      );
    }
  }
  const order = dependencyOrder(common);

  return source.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((from) =>
      target.db.transaction().execute(async (to) => {
        const emptiedRows = await emptyTarget(to, dependencyOrder(targetTables), options.force ?? false);
        const copied: TableSummary[] = [];
        for (const table of order) {
          copied.push(await copyTable(from, to, table));
          const [key] = table.primaryKey;
          if (table.primaryKey.length === 1 && key !== undefined) {
            await target.dialect.resetSerial(to, table.name, key);
          }
        }
        const sourceChecksum = checksumOf(copied);
        const onTarget = await Promise.all(order.map((table) => summariseTable(to, table)));
        const targetChecksum = checksumOf(onTarget);
        if (targetChecksum !== sourceChecksum) {
          const differing = onTarget.find((t, i) => t.sha256 !== copied[i]?.sha256);
          throw new GazetteError(
            'GZ_DATABASE_COPY_MISMATCH',
            differing ? `table ${differing.table}` : 'checksum',
          );
        }
        return { tables: copied, sourceChecksum, targetChecksum, skipped, emptiedRows };
      }),
    );
}

/** Row counts and checksums of every table of a database (migrator tables left out). */
export async function summariseDatabase(database: OpenedDatabase): Promise<DatabaseSummary> {
  const tables = withoutMigrator(await database.dialect.describeTables(database.db));
  const summaries = await Promise.all(tables.map((table) => summariseTable(database.db, table)));
  return { tables: sortByName(summaries), checksum: checksumOf(summaries) };
}

async function assertMigrated(database: OpenedDatabase): Promise<void> {
  const known = migrations.map((m) => m.name);
  const tables = await database.dialect.describeTables(database.db);
  const applied = tables.some((t) => t.name === 'gazette_migrations')
    ? (
        (await (database.db as AnyKysely)
          .selectFrom('gazette_migrations')
          .select('name')
          .orderBy('name')
          .execute()) as { name: string }[]
      ).map((row) => row.name)
    : [];
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new GazetteError(
      'GZ_DATABASE_SCHEMA_MISMATCH',
      `the source has migration ${unknown[0]}, which this version of Gazette does not know: upgrade Gazette first`,
    );
  }
  const missing = known.filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new GazetteError(
      'GZ_DATABASE_SCHEMA_MISMATCH',
      `the source lacks migration ${missing[0]}: run gazette migrate on it first`,
    );
  }
}

function withoutMigrator(tables: readonly TableShape[]): TableShape[] {
  return tables.filter((t) => !MIGRATOR_TABLES.has(t.name));
}

/** Tables ordered so that each comes after the tables it references (name order among equals). */
export function dependencyOrder(tables: readonly TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: TableShape[] = [];
  const visit = (table: TableShape): void => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) {
      throw new GazetteError(
        'GZ_DATABASE_SCHEMA_MISMATCH',
        `tables reference each other in a cycle at ${table.name}`,
      );
    }
    visiting.add(table.name);
    // By name: the databases list a table's foreign keys in different orders, and the copy order must not differ.
    for (const fk of [...table.foreignKeys].sort((a, b) => a.table.localeCompare(b.table))) {
      const referenced = byName.get(fk.table);
      if (referenced && referenced.name !== table.name) visit(referenced);
    }
    visiting.delete(table.name);
    done.add(table.name);
    order.push(table);
  };
  for (const table of sortByName(tables)) visit(table);
  return order;
}

/**
 * Rows the migrations themselves put in (e.g. the head of the audit chain), by table: a target
 * holding only these is empty. Found by migrating a scratch in-memory database.
 */
let seedDigests: Promise<Map<string, string>> | undefined;
function migrationSeeds(): Promise<Map<string, string>> {
  seedDigests ??= (async () => {
    const scratch = openSqliteMemory();
    try {
      await migrateToLatest(scratch.db, scratch.dialect);
      const summary = await summariseDatabase(scratch);
      return new Map(summary.tables.filter((t) => t.rows > 0).map((t) => [t.table, t.sha256]));
    } finally {
      await scratch.close();
    }
  })();
  return seedDigests;
}

async function emptyTarget(db: AnyKysely, tables: readonly TableShape[], force: boolean): Promise<number> {
  const seeds = await migrationSeeds();
  const states = await Promise.all(
    tables.map(async (table) => {
      const rows = await countRows(db, table.name);
      const seed = seeds.get(table.name);
      const onlySeed = rows > 0 && seed !== undefined && (await summariseTable(db, table)).sha256 === seed;
      return { table, rows, holdsData: rows > 0 && !onlySeed };
    }),
  );
  const holding = states.filter((s) => s.holdsData);
  const [first] = holding;
  if (first && !force) {
    throw new GazetteError(
      'GZ_DATABASE_NOT_EMPTY',
      `table ${first.table.name} holds ${first.rows} rows; use --force to replace everything in it`,
    );
  }
  // Seed rows go too: the source has its own (possibly advanced) copy of them.
  for (const state of [...states].reverse()) {
    if (state.rows > 0) await db.deleteFrom(state.table.name).execute();
  }
  return holding.reduce((sum, s) => sum + s.rows, 0);
}

async function countRows(db: AnyKysely, table: string): Promise<number> {
  const row = (await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirst()) as { count: number | string | bigint } | undefined;
  return Number(row?.count ?? 0);
}

type Row = Record<string, unknown>;

/** Every row of `table`, a page at a time, in key order (parents before children in a tree table). */
async function* rowsOf(db: AnyKysely, table: TableShape): AsyncGenerator<Row[]> {
  const keys = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  const selfKey = table.foreignKeys.find((fk) => fk.table === table.name);
  const query = () => {
    let builder = db.selectFrom(table.name).selectAll();
    for (const key of keys) builder = builder.orderBy(sql.ref(key));
    return builder;
  };
  const page = (offset: number) => query().limit(PAGE_ROWS).offset(offset).execute() as Promise<Row[]>;
  if (selfKey) {
    // A tree (e.g. columns under columns): read it whole and put every parent before its children.
    const rows = (await query().execute()) as Row[];
    yield parentsFirst(rows, selfKey.columns, selfKey.referencedColumns);
    return;
  }
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const rows = await page(offset);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE_ROWS) return;
  }
}

function parentsFirst(
  rows: readonly Row[],
  columns: readonly string[],
  referenced: readonly string[],
): Row[] {
  const keyOf = (row: Row, of: readonly string[]) => JSON.stringify(of.map((c) => canonicalValue(row[c])));
  const byKey = new Map(rows.map((row) => [keyOf(row, referenced), row]));
  const placed = new Set<Row>();
  const ordered: Row[] = [];
  const place = (row: Row, depth: number): void => {
    if (placed.has(row) || depth > rows.length) return;
    const parent = columns.some((c) => row[c] !== null) ? byKey.get(keyOf(row, columns)) : undefined;
    if (parent && parent !== row) place(parent, depth + 1);
    if (!placed.has(row)) {
      placed.add(row);
      ordered.push(row);
    }
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

async function copyTable(from: AnyKysely, to: AnyKysely, table: TableShape): Promise<TableSummary> {
  const digests: string[] = [];
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, table.columns.length)));
  for await (const rows of rowsOf(from, table)) {
    for (const row of rows) digests.push(rowDigest(table, row));
    for (let i = 0; i < rows.length; i += chunk) {
      await to
        .insertInto(table.name)
        .values(rows.slice(i, i + chunk).map(storable))
        .execute();
    }
  }
  return { table: table.name, rows: digests.length, sha256: tableDigest(digests) };
}

async function summariseTable(db: AnyKysely, table: TableShape): Promise<TableSummary> {
  const digests: string[] = [];
  for await (const rows of rowsOf(db, table)) for (const row of rows) digests.push(rowDigest(table, row));
  return { table: table.name, rows: digests.length, sha256: tableDigest(digests) };
}

/** A row as both drivers can bind it: booleans as 1/0 and times as ISO strings (SQLite has neither). */
function storable(row: Row): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] =
      typeof value === 'boolean' ? (value ? 1 : 0) : value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * One value as text, the same on every dialect: numbers, bigints and numeric strings as decimal
 * text, booleans as 1/0 (SQLite has no booleans), bytes as hex, times as ISO strings.
 */
function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `hex:${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value);
}

/** Canonical JSON of a row: [column, value] pairs in column-name order. */
function rowDigest(table: TableShape, row: Row): string {
  const columns = [...table.columns].sort();
  const canonical = JSON.stringify(columns.map((c) => [c, canonicalValue(row[c])]));
  return createHash('sha256').update(canonical).digest('hex');
}

/** Row digests in sorted order: independent of the order (and collation) a database returns rows in. */
function tableDigest(digests: string[]): string {
  const hash = createHash('sha256');
  for (const digest of digests.sort()) hash.update(digest);
  return hash.digest('hex');
}

function checksumOf(tables: readonly TableSummary[]): string {
  const hash = createHash('sha256');
  for (const t of sortByName(tables)) hash.update(`${t.table}\t${t.rows}\t${t.sha256}\n`);
  return hash.digest('hex');
}

function sortByName<T extends { readonly table: string } | { readonly name: string }>(
  items: readonly T[],
): T[] {
  const nameOf = (item: T) => ('table' in item ? item.table : item.name);
  return [...items].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
