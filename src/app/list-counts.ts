import type { ContentEvent } from './deps.js';
import { keptReads, type KeptReadOptions } from './kept-reads.js';
import type { PublishedQuery, Store } from './ports.js';

/**
 * How many published articles a public list holds ("共 N 条", the number of pages), kept between requests.
 * Counting a 100k-article column walks 100k index entries (about 9 ms on SQLite, measured with
 * bench/serve's site), on every page of the list; the number changes only when an article of the site is
 * published, edited, withdrawn or moved, or the column tree changes.
 *
 * Kept until any content event of the list's site (any process, through the change feed), a resync, or
 * `maxAgeMs` at most, for writers that do not announce themselves (a bulk load, another process on a
 * SQLite file). `store` is the given store with `articles.countPublished` answered from here.
 */
export interface ListCounts {
  readonly store: Store;
  invalidate(event?: ContentEvent): void;
}

export type ListCountOptions = KeptReadOptions;

export function createListCounts(store: Store, options: ListCountOptions = {}): ListCounts {
  const kept = keptReads<number>({ ...options, maxEntries: options.maxEntries ?? 10_000 });
  const countPublished = (query: PublishedQuery): Promise<number> =>
    kept.get(JSON.stringify([query.siteId, query.columnIds ?? null, query.tag ?? null]), query.siteId, () =>
      store.articles.countPublished(query),
    );
  return {
    store: { ...store, articles: { ...store.articles, countPublished } },
    invalidate: (event) => kept.drop(event?.siteId),
  };
}
