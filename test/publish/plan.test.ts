import { describe, expect, it } from 'vitest';
import {
  fileOf,
  listKey,
  listPages,
  listsOf,
  planChange,
  publicUrlsOf,
  type ArticleFacts,
  type ArticleState,
  type PlanColumn,
  type Spot,
} from '../../src/publish/index.js';

const columns: PlanColumn[] = [
  { id: 1, parentId: null, path: 'xw', kind: 'news', linkUrl: null },
  { id: 2, parentId: 1, path: 'xw/a', kind: 'news', linkUrl: null },
  { id: 3, parentId: 1, path: 'xw/b', kind: 'news', linkUrl: null },
  { id: 4, parentId: null, path: 'tz', kind: 'notice', linkUrl: null },
  { id: 5, parentId: null, path: 'wz', kind: 'link', linkUrl: 'https://www.gov.cn/' },
];

const facts = (patch: Partial<ArticleFacts> = {}): ArticleFacts => ({
  id: 9,
  path: '/xw/a/202611/t20261120_9.html',
  columnId: 2,
  title: '标题',
  summary: '',
  source: '',
  publishedAt: '2026-11-20T02:00:00.000Z',
  tags: ['医保'],
  ...patch,
});

/** A published state where the article sits at `index` of lists holding `total` (per list key). */
function published(
  article: ArticleFacts,
  spots: Record<string, Spot>,
  extra: { prev?: string | null; next?: string | null; series?: string[] } = {},
): ArticleState {
  const lists = new Map<string, Spot>();
  for (const ref of listsOf(article, columns)) {
    const key = listKey(ref);
    lists.set(key, spots[key] ?? { index: 0, total: 1 });
  }
  return {
    status: 'published',
    article,
    placement: { lists, prev: extra.prev ?? null, next: extra.next ?? null, series: extra.series ?? [] },
  };
}

const event = (type: 'article-published' | 'article-updated' | 'article-withdrawn') =>
  ({ type, siteId: 1, articleId: 9 }) as const;

describe('listPages (static lists paged from the oldest, 0 = the base page)', () => {
  it('a new article at the top of a list changes only its base page while no new archive page fills', () => {
    expect(listPages(undefined, { index: 0, total: 45 }, true, 20, true)).toEqual({
      render: [0],
      remove: [],
    });
  });
  it('the article that fills a new archive page writes it, and the newest older pages whose links change', () => {
    expect(listPages(undefined, { index: 0, total: 100 }, true, 20, true)).toEqual({
      render: [0, 3, 4, 5],
      remove: [],
    });
  });
  it('an article leaving the top removes the archive page that is no longer full', () => {
    expect(listPages({ index: 0, total: 100 }, undefined, true, 20, true)).toEqual({
      render: [0, 3, 4],
      remove: [5],
    });
  });
  it('withdrawing an old article shifts every page from its place upward', () => {
    expect(listPages({ index: 75, total: 90 }, undefined, true, 20, true)).toEqual({
      render: [0, 1, 2, 3, 4],
      remove: [],
    });
    expect(listPages({ index: 5, total: 90 }, undefined, true, 20, true)).toEqual({
      render: [0],
      remove: [],
    });
  });
  it('an emptied tag has no page left; an emptied column keeps its base page', () => {
    expect(listPages({ index: 0, total: 1 }, undefined, true, 20, false)).toEqual({
      render: [],
      remove: [0],
    });
    expect(listPages({ index: 0, total: 1 }, undefined, true, 20, true)).toEqual({ render: [0], remove: [] });
  });
  it('an edit that keeps its place changes only the pages showing its row, and only if the row changed', () => {
    // Position 44 from the oldest: archive page 3, which the base page (pages 4 and the rest) does not show.
    expect(listPages({ index: 45, total: 90 }, { index: 45, total: 90 }, true, 20, true)).toEqual({
      render: [3],
      remove: [],
    });
    // Position 70: archive page 4, also shown on the base page.
    expect(listPages({ index: 19, total: 90 }, { index: 19, total: 90 }, true, 20, true)).toEqual({
      render: [0, 4],
      remove: [],
    });
    expect(listPages({ index: 45, total: 90 }, { index: 45, total: 90 }, false, 20, true)).toEqual({
      render: [],
      remove: [],
    });
  });
});

