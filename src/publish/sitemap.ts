import { escapeXml } from './feeds.js';

/** One URL of sitemap.xml. */
export interface SitemapEntry {
  readonly path: string;
  /** ISO time of the last change, when known. */
  readonly lastmod?: string | undefined;
}

/** The sitemaps.org limit of URLs in one file; past it sitemap.xml becomes an index of parts. */
export const SITEMAP_MAX_URLS = 50_000;

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * sitemap.xml for `entries`: one `<urlset>` up to 50,000 URLs, otherwise a `<sitemapindex>` at
 * /sitemap.xml pointing at /sitemap-1.xml, /sitemap-2.xml, …. Returns file path → XML.
 */
export function sitemapFiles(
  baseUrl: string,
  entries: readonly SitemapEntry[],
  now: string,
  maxUrls = SITEMAP_MAX_URLS,
): Map<string, string> {
  const files = new Map<string, string>();
  if (entries.length <= maxUrls) {
    files.set('/sitemap.xml', urlsetXml(baseUrl, entries));
    return files;
  }
  const parts: string[] = [];
  for (let i = 0; i < entries.length; i += maxUrls) {
    const path = `/sitemap-${parts.length + 1}.xml`;
    parts.push(path);
    files.set(path, urlsetXml(baseUrl, entries.slice(i, i + maxUrls)));
  }
  files.set(
    '/sitemap.xml',
    sitemapIndexXml(
      baseUrl,
      parts.map((path) => ({ path, lastmod: now })),
    ),
  );
  return files;
}

/** One `<urlset>` file. */
export function urlsetXml(baseUrl: string, entries: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${NS}">`,
    ...entries.map(
      (e) =>
        `<url><loc>${escapeXml(baseUrl + encodeURI(e.path))}</loc>${e.lastmod ? `<lastmod>${new Date(e.lastmod).toISOString()}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}

/** A `<sitemapindex>` of parts (their paths, and the newest lastmod of each when known). */
export function sitemapIndexXml(baseUrl: string, parts: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${NS}">`,
    ...parts.map(
      (p) =>
        `<sitemap><loc>${escapeXml(baseUrl + p.path)}</loc>${p.lastmod ? `<lastmod>${new Date(p.lastmod).toISOString()}</lastmod>` : ''}</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n');
}

export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /_gone/',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
