import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSite,
  createArticle,
  listPlatformSites,
  publishArticle,
  setSiteStatus,
  systemPrincipal,
  updateSite,
} from '../../src/app/index.js';
import type { Site } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Many sites in one installation (集约化): each host answers with its own site, the site without a host answers
 * what nobody claims, a disabled site's hosts answer nobody's pages, and the page cache never hands one site's
 * page to another site's host.
 */
const system = systemPrincipal('test');
let t: TestGazette;
let main: Site;
let lanbin: Site;
let liuwan: Site;
let articlePath: string;

const get = (url: string, host: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { host, ...headers } });

beforeAll(async () => {
  t = await startTestGazette();
  const { deps } = t.gazette;
  main = (await deps.store.sites.list())[0]!;
  lanbin = await addSite(deps, system, {
    name: '青川市澜滨区人民政府',
    hosts: ['lanbin.qingchuan.gov.cn', 'www.lanbin.gov.cn'],
  });
  liuwan = await addSite(deps, system, { name: '青川市柳湾区人民政府', hosts: ['liuwan.qingchuan.gov.cn'] });
  const column = (await deps.store.columns.getByPath(lanbin.id, 'xwzx/zwyw'))!;
  const article = await createArticle(deps, system, lanbin.id, {
    columnId: column.id,
    title: '澜滨区召开防汛工作会议',
    bodyHtml: '<p>会议部署了今年的防汛工作。</p>',
    source: '澜滨区人民政府办公室',
    editor: '王五',
  });
  const published = await publishArticle(deps, system, article.id);
  articlePath = published.path!;
});

afterAll(async () => {
  await t.close();
});

describe('requests routed by host', () => {
  it('answers each host with its own site and the same path with different pages', async () => {
    const a = await get('/', 'lanbin.qingchuan.gov.cn');
    const b = await get('/', 'liuwan.qingchuan.gov.cn');
    const alias = await get('/', 'www.lanbin.gov.cn');
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain('青川市澜滨区人民政府');
    expect(b.body).toContain('青川市柳湾区人民政府');
    expect(b.body).not.toContain('青川市澜滨区人民政府');
    expect(alias.body).toBe(a.body);
    // Asked again, each host gets its own kept page, never the other's.
    expect((await get('/', 'liuwan.qingchuan.gov.cn')).body).toBe(b.body);
    expect((await get('/', 'lanbin.qingchuan.gov.cn')).headers['x-cache']).toBe('hit');
  });

  it('serves an article only under the hosts of its site', async () => {
    expect((await get(articlePath, 'lanbin.qingchuan.gov.cn')).statusCode).toBe(200);
    expect((await get(articlePath, 'liuwan.qingchuan.gov.cn')).statusCode).toBe(404);
    // The demo site answers unclaimed hosts, and it does not hold the county's article either.
    expect((await get(articlePath, 'www.example.gov.cn')).statusCode).toBe(404);
    expect((await get('/', 'www.example.gov.cn')).body).toContain(main.name);
  });

  it('searches one site, or the platform with links to each article under its own site', async () => {
    const q = encodeURIComponent('防汛工作');
    const own = (await get(`/api/search?q=${q}`, 'liuwan.qingchuan.gov.cn')).json<{ total: number }>();
    expect(own.total).toBe(0);
    const platform = (await get(`/api/search?q=${q}&scope=platform`, 'liuwan.qingchuan.gov.cn')).json<{
      results: { url: string; site: string }[];
    }>();
    expect(platform.results.map((r) => r.url)).toContain(`https://lanbin.qingchuan.gov.cn${articlePath}`);
    expect(platform.results.find((r) => r.url.endsWith(articlePath))?.site).toBe('青川市澜滨区人民政府');
    // The search page names each result's site, and not another site's column.
    const page = await get(`/search?q=${q}&scope=platform`, 'liuwan.qingchuan.gov.cn');
    const result =
      (page.body.match(/<li class="search-result">[\s\S]*?<\/li>/g) ?? []).find((li) =>
        li.includes(`https://lanbin.qingchuan.gov.cn${articlePath}`),
      ) ?? '';
    expect(result).toContain('<span class="search-result-site">青川市澜滨区人民政府</span>');
    expect(result).not.toContain('政务要闻');
  });

  it('ignores X-Forwarded-Host from a client that is not a trusted proxy', async () => {
    const page = await get('/', 'liuwan.qingchuan.gov.cn', { 'x-forwarded-host': 'lanbin.qingchuan.gov.cn' });
    expect(page.body).toContain('青川市柳湾区人民政府');
  });

  it('answers a disabled site’s hosts with the 404, though its pages were cached, and serves them again once enabled', async () => {
    expect((await get('/', 'liuwan.qingchuan.gov.cn')).headers['x-cache']).toBe('hit');
    await setSiteStatus(t.gazette.deps, system, liuwan.id, 'disabled');
    for (const url of ['/', '/sitemap.html', '/xwzx/']) {
      const page = await get(url, 'liuwan.qingchuan.gov.cn');
      expect(page.statusCode, url).toBe(404);
      expect(page.body, url).not.toContain('青川市柳湾区人民政府');
      // Not the site answering unclaimed hosts either.
      expect(page.body, url).not.toContain(main.name);
    }
    await setSiteStatus(t.gazette.deps, system, liuwan.id, 'active');
    expect((await get('/', 'liuwan.qingchuan.gov.cn')).body).toContain('青川市柳湾区人民政府');
  });

  it('gives an unknown host the platform 404 once every site has a host', async () => {
    await updateSite(t.gazette.deps, system, main.id, { ...main, hosts: ['www.qingchuan.gov.cn'] });
    expect((await get('/', 'www.qingchuan.gov.cn')).body).toContain(main.name);
    const unknown = await get('/', 'nobody.example');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain(main.name);
    expect(unknown.body).not.toContain('青川市澜滨区人民政府');
  });
});

