import type { SiteContext, Store } from '../app/index.js';
import type { Series } from '../core/index.js';
import {
  listKey,
  listsOf,
  type ArticleFacts,
  type ArticleState,
  type ListRef,
  type Placement,
  type PlanColumn,
  type Spot,
} from './plan.js';

/**
 * What the static publisher keeps in memory about one site: every published article's list row and tags
 * (newest first, the order of the store's `listPublished`), the withdrawn ones, and the published series.
 * List pages are cut from it instead of asking the database page by page; article pages still come from
 * the read side (src/app/read-site.ts).
 */
export interface SiteIndex {
  readonly ctx: SiteContext;
  /** Published, newest first: published_at desc, id desc. */
  readonly articles: readonly ArticleFacts[];
  /** Withdrawn or archived articles that had a public URL: it answers 410. */
  readonly gone: readonly ArticleFacts[];
  /** Published series, newest first. */
  readonly series: readonly Series[];
}

const CHUNK = 500;
const EVERYTHING = 1_000_000_000;

export async function loadSiteIndex(store: Store, ctx: SiteContext): Promise<SiteIndex> {
  const siteId = ctx.site.id;
  const rows = await store.articles.listPublished({ siteId }, EVERYTHING, 0);
  const tags = new Map<number, readonly string[]>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = await store.articles.listPublishedByIds(rows.slice(i, i + CHUNK).map((r) => r.id));
    for (const article of chunk) tags.set(article.id, article.tags);
  }
  const goneRows = await store.articles.listForAdmin(
    { siteId, statuses: ['withdrawn', 'archived'] },
    EVERYTHING,
    0,
  );
  return {
    ctx,
    articles: rows.map((row) => ({
      id: row.id,
      path: row.path,
      columnId: row.columnId,
      title: row.title,
      summary: row.summary,
      source: row.source,
      publishedAt: row.publishedAt,
      tags: tags.get(row.id) ?? [],
    })),
    gone: goneRows.flatMap((row) =>
      row.path !== null && row.publishedAt !== null
        ? [{ ...row, path: row.path, publishedAt: row.publishedAt, summary: '', source: '', tags: [] }]
        : [],
    ),
    series: await store.series.listPublished(siteId, EVERYTHING),
  };
}

/** Newest first, as the store orders published lists. */
export function compareNewestFirst(a: ArticleFacts, b: ArticleFacts): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? 1 : -1;
  return b.id - a.id;
}

/** Ids of a column and all its descendants. */
function subtreeIds(columns: readonly PlanColumn[], id: number): Set<number> {
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of columns) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Lists already cut from an index (an index is never changed in place: `withArticle` makes a new one). */
const cutLists = new WeakMap<SiteIndex, Map<string, readonly ArticleFacts[]>>();

/** The articles of one list, newest first. */
export function listArticles(index: SiteIndex, ref: ListRef): readonly ArticleFacts[] {
  let lists = cutLists.get(index);
  if (!lists) cutLists.set(index, (lists = new Map<string, readonly ArticleFacts[]>()));
  const key = listKey(ref);
  let list = lists.get(key);
  if (!list) lists.set(key, (list = cutList(index, ref)));
  return list;
}

function cutList(index: SiteIndex, ref: ListRef): readonly ArticleFacts[] {
  const { columns } = index.ctx;
  switch (ref.kind) {
    case 'site':
      return index.articles;
    case 'news': {
      const news = new Set(columns.filter((c) => c.kind === 'news').map((c) => c.id));
      return index.articles.filter((a) => news.has(a.columnId));
    }
    case 'column': {
      const ids = subtreeIds(columns, ref.columnId);
      return index.articles.filter((a) => ids.has(a.columnId));
    }
    case 'tag':
      return index.articles.filter((a) => a.tags.includes(ref.tag));
  }
}

/** Every tag of the site's published articles. */
export function allTags(index: SiteIndex): string[] {
  return [...new Set(index.articles.flatMap((a) => a.tags))];
}

/** Where a published article of the index sits: its spot in each of its lists, neighbours and series. */
export function placementOf(index: SiteIndex, article: ArticleFacts): Placement {
  const lists = new Map<string, Spot>();
  for (const ref of listsOf(article, index.ctx.columns)) {
    const list = listArticles(index, ref);
    lists.set(listKey(ref), { index: list.findIndex((a) => a.id === article.id), total: list.length });
  }
  const sameColumn = index.articles.filter((a) => a.columnId === article.columnId);
  const at = sameColumn.findIndex((a) => a.id === article.id);
  return {
    lists,
    prev: sameColumn[at - 1]?.path ?? null,
    next: sameColumn[at + 1]?.path ?? null,
    series: index.series.filter((s) => s.memberIds.includes(article.id)).map((s) => s.slug),
  };
}

/** The plan's view of one article in this state of the index. */
export function articleState(index: SiteIndex, id: number): ArticleState {
  const published = index.articles.find((a) => a.id === id);
  if (published) return { status: 'published', article: published, placement: placementOf(index, published) };
  const gone = index.gone.find((a) => a.id === id);
  return gone ? { status: 'gone', article: gone } : { status: 'none' };
}

/** The index with one article put in its new state (published, gone or neither). */
export function withArticle(
  index: SiteIndex,
  id: number,
  next: { readonly status: 'published' | 'gone'; readonly article: ArticleFacts } | null,
): SiteIndex {
  const articles = index.articles.filter((a) => a.id !== id);
  const gone = index.gone.filter((a) => a.id !== id);
  if (next?.status === 'published') {
    // Binary search for the insertion point keeps a publish O(log n) plus one copy.
    let lo = 0;
    let hi = articles.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareNewestFirst(articles[mid] as ArticleFacts, next.article) < 0) lo = mid + 1;
      else hi = mid;
    }
    articles.splice(lo, 0, next.article);
  }
  if (next?.status === 'gone') gone.push(next.article);
  return { ...index, articles, gone };
}
