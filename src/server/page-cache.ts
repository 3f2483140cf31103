import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { AffectedPages, ContentEvent, PagePlan } from '../app/index.js';

export type { PagePlan };

/**
 * Rendered public pages kept in memory, bounded by bytes, least recently used evicted first.
 *
 * A page is rendered once and kept with everything an answer needs: its bytes, their gzip and brotli forms
 * (each compressed when first asked for, then kept), a strong ETag (a hash of the bytes) and the time it
 * was rendered.
 * Content events drop exactly the pages a change affects (see `PagePlan`); pages of other paths stay.
 */
export type ContentEncoding = 'br' | 'gzip' | 'identity';

export interface RenderedPage {
  readonly status: number;
  readonly body: Buffer;
  /** Strong validator: the same bytes always give the same tag, in every process. */
  readonly etag: string;
  /** When the page was rendered, as an HTTP date (second precision). */
  readonly lastModified: string;
  readonly cacheControl: string;
  /** The body in `encoding`, compressed on first use and kept. */
  encoded(encoding: ContentEncoding): Buffer;
  /** Bytes held: the body and the compressed forms made so far. */
  readonly bytes: number;
}

const BROTLI_QUALITY = 5;

/** Pages smaller than this are sent as they are: compressing them saves less than it costs. */
const MIN_COMPRESS_BYTES = 256;

export function renderedPage(status: number, html: string, cacheControl: string, now: number): RenderedPage {
  const body = Buffer.from(html);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  let gzip: Buffer | undefined;
  let br: Buffer | undefined;
  const compressible = body.length >= MIN_COMPRESS_BYTES;
  return {
    status,
    body,
    etag,
    lastModified: new Date(Math.floor(now / 1000) * 1000).toUTCString(),
    cacheControl,
    encoded(encoding) {
      if (!compressible || encoding === 'identity') return body;
      if (encoding === 'gzip') return (gzip ??= gzipSync(body, { level: 6 }));
      br ??= brotliCompressSync(body, {
        params: {
          // Quality 5: 0.2 ms for an 11 KB article, 2 % larger than quality 9, which took 6.2 ms of the
          // event loop per page (and made a crawl through uncached pages slower than with no cache at all).
          [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      return br;
    },
    get bytes() {
      return body.length + (gzip?.length ?? 0) + (br?.length ?? 0);
    },
  };
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Where a cached page is and what it shows, for invalidation. */
export interface PageIdentity {
  readonly siteId: number;
  /** The decoded public path (`/zwgk/page/2/`), without the query. */
  readonly path: string;
  readonly labels?: readonly string[];
}

export interface PageCache {
  get(key: string): RenderedPage | undefined;
  /**
   * Stores a page rendered from data read at `generation` (see `generation`); a page whose data may predate
   * an invalidation that happened while it was being rendered is not stored. Its compressed forms are made
   * when a reader first asks for them, and counted (and evicted for) from then on.
   */
  set(key: string, identity: PageIdentity, page: RenderedPage, generation: number): void;
  /** Counts the invalidations of a site: read it before reading the data a page is rendered from. */
  generation(siteId: number): number;
  /**
   * Marks the site changed now, before its plan is known: until `settle`, its pages are neither served
   * from the cache nor stored, so nothing stale is answered while the plan is being worked out.
   */
  begin(siteId: number): void;
  /** Applies the plan of a change announced with `begin` and serves the site's other pages again. */
  settle(siteId: number, plan: PagePlan): void;
  invalidate(siteId: number, plan: PagePlan): void;
  invalidateSite(siteId: number): void;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

interface Entry {
  readonly page: RenderedPage;
  readonly identity: PageIdentity;
  readonly storedAt: number;
  bytes: number;
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
  const entries = new Map<string, Entry>();
  const generations = new Map<number, number>();
  const pending = new Map<number, number>();
  let everything = 0;
  let total = 0;
  const generationOf = (siteId: number) => everything + (generations.get(siteId) ?? 0);
  const bump = (siteId: number) => generations.set(siteId, (generations.get(siteId) ?? 0) + 1);
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.bytes;
  };
  const evictPast = (bound: number) => {
    for (const oldest of entries.keys()) {
      if (total <= bound) break;
      remove(oldest);
    }
  };
  const dropWhere = (siteId: number, test: (identity: PageIdentity) => boolean) => {
    for (const [key, entry] of entries) {
      if (entry.identity.siteId === siteId && test(entry.identity)) remove(key);
    }
  };
  const invalidate = (siteId: number, plan: PagePlan) => {
    bump(siteId);
    if (plan === 'all') return dropWhere(siteId, () => true);
    // Cached pages are filed under decoded paths; a plan may list them as links are written (encoded).
    const paths = plan.paths.map(decodedPath);
    const exact = new Set(paths);
    const listings = paths.filter((path) => path.endsWith('/')).map((path) => `${path}page/`);
    const labels = new Set(plan.labels ?? []);
    dropWhere(
      siteId,
      (identity) =>
        exact.has(identity.path) ||
        listings.some((prefix) => identity.path.startsWith(prefix)) ||
        (identity.labels?.some((label) => labels.has(label)) ?? false),
    );
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (pending.has(entry.identity.siteId)) return undefined;
      if (now() - entry.storedAt > maxAgeMs) {
        remove(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry.page;
    },
    generation: generationOf,
    set(key, identity, page, generation) {
      const { siteId } = identity;
      // content changed while this page was rendered, or a change is still being planned
      if (generation !== generationOf(siteId) || pending.has(siteId)) return;
      if (page.body.length > maxBytes / 4) return; // one huge page must not flush everything else
      remove(key);
      // The kept page counts a compressed form when it is made, while the page is still held.
      const entry: Entry = {
        page: {
          ...page,
          encoded(encoding) {
            const before = page.bytes;
            const body = page.encoded(encoding);
            const grown = page.bytes - before;
            if (grown > 0 && entries.get(key) === entry) {
              entry.bytes += grown;
              total += grown;
              evictPast(maxBytes);
            }
            return body;
          },
          get bytes() {
            return page.bytes;
          },
        },
        identity,
        bytes: page.bytes,
        storedAt: now(),
      };
      entries.set(key, entry);
      total += entry.bytes;
      evictPast(maxBytes);
    },
    begin(siteId) {
      bump(siteId);
      pending.set(siteId, (pending.get(siteId) ?? 0) + 1);
    },
    settle(siteId, plan) {
      invalidate(siteId, plan);
      const left = (pending.get(siteId) ?? 1) - 1;
      if (left > 0) pending.set(siteId, left);
      else pending.delete(siteId);
    },
    invalidate,
    invalidateSite: (siteId) => invalidate(siteId, 'all'),
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

/**
 * Invalidates the pages `event` affects: the site's cache is bypassed at once (so a reader who asks right
 * after a publication never gets the old page), then the plan is worked out and exactly its pages dropped.
 * A plan that fails drops the whole site.
 */
export function invalidateFor(
  cache: PageCache,
  affected: AffectedPages,
  event: ContentEvent,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  cache.begin(event.siteId);
  return affected(event).then(
    (plan) => cache.settle(event.siteId, plan),
    (error: unknown) => {
      onError(error);
      cache.settle(event.siteId, 'all');
    },
  );
}
