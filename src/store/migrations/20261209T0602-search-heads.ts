import { sql } from 'kysely';
import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * PostgreSQL search ranks on the head of an article: its title, lead and metadata (weights A, B, C of the two
 * tsvectors), kept in a table of their own so that ranking a thousand matches reads a thousand small rows
 * instead of decompressing a thousand whole bodies, while `search_documents` stays narrow for the GIN bitmap
 * scans that find the candidates. SQLite ranks in its own full-text tables.
 */
export const searchHeads: GazetteMigration = {
  name: '20261209T0602-search-heads',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    if (dialect.name !== 'postgres') return;
    await sql`create table if not exists search_heads (
      article_id integer primary key references search_documents (article_id) on delete cascade,
      grams tsvector not null,
      words tsvector not null)`.execute(db);
    await sql`insert into search_heads (article_id, grams, words)
      select article_id, ts_filter(grams, '{a,b,c}'), ts_filter(words, '{a,b,c}') from search_documents
      on conflict (article_id) do nothing`.execute(db);
  },
};
