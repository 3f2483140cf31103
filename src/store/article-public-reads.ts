import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ArticleListItem, ListPosition, PublishedArticleReads, PublishedQuery } from '../app/index.js';
import { hydrate, LIST_COLUMNS, toListItem } from './article-rows.js';
import type { Database } from './schema.js';

/** The reads of the public site and the static build: published articles only, in listing order. */
export function createPublishedArticleReads(db: Kysely<Database>): PublishedArticleReads {
  /**
   * Published articles of a list. One column is an equality, so the list is a range of
   * `articles_column_listing_idx` already in order; several columns are filtered inside
   * `articles_public_listing_idx`. A tag alone is listed from `article_tags` (see `tagged`). Counting
   * (`ordered` false) several columns probes `articles_column_listing_idx` once per column instead.
   */
  const published = (
    query: PublishedQuery,
    ordered = true,
  ): SelectQueryBuilder<Database, 'articles', object> => {
    const [only, ...more] = query.columnIds ?? [];
    // A column belongs to one site: filtering by site as well would steer the planner to the site index.
    let builder =
      only !== undefined && (more.length === 0 || !ordered)
        ? db.selectFrom('articles')
        : db.selectFrom('articles').where('articles.site_id', '=', query.siteId);
    if (only !== undefined && more.length === 0) builder = builder.where('articles.column_id', '=', only);
    builder = builder.where('articles.status', '=', 'published');
    if (query.columnIds && (only === undefined || more.length > 0)) {
      builder = builder.where('articles.column_id', 'in', [...query.columnIds, -1]);
    }
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

  /** A tag's published articles, from `article_tags_listing_idx` alone (`listed_at` is their publish time). */
  const tagged = (siteId: number, tag: string) =>
    db
      .selectFrom('article_tags')
      .where('site_id', '=', siteId)
      .where('tag', '=', tag)
      .where('listed_at', 'is not', null);
  const byTagOnly = (query: PublishedQuery): query is PublishedQuery & { tag: string } =>
    query.tag !== undefined && query.columnIds === undefined;

  /** Up to this many rows from the top, a list over several columns merges each column's newest rows. */
  const MERGE_WINDOW = 200;

  /**
   * The ids of one page of a list, newest first, walking an index only (however deep the OFFSET goes, no
   * article row is read), then those rows: page 5,000 costs an index walk and 20 row reads.
   */
  const listPage = async (
    query: PublishedQuery,
    limit: number,
    offset: number,
    from?: ListPosition,
  ): Promise<ArticleListItem[]> => {
    const ids = (
      byTagOnly(query)
        ? await taggedFrom(query, from)
            .select('article_id as id')
            .orderBy('listed_at', 'desc')
            .orderBy('article_id', 'desc')
            .limit(limit)
            .offset(offset)
            .execute()
        : !from && query.columnIds && query.columnIds.length > 1 && offset + limit <= MERGE_WINDOW
          ? await mergedColumns(query.columnIds, limit, offset)
          : await publishedFrom(query, from)
              .select('articles.id')
              .orderBy('articles.published_at', 'desc')
              .orderBy('articles.id', 'desc')
              .limit(limit)
              .offset(offset)
              .execute()
    ).map((row) => row.id);
    return itemsByIds(ids);
  };

  /** A tag's list from a position on (a row-value seek in the tag's listing index). */
  const taggedFrom = (query: PublishedQuery & { tag: string }, from: ListPosition | undefined) => {
    const list = tagged(query.siteId, query.tag);
    return from
      ? list.where((eb) =>
          eb(eb.refTuple('listed_at', 'article_id'), '<=', eb.tuple(from.publishedAt, from.id)),
        )
      : list;
  };

  /** A list from a position on (a row-value seek in the listing index the list walks). */
  const publishedFrom = (query: PublishedQuery, from: ListPosition | undefined) => {
    const list = published(query);
    return from
      ? list.where((eb) =>
          eb(eb.refTuple('articles.published_at', 'articles.id'), '<=', eb.tuple(from.publishedAt, from.id)),
        )
      : list;
  };

  const positionIn = async (
    query: PublishedQuery,
    offset: number,
    from?: ListPosition,
  ): Promise<ListPosition | undefined> => {
    const row = byTagOnly(query)
      ? await taggedFrom(query, from)
          .select(['listed_at as publishedAt', 'article_id as id'])
          .orderBy('listed_at', 'desc')
          .orderBy('article_id', 'desc')
          .limit(1)
          .offset(offset)
          .executeTakeFirst()
      : await publishedFrom(query, from)
          .select(['articles.published_at as publishedAt', 'articles.id as id'])
          .orderBy('articles.published_at', 'desc')
          .orderBy('articles.id', 'desc')
          .limit(1)
          .offset(offset)
          .executeTakeFirst();
    return row?.publishedAt ? { publishedAt: row.publishedAt, id: row.id } : undefined;
  };

  /**
   * The first rows of several columns in listing order, as the newest `offset + limit` of each column
   * (a seek in the column's listing index each) merged. Walking the site's listing index instead reads
   * every newer article of other columns first: the home page's tile of a column with nine articles, on a
   * site where another column holds 100k, took 1.1 ms; this takes well under 0.1 ms. Written as SQL:
   * Kysely took 136 µs to build this union of subqueries, which SQLite runs in 12.
   */
  const mergedColumns = async (
    columnIds: readonly number[],
    limit: number,
    offset: number,
  ): Promise<{ id: number }[]> => {
    const arms = [...new Set(columnIds)].map(
      (columnId) =>
        sql`SELECT * FROM (SELECT id, published_at FROM articles WHERE column_id = ${columnId} AND status = ${'published'} ORDER BY published_at DESC, id DESC LIMIT ${sql.lit(offset + limit)}) AS newest`,
    );
    const { rows } = await sql<{ id: number }>`SELECT id FROM (${sql.join(arms, sql` UNION ALL `)}) AS merged
      ORDER BY published_at DESC, id DESC LIMIT ${sql.lit(limit)} OFFSET ${offset}`.execute(db);
    return rows;
  };

  /** List rows of published articles, in the order of `ids`. */
  const itemsByIds = async (ids: readonly number[]): Promise<ArticleListItem[]> => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('articles')
      .select(LIST_COLUMNS)
      .where('id', 'in', [...ids])
      .where('status', '=', 'published')
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toListItem(row)] : [];
    });
  };

  return {
    listPublished: listPage,
    async listPublishedWithCover(siteId, limit) {
      const rows = await published({ siteId })
        .select([...LIST_COLUMNS, 'cover_url', 'cover_alt'])
        .where('articles.cover_url', '<>', '')
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toListItem(row), coverUrl: row.cover_url, coverAlt: row.cover_alt }));
    },
    positionIn,
    async countPublished(query) {
      // Counted in the same indexes the lists walk, without reading article rows.
      const { count } = byTagOnly(query)
        ? await tagged(query.siteId, query.tag)
            .select((eb) => eb.fn.countAll<number | string>().as('count'))
            .executeTakeFirstOrThrow()
        : await published(query, false)
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
          // A row value comparison seeks straight to the article in the listing index, ties on the
          // publish time included (an OR of the two cases walked every tie: 80 vs 19 µs at 100k).
          .where((eb) =>
            eb(eb.refTuple('articles.published_at', 'articles.id'), '>', eb.tuple(at, article.id)),
          )
          .orderBy('articles.published_at', 'asc')
          .orderBy('articles.id', 'asc')
          .limit(1)
          .executeTakeFirst(),
        base
          .where((eb) =>
            eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(at, article.id)),
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
        // By the site's columns rather than site_id: each count is then a range of the column listing index.
        .where('column_id', 'in', (eb) =>
          eb.selectFrom('columns').select('columns.id').where('columns.site_id', '=', siteId),
        )
        .where('status', '=', 'published')
        .groupBy('column_id')
        .execute();
      return new Map(rows.map((row) => [row.column_id, Number(row.count)]));
    },
    listItemsByIds: (ids) => itemsByIds(ids),
    async publishedTags(siteId) {
      // `listed_at` is set exactly while the article is published (see `tagged`).
      const rows = await db
        .selectFrom('article_tags')
        .select(['article_id', 'tag'])
        .where('site_id', '=', siteId)
        .where('listed_at', 'is not', null)
        .orderBy('article_id')
        .orderBy('position')
        .execute();
      const tags = new Map<number, string[]>();
      for (const row of rows) {
        const list = tags.get(row.article_id);
        if (list) list.push(row.tag);
        else tags.set(row.article_id, [row.tag]);
      }
      return tags;
    },
    async listPublishedByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('articles')
        .selectAll()
        .where('id', 'in', [...ids])
        .where('status', '=', 'published')
        .execute();
      return hydrate(db, rows);
    },
  };
}
