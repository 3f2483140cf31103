import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  publishArticle,
  systemPrincipal,
  updateArticle,
  updateSite,
  withdrawArticle,
} from '../../src/app/index.js';
import type { Column } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const SYSTEM = systemPrincipal('test');
let t: TestGazette;
let siteId: number;
let notices: Column;

const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
});

afterAll(async () => {
  await t.close();
});

describe('the page cache, seen from outside', () => {
  it('serves a second request for a page from memory', async () => {
    expect((await get('/sitemap.html')).headers['x-cache']).toBe('miss');
    const again = await get('/sitemap.html');
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.statusCode).toBe(200);
  });

  it('never caches error pages', async () => {
    await get('/no/such/page/');
    expect((await get('/no/such/page/')).headers['x-cache']).toBe('miss');
  });

  it('shows a newly published article on home and in its column at once, and its edits, withdrawal and the site settings', async () => {
    const column = `/${notices.path}/`;
    await get('/');
    await get(column);
    expect((await get(column)).headers['x-cache']).toBe('hit');

    const draft = await createArticle(t.gazette.deps, SYSTEM, siteId, {
      columnId: notices.id,
      title: '缓存测试：关于调整办公时间的通知',
      bodyHtml: '<p>第一版正文。</p>',
    });
    const published = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    expect((await get('/')).body).toContain('缓存测试：关于调整办公时间的通知');
    expect((await get(column)).body).toContain(published.path!);
    expect((await get(published.path!)).body).toContain('第一版正文');

    await updateArticle(t.gazette.deps, SYSTEM, published.id, published.version, {
      columnId: notices.id,
      title: '缓存测试：关于调整办公时间的通知',
      bodyHtml: '<p>更正后的正文。</p>',
    });
    expect((await get(published.path!)).body).toContain('更正后的正文');

    await withdrawArticle(t.gazette.deps, SYSTEM, published.id, '测试撤稿');
    expect((await get(published.path!)).statusCode).toBe(410);
    expect((await get(column)).body).not.toContain(published.path!);
    expect((await get('/')).body).not.toContain(published.path!);

    const site = (await t.gazette.deps.store.sites.get(siteId))!;
    await updateSite(t.gazette.deps, SYSTEM, siteId, {
      ...site,
      footerNotice: '缓存测试的页脚说明',
    });
    expect((await get(column)).body).toContain('缓存测试的页脚说明');
  });
});
