import { sql, type Kysely } from 'kysely';
import type { SeenVisitor, VisitCount, VisitRepo, VisitScope } from '../app/index.js';
import type { Database } from './schema.js';

/** Rows per statement: 5 parameters each, far below either database's limit. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

export function createVisitRepo(db: Kysely<Database>): VisitRepo {
  return {
    async salt(day, fresh) {
      await db
        .insertInto('visit_salts')
        .values({ day, salt: fresh })
        .onConflict((oc) => oc.column('day').doNothing())
        .execute();
      const row = await db
        .selectFrom('visit_salts')
        .select('salt')
        .where('day', '=', day)
        .executeTakeFirstOrThrow();
      return row.salt;
    },
    async markSeen(rows) {
      const fresh: SeenVisitor[] = [];
      for (const part of chunks(rows)) {
        const inserted = await db
          .insertInto('visit_seen')
          .values(
            part.map((r) => ({
              site_id: r.siteId,
              day: r.day,
              scope: r.scope,
              key: r.key,
              visitor: r.visitor,
            })),
          )
          .onConflict((oc) => oc.columns(['site_id', 'day', 'scope', 'key', 'visitor']).doNothing())
          .returning(['site_id', 'day', 'scope', 'key', 'visitor'])
          .execute();
        for (const r of inserted)
          fresh.push({
            siteId: r.site_id,
            day: r.day,
            scope: r.scope as VisitScope,
            key: r.key,
            visitor: r.visitor,
          });
      }
      return fresh;
    },
    async add(counts) {
      for (const part of chunks(counts)) {
        await db
          .insertInto('visit_counts')
          .values(
            part.map((c) => ({
              site_id: c.siteId,
              day: c.day,
              scope: c.scope,
              key: c.key,
              views: c.views,
              visitors: c.visitors,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['site_id', 'day', 'scope', 'key']).doUpdateSet({
              views: sql<number>`visit_counts.views + excluded.views`,
              visitors: sql<number>`visit_counts.visitors + excluded.visitors`,
            }),
          )
          .execute();
      }
    },
    async forgetBefore(day) {
      await db.deleteFrom('visit_seen').where('day', '<', day).execute();
      await db.deleteFrom('visit_salts').where('day', '<', day).execute();
    },
    async daily(siteId, scope, from, to, key) {
      let query = db
        .selectFrom('visit_counts')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('scope', '=', scope)
        .where('day', '>=', from)
        .where('day', '<=', to);
      if (key !== undefined) query = query.where('key', '=', key);
      const rows = await query.orderBy('day').orderBy('key').execute();
      return rows.map((r): VisitCount => ({
        siteId: r.site_id,
        day: r.day,
        scope: r.scope as VisitScope,
        key: r.key,
        views: Number(r.views),
        visitors: Number(r.visitors),
      }));
    },
    async totals(siteId, scope, from, to, limit) {
      const rows = await db
        .selectFrom('visit_counts')
        .select((eb) => [
          'key',
          eb.fn.sum<number>('views').as('views'),
          eb.fn.sum<number>('visitors').as('visitors'),
        ])
        .where('site_id', '=', siteId)
        .where('scope', '=', scope)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('key')
        .orderBy('views', 'desc')
        .orderBy('key')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ key: r.key, views: Number(r.views), visitors: Number(r.visitors) }));
    },
    async claimLog(siteId, digest) {
      const result = await db
        .insertInto('visit_counts')
        .values({ site_id: siteId, day: '', scope: 'log', key: digest, views: 0, visitors: 0 })
        .onConflict((oc) => oc.columns(['site_id', 'day', 'scope', 'key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
  };
}
