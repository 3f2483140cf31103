import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  AdminArticleFilter,
  ArticleContent,
  ArticleListItem,
  ArticleRepo,
  PublishedQuery,
  ReviewDecision,
} from '../app/ports.js';
import {
  GazetteError,
  type Article,
  type ArticleStatus,
  type Attachment,
  type ReviewLevel,
} from '../core/index.js';
import type { ArticleRow, Database } from './schema.js';

const LIST_COLUMNS = ['id', 'column_id', 'title', 'summary', 'source', 'path', 'published_at'] as const;

type ListRow = Pick<ArticleRow, (typeof LIST_COLUMNS)[number]>;

const toListItem = (row: ListRow): ArticleListItem => ({
  id: row.id,
  columnId: row.column_id,
  title: row.title,
  summary: row.summary,
  source: row.source,
  path: row.path ?? '',
  publishedAt: row.published_at ?? '',
});

const contentColumns = (content: ArticleContent) => ({
  column_id: content.columnId,
  title: content.title,
  kicker: content.kicker,
  subtitle: content.subtitle,
  summary: content.summary,
  body_html: content.bodyHtml,
  source: content.source,
  original_author: content.originalAuthor,
  original_title: content.originalTitle,
  author: content.author,
  editor: content.editor,
  cover_url: content.coverUrl,
  cover_alt: content.coverAlt,
});

