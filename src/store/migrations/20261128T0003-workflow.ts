import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** The 三审 workflow: review levels per column, review state on articles, and every review decision. */
export const workflow: GazetteMigration = {
  name: '20261128T0003-workflow',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .alterTable('columns')
      .addColumn('review_levels', 'integer', (c) => c.notNull().defaultTo(3))
      .execute();
    await db.schema.alterTable('articles').addColumn('author_id', 'integer').execute();
    await db.schema
      .alterTable('articles')
      .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('articles')
      .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('articles').addColumn('scheduled_at', 'varchar(32)').execute();
    // The scheduler looks for due items: status = 'scheduled' and scheduled_at <= now.
    await db.schema
      .createIndex('articles_schedule_idx')
      .ifNotExists()
      .on('articles')
      .columns(['status', 'scheduled_at'])
      .execute();

    await db.schema
      .createTable('article_reviews')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('decision', 'varchar(16)', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('article_reviews_article_idx')
      .ifNotExists()
      .on('article_reviews')
      .columns(['article_id', 'round'])
      .execute();
  },
};
