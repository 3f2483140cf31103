import type { ColumnDefinitionBuilder } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** Sites, columns, articles with tags and attachments, and series. */
export const initial: GazetteMigration = {
  name: '20261127T0001-initial',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    const text = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('');

    await db.schema
      .createTable('sites')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('slug', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('base_url', 'text', (c) => c.notNull())
      .addColumn('hosts', 'text', text)
      .addColumn('sponsor_name', 'text', text)
      .addColumn('sponsor_address', 'text', text)
      .addColumn('sponsor_phone', 'text', text)
      .addColumn('sponsor_email', 'text', text)
      .addColumn('sponsor_postcode', 'text', text)
      .addColumn('icp_record', 'text', text)
      .addColumn('police_record', 'text', text)
      .addColumn('police_record_code', 'text', text)
      .addColumn('site_code', 'text', text)
      .addColumn('footer_notice', 'text', text)
      .addColumn('language', 'varchar(16)', (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('site_accounts')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('qr_url', 'text')
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('columns')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('columns.id'))
      .addColumn('slug', 'varchar(64)', (c) => c.notNull())
      .addColumn('path', 'varchar(512)', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', text)
      .addColumn('keywords', 'text', text)
      .addColumn('freshness_days', 'integer')
      .addColumn('link_url', 'text')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('columns_site_path_unique', ['site_id', 'path'])
      .execute();
    await db.schema
      .createIndex('columns_parent_idx')
      .ifNotExists()
      .on('columns')
      .column('parent_id')
      .execute();

    await db.schema
      .createTable('articles')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
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
      .addColumn('path', 'varchar(512)')
      .addColumn('published_at', 'varchar(32)')
      .addColumn('withdrawn_at', 'varchar(32)')
      .addColumn('withdrawn_reason', 'text', text)
      .addColumn('cover_url', 'text', text)
      .addColumn('cover_alt', 'text', text)
      .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('articles_site_path_unique', ['site_id', 'path'])
      .execute();
    // Column lists and the home page read published rows newest first: keep that an index walk.
    await db.schema
      .createIndex('articles_column_listing_idx')
      .ifNotExists()
      .on('articles')
      .columns(['column_id', 'status', 'published_at', 'id'])
      .execute();
    await db.schema
      .createIndex('articles_site_listing_idx')
      .ifNotExists()
      .on('articles')
      .columns(['site_id', 'status', 'published_at', 'id'])
      .execute();

    await db.schema
      .createTable('article_tags')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('site_id', 'integer', (c) => c.notNull())
      .addColumn('tag', 'varchar(64)', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag'])
      .execute();
    await db.schema
      .createIndex('article_tags_site_tag_idx')
      .ifNotExists()
      .on('article_tags')
      .columns(['site_id', 'tag'])
      .execute();

    await db.schema
      .createTable('attachments')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('mime', 'varchar(128)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('attachments_article_idx')
      .ifNotExists()
      .on('attachments')
      .column('article_id')
      .execute();

    await db.schema
      .createTable('series')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('column_id', 'integer', (c) => c.references('columns.id'))
      .addColumn('slug', 'varchar(128)', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('label', 'text', text)
      .addColumn('lead_html', 'text', text)
      .addColumn('source', 'text', text)
      .addColumn('editor', 'text', text)
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('published_at', 'varchar(32)')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('series_site_slug_unique', ['site_id', 'slug'])
      .execute();

    await db.schema
      .createTable('series_members')
      .ifNotExists()
      .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('series_members_pk', ['series_id', 'article_id'])
      .execute();
    await db.schema
      .createIndex('series_members_article_idx')
      .ifNotExists()
      .on('series_members')
      .column('article_id')
      .execute();
  },
};
