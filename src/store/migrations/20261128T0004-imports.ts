import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** What `gazette import` brought in, so that importing a page again updates or skips it, never duplicates. */
export const imports: GazetteMigration = {
  name: '20261128T0004-imports',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('imports')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('fingerprint', 'varchar(600)', (c) => c.notNull().unique())
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('article_id', 'integer', (c) => c.references('articles.id'))
      .addColumn('series_id', 'integer', (c) => c.references('series.id'))
      .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('file', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
};
