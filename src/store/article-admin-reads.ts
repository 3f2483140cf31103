import { sql, type Kysely } from 'kysely';
import type { AdminArticleFilter, AdminArticlePage, AdminArticleReads } from '../app/index.js';
import type { ArticleStatus } from '../core/index.js';
import type { Database } from './schema.js';

/** Never stored: keeps an `IN` list of statuses from being empty (an empty list is invalid SQL). */
const NO_STATUS = '-' as ArticleStatus;

/** The admin's lists and counts of articles in any state, and the scheduler's due list. */
export function createAdminArticleReads(db: Kysely<Database>): AdminArticleReads {
  const adminQuery = (filter: AdminArticleFilter) => {
    let query = db.selectFrom('articles').where('site_id', '=', filter.siteId);
    if (filter.columnIds) query = query.where('column_id', 'in', [...filter.columnIds, -1]);
    if (filter.withCorrections && filter.statuses && filter.reviewLevels) {
      const statuses = [...filter.statuses, NO_STATUS];
      const levels = [...filter.reviewLevels, -1];
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', statuses), eb('review_level', 'in', levels)]),
          eb.and([
            eb('status', '=', 'published'),
            eb('correction_status', '<>', ''),
            eb('review_level', 'in', levels),
          ]),
        ]),
      );
    } else if (filter.statuses) query = query.where('status', 'in', [...filter.statuses, NO_STATUS]);
    if (filter.authorId !== undefined) query = query.where('author_id', '=', filter.authorId);
    if (filter.excludeAuthorId !== undefined) {
      const me = filter.excludeAuthorId;
      query = query.where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', '<>', me)]));
    }
    if (filter.reviewLevels && !(filter.withCorrections && filter.statuses)) {
      query = query.where('review_level', 'in', [...filter.reviewLevels, -1]);
    }
    if (filter.excludeApprovedBy !== undefined) {
      const me = filter.excludeApprovedBy;
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('article_reviews')
              .select('article_reviews.id')
              .whereRef('article_reviews.article_id', '=', 'articles.id')
              .whereRef('article_reviews.round', '=', 'articles.review_round')
              .where('article_reviews.user_id', '=', me)
              .where('article_reviews.decision', '=', 'approve'),
          ),
        ),
      );
    }
    if (filter.updatedFrom !== undefined) query = query.where('updated_at', '>=', filter.updatedFrom);
    if (filter.updatedTo !== undefined) query = query.where('updated_at', '<', filter.updatedTo);
    if (filter.publishedFrom !== undefined) query = query.where('published_at', '>=', filter.publishedFrom);
    if (filter.publishedTo !== undefined) query = query.where('published_at', '<', filter.publishedTo);
    if (filter.sort === 'published') query = query.where('published_at', 'is not', null);
    if (filter.title) query = query.where(sql<boolean>`title like ${likePattern(filter.title)} escape '\\'`);
    for (const word of filter.words ?? []) {
      const pattern = likePattern(word);
      query = query.where(
        sql<boolean>`(title like ${pattern} escape '\\' or body_html like ${pattern} escape '\\')`,
      );
    }
    return query;
  };

  return {
    async authorIds(siteId) {
      const rows = await db
        .selectFrom('articles')
        .select('author_id')
        .distinct()
        .where('site_id', '=', siteId)
        .where('author_id', 'is not', null)
        .execute();
      return rows.map((row) => row.author_id as number);
    },
    async listForAdmin(filter: AdminArticleFilter, pageOrLimit: AdminArticlePage | number, offset?: number) {
      const page =
        typeof pageOrLimit === 'number' ? { limit: pageOrLimit, offset: offset ?? 0 } : pageOrLimit;
      // Keyset pagination: rows after the cursor in (sort value, id) order, walking an index of the same order.
      const key = filter.sort === 'published' ? 'published_at' : 'updated_at';
      let query = adminQuery(filter);
      const after = page.after;
      if (after) {
        // A row-value comparison, which both databases turn into one index range (an OR of two does not).
        query = query.where((eb) => eb(eb.refTuple(key, 'id'), '<', eb.tuple(after.at, after.id)));
      }
      const rows = await query
        .select([
          'id',
          'column_id',
          'title',
          'status',
          'review_level',
          'author_id',
          'author',
          'path',
          'published_at',
          'scheduled_at',
          'updated_at',
          'version',
        ])
        .orderBy(key, 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(after ? 0 : (page.offset ?? 0))
        .execute();
      return rows.map((row) => ({
        id: row.id,
        columnId: row.column_id,
        title: row.title,
        status: row.status,
        reviewLevel: row.review_level,
        authorId: row.author_id,
        author: row.author,
        path: row.path,
        publishedAt: row.published_at,
        scheduledAt: row.scheduled_at,
        updatedAt: row.updated_at,
        version: row.version,
      }));
    },
    async countForAdmin(filter) {
      const { count } = await adminQuery(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count);
    },
    async countByStatusForAdmin(filter) {
      const rows = await adminQuery(filter)
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .groupBy('status')
        .execute();
      return new Map(rows.map((row) => [row.status, Number(row.count)]));
    },
    async columnStatsForAdmin(siteId) {
      const rows = await db
        .selectFrom('articles')
        .select((eb) => [
          'column_id',
          eb.fn.countAll<number | string>().as('articles'),
          eb.fn
            .sum<number | string | null>(eb.case().when('status', '=', 'published').then(1).else(0).end())
            .as('published'),
          eb.fn
            .max<string | null>(eb.case().when('status', '=', 'published').then(eb.ref('published_at')).end())
            .as('last_published_at'),
        ])
        .where('site_id', '=', siteId)
        .groupBy('column_id')
        .execute();
      return new Map(
        rows.map((row) => [
          row.column_id,
          {
            articles: Number(row.articles),
            published: Number(row.published ?? 0),
            lastPublishedAt: row.last_published_at ?? null,
          },
        ]),
      );
    },
    async listDue(now, limit) {
      const rows = await db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', now)
        .orderBy('scheduled_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

/** A LIKE pattern finding `text` anywhere, its wildcards taken literally (with `escape '\\'`). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
