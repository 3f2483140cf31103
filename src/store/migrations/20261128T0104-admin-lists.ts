import type { AnyKysely, GazetteMigration } from '../dialect.js';

/**
 * The admin article list walks an index newest first at any depth (keyset pagination), whatever the filter:
 * the whole site, one status, or a few columns, sorted by last change or by publish time.
 */
export const adminLists: GazetteMigration = {
  name: '20261128T0104-admin-lists',
  async up(db: AnyKysely): Promise<void> {
    const indexes: readonly (readonly [string, readonly string[]])[] = [
      ['articles_admin_updated_idx', ['site_id', 'updated_at', 'id']],
      ['articles_admin_status_idx', ['site_id', 'status', 'updated_at', 'id']],
      ['articles_admin_column_idx', ['column_id', 'updated_at', 'id']],
      ['articles_admin_author_idx', ['author_id', 'updated_at', 'id']],
      ['articles_admin_published_idx', ['site_id', 'published_at', 'id']],
    ];
    for (const [name, columns] of indexes) {
      await db.schema
        .createIndex(name)
        .ifNotExists()
        .on('articles')
        .columns([...columns])
        .execute();
    }
  },
};
