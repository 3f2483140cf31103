import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * 政策文件: the legal metadata of an article that is a policy document, in tables of their own keyed by the
 * article; the site's settings (索引号 pattern, theme tree); the yearly 索引号 sequence; the history of the
 * fields; and the links between a document and its 解读.
 */
export const policyDocuments: GazetteMigration = {
  name: '20261208T0201-policy-documents',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('policy_documents')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('index_number', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('document_number', 'varchar(128)', (c) => c.notNull().defaultTo(''))
      // JSON arrays of strings; the names are also in policy_document_facets for the catalogue.
      .addColumn('issuers', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
      // YYYY-MM-DD
      .addColumn('written_at', 'varchar(10)')
      .addColumn('published_on', 'varchar(10)')
      .addColumn('effective_at', 'varchar(10)')
      .addColumn('genre', 'varchar(32)', (c) => c.notNull().defaultTo(''))
      .addColumn('policy_class', 'varchar(16)', (c) => c.notNull().defaultTo('other'))
      .addColumn('validity', 'varchar(16)', (c) => c.notNull().defaultTo('valid'))
      .addColumn('validity_date', 'varchar(10)')
      .addColumn('replaced_by', 'integer')
      .addColumn('disclosure', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
      .addColumn('disclosure_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('policy_documents_site_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'published_on', 'article_id'])
      .execute();
    await db.schema
      .createIndex('policy_documents_index_number_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'index_number'])
      .execute();
    // The catalogue's genre and 有效性 filters, newest first.
    await db.schema
      .createIndex('policy_documents_genre_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'genre', 'published_on'])
      .execute();
    await db.schema
      .createIndex('policy_documents_validity_idx')
      .ifNotExists()
      .on('policy_documents')
      .columns(['site_id', 'validity', 'published_on'])
      .execute();
    await db.schema
      .createIndex('policy_documents_replaced_by_idx')
      .ifNotExists()
      .on('policy_documents')
      .column('replaced_by')
      .execute();

    // One row per issuer ('issuer'), per theme path and its first level ('theme'): what the catalogue browses.
    await db.schema
      .createTable('policy_document_facets')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.notNull().references('policy_documents.article_id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('facet', 'varchar(16)', (c) => c.notNull())
      .addColumn('value', 'varchar(128)', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_document_facets_pk', ['article_id', 'facet', 'value'])
      .execute();
    await db.schema
      .createIndex('policy_document_facets_value_idx')
      .ifNotExists()
      .on('policy_document_facets')
      .columns(['site_id', 'facet', 'value', 'article_id'])
      .execute();

    await db.schema
      .createTable('policy_settings')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.primaryKey())
      .addColumn('index_pattern', 'varchar(128)', (c) => c.notNull())
      .addColumn('index_code', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      // JSON [{ name, children: [name] }]
      .addColumn('themes', 'text', (c) => c.notNull())
      // Days a 解读 may follow its document before the check warns.
      .addColumn('interpretation_days', 'integer', (c) => c.notNull().defaultTo(3))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('policy_index_sequences')
      .ifNotExists()
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_index_sequences_pk', ['site_id', 'year'])
      .execute();

    await db.schema
      .createTable('policy_document_revisions')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('policy_documents.article_id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('policy_document_revisions_article_idx')
      .ifNotExists()
      .on('policy_document_revisions')
      .columns(['article_id', 'version'])
      .execute();

    await db.schema
      .createTable('policy_interpretations')
      .ifNotExists()
      .addColumn('policy_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_interpretations_pk', ['policy_id', 'interpretation_id'])
      .execute();
    await db.schema
      .createIndex('policy_interpretations_reverse_idx')
      .ifNotExists()
      .on('policy_interpretations')
      .column('interpretation_id')
      .execute();
  },
};
