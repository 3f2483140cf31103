import { describe, expect, it } from 'vitest';
import type { SiteContext } from '../../src/app/index.js';
import { sitemapOf, sitemapPartCount, type SitemapScope } from '../../src/publish/output.js';
import type { ArticleFacts } from '../../src/publish/plan.js';
import type { SiteIndex } from '../../src/publish/site-index.js';

const ctx = {
  site: { id: 1, name: '测试站', baseUrl: 'https://www.example.gov.cn' },
  columns: [{ id: 1, parentId: null, path: 'xw', kind: 'news', linkUrl: null, name: '新闻' }],
} as unknown as SiteContext;

/** `n` articles, newest first, one a minute. */
function siteOf(n: number, skip: ReadonlySet<number> = new Set()): SiteIndex {
  const articles: ArticleFacts[] = [];
  for (let i = n; i >= 1; i--) {
    if (skip.has(i)) continue;
    articles.push({
      id: i,
      path: `/xw/202611/t20261120_${i}.html`,
      columnId: 1,
      title: `稿件${i}`,
      summary: '',
      source: '',
      publishedAt: new Date(Date.UTC(2026, 10, 20) + i * 60_000).toISOString(),
      tags: [],
    });
  }
  return { ctx, articles, gone: [], series: [] };
}

/** The files a scoped write gives must be exactly those whose bytes differ from before. */
function expectScoped(before: SiteIndex, after: SiteIndex, scope: SitemapScope, parts = 10): void {
  const old = sitemapOf(before, undefined, parts);
  const full = sitemapOf(after, undefined, parts);
  const scoped = sitemapOf(after, scope, parts);
  for (const [path, body] of scoped) expect(body, path).toBe(full.get(path));
  const changed = [...full].filter(([path, body]) => old.get(path) !== body).map(([path]) => path);
  for (const path of changed) expect(scoped.has(path), path).toBe(true);
}

describe('sitemap parts, articles oldest first', () => {
  it('a small site has one sitemap.xml; a larger one an index of parts', () => {
    expect(sitemapPartCount(siteOf(5), 10)).toBe(0);
    expect([...sitemapOf(siteOf(5), undefined, 10).keys()]).toEqual(['/sitemap.xml']);
    // 3 pages (home, site map, one column) + 25 articles: the pages part and three article parts.
    expect(sitemapPartCount(siteOf(25), 10)).toBe(4);
    const files = sitemapOf(siteOf(25), undefined, 10);
    expect([...files.keys()].sort()).toEqual(
      ['/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml', '/sitemap-4.xml', '/sitemap.xml'].sort(),
    );
    expect(files.get('/sitemap-2.xml')).toContain('t20261120_1.html');
    expect(files.get('/sitemap.xml')).toContain('<loc>https://www.example.gov.cn/sitemap-4.xml</loc>');
  });

  it('a new article rewrites the last part and the index only', () => {
    const scope = { fromArticle: 25, pages: false };
    expectScoped(siteOf(25), siteOf(26), scope);
    expect([...sitemapOf(siteOf(26), scope, 10).keys()].sort()).toEqual(['/sitemap-4.xml', '/sitemap.xml']);
  });

  it('withdrawing an old article rewrites the parts from its place on', () => {
    const scope = { fromArticle: 12, pages: false };
    expectScoped(siteOf(30), siteOf(30, new Set([13])), scope);
    expect(sitemapOf(siteOf(30, new Set([13])), scope, 10).has('/sitemap-2.xml')).toBe(false);
  });
});
