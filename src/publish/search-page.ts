import { EMPTY_SEARCH_QUERY, presentSearch } from '../render/index.js';
import type { PageSource } from './pages.js';

/** The static search page's URL; its form sends readers to a Gazette server, or explains there is none. */
export const SEARCH_URL = '/search/';

/**
 * /search/index.html: the theme's search page (the same view as the server's `/search`, nothing searched),
 * its form sent to `{searchUrl}/search` when a search server is configured; otherwise the page says that the
 * static site has no search and links the site map.
 */
export async function searchPageFiles(
  source: PageSource,
  searchUrl: string | null,
): Promise<Map<string, string>> {
  const view = presentSearch(
    { ctx: source.index.ctx, theme: source.theme, now: source.now, path: SEARCH_URL },
    {
      query: EMPTY_SEARCH_QUERY,
      outcome: null,
      action: searchUrl ? new URL('/search', searchUrl).href : '/search',
      available: searchUrl !== null,
    },
  );
  return new Map([['/search/index.html', await source.theme.render(view)]]);
}
