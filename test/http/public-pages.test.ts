import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishArticle, withdrawArticle } from '../../src/app/index.js';
import { formatDate, formatDateTime, type Article, type Column } from '../../src/core/index.js';
import { systemPrincipal } from '../../src/app/index.js';
import { buildServer } from '../../src/server/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const SYSTEM = systemPrincipal('test');

let t: TestGazette;
let columns: Column[];
let siteId: number;

const get = async (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

const meta = (html: string, name: string): string | undefined =>
  new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];

async function publishedArticles(): Promise<Article[]> {
  const items = await t.gazette.deps.store.articles.listPublished({ siteId }, 1000, 0);
  return t.gazette.deps.store.articles.listPublishedByIds(items.map((i) => i.id));
}

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  columns = await t.gazette.deps.store.columns.listBySite(siteId);
});

afterAll(async () => {
  await t.close();
});

describe('every page', () => {
  it('carries the language, landmarks, skip link, identity footer and portal meta tags', async () => {
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toMatch(/<a[^>]+href="#main"/);
    expect(html).toMatch(/<main[^>]+id="main"/);
    expect(html).toMatch(/<header/);
    expect(html).toMatch(/<footer/);
    expect(meta(html, 'SiteName')).toBe(site.name);
    expect(meta(html, 'SiteDomain')).toBe(new URL(site.baseUrl).host);
    expect(meta(html, 'SiteIDCode')).toBe(site.siteCode);
    expect(html).toContain(site.sponsor.name);
    expect(html).toContain(site.siteCode);
    // Long values carry <wbr> between words, so that they wrap there on a phone.
    expect(html.replaceAll('<wbr>', '')).toContain(site.icpRecord);
    expect(html).toContain('href="https://beian.miit.gov.cn/"');
    expect(html).toContain(site.policeRecord);
    expect(html).toContain(`code=${site.policeRecordCode}`);
    for (const account of site.accounts) expect(html).toContain(account.name);
  });

  it('sends security headers', async () => {
    for (const path of ['/', '/no-such-page.html', '/search?q=通知']) {
      const res = await get(path);
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';img-src 'self' data: https:;style-src 'self';script-src 'self';object-src 'none';" +
          "base-uri 'self';form-action 'self';frame-ancestors 'self'",
      );
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'cross-origin',
      });
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
      // Plain HTTP: HSTS would be ignored by browsers and pin nothing, so it is not sent.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS only on requests that came over https (X-Forwarded-Proto from a trusted proxy)', async () => {
    const hsts = 'max-age=31536000; includeSubDomains';
    const forwarded = { 'x-forwarded-proto': 'https' };
    // Not behind a trusted proxy: the header is the client's word and changes nothing.
    expect((await get('/', forwarded)).headers['strict-transport-security']).toBeUndefined();
    const proxied = await buildServer({
      deps: t.gazette.deps,
      theme: t.gazette.theme,
      mediaDir: `${t.dataDir}/media`,
      logLevel: 'silent',
      trustProxy: 1,
    });
    try {
      for (const url of ['/', '/no-such-page.html', '/admin/api/session']) {
        const https = await proxied.inject({ method: 'GET', url, headers: forwarded });
        expect(https.headers['strict-transport-security'], url).toBe(hsts);
        const http = await proxied.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'http' } });
        expect(http.headers['strict-transport-security'], url).toBeUndefined();
      }
    } finally {
      await proxied.close();
    }
  });
});

describe('home page', () => {
  it('lists the latest items of the columns with a date on every row, and the featured series', async () => {
    const html = (await get('/')).body;
    const latest = await t.gazette.deps.store.articles.listPublished({ siteId }, 1, 0);
    expect(html).toContain(latest[0]!.title);
    const rows = html.match(/<li(?:\s[^>]*)?>[\s\S]*?<\/li>/g) ?? [];
    const articleRows = rows.filter((row) => /href="\/(?!sitemap\.html)[^"]+\.html"/.test(row));
    expect(articleRows.length).toBeGreaterThan(10);
    for (const row of articleRows) expect(row).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);
    const [series] = await t.gazette.deps.store.series.listPublished(siteId, 1);
    expect(html).toContain(series!.title);
  });
});

