import { sql } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * 转载 between the sites of a platform: an offer of a published article to another site, and (accepted) the
 * receiving site's copy with the digest of the original's content it was made from. At most one offer of an
 * article to a site is waiting or taken at a time (a partial unique index, on both dialects).
 */
export const articleRelays: GazetteMigration = {
  name: '20261209T0601-article-relays',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('article_relays')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('source_article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('source_site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('target_site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('column_id', 'integer', (c) => c.references('columns.id'))
      .addColumn('note', 'varchar(400)', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('copy_article_id', 'integer', (c) => c.references('articles.id'))
      .addColumn('source_digest', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('offered_by', 'varchar(100)', (c) => c.notNull())
      .addColumn('offered_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('decided_by', 'varchar(100)', (c) => c.notNull().defaultTo(''))
      .addColumn('decided_at', 'varchar(32)')
      .addColumn('reason', 'varchar(400)', (c) => c.notNull().defaultTo(''))
      .addColumn('synced_at', 'varchar(32)')
      .execute();
    await sql`create unique index if not exists article_relays_live on article_relays (source_article_id, target_site_id) where status in ('offered', 'accepted')`.execute(
      db,
    );
    await sql`create index if not exists article_relays_target on article_relays (target_site_id, status, id)`.execute(
      db,
    );
    await sql`create index if not exists article_relays_source_site on article_relays (source_site_id, id)`.execute(
      db,
    );
    await sql`create index if not exists article_relays_copy on article_relays (copy_article_id)`.execute(db);
  },
};
