import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * `show_cover_in_body`: whether the article page prints the cover image above the body. The cover is for
 * lists and the home page's picture slot; printing it again at the top of the article is the editor's
 * choice, off by default. On the article and on each revision, like the other content fields.
 * 0 = off, 1 = on (an integer, like every flag, so both dialects read it the same way).
 */
export const coverInBody: GazetteMigration = {
  name: '20261207T0002-cover-in-body',
  async up(db: AnyKysely): Promise<void> {
    for (const table of ['articles', 'article_revisions']) {
      await db.schema
        .alterTable(table)
        .addColumn('show_cover_in_body', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
  },
};
