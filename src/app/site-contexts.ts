import type { ContentEvent } from './deps.js';
import type { Store } from './ports.js';
import { loadSiteContext, type SiteContext } from './read-site.js';

/**
 * The site and its column tree for a host, as every public page needs them, kept between requests.
 * Three queries and the mapping of every column row cost a fifth of a rendered article's database time,
 * for data that changes only when an administrator edits the site or its columns.
 *
 * Kept until a `site-updated` or `columns-changed` event (from any process, through the change feed),
 * a feed resync, or `maxAgeMs` at most: the bound covers writers that reach the database without
 * announcing it (another process on a SQLite file, an operator's SQL).
 */
export interface SiteContexts {
  load(host: string | undefined): Promise<SiteContext>;
  /** Forgets what is held (for one event, or everything). */
  invalidate(event?: ContentEvent): void;
}

export interface SiteContextOptions {
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

const DEFAULT_MAX_AGE_MS = 5_000;
/** Hosts are chosen by clients: bound what they can make us hold. */
const MAX_HOSTS = 64;

export function createSiteContexts(store: Store, options: SiteContextOptions = {}): SiteContexts {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const held = new Map<string, { readonly ctx: SiteContext; readonly at: number }>();
  // Bumped by every invalidation: a load that started before one must not keep what it read.
  let generation = 0;
  return {
    async load(host) {
      const key = (host ?? '').toLowerCase();
      const found = held.get(key);
      if (found && now() - found.at < maxAgeMs) return found.ctx;
      const started = generation;
      const at = now();
      const ctx = await loadSiteContext(store, host);
      if (started === generation) {
        if (held.size >= MAX_HOSTS && !held.has(key)) held.clear();
        held.set(key, { ctx, at });
      }
      return ctx;
    },
    invalidate(event) {
      if (event && event.type !== 'site-updated' && event.type !== 'columns-changed') return;
      generation++;
      held.clear();
    },
  };
}
