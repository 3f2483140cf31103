import { sql } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * Site search: the user dictionary, a marker of which analysis built the index (start-up rebuilds an
 * older or missing index, so existing published articles are indexed on first start), and the index
 * itself: an FTS5 table on SQLite, a table of tsvectors with a GIN index on PostgreSQL.
 */
export const search: GazetteMigration = {
  name: '20261128T0102-search',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('search_terms')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('term', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_by', 'varchar(200)', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('search_terms_site_term', ['site_id', 'term'])
      .execute();
    await db.schema
      .createTable('search_state')
      .ifNotExists()
      .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('value', 'varchar(200)', (c) => c.notNull())
      .execute();
    if (dialect.name === 'sqlite') {
      await sql
        .raw(
          `create virtual table if not exists search_fts using fts5(
            title_w, title_g, lead_w, lead_g, meta_w, meta_g, body_w, body_g,
            content='', contentless_delete=1, tokenize='ascii')`,
        )
        .execute(db);
      return;
    }
    await db.schema
      .createTable('search_documents')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('grams', sql`tsvector`, (c) => c.notNull())
      .addColumn('words', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index if not exists search_documents_grams on search_documents using gin (grams)`.execute(
      db,
    );
  },
};
