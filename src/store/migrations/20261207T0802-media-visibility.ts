import { mediaRefsOf } from '../../media/index.js';
import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * Uploads are public only once something public uses them. `media_refs` lists what each article's live
 * content refers to under /media/ (kept by the article repository on every content write; a file is public
 * while a published article refers to it), filled here for the articles there are. `media.purpose` says what
 * a file is for: 'content' may become public that way; 'private' (what citizens send with messages and
 * requests) is never served under /media at all.
 */
export const mediaVisibility: GazetteMigration = {
  name: '20261207T0802-media-visibility',
  async up(db: AnyKysely): Promise<void> {
    await db.schema
      .alterTable('media')
      .addColumn('purpose', 'varchar(16)', (c) => c.notNull().defaultTo('content'))
      .execute();
    await db.schema
      .createTable('media_refs')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('ref', 'varchar(300)', (c) => c.notNull())
      .addPrimaryKeyConstraint('media_refs_pkey', ['article_id', 'ref'])
      .execute();
    await db.schema
      .createIndex('media_refs_ref_idx')
      .ifNotExists()
      .on('media_refs')
      .columns(['ref'])
      .execute();

    let after = 0;
    for (;;) {
      const rows = (await db
        .selectFrom('articles')
        .select(['id', 'body_html', 'cover_url'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute()) as { id: number; body_html: string; cover_url: string }[];
      if (rows.length === 0) break;
      after = rows.at(-1)?.id ?? after;
      const attachments = (await db
        .selectFrom('attachments')
        .select(['article_id', 'url'])
        .where(
          'article_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()) as { article_id: number; url: string }[];
      const values = rows.flatMap((row) =>
        mediaRefsOf(
          row.body_html,
          row.cover_url,
          attachments.filter((a) => a.article_id === row.id).map((a) => a.url),
        ).map((ref) => ({ article_id: row.id, ref })),
      );
      if (values.length > 0) await db.insertInto('media_refs').values(values).execute();
    }
  },
};
