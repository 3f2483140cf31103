import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkCheckOptions, runCheckLinks } from '../src/cli/check-commands.js';
import { checkLinks, extractReferences } from '../src/linkcheck/link-checker.js';
import { startTestGazette, type TestGazette } from './support/gazette.js';

/** A small site with dead links planted in it, served on a loopback port. */
function plantedSite(): Server {
  const pages: Record<string, string> = {
    '/': `<!doctype html><title>首页</title>
      <a href="/news/">要闻</a> <a href="/about.html#contact">联系我们</a> <a href="#top">顶部</a>
      <a href="mailto:a@b.cn">邮件</a> <a href="tel:12345">电话</a> <a href="javascript:void(0)">js</a>
      <link rel="stylesheet" href="/assets/site.css"> <img src="/img/logo.png" alt="徽标">
      <a href="/missing.html">已删除的页面</a>`,
    '/sitemap.html': '<!doctype html><title>网站地图</title><a href="/news/">要闻</a>',
    '/news/': `<!doctype html><title>要闻</title>
      <a href="/news/a.html">文章A</a> <a href="withdrawn.html">撤稿</a>
      <a href="/files/notice.pdf">附件</a> <a href="/files/lost.pdf">丢失的附件</a>
      <a href="/redirect-to-missing">旧地址</a> <a href="/loop">循环</a> <a href="/broken">出错</a>
      <img srcset="/img/a-480.webp 480w, /img/a-960.webp 960w" src="/img/a.jpg" alt="图">`,
    '/news/a.html': '<!doctype html><title>A</title><a href="/news/">返回</a><a href="/">首页</a>',
    '/about.html': '<!doctype html><title>关于</title><a href="/slow.html">慢页面</a>',
  };
  const files = new Set([
    '/assets/site.css',
    '/img/logo.png',
    '/files/notice.pdf',
    '/img/a-480.webp',
    '/img/a.jpg',
  ]);
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/news/withdrawn.html') return response.writeHead(410).end('gone');
    if (path === '/redirect-to-missing') return response.writeHead(301, { location: '/nowhere.html' }).end();
    if (path === '/loop') return response.writeHead(302, { location: '/loop' }).end();
    if (path === '/broken') return response.writeHead(500).end('error');
    if (path === '/slow.html') return void setTimeout(() => response.writeHead(200).end('late'), 3_000);
    // Like many old servers: HEAD refused, GET fine.
    if (path === '/img/a-960.webp') {
      return request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('webp');
    }
    const page = pages[path];
    if (page !== undefined) {
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    }
    if (files.has(path))
      return response.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x');
    response.writeHead(404, { 'content-type': 'text/html' }).end('<title>404</title>');
    return undefined;
  });
}

describe('gazette check links', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = plantedSite();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('finds every planted dead link and nothing else, with the pages that link to it', async () => {
    const report = await checkLinks({
      base,
      timeoutMs: 1_000,
      concurrency: 4,
    });
    const byUrl = new Map(report.problems.map((p) => [p.url, p]));
    expect([...byUrl.keys()].sort()).toEqual(
      [
        '/broken',
        '/files/lost.pdf',
        '/loop',
        '/missing.html',
        '/news/withdrawn.html',
        '/redirect-to-missing',
        '/slow.html',
      ].sort(),
    );
    expect(byUrl.get('/missing.html')).toMatchObject({ status: 404, kind: 'internal', foundOn: ['/'] });
    expect(byUrl.get('/news/withdrawn.html')).toMatchObject({ status: 410, foundOn: ['/news/'] });
    expect(byUrl.get('/redirect-to-missing')?.status).toBe(404);
    expect(byUrl.get('/broken')?.reasonZh).toContain('服务器错误');
    expect(byUrl.get('/loop')?.reasonZh).toContain('重定向');
    expect(byUrl.get('/slow.html')).toMatchObject({
      status: null,
      reasonZh: '请求超时',
      foundOn: ['/about.html'],
    });
    // The pages themselves were crawled, and the srcset candidates checked (a HEAD refused, then GET fine).
    expect(report.pagesCrawled).toBeGreaterThanOrEqual(5);
    expect(byUrl.has('/img/a-960.webp')).toBe(false);
  });

  it('reports an external host that cannot be resolved, and can leave external links out', async () => {
    const offline = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.hostname === 'closed.gov.example') {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
      }
      return fetch(input, init);
    });
    const page = `<a href="http://closed.gov.example/old">已关停的政府网站</a>`;
    expect(extractReferences(page, base)).toEqual(['http://closed.gov.example/old']);
    const site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      const report = await checkLinks({ base: siteBase, fetch: offline });
      expect(report.problems).toEqual([
        expect.objectContaining({
          url: 'http://closed.gov.example/old',
          kind: 'external',
          reasonZh: '域名无法解析',
          foundOn: ['/', '/sitemap.html'],
        }),
      ]);
      const internal = await checkLinks({ base: siteBase, external: false, fetch: offline });
      expect(internal.problems).toEqual([]);
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });

  it('refuses bad options with a usage error', () => {
    expect(() => linkCheckOptions({ base: 'ftp://x' })).toThrow(/--base/);
    expect(() => linkCheckOptions({ concurrency: '0' })).toThrow(/--concurrency/);
    expect(() => linkCheckOptions({ timeout: 'ten' })).toThrow(/--timeout/);
    expect(linkCheckOptions({ 'internal-only': true })).toMatchObject({ external: false, concurrency: 8 });
  });
});

describe('gazette check links on the demo site', () => {
  let test: TestGazette;
  beforeAll(async () => {
    test = await startTestGazette({ demo: true });
  });
  afterAll(async () => {
    await test.close();
  });

  it(
    'finds no broken internal link on the demo site, and counts no page views while crawling',
    { timeout: 120_000 },
    async () => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const store = test.gazette.deps.store;
      const totalViews = async () => {
        let total = 0;
        for (const row of await store.articles.listPublished({ siteId: 1 }, 200, 0)) {
          total += (await store.articles.get(row.id))?.viewCount ?? 0;
        }
        return total;
      };
      const viewsBefore = await totalViews();
      try {
        const options = linkCheckOptions({ 'internal-only': true, format: 'json' });
        const code = await runCheckLinks(test.gazette, options, 'json');
        const report = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as {
          pagesCrawled: number;
          problems: unknown[];
        };
        expect(report.problems).toEqual([]);
        expect(code).toBe(0);
        // Home, site map, 15 columns, 93 articles, the series, tags…
        expect(report.pagesCrawled).toBeGreaterThan(100);
      } finally {
        log.mockRestore();
      }
      expect(await totalViews()).toBe(viewsBefore);
    },
  );
});
