import type { Kysely } from 'kysely';
import type { CheckTerm, CheckTermRepo } from '../app/index.js';
import type { Database } from './schema.js';
import type { CheckTermRow } from './schema-check-terms.js';

const toTerm = (row: CheckTermRow): CheckTerm => ({
  id: row.id,
  siteId: row.site_id,
  kind: row.kind,
  term: row.term,
  canonical: row.canonical,
  note: row.note,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export function createCheckTermRepo(db: Kysely<Database>): CheckTermRepo {
  const get = async (id: number) => {
    const row = await db.selectFrom('check_terms').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTerm(row) : undefined;
  };
  return {
    get,
    async list(siteId) {
      const rows = await db
        .selectFrom('check_terms')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('kind')
        .orderBy('term')
        .execute();
      return rows.map(toTerm);
    },
    async find(siteId, kind, term) {
      const row = await db
        .selectFrom('check_terms')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('kind', '=', kind)
        .where('term', '=', term)
        .executeTakeFirst();
      return row ? toTerm(row) : undefined;
    },
    async add(input, now) {
      const { id } = await db
        .insertInto('check_terms')
        .values({
          site_id: input.siteId,
          kind: input.kind,
          term: input.term,
          canonical: input.canonical,
          note: input.note,
          created_by: input.createdBy,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as CheckTerm;
    },
    async remove(id) {
      await db.deleteFrom('check_terms').where('id', '=', id).execute();
    },
  };
}
