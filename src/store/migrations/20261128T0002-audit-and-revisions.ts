import type { ColumnDefinitionBuilder } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * The hash-chained audit log with its one-row chain head, and the revisions of articles.
 * Retention: Gazette never deletes audit records (the rules ask for at least 180 days; deleting any
 * would break the chain), so there is no pruning.
 */
export const auditAndRevisions: GazetteMigration = {
  name: '20261128T0002-audit-and-revisions',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    const text = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('');

    // Ids come from the chain head rather than a sequence: they are hashed, and copying the log to
    // another database keeps them as they are.
    await db.schema
      .createTable('audit_log')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('target_type', 'varchar(64)', text)
      .addColumn('target_id', 'varchar(128)', text)
      .addColumn('site_id', 'integer')
      .addColumn('ip', 'varchar(64)', text)
      .addColumn('result', 'varchar(16)', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at_idx').ifNotExists().on('audit_log').column('at').execute();
    await db.schema
      .createIndex('audit_log_target_idx')
      .ifNotExists()
      .on('audit_log')
      .columns(['target_type', 'target_id'])
      .execute();
    await db.schema
      .createIndex('audit_log_actor_idx')
      .ifNotExists()
      .on('audit_log')
      .columns(['actor_id', 'at'])
      .execute();

    await db.schema
      .createTable('audit_chain_head')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last_id', 'integer', (c) => c.notNull())
      .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
      .execute();
    const head = await db.selectFrom('audit_chain_head').select('id').where('id', '=', 1).executeTakeFirst();
    if (!head) {
      await db.insertInto('audit_chain_head').values({ id: 1, last_id: 0, last_hash: '' }).execute();
    }

    await db.schema
      .createTable('article_revisions')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('column_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kicker', 'text', text)
      .addColumn('subtitle', 'text', text)
      .addColumn('summary', 'text', text)
      .addColumn('body_html', 'text', text)
      .addColumn('source', 'text', text)
      .addColumn('original_author', 'text', text)
      .addColumn('original_title', 'text', text)
      .addColumn('author', 'text', text)
      .addColumn('editor', 'text', text)
      .addColumn('cover_url', 'text', text)
      .addColumn('cover_alt', 'text', text)
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', 'text', text)
      .execute();
    await db.schema
      .createIndex('article_revisions_article_idx')
      .ifNotExists()
      .on('article_revisions')
      .columns(['article_id', 'id'])
      .execute();
  },
};
