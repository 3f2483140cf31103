import type { AnyKysely, GazetteMigration } from '../dialect.js';

/** Availability probes of a site's pages (gazette monitor): status, timings, TLS expiry, DNS answer. */
export const availabilityProbes: GazetteMigration = {
  name: '20261208T0503-availability-probes',
  async up(db: AnyKysely, dialect): Promise<void> {
    await db.schema
      .createTable('availability_probes')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('url', 'varchar(2000)', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('ttfb_ms', 'integer')
      .addColumn('total_ms', 'integer')
      .addColumn('ok', 'integer', (c) => c.notNull())
      .addColumn('error', 'varchar(500)')
      .addColumn('tls_valid_to', 'varchar(32)')
      .addColumn('addresses', 'varchar(1000)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('availability_probes_site_at')
      .ifNotExists()
      .on('availability_probes')
      .columns(['site_id', 'at'])
      .execute();
  },
};
