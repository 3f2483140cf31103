import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Sites of a platform (集约化) can be switched off: `status` is 'active' or 'disabled'. A disabled site answers
 * none of its hosts (the platform's 404) and is never the site that answers an unclaimed host. `site_hosts`
 * holds every host name once, so two sites can never claim the same host, whatever writes the rows.
 */
export const siteStatus: GazetteMigration = {
  name: '20261208T0601-site-status',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .alterTable('sites')
      .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
      .execute();
    await db.schema
      .createTable('site_hosts')
      .ifNotExists()
      .addColumn('host', 'varchar(253)', (c) => c.primaryKey())
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .execute();
    const rows = (await db.selectFrom('sites').select(['id', 'hosts']).orderBy('id').execute()) as {
      id: number;
      hosts: string;
    }[];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const host of row.hosts.split(/\s+/).filter(Boolean)) {
        // Hosts were stored lower-cased before; the first site keeps a host two of them named.
        const name = host.toLowerCase();
        if (seen.has(name)) continue;
        seen.add(name);
        await db.insertInto('site_hosts').values({ host: name, site_id: row.id }).execute();
      }
    }
  },
};