export function createArticleRepo(db: Kysely<Database>): ArticleRepo {
  /** Loads tags and attachments for many rows in two queries, not one per row. */
  const hydrate = async (rows: readonly ArticleRow[]): Promise<Article[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [tags, attachments] = await Promise.all([
      db.selectFrom('article_tags').selectAll().where('article_id', 'in', ids).orderBy('position').execute(),
      db
        .selectFrom('attachments')
        .selectAll()
        .where('article_id', 'in', ids)
        .orderBy('position')
        .orderBy('id')
        .execute(),
    ]);
    return rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      columnId: row.column_id,
      status: row.status as ArticleStatus,
      title: row.title,
      kicker: row.kicker,
      subtitle: row.subtitle,
      summary: row.summary,
      bodyHtml: row.body_html,
      source: row.source,
      originalAuthor: row.original_author,
      originalTitle: row.original_title,
      author: row.author,
      editor: row.editor,
      path: row.path,
      publishedAt: row.published_at,
      withdrawnAt: row.withdrawn_at,
      withdrawnReason: row.withdrawn_reason,
      coverUrl: row.cover_url,
      coverAlt: row.cover_alt,
      viewCount: row.view_count,
      version: row.version,
      authorId: row.author_id,
      reviewLevel: Math.min(3, Math.max(0, row.review_level)) as 0 | ReviewLevel,
      reviewRound: row.review_round,
      scheduledAt: row.scheduled_at,
      tags: tags.filter((t) => t.article_id === row.id).map((t) => t.tag),
      attachments: attachments
        .filter((a) => a.article_id === row.id)
        .map((a): Attachment => ({ id: a.id, name: a.name, url: a.url, mime: a.mime, size: a.size })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  };

  const get = async (id: number): Promise<Article | undefined> => {
    const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate([row]))[0] : undefined;
  };

  const replaceTags = async (articleId: number, siteId: number, tags: readonly string[]): Promise<void> => {
    await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    if (tags.length === 0) return;
    await db
      .insertInto('article_tags')
      .values(tags.map((tag, position) => ({ article_id: articleId, site_id: siteId, tag, position })))
      .execute();
  };

  const published = (query: PublishedQuery): SelectQueryBuilder<Database, 'articles', object> => {
    let builder = db
      .selectFrom('articles')
      .where('articles.site_id', '=', query.siteId)
      .where('articles.status', '=', 'published');
    if (query.columnIds) builder = builder.where('articles.column_id', 'in', [...query.columnIds, -1]);
    if (query.tag !== undefined) {
      const tag = query.tag;
      builder = builder.where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_tags')
            .select('article_tags.article_id')
            .whereRef('article_tags.article_id', '=', 'articles.id')
            .where('article_tags.tag', '=', tag),
        ),
      );
    }
    return builder;
  };

  const adminQuery = (filter: AdminArticleFilter) => {
    let query = db.selectFrom('articles').where('site_id', '=', filter.siteId);
    if (filter.columnIds) query = query.where('column_id', 'in', [...filter.columnIds, -1]);
    if (filter.statuses) query = query.where('status', 'in', [...filter.statuses, '-']);
    if (filter.authorId !== undefined) query = query.where('author_id', '=', filter.authorId);
    if (filter.updatedFrom !== undefined) query = query.where('updated_at', '>=', filter.updatedFrom);
    if (filter.updatedTo !== undefined) query = query.where('updated_at', '<', filter.updatedTo);
    if (filter.title) {
      const escaped = filter.title.replace(/[\\%_]/g, (c) => `\\${c}`);
      query = query.where(sql<boolean>`title like ${`%${escaped}%`} escape '\\'`);
    }
    return query;
  };

  /** Conditional write: the row must still carry `expectedVersion`; bumps it. */
  const writeVersioned = async (
    id: number,
    expectedVersion: number,
    values: Partial<Omit<ArticleRow, 'id' | 'version'>>,
  ): Promise<void> => {
    const result = await db
      .updateTable('articles')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const exists = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
      throw exists
        ? new GazetteError('GZ_VERSION_CONFLICT', `article ${id}`, { expectedVersion })
        : new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id));
    }
  };

  return {
    get,
    async getByPath(siteId, path) {
      const row = await db
        .selectFrom('articles')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('path', '=', path)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    async create(siteId, content, authorId, now) {
      const { id } = await db
        .insertInto('articles')
        .values({
          ...contentColumns(content),
          site_id: siteId,
          status: 'draft',
          withdrawn_reason: '',
          view_count: 0,
          version: 1,
          author_id: authorId,
          review_level: 0,
          review_round: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceTags(id, siteId, content.tags);
      return (await get(id)) as Article;
    },
    async updateContent(id, expectedVersion, content, now) {
      await writeVersioned(id, expectedVersion, { ...contentColumns(content), updated_at: now });
      const article = (await get(id)) as Article;
      await replaceTags(id, article.siteId, content.tags);
      return { ...article, tags: [...content.tags] };
    },
    async setPublication(id, expectedVersion, state, now) {
      await writeVersioned(id, expectedVersion, {
        status: state.status,
        review_level: state.reviewLevel,
        review_round: state.reviewRound,
        scheduled_at: state.scheduledAt,
        path: state.path,
        published_at: state.publishedAt,
        withdrawn_at: state.withdrawnAt,
        withdrawn_reason: state.withdrawnReason,
        updated_at: now,
      });
      return (await get(id)) as Article;
    },
    async addReview(decision) {
      await db
        .insertInto('article_reviews')
        .values({
          article_id: decision.articleId,
          round: decision.round,
          level: decision.level,
          user_id: decision.userId,
          actor_name: decision.actorName,
          decision: decision.decision,
          comment: decision.comment,
          at: decision.at,
        })
        .execute();
    },
    async listReviews(articleId, round) {
      let query = db.selectFrom('article_reviews').selectAll().where('article_id', '=', articleId);
      if (round !== undefined) query = query.where('round', '=', round);
      const rows = await query.orderBy('id').execute();
      return rows.map((row): ReviewDecision => ({
        articleId: row.article_id,
        round: row.round,
        level: row.level as ReviewLevel,
        userId: row.user_id,
        actorName: row.actor_name,
        decision: row.decision === 'reject' ? 'reject' : 'approve',
        comment: row.comment,
        at: row.at,
      }));
    },
    async listForAdmin(filter, limit, offset) {
      const rows = await adminQuery(filter)
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
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        columnId: row.column_id,
        title: row.title,
        status: row.status as ArticleStatus,
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
    async addViews(counts) {
      for (const [id, views] of counts) {
        await db
          .updateTable('articles')
          .set((eb) => ({ view_count: eb('view_count', '+', views) }))
          .where('id', '=', id)
          .where('status', '=', 'published')
          .execute();
      }
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
    async addAttachment(articleId, attachment) {
      const { count } = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('article_id', '=', articleId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('attachments')
        .values({ article_id: articleId, ...attachment, position: Number(count) })
        .execute();
    },
    async listPublished(query, limit, offset) {
      const rows = await published(query)
        .select(LIST_COLUMNS.map((c) => `articles.${c}` as const))
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toListItem);
    },
    async countPublished(query) {
      const { count } = await published(query)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count);
    },
    async neighbours(article) {
      if (article.publishedAt === null) return { prev: null, next: null };
      const at = article.publishedAt;
      const base = published({ siteId: article.siteId, columnIds: [article.columnId] }).select(
        LIST_COLUMNS.map((c) => `articles.${c}` as const),
      );
      const [prev, next] = await Promise.all([
        base
          .where((eb) =>
            eb.or([
              eb('articles.published_at', '>', at),
              eb.and([eb('articles.published_at', '=', at), eb('articles.id', '>', article.id)]),
            ]),
          )
          .orderBy('articles.published_at', 'asc')
          .orderBy('articles.id', 'asc')
          .limit(1)
          .executeTakeFirst(),
        base
          .where((eb) =>
            eb.or([
              eb('articles.published_at', '<', at),
              eb.and([eb('articles.published_at', '=', at), eb('articles.id', '<', article.id)]),
            ]),
          )
          .orderBy('articles.published_at', 'desc')
          .orderBy('articles.id', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return { prev: prev ? toListItem(prev) : null, next: next ? toListItem(next) : null };
    },
    async countByColumn(siteId) {
      const rows = await db
        .selectFrom('articles')
        .select(['column_id', (eb) => eb.fn.countAll<number | string>().as('count')])
        .where('site_id', '=', siteId)
        .where('status', '=', 'published')
        .groupBy('column_id')
        .execute();
      return new Map(rows.map((row) => [row.column_id, Number(row.count)]));
    },
    async listPublishedByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('articles')
        .selectAll()
        .where('id', 'in', [...ids])
        .where('status', '=', 'published')
        .execute();
      return hydrate(rows);
    },
  };
}