describe('column page', () => {
  const biggest = async () => {
    const counts = await t.gazette.deps.store.articles.countByColumn(siteId);
    const [columnId, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    return { column: columns.find((c) => c.id === columnId)!, count };
  };

  it('shows 20 rows a page, numbered links, the total and column meta tags', async () => {
    const { column, count } = await biggest();
    expect(count).toBeGreaterThan(20);
    const res = await get(`/${column.path}/`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(`<h1`);
    expect(html).toContain(column.name);
    expect(meta(html, 'ColumnName')).toBe(column.name);
    expect(meta(html, 'ColumnType')).toBeTruthy();
    expect(html).toContain(`共 ${count} 条`);
    expect(html).toContain(`href="/${column.path}/page/2/"`);
    expect(html).toMatch(/aria-current="page"[^>]*>\s*1\s*</);
    const first = await t.gazette.deps.store.articles.listPublished(
      { siteId, columnIds: [column.id] },
      21,
      0,
    );
    expect(html).toContain(first[0]!.path);
    expect(html).toContain(first[19]!.path);
    expect(html).not.toContain(first[20]!.path);
    const page2 = await get(`/${column.path}/page/2/`);
    expect(page2.statusCode).toBe(200);
    expect(page2.body).toContain(first[20]!.path);
  });

  it('answers 404 for bad or missing page numbers and redirects page 1 and the bare path', async () => {
    const { column, count } = await biggest();
    const pages = Math.ceil(count / 20);
    for (const page of [String(pages + 1), '0', 'abc', '-1', '1.5', '99999999999', '%FF']) {
      const res = await get(`/${column.path}/page/${page}/`);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.body).toContain('<html lang="zh-CN"');
      expect(res.body).not.toMatch(/at .*\.js:\d+/);
    }
    expect((await get(`/${column.path}/page/1/`)).headers.location).toBe(`/${column.path}/`);
    const bare = await get(`/${column.path}`);
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe(`/${column.path}/`);
  });

  it('includes the articles of child columns in a parent column', async () => {
    const parent = columns.find(
      (c) => c.parentId === null && columns.some((child) => child.parentId === c.id && child.kind === 'news'),
    )!;
    const child = columns.find((c) => c.parentId === parent.id && c.kind === 'news')!;
    const [newest] = await t.gazette.deps.store.articles.listPublished(
      { siteId, columnIds: [child.id] },
      1,
      0,
    );
    const html = (await get(`/${parent.path}/`)).body;
    expect(html).toContain(child.name);
    expect(newest).toBeDefined();
  });
});

describe('article page', () => {
  it('shows title, source, date, author, editor, attachments, tags and meta tags', async () => {
    const article = (await publishedArticles()).find((a) => a.attachments.length > 0 && a.tags.length > 0)!;
    expect(article).toBeDefined();
    const res = await get(article.path!);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toMatch(new RegExp(`<h1[^>]*>\\s*${escapeRe(article.title)}\\s*</h1>`));
    expect(html).toContain(article.source);
    expect(html).toContain(formatDateTime(article.publishedAt!));
    expect(html).toContain(article.editor);
    expect(meta(html, 'ArticleTitle')).toBe(article.title);
    expect(meta(html, 'PubDate')).toBe(formatDateTime(article.publishedAt!));
    expect(meta(html, 'ContentSource')).toBe(article.source);
    expect(meta(html, 'Author')).toBe(article.author);
    expect(meta(html, 'Description')).toBeTruthy();
    expect(meta(html, 'Url')).toMatch(new RegExp(`${escapeRe(article.path!)}$`));
    for (const attachment of article.attachments) {
      expect(html).toContain(attachment.name);
      expect(html).toContain(`href="${attachment.url}"`);
    }
    for (const tag of article.tags) expect(html).toContain(`href="/tags/${encodeURIComponent(tag)}/"`);
    expect(html).toMatch(/<nav[^>]+aria-label="当前位置"/);
    expect(html).toMatch(/href="\/_prefs\?fs=l&amp;back=[^"]+" rel="nofollow"/); // 字号 switch
  });

  it('links the previous and next article of the same column', async () => {
    const counts = await t.gazette.deps.store.articles.countByColumn(siteId);
    const all = await publishedArticles();
    const article = all.find((a) => (counts.get(a.columnId) ?? 0) > 3)!;
    const { prev, next } = await t.gazette.deps.store.articles.neighbours(article);
    const html = (await get(article.path!)).body;
    if (prev) expect(html).toContain(`href="${prev.path}"`);
    if (next) expect(html).toContain(`href="${next.path}"`);
    expect(prev ?? next).toBeTruthy();
  });

  it('serves its attachments', async () => {
    const article = (await publishedArticles()).find((a) =>
      a.attachments.some((x) => x.mime === 'application/pdf'),
    )!;
    const pdf = article.attachments.find((x) => x.mime === 'application/pdf')!;
    const res = await get(pdf.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBe(pdf.size);
  });

  it('escapes what editors typed and keeps only sanitised body HTML', async () => {
    const column = columns.find((c) => c.kind === 'notice')!;
    const draft = await createArticle(t.gazette.deps, SYSTEM, siteId, {
      columnId: column.id,
      title: '《条例》<script>alert(1)</script>解读 & 问答',
      bodyHtml: '<p onclick="x()">正文<img src="javascript:alert(1)" alt="x"></p><script>alert(2)</script>',
      source: '测试"来源',
      editor: '编辑<b>',
    });
    const published = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    const html = (await get(published.path!)).body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('《条例》解读 &amp; 问答');
    expect(html).toMatch(/测试(&quot;|&#34;)来源/);
  });
});

describe('withdrawn article', () => {
  it('answers 410 with the record kept, and leaves every list', async () => {
    const column = columns.find((c) => c.kind === 'notice')!;
    const draft = await createArticle(t.gazette.deps, SYSTEM, siteId, {
      columnId: column.id,
      title: '将被撤下的测试通知',
      bodyHtml: '<p>内容</p>',
      source: '测试',
      editor: '测试',
    });
    const published = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    expect((await get(`/${column.path}/`)).body).toContain(published.path!);
    await withdrawArticle(t.gazette.deps, SYSTEM, published.id, '信息有误，依规撤下');
    const res = await get(published.path!);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('将被撤下的测试通知');
    expect(res.body).toContain(formatDate(published.publishedAt!));
    expect(res.body).toContain('信息有误，依规撤下');
    expect((await get(`/${column.path}/`)).body).not.toContain(published.path!);
    expect((await get('/')).body).not.toContain(published.path!);
  });
});

describe('series page', () => {
  it('shows the lead, a table of contents and every member under its own heading and anchor, in order', async () => {
    const [series] = await t.gazette.deps.store.series.listPublished(siteId, 1);
    const members = await t.gazette.deps.store.articles.listPublishedByIds(series!.memberIds);
    const byId = new Map(members.map((m) => [m.id, m]));
    const res = await get(`/series/${series!.slug}/`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(series!.title);
    expect(html).toContain(series!.label);
    expect(html).toContain(series!.source);
    expect(html).toContain(series!.editor);
    let last = -1;
    series!.memberIds.forEach((id, i) => {
      const title = byId.get(id)!.title;
      expect(html).toContain(`href="#part-${i + 1}"`);
      const at = html.indexOf(`id="part-${i + 1}"`);
      expect(at).toBeGreaterThan(last);
      expect(html.indexOf(title, at)).toBeGreaterThan(at);
      last = at;
    });
  });

  it('answers 404 for an unknown series', async () => {
    expect((await get('/series/no-such-series/')).statusCode).toBe(404);
  });
});

describe('tag page', () => {
  it('lists the published articles carrying the tag', async () => {
    const article = (await publishedArticles()).find((a) => a.tags.length > 0)!;
    const tag = article.tags[0]!;
    const res = await get(`/tags/${encodeURIComponent(tag)}/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(tag);
    expect(res.body).toContain(article.path!);
    expect((await get(`/tags/${encodeURIComponent('没有这个标签')}/`)).statusCode).toBe(404);
  });
});

describe('site map', () => {
  it('lists every column and series', async () => {
    const res = await get('/sitemap.html');
    expect(res.statusCode).toBe(200);
    for (const column of columns) expect(res.body).toContain(column.name);
  });
});

describe('bad input', () => {
  it('answers unknown paths with the theme 404 page', async () => {
    for (const url of ['/no/such/page/', '/nothing.html', '/a/b/c', '/series/', '/tags/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('页面不存在');
      expect(res.body).toContain('<footer');
    }
  });

  it('refuses oversized URLs and headers cleanly', async () => {
    const long = await get(`/${'a'.repeat(5000)}/`);
    expect(long.statusCode).toBe(414);
    expect(long.body).toContain('<html lang="zh-CN"');
    const malformed = await get('/%E0%A4%A/');
    expect(malformed.statusCode).toBe(400);
    for (const url of ['/a%00.html', '/tags/%00/', '/series/a%00/', '/zwgk/%01/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('<html lang="zh-CN"');
    }
  });

  it('refuses methods that change nothing here', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/', payload: 'x' });
    expect(res.statusCode).toBe(404);
  });

  it('serves theme assets with content-hashed URLs and long caching', async () => {
    const html = (await get('/')).body;
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const res = await get(css!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
    expect(res.headers['cache-control']).toContain('immutable');
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
