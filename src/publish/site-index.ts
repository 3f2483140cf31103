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

const LIST_CHUNK = 10_000;
const EVERYTHING = 1_000_000_000;

export async function loadSiteIndex(store: Store, ctx: SiteContext): Promise<SiteIndex> {
  const siteId = ctx.site.id;
  // In pages: one query for everything would name 100,000 ids in its second step, past SQLite's limit.
  const rows: Awaited<ReturnType<Store['articles']['listPublished']>> = [];
  for (let offset = 0; ; offset += LIST_CHUNK) {
    const page = await store.articles.listPublished({ siteId }, LIST_CHUNK, offset);
    rows.push(...page);
    if (page.length < LIST_CHUNK) break;
  }
  // One read of the tag rows, not of whole articles (that took 5.5-7.6 s at 100k articles).
  const tags = await store.articles.publishedTags(siteId);
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

/** A list cut from an index, with what it is. */
type CutLists = Map<string, { ref: ListRef; list: readonly ArticleFacts[] }>;

/** Lists already cut from an index (an index is never changed in place: `withArticle` makes a new one). */
const cutLists = new WeakMap<SiteIndex, CutLists>();

/** The articles of one list, newest first. */
export function listArticles(index: SiteIndex, ref: ListRef): readonly ArticleFacts[] {
  let lists = cutLists.get(index);
  if (!lists) cutLists.set(index, (lists = new Map() as CutLists));
  const key = listKey(ref);
  let cut = lists.get(key);
  if (!cut) lists.set(key, (cut = { ref, list: cutList(index, ref) }));
  return cut.list;
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

/** Whether an article belongs on a list. */
function onList(columns: readonly PlanColumn[], ref: ListRef, article: ArticleFacts): boolean {
  switch (ref.kind) {
    case 'site':
      return true;
    case 'news':
      return columns.find((c) => c.id === article.columnId)?.kind === 'news';
    case 'column':
      return subtreeIds(columns, ref.columnId).has(article.columnId);
    case 'tag':
      return article.tags.includes(ref.tag);
  }
}

/** Where `article` goes in a list ordered newest first (binary search). */
function insertionPoint(list: readonly ArticleFacts[], article: ArticleFacts): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNewestFirst(list[mid] as ArticleFacts, article) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  const series = index.series.filter((s) => s.memberIds.includes(article.id));
  // A series member reads in its (newest) series' order, as its page does; any other in its column's.
  const inSeries = series[0];
  const published = inSeries ? new Map(index.articles.map((a) => [a.id, a])) : null;
  const sequence =
    inSeries && published
      ? inSeries.memberIds.flatMap((id) => published.get(id) ?? [])
      : index.articles.filter((a) => a.columnId === article.columnId);
  const at = sequence.findIndex((a) => a.id === article.id);
  return {
    lists,
    prev: sequence[at - 1]?.path ?? null,
    next: sequence[at + 1]?.path ?? null,
    series: series.map((s) => s.slug),
  };
}

/** The plan's view of one article in this state of the index. */
export function articleState(index: SiteIndex, id: number): ArticleState {
  const published = index.articles.find((a) => a.id === id);
  if (published) return { status: 'published', article: published, placement: placementOf(index, published) };
  const gone = index.gone.find((a) => a.id === id);
  return gone ? { status: 'gone', article: gone } : { status: 'none' };
}

/**
 * The index with one article put in its new state (published, gone or neither). The lists already cut from
 * the old index are carried over, each changed by that one article, instead of being cut again from 100,000
 * articles for every publish.
 */
export function withArticle(
  index: SiteIndex,
  id: number,
  next: { readonly status: 'published' | 'gone'; readonly article: ArticleFacts } | null,
): SiteIndex {
  const previous = index.articles.find((a) => a.id === id);
  const articles = previous ? index.articles.filter((a) => a.id !== id) : [...index.articles];
  const gone = index.gone.filter((a) => a.id !== id);
  if (next?.status === 'published') articles.splice(insertionPoint(articles, next.article), 0, next.article);
  if (next?.status === 'gone') gone.push(next.article);
  const updated: SiteIndex = { ...index, articles, gone };
  const lists = cutLists.get(index);
  if (lists) {
    const columns = index.ctx.columns;
    const carried: CutLists = new Map();
    for (const [key, { ref, list }] of lists) {
      if (ref.kind === 'site') {
        carried.set(key, { ref, list: articles });
        continue;
      }
      const had = previous !== undefined && onList(columns, ref, previous);
      const has = next?.status === 'published' && onList(columns, ref, next.article);
      if (!had && !has) {
        carried.set(key, { ref, list });
        continue;
      }
      const changed = had ? list.filter((a) => a.id !== id) : [...list];
      if (has) changed.splice(insertionPoint(changed, next.article), 0, next.article);
      carried.set(key, { ref, list: changed });
    }
    cutLists.set(updated, carried);
  }
  return updated;
}
