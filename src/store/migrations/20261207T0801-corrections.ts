import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * 先审后发 for corrections: a correction of a published article is held beside the live text (a revision, named
 * on the article with its review state) until 终审 and 签发; urgent corrections, online before review, are kept
 * in a list of their own until someone has reviewed them afterwards.
 */
export const corrections: GazetteMigration = {
  name: '20261207T0801-corrections',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    // '' (none), 'in-review' or 'approved'.
    await db.schema
      .alterTable('articles')
      .addColumn('correction_status', 'varchar(16)', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable('articles').addColumn('correction_by', 'integer').execute();
    await db.schema.alterTable('articles').addColumn('correction_revision_id', 'integer').execute();
    // JSON array of { name, url, mime, size }; null: the correction leaves the attachments as they are.
    await db.schema.alterTable('articles').addColumn('correction_attachments', 'text').execute();

    await db.schema
      .createTable('urgent_corrections')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('revision_id', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('reviewed_by', 'integer')
      .addColumn('reviewed_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reviewed_at', 'varchar(32)')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('urgent_corrections_site_idx')
      .ifNotExists()
      .on('urgent_corrections')
      .columns(['site_id', 'reviewed_at', 'id'])
      .execute();
  },
};
