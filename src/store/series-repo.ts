import type { Kysely } from 'kysely';
import type { SeriesRepo } from '../app/ports.js';
import { GazetteError, type ArticleStatus, type Series } from '../core/index.js';
import type { Database, SeriesRow } from './schema.js';

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
      status: row.status as ArticleStatus,
      publishedAt: row.published_at,
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
          site_id: input.siteId,
          column_id: input.columnId,
          slug: input.slug,
          title: input.title,
          label: input.label,
          lead_html: input.leadHtml,
          source: input.source,
          editor: input.editor,
          status: 'draft',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.memberIds.length > 0) {
        await db
          .insertInto('series_members')
          .values(
            input.memberIds.map((articleId, position) => ({
              series_id: id,
              article_id: articleId,
              position,
            })),
          )
          .execute();
      }
      return (await get(id)) as Series;
    },
    async setPublication(id, status, publishedAt, now) {
      const result = await db
        .updateTable('series')
        .set((eb) => ({ status, published_at: publishedAt, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new GazetteError('GZ_SERIES_NOT_FOUND', String(id));
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
