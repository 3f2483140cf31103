import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOptions, runImport } from '../../src/cli/import-command.js';
import { crawl, robotsAllow, robotsRules, type Fetched, type ImportedPage } from '../../src/import/index.js';
import { startTestGazette } from '../support/gazette.js';

const article = (title: string, date: string, text: string) =>
  `<html><head><meta charset="utf-8"><title>${title}_测试县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a></div><h1>${title}</h1><div class="info">发布时间：${date} 来源：测试县政府办</div>
<div class="TRS_Editor"><p>${text}</p></div><a href="/">返回首页</a></body></html>`;

const SITE: Record<string, { type: string; body: string | Buffer }> = {
  '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
  '/': {
    type: 'text/html; charset=utf-8',
    body: `<html><body><ul>
<li><a href="/news/a.html">甲</a> 2024-05-01</li><li><a href="/news/b.html#top">乙</a></li>
<li><a href="/private/secret.html">内部</a></li><li><a href="http://example.com/x.html">外站</a></li>
<li><a href="/files/doc.pdf">文件</a></li><li><a href="/news/c.html">丙</a></li><li><a href="/news/c_2.html">丙二</a></li><li><a href="/news/missing.html">缺失</a></li></ul></body></html>`,
  },
  '/news/a.html': {
    type: 'text/html; charset=utf-8',
    body: article(
      '测试县开展春季植树活动',
      '2024-05-01 09:00',
      '4月30日，测试县组织干部群众在北山植树三千余株。',
    ),
  },
  '/news/b.html': {
    type: 'text/html; charset=gbk',
    body: iconv.encode(
      article('测试县举行消防演练', '2024年05月02日', '5月2日，测试县在县城中心广场举行消防应急演练。'),
      'gbk',
    ),
  },
  '/news/c.html': {
    type: 'text/html; charset=utf-8',
    body: article('测试县图书馆新馆开放', '2024-05-03', '新馆藏书二十万册。').replace(
      '</body>',
      '<div class="page"><a href="c_2.html">下一页</a></div></body>',
    ),
  },
  '/news/c_2.html': {
    type: 'text/html; charset=utf-8',
    body: article('测试县图书馆新馆开放', '2024-05-03', '开放时间为每日九时至二十一时。'),
  },
  '/private/secret.html': {
    type: 'text/html',
    body: article('不应抓取', '2024-01-01', '这一页不应被抓取。'),
  },
};

const requests: { path: string; at: number }[] = [];
let inFlight = 0;
let mostInFlight = 0;
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    requests.push({ path: req.url ?? '', at: Date.now() });
    const page = SITE[req.url ?? ''];
    setTimeout(() => {
      inFlight -= 1;
      if (!page) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': page.type }).end(page.body);
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('robots.txt', () => {
  it('applies the longest matching rule of our group, else of *', () => {
    const rules = robotsRules(
      'User-agent: *\nDisallow: /a/\nAllow: /a/open/\n\nUser-agent: other\nDisallow: /\n',
    );
    expect(robotsAllow(rules, '/a/x.html')).toBe(false);
    expect(robotsAllow(rules, '/a/open/x.html')).toBe(true);
    expect(robotsAllow(rules, '/b.html')).toBe(true);
    expect(robotsAllow(robotsRules('User-agent: gazette\nDisallow: /\n'), '/x')).toBe(false);
  });
});

describe('crawl', () => {
  it('stays on the site, obeys robots.txt and asks one page at a time with a pause between requests', async () => {
    requests.length = 0;
    const fetched: Fetched[] = [];
    for await (const page of crawl(`${base}/`, { maxPages: 10, delayMs: 40 })) fetched.push(page);
    const paths = requests.map((r) => r.path);
    expect(paths[0]).toBe('/robots.txt');
    expect(paths).toEqual(
      expect.arrayContaining(['/', '/news/a.html', '/news/b.html', '/news/missing.html']),
    );
    expect(paths).not.toContain('/private/secret.html');
    expect(paths).not.toContain('/files/doc.pdf');
    expect(mostInFlight).toBe(1);
    for (let i = 1; i < requests.length; i += 1) {
      expect((requests[i]?.at ?? 0) - (requests[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(35);
    }
    expect(fetched.find((f) => f.url.endsWith('/private/secret.html'))).toMatchObject({
      refused: 'disallowed by robots.txt',
    });
    expect(fetched.find((f) => f.url.endsWith('/news/missing.html'))).toMatchObject({ refused: 'HTTP 404' });
  });

  it('stops after --max-pages pages', async () => {
    requests.length = 0;
    for await (const page of crawl(`${base}/`, { maxPages: 2, delayMs: 0 })) void page;
    expect(requests.filter((r) => r.path !== '/robots.txt')).toHaveLength(2);
  });
});

describe('gazette import --crawl', () => {
  const options = (extra: Record<string, string | boolean>) =>
    importOptions({ crawl: `${base}/`, 'max-pages': '10', delay: '0', ...extra }, []);

  it('prints the article pages of a crawl (GBK included) and passes over the index page', async () => {
    const lines: string[] = [];
    const code = await runImport(
      () => Promise.reject(new Error('a dry run opens no database')),
      options({ 'dry-run': true, format: 'json' }),
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    const pages = JSON.parse(lines.join('\n')) as {
      file: string;
      refused?: string;
      items?: { title: string }[];
    }[];
    const titles = pages.flatMap((p) => p.items?.map((i) => i.title) ?? []);
    expect(titles).toEqual(['测试县开展春季植树活动', '测试县举行消防演练', '测试县图书馆新馆开放']);
    const library = pages.find((p) => p.file.endsWith('/news/c.html')) as ImportedPage | undefined;
    expect(library?.items[0]?.blocks.map((b) => b.text)).toEqual([
      '新馆藏书二十万册。',
      '开放时间为每日九时至二十一时。',
    ]);
    expect(pages.find((p) => p.file === `${base}/`)?.refused).toMatch(/not an article page|no headline/);
  });

  it('imports crawled pages once: a second crawl skips them', async () => {
    const test = await startTestGazette();
    try {
      const open = () => Promise.resolve({ ...test.gazette, close: () => Promise.resolve() });
      const first: string[] = [];
      expect(await runImport(open, options({ column: 'zwgk/tzgg' }), (l) => first.push(l))).toBe(0);
      expect(first.at(-1)).toMatch(/^imported 3, updated 0, skipped \d+, failed 0$/);
      const second: string[] = [];
      await runImport(open, options({ column: 'zwgk/tzgg' }), (l) => second.push(l));
      expect(second.at(-1)).toMatch(/^imported 0, updated 0, skipped \d+, failed 0$/);
    } finally {
      await test.close();
    }
  });
});
