import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** Each site's own search synonyms (a short form and its full name, or any two ways of naming one thing). */
export const searchSynonyms: GazetteMigration = {
  name: '20261208T0801-search-synonyms',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('search_synonyms')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('term', 'varchar(100)', (c) => c.notNull())
      .addColumn('synonym', 'varchar(100)', (c) => c.notNull())
      .addColumn('note', 'varchar(400)', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('search_synonyms_site_pair', ['site_id', 'term', 'synonym'])
      .execute();
  },
};
