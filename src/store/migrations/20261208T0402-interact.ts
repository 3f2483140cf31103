import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * 互动交流: the channels of a site (领导信箱, 咨询, 投诉, 建议, 纠错), the letters with their sealed contact data,
 * reply, review and deadline, each letter's handling history, and the site's retention period.
 */
export const interact: GazetteMigration = {
  name: '20261208T0402-interact',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('interact_channels')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('column_id', 'integer', (c) => c.notNull())
      .addColumn('deadline_days', 'integer', (c) => c.notNull())
      .addColumn('allow_public', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('interact_messages')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('channel_id', 'integer', (c) => c.notNull().references('interact_channels.id'))
      .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('wants_public', 'integer', (c) => c.notNull())
      .addColumn('contact_sealed', 'text', (c) => c.notNull())
      .addColumn('has_email', 'integer', (c) => c.notNull())
      .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('held_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('assignee_id', 'integer')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('deadline_days', 'integer', (c) => c.notNull())
      .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('reply_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reply_by_id', 'integer')
      .addColumn('reply_by_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('reply_department', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('review_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('approvals', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('answered_at', 'varchar(32)')
      .addColumn('answered_on', 'varchar(10)')
      .addColumn('working_days_taken', 'integer')
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('invalid_kind', 'varchar(16)')
      .addColumn('invalid_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('rating', 'varchar(16)')
      .addColumn('rated_at', 'varchar(32)')
      .addColumn('contact_purged_at', 'varchar(32)')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('interact_messages_inbox_idx')
      .ifNotExists()
      .on('interact_messages')
      .columns(['site_id', 'status', 'due_on'])
      .execute();
    await db.schema
      .createIndex('interact_messages_published_idx')
      .ifNotExists()
      .on('interact_messages')
      .columns(['site_id', 'published', 'answered_at'])
      .execute();
    await db.schema
      .createTable('interact_events')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('message_id', 'integer', (c) => c.notNull().references('interact_messages.id'))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'varchar(32)', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .createIndex('interact_events_message_idx')
      .ifNotExists()
      .on('interact_events')
      .columns(['message_id', 'id'])
      .execute();
    await db.schema
      .createTable('interact_settings')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.primaryKey())
      .addColumn('retention_days', 'integer', (c) => c.notNull())
      .execute();
  },
};
