import type { Kysely } from 'kysely';
import type { SeriesInput, SeriesRepo } from '../app/index.js';
import { GazetteError, precisionOf, type Series } from '../core/index.js';
import type { Database, SeriesRow } from './schema.js';

/** The columns an editor sets, shared by creation and change. */
const fieldsOf = (input: SeriesInput) => ({
  column_id: input.columnId,
  slug: input.slug,
  title: input.title,
  label: input.label,
  lead_html: input.leadHtml,
  source: input.source,
  editor: input.editor,
});

export function createSeriesRepo(db: Kysely<Database>): SeriesRepo {
  const hydrate = async (rows: readonly SeriesRow[]): Promise<Series[]> => {
    if (rows.length === 0) return [];
    const members = await db
      .selectFrom('series_members')
      .selectAll()
      .where(
        'series_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('position')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      columnId: row.column_id,
      slug: row.slug,
      title: row.title,
      label: row.label,
      leadHtml: row.lead_html,
      source: row.source,
      editor: row.editor,
      status: row.status,
      publishedAt: row.published_at,
      ...(row.published_precision === null
        ? {}
        : { publishedPrecision: precisionOf(row.published_precision) }),
      version: row.version,
      memberIds: members.filter((m) => m.series_id === row.id).map((m) => m.article_id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  };

  const get = async (id: number): Promise<Series | undefined> => {
    const row = await db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate([row]))[0] : undefined;
  };

  const insertMembers = async (seriesId: number, memberIds: readonly number[]): Promise<void> => {
    if (memberIds.length === 0) return;
    await db
      .insertInto('series_members')
      .values(
        memberIds.map((articleId, position) => ({ series_id: seriesId, article_id: articleId, position })),
      )
      .execute();
  };

  const missingOrConflict = async (id: number, expectedVersion: number | undefined): Promise<never> => {
    const exists = await db.selectFrom('series').select('id').where('id', '=', id).executeTakeFirst();
    throw exists
      ? new GazetteError('GZ_VERSION_CONFLICT', `series ${id}`, { expectedVersion })
      : new GazetteError('GZ_SERIES_NOT_FOUND', String(id));
  };

  return {
    get,
    async getBySlug(siteId, slug) {
      const row = await db
        .selectFrom('series')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    async create(input, now) {
      const { id } = await db
        .insertInto('series')
        .values({
          ...fieldsOf(input),
          site_id: input.siteId,
          status: 'draft',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertMembers(id, input.memberIds);
      return (await get(id)) as Series;
    },
    async setPublication(id, status, publishedAt, now, expectedVersion) {
      let query = db
        .updateTable('series')
        .set((eb) => ({ status, published_at: publishedAt, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id);
      if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
      const result = await query.executeTakeFirst();
      if (result.numUpdatedRows === 0n) await missingOrConflict(id, expectedVersion);
      return (await get(id)) as Series;
    },
    async setPublishedPrecision(id, precision) {
      await db.updateTable('series').set({ published_precision: precision }).where('id', '=', id).execute();
    },
    async listBySite(siteId) {
      const rows = await db
        .selectFrom('series')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return hydrate(rows);
    },
    async countInColumn(columnId) {
      const { count } = await db
        .selectFrom('series')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('column_id', '=', columnId)
        .executeTakeFirstOrThrow();
      return Number(count);
    },
    async update(id, expectedVersion, input, now) {
      const result = await db
        .updateTable('series')
        .set((eb) => ({
          ...fieldsOf(input),
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) await missingOrConflict(id, expectedVersion);
      await db.deleteFrom('series_members').where('series_id', '=', id).execute();
      await insertMembers(id, input.memberIds);
      return (await get(id)) as Series;
    },
    async listPublished(siteId, limit) {
      const rows = await db
        .selectFrom('series')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return hydrate(rows);
    },
    async listPublishedContaining(articleId) {
      const rows = await db
        .selectFrom('series')
        .innerJoin('series_members', 'series_members.series_id', 'series.id')
        .selectAll('series')
        .where('series_members.article_id', '=', articleId)
        .where('series.status', '=', 'published')
        .orderBy('series.published_at', 'desc')
        .execute();
      return hydrate(rows);
    },
  };
}
