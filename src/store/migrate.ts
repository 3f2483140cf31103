import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { AnyKysely, DialectAdapter } from './dialect.js';
import { migrations } from './migrations/index.js';

/** Runs every pending migration; the outcome is returned as a value, never thrown. */
export async function migrateToLatest(db: AnyKysely, dialect: DialectAdapter): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: () =>
        Promise.resolve(
          Object.fromEntries(
            migrations.map((m): [string, Migration] => [
              m.name,
              { up: (database) => m.up(database, dialect) },
            ]),
          ),
        ),
    },
    migrationTableName: 'gazette_migrations',
    migrationLockTableName: 'gazette_migrations_lock',
  });
  return migrator.migrateToLatest();
}
