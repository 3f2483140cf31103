/**
 * Rendered public pages kept in memory, bounded by bytes, least recently used evicted first. Entries are
 * grouped by site so that a content event can drop a site's pages at once; issue #12 narrows this to
 * exactly the affected pages with the static build's "what changed" plan.
 */
export interface CachedPage {
  readonly status: number;
  readonly body: string;
  readonly bytes: number;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  /**
   * Stores a page rendered from data read at `generation` (see `generation`); a page whose data may predate
   * an invalidation that happened while it was being rendered is not stored.
   */
  set(key: string, siteId: number, status: number, body: string, generation: number): void;
  /** Counts the invalidations of a site: read it before reading the data a page is rendered from. */
  generation(siteId: number): number;
  invalidateSite(siteId: number): void;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

/**
 * `maxAgeMs` is a backstop: should an invalidation ever be missed (a notification lost between processes),
 * no page stays stale for longer than that.
 */
export function createPageCache(
  maxBytes: number,
  maxAgeMs = 5 * 60_000,
  now: () => number = Date.now,
): PageCache {
  const entries = new Map<string, CachedPage & { readonly siteId: number; readonly storedAt: number }>();
  const generations = new Map<number, number>();
  let everything = 0;
  let total = 0;
  const generationOf = (siteId: number) => everything + (generations.get(siteId) ?? 0);
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.bytes;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.storedAt > maxAgeMs) {
        remove(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    generation: generationOf,
    set(key, siteId, status, body, generation) {
      if (generation !== generationOf(siteId)) return; // content changed while this page was rendered
      const bytes = Buffer.byteLength(body);
      if (bytes > maxBytes / 4) return; // one huge page must not flush everything else
      remove(key);
      entries.set(key, { status, body, bytes, siteId, storedAt: now() });
      total += bytes;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
    invalidateSite(siteId) {
      generations.set(siteId, (generations.get(siteId) ?? 0) + 1);
      for (const [key, entry] of entries) if (entry.siteId === siteId) remove(key);
    },
    clear() {
      everything++;
      entries.clear();
      total = 0;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return total;
    },
  };
}