describe('planChange', () => {
  it('publish: the article, the base page of its column and ancestors, tags, home, feeds, site maps', () => {
    const after = published(
      facts(),
      {
        'column:2': { index: 0, total: 41 },
        'column:1': { index: 0, total: 61 },
        news: { index: 0, total: 61 },
      },
      { next: '/xw/a/202611/t20261119_8.html' },
    );
    const plan = planChange({
      event: event('article-published'),
      columns,
      before: { status: 'none' },
      after,
      featuredSeries: null,
    });
    expect(plan.full).toBe(false);
    expect(plan.pages).toEqual(
      expect.arrayContaining([
        '/xw/a/202611/t20261120_9.html',
        '/xw/a/',
        '/xw/',
        `/tags/${encodeURIComponent('医保')}/`,
        '/xw/a/202611/t20261119_8.html',
        '/',
        '/sitemap.html',
      ]),
    );
    expect(plan.pages).not.toContain('/xw/b/');
    expect(plan.pages).not.toContain('/tz/');
    // Archive pages keep their items: none of them is written for a publish that fills no new page.
    expect(plan.pages.filter((url) => url.includes('/page/'))).toEqual([]);
    expect(plan.feeds).toEqual(
      expect.arrayContaining([
        '/feeds/rss.xml',
        '/feeds/atom.xml',
        '/feeds/xw/a/rss.xml',
        '/feeds/xw/rss.xml',
      ]),
    );
    expect(plan.sitemap).toBe(true);
    expect(plan.goneList).toBe(false);
  });

  it('edit of the body only: the article page alone', () => {
    const state = published(
      facts(),
      { 'column:2': { index: 30, total: 41 } },
      { prev: '/p.html', next: '/n.html' },
    );
    const plan = planChange({
      event: event('article-updated'),
      columns,
      before: state,
      after: state,
      featuredSeries: null,
    });
    expect(plan.pages).toEqual(['/xw/a/202611/t20261120_9.html']);
    expect(plan.feeds).toEqual([]);
    expect(plan.sitemap).toBe(false);
    expect(publicUrlsOf(plan)).toEqual(['/xw/a/202611/t20261120_9.html']);
  });

  it('edit of the title: the page holding its row, its neighbours, and the series it belongs to', () => {
    const spots = {
      'column:2': { index: 30, total: 41 },
      'column:1': { index: 50, total: 61 },
      site: { index: 50, total: 61 },
      news: { index: 50, total: 61 },
    };
    const before = published(facts(), spots, { prev: '/p.html', next: '/n.html', series: ['zt'] });
    const after = published(facts({ title: '新标题' }), spots, {
      prev: '/p.html',
      next: '/n.html',
      series: ['zt'],
    });
    const plan = planChange({
      event: event('article-updated'),
      columns,
      before,
      after,
      featuredSeries: 'other',
    });
    expect([...plan.pages].sort()).toEqual(
      [
        '/xw/a/202611/t20261120_9.html',
        // Position 10 from the oldest in both columns: archive page 1, not on the base pages.
        '/xw/a/page/1/',
        '/xw/page/1/',
        '/tags/%E5%8C%BB%E4%BF%9D/',
        '/p.html',
        '/n.html',
        '/series/zt/',
      ].sort(),
    );
    expect(plan.feeds).toEqual([]);
  });

  it('withdraw: the URL becomes a 410 record, lists shrink, the 410 list changes', () => {
    const before = published(facts(), {
      'column:2': { index: 40, total: 41 },
      [`tag:医保`]: { index: 0, total: 1 },
    });
    const plan = planChange({
      event: event('article-withdrawn'),
      columns,
      before,
      after: { status: 'gone', article: facts() },
      featuredSeries: null,
    });
    expect(plan.pages).toContain('/xw/a/202611/t20261120_9.html');
    // The oldest article of its column: every archive page above its place shifts.
    expect(plan.pages).toEqual(expect.arrayContaining(['/xw/a/', '/xw/a/page/1/', '/xw/a/page/2/']));
    expect(plan.removed).toContain('/tags/%E5%8C%BB%E4%BF%9D/');
    expect(plan.goneList).toBe(true);
    expect(plan.sitemap).toBe(true);
  });

  it('column move: leaves one column, enters another, the common ancestor shows the new column name', () => {
    const spots = { 'column:1': { index: 5, total: 61 } };
    const before = published(facts(), { ...spots, 'column:2': { index: 3, total: 41 } });
    const after = published(facts({ columnId: 3 }), { ...spots, 'column:3': { index: 2, total: 21 } });
    const plan = planChange({
      event: event('article-updated'),
      columns,
      before,
      after,
      featuredSeries: null,
    });
    expect(plan.pages).toEqual(
      expect.arrayContaining(['/xw/a/', '/xw/a/page/2/', '/xw/b/', '/xw/b/page/1/', '/xw/', '/sitemap.html']),
    );
    expect(plan.pages).not.toContain('/xw/a/page/1/');
    // Position 55 of 61 in the parent: archive page 3, which its base page shows too.
    expect(plan.pages.filter((url) => url.startsWith('/xw/page/'))).toEqual(['/xw/page/3/']);
    expect(plan.feeds).toEqual(
      expect.arrayContaining(['/feeds/xw/a/rss.xml', '/feeds/xw/b/rss.xml', '/feeds/xw/rss.xml']),
    );
  });

  it('site settings and column changes rebuild everything', () => {
    const plan = planChange({ event: { type: 'columns-changed', siteId: 1 } });
    expect(plan.full).toBe(true);
    expect(publicUrlsOf(plan)).toBeNull();
  });

  it('a published series: its page, the home page, the site map and its members', () => {
    const plan = planChange({
      event: { type: 'series-published', siteId: 1, seriesId: 3 },
      slug: 'zt',
      memberPaths: ['/a.html', '/b.html'],
    });
    expect(plan.pages).toEqual(['/series/zt/', '/', '/sitemap.html', '/a.html', '/b.html']);
  });

  it('link columns show no list: only their ancestors are listed', () => {
    expect(listsOf({ columnId: 2, tags: [] }, columns).map(listKey)).toEqual([
      'site',
      'news',
      'column:2',
      'column:1',
    ]);
  });
});

describe('fileOf', () => {
  it('maps URLs to the files nginx serves, 410 records under /_gone/', () => {
    expect(fileOf('/')).toBe('/index.html');
    expect(fileOf('/xw/page/2/')).toBe('/xw/page/2/index.html');
    expect(fileOf('/tags/%E5%8C%BB%E4%BF%9D/')).toBe('/tags/医保/index.html');
    expect(fileOf('/xw/202611/t20261120_9.html', 410)).toBe('/_gone/xw/202611/t20261120_9.html');
  });
  it('refuses anything that could leave the output directory', () => {
    for (const url of [
      '/tags/../x/',
      '/tags/%2E%2E/',
      '/a/./b.html',
      '/a\\b.html',
      'x.html',
      '/%E0%A4%A/',
      '/a%00b/',
    ])
      expect(fileOf(url), url).toBeNull();
  });
});
