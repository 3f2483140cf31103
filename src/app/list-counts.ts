import type { ContentEvent } from './deps.js';
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

export interface ListCountOptions {
  readonly maxAgeMs?: number;
  readonly now?: () => number;
  /** Lists remembered at most; past it, everything is forgotten (the next reads count anew). */
  readonly maxLists?: number;
}

export function createListCounts(store: Store, options: ListCountOptions = {}): ListCounts {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const now = options.now ?? Date.now;
  const maxLists = options.maxLists ?? 10_000;
  const held = new Map<string, { readonly siteId: number; readonly count: number; readonly at: number }>();
  // Per site, bumped by every event of it: a count that started before an event must not be kept.
  const generations = new Map<number, number>();
  let everything = 0;
  const generationOf = (siteId: number) => `${everything}:${generations.get(siteId) ?? 0}`;

  const countPublished = async (query: PublishedQuery): Promise<number> => {
    const key = JSON.stringify([query.siteId, query.columnIds ?? null, query.tag ?? null]);
    const found = held.get(key);
    if (found && now() - found.at < maxAgeMs) return found.count;
    const started = generationOf(query.siteId);
    const at = now();
    const count = await store.articles.countPublished(query);
    if (generationOf(query.siteId) === started) {
      if (held.size >= maxLists && !held.has(key)) held.clear();
      held.set(key, { siteId: query.siteId, count, at });
    }
    return count;
  };

  return {
    store: { ...store, articles: { ...store.articles, countPublished } },
    invalidate(event) {
      if (!event) {
        everything++;
        held.clear();
        return;
      }
      generations.set(event.siteId, (generations.get(event.siteId) ?? 0) + 1);
      for (const [key, entry] of held) if (entry.siteId === event.siteId) held.delete(key);
    },
  };
}
