import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Counters of the anti-abuse module (rate limits per address and per form, used challenges): in the database
 * so that every process of an installation counts together, with no Redis.
 */
export const abuse: GazetteMigration = {
  name: '20261208T0401-abuse',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .createTable('abuse_counters')
      .ifNotExists()
      .addColumn('key', 'varchar(200)', (c) => c.notNull())
      .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('abuse_counters_pk', ['key', 'window_start'])
      .execute();
    await db.schema
      .createIndex('abuse_counters_expiry_idx')
      .ifNotExists()
      .on('abuse_counters')
      .column('expires_at')
      .execute();
  },
};
