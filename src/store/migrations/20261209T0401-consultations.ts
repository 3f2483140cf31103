import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * 意见征集: a site's consultations on drafts (text, attachments, opening and closing dates, the 采纳情况反馈),
 * the comments from the public form (moderated, contact data sealed), and the site's choices (whether approved
 * comments are shown, days after closing by which the feedback is due).
 */
export const consultations: GazetteMigration = {
  name: '20261209T0401-consultations',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('consultations')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('drafter', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('opens_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('closes_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('feedback_at', 'varchar(32)')
      .addColumn('feedback_by_id', 'integer')
      .addColumn('feedback_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by_id', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('consultations_site_idx')
      .ifNotExists()
      .on('consultations')
      .columns(['site_id', 'opens_on'])
      .execute();
    await db.schema
      .createTable('consultation_comments')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_sealed', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('flagged_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('moderated_by_id', 'integer')
      .addColumn('moderated_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('moderated_at', 'varchar(32)')
      .addColumn('moderation_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createIndex('consultation_comments_consultation_idx')
      .ifNotExists()
      .on('consultation_comments')
      .columns(['consultation_id', 'status', 'id'])
      .execute();
    await db.schema
      .createIndex('consultation_comments_site_idx')
      .ifNotExists()
      .on('consultation_comments')
      .columns(['site_id', 'received_at'])
      .execute();
    await db.schema
      .createTable('consultation_settings')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.primaryKey())
      .addColumn('show_comments', 'integer', (c) => c.notNull())
      .addColumn('feedback_days', 'integer', (c) => c.notNull())
      .execute();
  },
};
