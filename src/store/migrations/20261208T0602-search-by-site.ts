import { sql } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * PostgreSQL search on a platform of many sites: a site's search walks that site's documents, newest first,
 * instead of the matches of the whole installation. SQLite's full-text table has no site column to index.
 */
export const searchBySite: GazetteMigration = {
  name: '20261208T0602-search-by-site',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    if (dialect.name !== 'postgres') return;
    await sql`create index if not exists search_documents_site on search_documents (site_id, article_id)`.execute(
      db,
    );
  },
};
