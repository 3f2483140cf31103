import type { ContentEvent } from './deps.js';
import { keptReads, type KeptReadOptions } from './kept-reads.js';
import type { ArticleListItem, ListPosition, PublishedQuery, Store } from './ports.js';

/**
 * How many published articles a public list holds ("共 N 条", the number of pages), and where every
 * 500th row of a long list stands, kept between requests.
 * Counting a 100k-article column walks 100k index entries (about 9 ms on SQLite, measured with
 * bench/serve's site), on every page of the list; the number changes only when an article of the site is
 * published, edited, withdrawn or moved, or the column tree changes. Page 2,000 of such a column skipped
 * 40,000 index entries (1.3 ms); from the kept position of row 39,500 it skips fewer than 500.
 *
 * Kept until any content event of the list's site (any process, through the change feed), a resync, or
 * `maxAgeMs` at most, for writers that do not announce themselves (a bulk load, another process on a
 * SQLite file). `store` is the given store with `articles.countPublished` answered from here.
 */
export interface ListCounts {
  readonly store: Store;
  invalidate(event?: ContentEvent): void;
}

export interface ListCountOptions extends KeptReadOptions {
  /** Rows between kept positions (LIST_POSITION_STEP); smaller in tests. */
  readonly positionStep?: number;
}

/** Rows between two kept positions of a list: a deep page skips fewer than this many index entries. */
export const LIST_POSITION_STEP = 500;

export function createListCounts(store: Store, options: ListCountOptions = {}): ListCounts {
  const maxEntries = options.maxEntries ?? 10_000;
  const step = options.positionStep ?? LIST_POSITION_STEP;
  const kept = keptReads<number>({ ...options, maxEntries });
  // A 100k-article list keeps 200 positions.
  const positions = keptReads<ListPosition | null>({ ...options, maxEntries: maxEntries * 2 });
  const keyOf = (query: PublishedQuery) =>
    JSON.stringify([query.siteId, query.columnIds ?? null, query.tag ?? null]);
  const countPublished = (query: PublishedQuery): Promise<number> =>
    kept.get(keyOf(query), query.siteId, () => store.articles.countPublished(query));
  /** The position of row `k × step`, each found from the one before (a walk of `step` entries). */
  const positionOf = (query: PublishedQuery, k: number): Promise<ListPosition | null> =>
    positions.get(`${keyOf(query)}#${k}`, query.siteId, async () => {
      const before = k === 1 ? undefined : await positionOf(query, k - 1);
      if (before === null) return null;
      return (await store.articles.positionIn(query, step, before)) ?? null;
    });
  const listPublished = async (
    query: PublishedQuery,
    limit: number,
    offset: number,
    from?: ListPosition,
  ): Promise<ArticleListItem[]> => {
    const k = Math.floor(offset / step);
    if (from || k === 0) return store.articles.listPublished(query, limit, offset, from);
    const position = await positionOf(query, k);
    if (!position) return [];
    return store.articles.listPublished(query, limit, offset - k * step, position);
  };
  return {
    store: { ...store, articles: { ...store.articles, countPublished, listPublished } },
    invalidate: (event) => {
      kept.drop(event?.siteId);
      positions.drop(event?.siteId);
    },
  };
}
