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
  set(key: string, siteId: number, status: number, body: string): void;
  invalidateSite(siteId: number): void;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

export function createPageCache(maxBytes: number): PageCache {
  const entries = new Map<string, CachedPage & { readonly siteId: number }>();
  let total = 0;
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
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key, siteId, status, body) {
      const bytes = Buffer.byteLength(body);
      if (bytes > maxBytes / 4) return; // one huge page must not flush everything else
      remove(key);
      entries.set(key, { status, body, bytes, siteId });
      total += bytes;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
    invalidateSite(siteId) {
      for (const [key, entry] of entries) if (entry.siteId === siteId) remove(key);
    },
    clear() {
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
