import type { ContentEvent } from './deps.js';
import { keptReads, type KeptReadOptions } from './kept-reads.js';
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

export type SiteContextOptions = Omit<KeptReadOptions, 'maxEntries'>;

/** Hosts are chosen by clients: bound what they can make us hold. */
const MAX_HOSTS = 64;
/** A host's site is known only once read: every context is kept in one scope. */
const ALL_SITES = 0;

export function createSiteContexts(store: Store, options: SiteContextOptions = {}): SiteContexts {
  const kept = keptReads<SiteContext>({ ...options, maxEntries: MAX_HOSTS });
  return {
    load: (host) => kept.get((host ?? '').toLowerCase(), ALL_SITES, () => loadSiteContext(store, host)),
    invalidate(event) {
      if (event && event.type !== 'site-updated' && event.type !== 'columns-changed') return;
      kept.drop();
    },
  };
}

/** Site contexts read from the store on every call, for servers built without a change feed (tests). */
export function uncachedSiteContexts(store: Store): SiteContexts {
  return { load: (host) => loadSiteContext(store, host), invalidate: () => undefined };
}
