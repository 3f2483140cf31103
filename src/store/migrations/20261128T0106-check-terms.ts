import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** Each site's own additions to the check dictionaries: one row per wrong form, sensitive word or allowed term. */
export const checkTerms: GazetteMigration = {
  name: '20261128T0106-check-terms',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('check_terms')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('term', 'varchar(200)', (c) => c.notNull())
      .addColumn('canonical', 'varchar(200)')
      .addColumn('note', 'varchar(400)', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('check_terms_site_kind_term', ['site_id', 'kind', 'term'])
      .execute();
  },
};
