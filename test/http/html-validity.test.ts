import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishArticle, createArticle, withdrawArticle } from '../../src/app/index.js';
import { systemPrincipal } from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const SYSTEM = systemPrincipal('test');

let t: TestGazette;
const pages: Record<string, { url: string; status: number }> = {};

beforeAll(async () => {
  t = await startTestGazette();
  const store = t.gazette.deps.store;
  const [site] = await store.sites.list();
  const columns = await store.columns.listBySite(site!.id);
  const counts = await store.articles.countByColumn(site!.id);
  const [bigColumnId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const big = columns.find((c) => c.id === bigColumnId)!;
  const items = await store.articles.listPublished({ siteId: site!.id }, 200, 0);
  const full = await store.articles.listPublishedByIds(items.map((i) => i.id));
  const rich = full.find((a) => a.attachments.length > 0 && a.tags.length > 0) ?? full[0]!;
  const table = full.find((a) => a.bodyHtml.includes('<table')) ?? full[0]!;
  const [series] = await store.series.listPublished(site!.id, 1);
  const notice = columns.find((c) => c.kind === 'notice')!;
  const draft = await createArticle(t.gazette.deps, SYSTEM, site!.id, {
    columnId: notice.id,
    title: '撤稿测试',
    bodyHtml: '<p>x</p>',
  });
  const gone = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
  await withdrawArticle(t.gazette.deps, SYSTEM, gone.id, '测试撤稿');
  Object.assign(pages, {
    home: { url: '/', status: 200 },
    column: { url: `/${big.path}/`, status: 200 },
    'column page 2': { url: `/${big.path}/page/2/`, status: 200 },
    article: { url: rich.path!, status: 200 },
    'article with a table': { url: table.path!, status: 200 },
    series: { url: `/series/${series!.slug}/`, status: 200 },
    tag: { url: `/tags/${encodeURIComponent(rich.tags[0]!)}/`, status: 200 },
    sitemap: { url: '/sitemap.html', status: 200 },
    404: { url: '/no/such/page/', status: 404 },
    410: { url: gone.path!, status: 410 },
  });
});

afterAll(async () => {
  await t.close();
});

describe('HTML validity', () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  for (const name of [
    'home',
    'column',
    'column page 2',
    'article',
    'article with a table',
    'series',
    'tag',
    'sitemap',
    '404',
    '410',
  ]) {
    it(`${name} page is valid HTML`, async () => {
      const page = pages[name]!;
      const res = await t.app.inject({ method: 'GET', url: page.url });
      expect(res.statusCode).toBe(page.status);
      const report = await validator.validateString(res.body);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    });
  }
});
