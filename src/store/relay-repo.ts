import type { Kysely } from 'kysely';
import type { Relay, RelayRepo, RelayWaiting } from '../app/index.js';
import type { Database } from './schema.js';
import type { RelayRow } from './schema-relays.js';

const toRelay = (row: RelayRow): Relay => ({
  id: row.id,
  sourceArticleId: row.source_article_id,
  sourceSiteId: row.source_site_id,
  targetSiteId: row.target_site_id,
  columnId: row.column_id,
  note: row.note,
  status: row.status,
  copyArticleId: row.copy_article_id,
  sourceDigest: row.source_digest,
  offeredBy: row.offered_by,
  offeredAt: row.offered_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  reason: row.reason,
  syncedAt: row.synced_at,
});

export function createRelayRepo(db: Kysely<Database>): RelayRepo {
  const get = async (id: number) => {
    const row = await db.selectFrom('article_relays').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRelay(row) : undefined;
  };
  return {
    get,
    async add(input, now) {
      const { id } = await db
        .insertInto('article_relays')
        .values({
          source_article_id: input.sourceArticleId,
          source_site_id: input.sourceSiteId,
          target_site_id: input.targetSiteId,
          column_id: input.columnId,
          note: input.note,
          status: 'offered',
          copy_article_id: null,
          source_digest: '',
          offered_by: input.offeredBy,
          offered_at: now,
          decided_by: '',
          decided_at: null,
          reason: '',
          synced_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as Relay;
    },
    async listIncoming(siteId, limit) {
      const rows = await db
        .selectFrom('article_relays')
        .selectAll()
        .where('target_site_id', '=', siteId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRelay);
    },
    async listOutgoing(siteId, limit) {
      const rows = await db
        .selectFrom('article_relays')
        .selectAll()
        .where('source_site_id', '=', siteId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRelay);
    },
    async findLive(sourceArticleId, targetSiteId) {
      const row = await db
        .selectFrom('article_relays')
        .selectAll()
        .where('source_article_id', '=', sourceArticleId)
        .where('target_site_id', '=', targetSiteId)
        .where('status', 'in', ['offered', 'accepted'])
        .executeTakeFirst();
      return row ? toRelay(row) : undefined;
    },
    async findByCopy(copyArticleId) {
      const row = await db
        .selectFrom('article_relays')
        .selectAll()
        .where('copy_article_id', '=', copyArticleId)
        .executeTakeFirst();
      return row ? toRelay(row) : undefined;
    },
    async decide(id, from, decision, now) {
      const result = await db
        .updateTable('article_relays')
        .set({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: now,
          reason: decision.reason,
          ...(decision.columnId !== undefined ? { column_id: decision.columnId } : {}),
          ...(decision.copyArticleId !== undefined ? { copy_article_id: decision.copyArticleId } : {}),
          ...(decision.sourceDigest !== undefined ? { source_digest: decision.sourceDigest } : {}),
          ...(decision.syncedAt !== undefined ? { synced_at: decision.syncedAt } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? get(id) : undefined;
    },
    async waitingBySite() {
      const rows = await db
        .selectFrom('article_relays')
        .select((eb) => [
          'target_site_id',
          eb.fn.countAll<string | number>().as('n'),
          eb.fn.min('offered_at').as('oldest'),
        ])
        .where('status', '=', 'offered')
        .groupBy('target_site_id')
        .execute();
      const waiting = new Map<number, RelayWaiting>();
      for (const row of rows)
        waiting.set(row.target_site_id, { count: Number(row.n), oldestAt: String(row.oldest) });
      return waiting;
    },
  };
}
