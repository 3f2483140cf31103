import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Visit statistics kept aggregated by day: `visit_counts` (page views and unique visitors per site, column
 * and page; referrer domains; search terms), `visit_salts` (the day's random salt of the visitor hash,
 * deleted with the day) and `visit_seen` (the day's visitor hashes per scope, deleted with the day: they
 * only make the unique counts right across batches and processes).
 */
export const visitStats: GazetteMigration = {
  name: '20261209T0501-visit-stats',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .createTable('visit_counts')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('day', 'varchar(10)', (c) => c.notNull())
      .addColumn('scope', 'varchar(16)', (c) => c.notNull())
      .addColumn('key', 'varchar(500)', (c) => c.notNull())
      .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('visit_counts_pk', ['site_id', 'day', 'scope', 'key'])
      .execute();
    await db.schema
      .createIndex('visit_counts_scope_day')
      .ifNotExists()
      .on('visit_counts')
      .columns(['site_id', 'scope', 'day'])
      .execute();
    await db.schema
      .createTable('visit_salts')
      .ifNotExists()
      .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('salt', 'varchar(64)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('visit_seen')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('day', 'varchar(10)', (c) => c.notNull())
      .addColumn('scope', 'varchar(16)', (c) => c.notNull())
      .addColumn('key', 'varchar(500)', (c) => c.notNull())
      .addColumn('visitor', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_seen_pk', ['site_id', 'day', 'scope', 'key', 'visitor'])
      .execute();
  },
};
