import { isSafeTag } from './pages.js';
import { atomFeed, rssFeed, type FeedSpec } from './feeds.js';
import { columnFeedUrls, FEED_ITEMS, SITE_FEEDS } from './plan.js';
import { sitemapFiles, robotsTxt, type SitemapEntry } from './sitemap.js';
import { listArticles, type SiteIndex } from './site-index.js';
import { seriesPath } from '../core/index.js';
import { columnUrl } from '../render/index.js';

/** Where the record pages of withdrawn articles live; nginx answers 410 with them (deploy/nginx). */
export const GONE_DIR = '/_gone';
/** Plain list of withdrawn URLs, one `PATH 1;` a line: an nginx `map` include, or for a CDN rule. */
export const GONE_MAP = `${GONE_DIR}/gone.map`;
export const MANIFEST = '/manifest.json';

/**
 * The file that holds the answer for a public URL: `/a/` → `/a/index.html`, `/a/b.html` → itself, and a
 * 410 record under `/_gone/`. Tags are stored under their decoded names (nginx matches the decoded $uri).
 * Null for a URL that cannot be a file name safely.
 */
export function fileOf(url: string, status: number = 200): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url);
  } catch {
    return null;
  }
  // Every segment must be a plain name: no `.`, `..`, backslash or control character.
  if (!path.startsWith('/') || path.split('/').some((part) => part !== '' && !isSafeTag(part))) return null;
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return status === 410 ? `${GONE_DIR}${file}` : file;
}

/** Feed URL → body, for the whole site and each listed column. */
export function feedFiles(index: SiteIndex, now: string, only?: ReadonlySet<string>): Map<string, string> {
  const { site, columns } = index.ctx;
  const files = new Map<string, string>();
  const add = (urls: readonly string[], spec: Omit<FeedSpec, 'feedPath'>) => {
    const [rss, atom] = urls;
    if (rss && (!only || only.has(rss))) files.set(rss, rssFeed({ ...spec, feedPath: rss }));
    if (atom && (!only || only.has(atom))) files.set(atom, atomFeed({ ...spec, feedPath: atom }));
  };
  add(SITE_FEEDS, {
    site,
    title: site.name,
    description: `${site.name}最新信息`,
    pagePath: '/',
    items: index.articles.slice(0, FEED_ITEMS),
    now,
  });
  for (const column of columns) {
    if (column.kind === 'link') continue;
    const urls = columnFeedUrls(column);
    if (only && !urls.some((u) => only.has(u))) continue;
    add(urls, {
      site,
      title: `${column.name} - ${site.name}`,
      description: column.description || column.name,
      pagePath: columnUrl(column),
      items: listArticles(index, { kind: 'column', columnId: column.id }).slice(0, FEED_ITEMS),
      now,
    });
  }
  return files;
}

/** sitemap.xml (or its index and parts): home, site map, columns, series, then articles oldest first. */
export function sitemapOf(index: SiteIndex, now: string, maxUrls?: number): Map<string, string> {
  const entries: SitemapEntry[] = [
    { path: '/' },
    { path: '/sitemap.html' },
    ...index.ctx.columns.filter((c) => c.kind !== 'link').map((c) => ({ path: columnUrl(c) })),
    ...index.series.map((s) => ({ path: seriesPath(s.slug), lastmod: s.publishedAt ?? undefined })),
  ];
  // Oldest first: a new article only changes the last part of a split sitemap.
  for (let i = index.articles.length - 1; i >= 0; i--) {
    const a = index.articles[i];
    if (a) entries.push({ path: a.path, lastmod: a.publishedAt });
  }
  return sitemapFiles(index.ctx.site.baseUrl, entries, now, maxUrls);
}

export function goneMapOf(index: SiteIndex): string {
  return index.gone.map((a) => `${a.path} 1;\n`).join('');
}

/** Files derived from the index besides pages: feeds, sitemap, robots.txt, the 410 list. */
export function siteFiles(index: SiteIndex, now: string): Map<string, string> {
  return new Map([
    ...feedFiles(index, now),
    ...sitemapOf(index, now),
    ['/robots.txt', robotsTxt(index.ctx.site.baseUrl)],
    [GONE_MAP, goneMapOf(index)],
  ]);
}
