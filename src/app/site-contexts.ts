import type { ContentEvent } from './deps.js';
import { keptReads, type KeptReadOptions } from './kept-reads.js';
import type { Store } from './ports.js';
import type { Column, Site } from '../core/index.js';
import { loadSiteContext, siteForHost, type SiteContext } from './read-site.js';

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

/** Every context is kept in one scope: any site or column change drops them all. */
const ALL_SITES = 0;
/** Column trees are kept per site (keys come from the database, not from readers). */
const MAX_SITES = 4096;

/**
 * The list of sites is kept once and a host is looked up in it, so hosts readers make up cost no read
 * and hold no memory (see `siteForHost`).
 */
export function createSiteContexts(store: Store, options: SiteContextOptions = {}): SiteContexts {
  const sites = keptReads<readonly Site[]>({ ...options, maxEntries: 1 });
  const columns = keptReads<readonly Column[]>({ ...options, maxEntries: MAX_SITES });
  // The same context object while the site and its columns are the ones held: what the render layer builds
  // from a context (the navigation, the footer) is kept per context object, so a page rendered outside the
  // page cache (a form, a receipt) reuses it instead of building it again.
  const contexts = new WeakMap<readonly Column[], SiteContext>();
  return {
    async load(host) {
      const site = siteForHost(await sites.get('', ALL_SITES, () => store.sites.list()), host);
      const tree = await columns.get(String(site.id), ALL_SITES, () => store.columns.listBySite(site.id));
      const kept = contexts.get(tree);
      if (kept?.site === site) return kept;
      const context = { site, columns: tree };
      contexts.set(tree, context);
      return context;
    },
    invalidate(event) {
      if (event && event.type !== 'site-updated' && event.type !== 'columns-changed') return;
      sites.drop();
      columns.drop();
    },
  };
}

/** Site contexts read from the store on every call, for servers built without a change feed (tests). */
export function uncachedSiteContexts(source: { readonly store: Store }): SiteContexts {
  const { store } = source;
  return { load: (host) => loadSiteContext(store, host), invalidate: () => undefined };
}
