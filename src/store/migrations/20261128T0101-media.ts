import type { CreateTableBuilder } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** The columns of one version of a file, the same in the library row and in its history. */
function fileColumns<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'varchar(128)', (c) => c.notNull())
    .addColumn('ext', 'varchar(8)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'));
}

/** The media library: uploaded items with stable keys, bytes by content hash, extracted text. */
export const media: GazetteMigration = {
  name: '20261128T0101-media',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await fileColumns(
      db.schema
        .createTable('media')
        .ifNotExists()
        .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
        .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
        .addColumn('key', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull()),
    )
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('text_status', 'varchar(16)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('media_site_created_idx')
      .ifNotExists()
      .on('media')
      .columns(['site_id', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('media_sha256_idx').ifNotExists().on('media').column('sha256').execute();
    await fileColumns(
      db.schema
        .createTable('media_versions')
        .ifNotExists()
        .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
        .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
        .addColumn('version', 'integer', (c) => c.notNull()),
    )
      .addColumn('replaced_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('replaced_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('media_versions_media_version_key', ['media_id', 'version'])
      .execute();
    await db.schema
      .createIndex('media_versions_sha256_idx')
      .ifNotExists()
      .on('media_versions')
      .column('sha256')
      .execute();
  },
};
