import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * Requests for disclosure (依申请公开): the request with its personal part sealed (encrypted with a key outside
 * the database), its steps, its files (identity papers sealed too), and each site's settings (the handling
 * department, how long personal data is kept after closing).
 */
export const disclosureRequests: GazetteMigration = {
  name: '20261208T0302-disclosure-requests',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('disclosure_settings')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.primaryKey().references('sites.id'))
      .addColumn('department_id', 'integer')
      .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(730))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('disclosure_requests')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      // 申请编号: random, so that it tells nothing of how many requests there are.
      .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
      // SHA-256 of the 查询码; the code itself is shown once to the requester.
      .addColumn('query_code_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('requester_kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('organisation_type', 'varchar(16)')
      .addColumn('delivery', 'varchar(16)', (c) => c.notNull())
      // The requester's data, description and purpose, sealed; null once purged.
      .addColumn('sealed', 'text')
      .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
      // The day of 登记 (the receipt confirmed), YYYY-MM-DD: the annual report counts requests by it.
      .addColumn('registered_on', 'varchar(10)')
      // The day the clock starts from (登记, or the day a completed request arrived after 补正), YYYY-MM-DD.
      .addColumn('received_on', 'varchar(10)')
      // JSON array of { from, to } (YYYY-MM-DD; to null while a consultation is open).
      .addColumn('pauses', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('extension_approver', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('due_on', 'varchar(10)')
      .addColumn('draft_revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reply_type', 'varchar(16)')
      .addColumn('reply_reason', 'varchar(32)')
      .addColumn('reply_text', 'text', (c) => c.notNull().defaultTo(''))
      // JSON array of { name, url } from the site's media library.
      .addColumn('reply_attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      // JSON { by, at, conclusion, note, draftRevision } of the latest 保密审查, or null.
      .addColumn('review', 'text')
      .addColumn('answered_at', 'varchar(32)')
      .addColumn('closed_at', 'varchar(32)')
      .addColumn('purge_after', 'varchar(10)')
      .addColumn('purged_at', 'varchar(32)')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('disclosure_requests_site_state_idx')
      .ifNotExists()
      .on('disclosure_requests')
      .columns(['site_id', 'state', 'due_on'])
      .execute();

    await db.schema
      .createTable('disclosure_events')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('disclosure_requests.id'))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('step', 'varchar(32)', (c) => c.notNull())
      // JSON of the step's particulars (no personal data).
      .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .createIndex('disclosure_events_request_idx')
      .ifNotExists()
      .on('disclosure_events')
      .columns(['request_id', 'id'])
      .execute();

    // What the office writes in its annual report (政府信息公开工作年度报告), per site and year: JSON of sections.
    await db.schema
      .createTable('xxgk_report_texts')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('xxgk_report_texts_pk', ['site_id', 'year'])
      .execute();

    await db.schema
      .createTable('disclosure_files')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('disclosure_requests.id'))
      // 'identity' (身份证明).
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('mime', 'varchar(100)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      // The file's name and bytes, sealed.
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
};