describe('X-Forwarded-Host behind a trusted proxy', () => {
  let proxied: TestGazette;
  beforeAll(async () => {
    proxied = await startTestGazette({ env: { GAZETTE_TRUST_PROXY: '127.0.0.1' } });
    await addSite(proxied.gazette.deps, system, {
      name: '青川市鹤鸣区人民政府',
      hosts: ['heming.qingchuan.gov.cn'],
    });
  });
  afterAll(async () => {
    await proxied.close();
  });

  it('routes by the host the proxy names', async () => {
    const page = await proxied.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'heming.qingchuan.gov.cn' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('青川市鹤鸣区人民政府');
  });
});

describe('adding a site: bad input leaves nothing behind', () => {
  const attempt = async (hosts: string[]) => {
    const before = await t.gazette.deps.store.sites.list();
    const error = await addSite(t.gazette.deps, system, { name: '某区人民政府', hosts }).catch(
      (e: unknown) => e,
    );
    expect(await t.gazette.deps.store.sites.list()).toHaveLength(before.length);
    return (error as { code?: string }).code;
  };

  it('refuses a host another site holds, naming that site, even as the second alias', async () => {
    expect(await attempt(['new.qingchuan.gov.cn', 'www.lanbin.gov.cn'])).toBe('GZ_HOST_TAKEN');
    const error = await addSite(t.gazette.deps, system, {
      name: 'x',
      hosts: ['lanbin.qingchuan.gov.cn'],
    }).catch((e: unknown) => e as Error);
    expect(String((error as Error).message)).toContain('青川市澜滨区人民政府');
  });

  it('refuses a host with a port, upper case, a scheme, or named twice', async () => {
    expect(await attempt(['new.qingchuan.gov.cn:8080'])).toBe('GZ_INVALID_HOST');
    expect(await attempt(['New.qingchuan.gov.cn'])).toBe('GZ_INVALID_HOST');
    expect(await attempt(['https://new.qingchuan.gov.cn'])).toBe('GZ_INVALID_HOST');
    expect(await attempt(['new.qingchuan.gov.cn', 'new.qingchuan.gov.cn'])).toBe('GZ_INVALID_HOST');
  });

  it('starts a site with the standard columns, an empty identity and no content', async () => {
    const columns = await t.gazette.deps.store.columns.listBySite(lanbin.id);
    expect(columns.map((c) => c.path)).toEqual(
      expect.arrayContaining(['xwzx', 'xwzx/zwyw', 'xwzx/qxdt', 'zwgk/tzgg', 'zwgk/zcwj', 'zwgk/zcjd']),
    );
    expect(lanbin.sponsor.name).toBe('');
    expect(lanbin.siteCode).toBe('');
    expect(lanbin.baseUrl).toBe('https://lanbin.qingchuan.gov.cn');
    const counts = await t.gazette.deps.store.sites.counts();
    expect(counts.get(liuwan.id)?.articles ?? 0).toBe(0);
  });

  it('copies a template site’s columns', async () => {
    const copy = await addSite(t.gazette.deps, system, {
      name: '青川市云岫县人民政府',
      hosts: ['yunxiu.qingchuan.gov.cn'],
      templateSiteId: main.id,
    });
    const paths = (site: number) =>
      t.gazette.deps.store.columns.listBySite(site).then((list) => list.map((c) => c.path).sort());
    expect(await paths(copy.id)).toEqual(await paths(main.id));
    expect(copy.slug).toBe('yunxiu');
  });
});

describe('the platform view', () => {
  it('lists every site with its counts and whether it has published anything lately', async () => {
    const sites = await listPlatformSites(t.gazette.deps, system);
    const of = (id: number) => sites.find((s) => s.site.id === id)!;
    // The ten standard columns and those of the 政府信息公开 专栏 every site starts with.
    const section = (await t.gazette.deps.store.columns.listBySite(lanbin.id)).filter(
      (c) => c.path === 'zfxxgk' || c.path.startsWith('zfxxgk/'),
    ).length;
    expect(section).toBeGreaterThan(0);
    expect(of(lanbin.id).counts).toMatchObject({ published: 1, columns: 10 + section });
    expect(of(lanbin.id).stale).toBe(false);
    expect(of(liuwan.id).counts.published).toBe(0);
    expect(of(liuwan.id).stale).toBe(true);
  });

  it('is refused to someone holding only a site role', async () => {
    const editor = {
      kind: 'user',
      ip: '127.0.0.1',
      user: { id: 999, username: 'editor', grants: [{ role: 'editor', siteId: lanbin.id, columnId: null }] },
    } as unknown as Parameters<typeof listPlatformSites>[1];
    await expect(listPlatformSites(t.gazette.deps, editor)).rejects.toMatchObject({ code: 'GZ_FORBIDDEN' });
    await expect(
      addSite(t.gazette.deps, editor, { name: '某区', hosts: ['x.qingchuan.gov.cn'] }),
    ).rejects.toMatchObject({ code: 'GZ_FORBIDDEN' });
  });
});
