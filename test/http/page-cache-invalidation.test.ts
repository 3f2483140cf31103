import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  createSeries,
  publishArticle,
  publishSeries,
  systemPrincipal,
  updateArticle,
  updateSite,
  withdrawArticle,
  type ArticleDraft,
} from '../../src/app/index.js';
import type { Article, Column } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The page cache drops exactly the pages a change affects. Each step warms a set of pages, makes
 * one change through the use cases, then reads every page the change affects (fresh content, x-cache: miss)
 * and the pages it does not (still x-cache: hit).
 */
const SYSTEM = systemPrincipal('test');
let t: TestGazette;
let siteId: number;
let notices: Column;
let policies: Column;
let parentOfNotices: Column;
let unrelatedColumn: Column;
let unrelated: Article;

const get = (url: string) => t.app.inject({ method: 'GET', url });
const enc = (path: string) => encodeURI(path);

async function publish(draft: ArticleDraft): Promise<Article> {
  t.clock.advance(60_000);
  const created = await createArticle(t.gazette.deps, SYSTEM, siteId, draft);
  return publishArticle(t.gazette.deps, SYSTEM, created.id);
}

/** Planning runs after the commit; pages of the site are bypassed (not dropped) until it is done. */
const planned = () => sleep(150);

async function warm(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await get(enc(path));
    const again = await get(enc(path));
    expect(again.headers['x-cache'], `${path} should be cached`).toBe('hit');
  }
}

async function expectStillCached(paths: readonly string[]): Promise<void> {
  for (const path of paths) expect((await get(enc(path))).headers['x-cache'], path).toBe('hit');
}

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  const columns = await t.gazette.deps.store.columns.listBySite(siteId);
  notices = columns.find((c) => c.kind === 'notice')!;
  parentOfNotices = columns.find((c) => c.id === notices.parentId)!;
  policies = columns.find((c) => c.kind === 'policy' && c.parentId === notices.parentId)!;
  unrelatedColumn = columns.find(
    (c) => c.parentId === null && c.id !== parentOfNotices.id && c.kind !== 'link' && c.kind !== 'page',
  )!;
  // Enough notices for a second page, so that a publication visibly shifts page 2.
  for (let i = 1; i <= 21; i++) {
    await publish({ columnId: notices.id, title: `填充通知（${i}）`, bodyHtml: `<p>填充正文${i}</p>` });
  }
  unrelated = await publish({
    columnId: unrelatedColumn.id,
    title: '无关稿件：本地气象服务提示',
    bodyHtml: '<p>与缓存测试无关。</p>',
    tags: ['无关标签'],
  });
  await planned();
});

afterAll(async () => {
  await t.close();
});

