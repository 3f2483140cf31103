import { sql } from 'kysely';
import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Public lists served from indexes alone at any depth: page 5,000 of a 100k-article column
 * or of a 50k-article tag walks one index and reads 20 rows, and their counts never touch the table.
 *
 * - `articles_public_listing_idx` carries `column_id` after the listing order, so a column with
 *   sub-columns (a list over several column ids) is filtered and skipped through inside the index.
 * - `article_tags.listed_at` is the article's publish time while it is published (null otherwise), kept by
 *   the article repository; `article_tags_listing_idx` then orders and counts a tag's published articles
 *   without looking up a single article row.
 */
export const servingIndexes: GazetteMigration = {
  name: '20261128T0105-serving-indexes',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .createIndex('articles_public_listing_idx')
      .ifNotExists()
      .on('articles')
      .columns(['site_id', 'status', 'published_at', 'id', 'column_id'])
      .execute();
    await db.schema.alterTable('article_tags').addColumn('listed_at', 'varchar(32)').execute();
    await sql`update article_tags set listed_at = (
        select a.published_at from articles a where a.id = article_tags.article_id and a.status = 'published'
      )`.execute(db);
    await db.schema
      .createIndex('article_tags_listing_idx')
      .ifNotExists()
      .on('article_tags')
      .columns(['site_id', 'tag', 'listed_at', 'article_id'])
      .execute();
  },
};
