import { isSafeSegment } from './pages.js';
import { atomFeed, rssFeed, type FeedSpec } from './feeds.js';
import { columnFeedUrls, FEED_ITEMS, SITE_FEEDS } from './plan.js';
import { robotsTxt, sitemapIndexXml, urlsetXml, type SitemapEntry } from './sitemap.js';
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
  if (!path.startsWith('/') || path.split('/').some((part) => part !== '' && !isSafeSegment(part)))
    return null;
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
      // An empty column's feed is dated by the column's last change, not the build: the same column gives the
      // same file in every build (an incremental publish leaves it alone, its ETag holds).
      now: column.updatedAt,
    });
  }
  return files;
}

/**
 * URLs a sitemap part lists. A site with more URLs gets /sitemap.xml as an index of parts: part 1 the
 * pages (home, site map, columns, series), parts 2… the articles OLDEST first, this many each, so that a
 * publish rewrites the last part and the index only (well under the 50,000 of sitemaps.org).
 */
export const SITEMAP_PART_URLS = 5_000;

/** What of the sitemap to write: every file, or the parts from an article's place (oldest first) on. */
export interface SitemapScope {
  /** 0-based position, counted from the oldest published article, of the first article that changed. */
  readonly fromArticle: number;
  /** The pages part (columns, series) changed too. */
  readonly pages: boolean;
}

/** How many sitemap parts the index has (0: a single sitemap.xml). */
export function sitemapPartCount(index: SiteIndex, partUrls = SITEMAP_PART_URLS): number {
  const pages = sitemapPages(index).length;
  if (pages + index.articles.length <= partUrls) return 0;
  return 1 + Math.ceil(index.articles.length / partUrls);
}

function sitemapPages(index: SiteIndex): SitemapEntry[] {
  return [
    { path: '/' },
    { path: '/sitemap.html' },
    ...index.ctx.columns.filter((c) => c.kind !== 'link').map((c) => ({ path: columnUrl(c) })),
    ...index.series.map((s) => ({ path: seriesPath(s.slug), lastmod: s.publishedAt ?? undefined })),
  ];
}

/** Articles from the `from`-th oldest to before the `to`-th, oldest first. */
function articleEntries(index: SiteIndex, from: number, to: number): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  const n = index.articles.length;
  for (let i = from; i < Math.min(to, n); i++) {
    const a = index.articles[n - 1 - i];
    if (a) entries.push({ path: a.path, lastmod: a.publishedAt });
  }
  return entries;
}

const newest = (entries: readonly SitemapEntry[]): string | undefined =>
  entries.reduce<string | undefined>(
    (max, e) => (e.lastmod && (!max || e.lastmod > max) ? e.lastmod : max),
    undefined,
  );

/** sitemap.xml (or its index and parts); with `scope`, only the files that scope changes. */
export function sitemapOf(
  index: SiteIndex,
  scope?: SitemapScope,
  partUrls = SITEMAP_PART_URLS,
): Map<string, string> {
  const base = index.ctx.site.baseUrl;
  const files = new Map<string, string>();
  const parts = sitemapPartCount(index, partUrls);
  if (parts === 0) {
    files.set(
      '/sitemap.xml',
      urlsetXml(base, [...sitemapPages(index), ...articleEntries(index, 0, Infinity)]),
    );
    return files;
  }
  const pages = sitemapPages(index);
  if (!scope || scope.pages) files.set('/sitemap-1.xml', urlsetXml(base, pages));
  const list: SitemapEntry[] = [{ path: '/sitemap-1.xml', lastmod: newest(pages) }];
  for (let part = 2; part <= parts; part++) {
    const from = (part - 2) * partUrls;
    const to = from + partUrls;
    const write = !scope || to > scope.fromArticle;
    // The index needs each part's newest date: the last article of a part, oldest first, is its newest.
    const entries = write
      ? articleEntries(index, from, to)
      : articleEntries(index, Math.min(to, index.articles.length) - 1, to);
    if (write) files.set(`/sitemap-${part}.xml`, urlsetXml(base, entries));
    list.push({ path: `/sitemap-${part}.xml`, lastmod: newest(entries) });
  }
  files.set('/sitemap.xml', sitemapIndexXml(base, list));
  return files;
}

export function goneMapOf(index: SiteIndex): string {
  return index.gone.map((a) => `${a.path} 1;\n`).join('');
}

/** Files derived from the index besides pages: feeds, sitemap, robots.txt, the 410 list. */
export function siteFiles(index: SiteIndex, now: string): Map<string, string> {
  return new Map([
    ...feedFiles(index, now),
    ...sitemapOf(index),
    ['/robots.txt', robotsTxt(index.ctx.site.baseUrl)],
    [GONE_MAP, goneMapOf(index)],
  ]);
}