describe('the page cache drops exactly the pages a change affects', () => {
  let article: Article;
  const noticesUrl = () => `/${notices.path}/`;
  const untouched = () => [unrelated.path!, '/tags/无关标签/', `/${unrelatedColumn.path}/`];

  it('publish: the article, its column and its pages, the parent column, its tag, home and the site map', async () => {
    const page2 = `${noticesUrl()}page/2/`;
    await warm(['/', '/sitemap.html', noticesUrl(), page2, `/${parentOfNotices.path}/`, ...untouched()]);
    expect((await get(enc(page2))).body).not.toContain('填充通知（2）');

    article = await publish({
      columnId: notices.id,
      title: '缓存精确失效：关于调整办公时间的通知',
      bodyHtml: '<p>第一版正文。</p>',
      tags: ['缓存测试标签'],
    });
    await planned();

    const title = '缓存精确失效：关于调整办公时间的通知';
    for (const path of ['/', noticesUrl(), `/${parentOfNotices.path}/`, '/tags/缓存测试标签/']) {
      const page = await get(enc(path));
      expect(page.headers['x-cache'], path).toBe('miss');
      expect(page.body, path).toContain(title);
    }
    // Every row moved down by one: the 20th notice of page 1 is now the first of page 2.
    const shifted = await get(enc(page2));
    expect(shifted.headers['x-cache']).toBe('miss');
    expect(shifted.body).toContain('填充通知（2）');
    expect((await get(article.path!)).body).toContain('第一版正文');
    expect((await get('/sitemap.html')).headers['x-cache']).toBe('miss');
    await expectStillCached(untouched());
  });

  it('edit: the article, the column it left and the one it moved to, the old and the new tag', async () => {
    const policiesUrl = `/${policies.path}/`;
    await warm([article.path!, noticesUrl(), policiesUrl, '/tags/缓存测试标签/', '/', ...untouched()]);

    const current = (await t.gazette.deps.store.articles.get(article.id))!;
    await updateArticle(t.gazette.deps, SYSTEM, article.id, current.version, {
      columnId: policies.id,
      title: '缓存精确失效：更正后的标题',
      bodyHtml: '<p>更正后的正文。</p>',
      tags: ['缓存新标签'],
    });
    await planned();

    const page = await get(article.path!);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body).toContain('更正后的正文');
    expect((await get(enc(noticesUrl()))).body).not.toContain(article.path!);
    expect((await get(enc(policiesUrl))).body).toContain('缓存精确失效：更正后的标题');
    expect((await get(enc('/tags/缓存测试标签/'))).statusCode).toBe(404);
    expect((await get(enc('/tags/缓存新标签/'))).body).toContain('缓存精确失效：更正后的标题');
    expect((await get('/')).body).not.toContain('关于调整办公时间的通知');
    await expectStillCached(untouched());
  });

  it('series: the series page, its members’ pages and home', async () => {
    await warm([article.path!, '/', ...untouched()]);
    const series = await createSeries(t.gazette.deps, SYSTEM, {
      siteId,
      columnId: null,
      slug: 'cache-series',
      title: '缓存测试专题合集',
      label: '合集',
      leadHtml: '<p>导语</p>',
      source: '',
      editor: '',
      memberIds: [article.id],
    });
    await publishSeries(t.gazette.deps, SYSTEM, series.id);
    await planned();

    expect((await get('/series/cache-series/')).body).toContain('缓存精确失效：更正后的标题');
    const member = await get(article.path!);
    expect(member.headers['x-cache']).toBe('miss');
    expect(member.body).toContain('/series/cache-series/');
    expect((await get('/')).body).toContain('缓存测试专题合集');
    await expectStillCached(untouched());
  });

  it('withdraw: the article answers 410 and leaves its column, tag, series, home and the site map', async () => {
    await warm([
      article.path!,
      `/${policies.path}/`,
      '/tags/缓存新标签/',
      '/series/cache-series/',
      '/',
      '/sitemap.html',
      ...untouched(),
    ]);
    await withdrawArticle(t.gazette.deps, SYSTEM, article.id, '测试撤稿');
    await planned();

    expect((await get(article.path!)).statusCode).toBe(410);
    expect((await get(enc(`/${policies.path}/`))).body).not.toContain(article.path!);
    expect((await get(enc('/tags/缓存新标签/'))).statusCode).toBe(404);
    expect((await get('/series/cache-series/')).body).not.toContain(article.path!);
    expect((await get('/')).body).not.toContain(article.path!);
    expect((await get('/sitemap.html')).headers['x-cache']).toBe('miss');
    await expectStillCached(untouched());
  });

  it('site settings: every page changes', async () => {
    await warm([...untouched(), '/']);
    const site = (await t.gazette.deps.store.sites.get(siteId))!;
    await updateSite(t.gazette.deps, SYSTEM, siteId, { ...site, footerNotice: '精确失效测试的页脚说明' });
    await planned();
    for (const path of [...untouched(), '/']) {
      const page = await get(enc(path));
      expect(page.headers['x-cache'], path).toBe('miss');
      expect(page.body, path).toContain('精确失效测试的页脚说明');
    }
  });
});
