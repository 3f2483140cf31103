import { sql } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * SQLite only: a second, small FTS5 index over the title tokens alone. In the main index a word's list
 * holds every article that has it anywhere, so "which articles have it in the title" read the whole list
 * (tens of milliseconds for common words at 100k articles); here the lists are as short as the titles.
 * Filled by the next rebuild (the analysis version was raised with it). PostgreSQL needs nothing.
 */
export const searchTitles: GazetteMigration = {
  name: '20261128T0107-search-titles',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    if (dialect.name !== 'sqlite') return;
    await sql
      .raw(
        `create virtual table if not exists search_title_fts using fts5(
          title_w, title_g, content='', contentless_delete=1, tokenize='ascii')`,
      )
      .execute(db);
  },
};
