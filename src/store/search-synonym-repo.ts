import type { Kysely } from 'kysely';
import type { SearchSynonym, SearchSynonymRepo } from '../app/index.js';
import type { Database } from './schema.js';
import type { SearchSynonymRow } from './schema-search-synonyms.js';

const toSynonym = (row: SearchSynonymRow): SearchSynonym => ({
  id: row.id,
  siteId: row.site_id,
  term: row.term,
  synonym: row.synonym,
  note: row.note,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export function createSearchSynonymRepo(db: Kysely<Database>): SearchSynonymRepo {
  const get = async (id: number) => {
    const row = await db.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSynonym(row) : undefined;
  };
  return {
    get,
    async list(siteId) {
      const rows = await db
        .selectFrom('search_synonyms')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('term')
        .orderBy('synonym')
        .execute();
      return rows.map(toSynonym);
    },
    async find(siteId, term, synonym) {
      const row = await db
        .selectFrom('search_synonyms')
        .selectAll()
        .where('site_id', '=', siteId)
        .where((eb) =>
          eb.or([
            eb.and([eb('term', '=', term), eb('synonym', '=', synonym)]),
            eb.and([eb('term', '=', synonym), eb('synonym', '=', term)]),
          ]),
        )
        .executeTakeFirst();
      return row ? toSynonym(row) : undefined;
    },
    async add(input, now) {
      const { id } = await db
        .insertInto('search_synonyms')
        .values({
          site_id: input.siteId,
          term: input.term,
          synonym: input.synonym,
          note: input.note,
          created_by: input.createdBy,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as SearchSynonym;
    },
    async remove(id) {
      await db.deleteFrom('search_synonyms').where('id', '=', id).execute();
    },
  };
}
