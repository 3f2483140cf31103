import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemPrincipal, updateArticle, withdrawArticle } from '../../src/app/index.js';
import { searchSite } from '../../src/app/index.js';
import { signedInUser, errorOf } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const SYSTEM = systemPrincipal('test');

interface ApiAnswer {
  total: number;
  query: string;
  partial: boolean;
  interpretedAs: string | null;
  suggestions: string[];
  results: {
    url: string;
    title: string;
    snippet: string;
    publishedAt: string;
    column: string;
    source: string;
  }[];
}

let t: TestGazette;
beforeAll(async () => {
  t = await startTestGazette();
}, 120_000);
afterAll(async () => t?.close());

// Each request from its own address, so that only the rate-limit test meets the limit.
let client = 0;
const get = (url: string) =>
  t.app.inject({ url, remoteAddress: `10.1.${Math.floor(++client / 250)}.${client % 250}` });

const api = async (query: string) => {
  const res = await get(`/api/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApiAnswer>();
};
const q = (text: string, extra = '') => api(`q=${encodeURIComponent(text)}${extra}`);

describe('GET /api/search', () => {
  test('answers total and results with url, title, snippet, publishedAt, column, source and site', async () => {
    const answer = await q('老旧小区改造');
    expect(answer.total).toBeGreaterThanOrEqual(3);
    const first = answer.results[0]!;
    expect(Object.keys(first).sort()).toEqual(
      ['column', 'publishedAt', 'site', 'snippet', 'source', 'title', 'titleHtml', 'url'].sort(),
    );
    expect(first.url).toMatch(/^https?:\/\/.+\.html$/);
    expect(answer.results.some((r) => r.snippet.includes('<mark>老旧小区改造</mark>'))).toBe(true);
  });

  test('finds a word the segmenter splits differently (bigram fallback) and ranks title words first', async () => {
    const answer = await q('生态补偿');
    expect(answer.results[0]?.title).toBe('青川江流域横向生态保护补偿机制试点启动');
  });

  test('folds traditional characters and full-width forms', async () => {
    const simplified = await q('老旧小区改造');
    const traditional = await q('老舊小區改造');
    expect(traditional.total).toBe(simplified.total);
    const wide = await q('２０２６年民生实事');
    const narrow = await q('2026年民生实事');
    expect(wide.total).toBe(narrow.total);
    expect(wide.total).toBeGreaterThan(0);
  });

  test('requires every word, honours quoted phrases and -exclusions', async () => {
    const both = await q('桐岭 茶叶');
    const tongling = await q('桐岭');
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan(tongling.total);
    const excluded = await q('城市更新 -解读');
    expect(excluded.total).toBeGreaterThan(0);
    expect(excluded.results.every((r) => !r.title.includes('解读'))).toBe(true);
    const phrase = await q('"民生实事项目"');
    const words = await q('民生 实事 项目');
    expect(phrase.total).toBeGreaterThan(0);
    expect(phrase.total).toBeLessThan(words.total);
  });

  test('filters by column, date range and source, and sorts by date', async () => {
    const all = await q('青川');
    const notices = await q('青川', '&column=zwgk/tzgg');
    expect(notices.total).toBeGreaterThan(0);
    expect(notices.total).toBeLessThan(all.total);
    expect(notices.results.every((r) => r.column === '通知公告')).toBe(true);
    const byDate = await q('青川', '&sort=date');
    const dates = byDate.results.map((r) => r.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const newest = dates[0]!.slice(0, 10);
    const sinceNewest = await q('青川', `&sort=date&from=${newest}&to=${newest}`);
    expect(sinceNewest.total).toBeGreaterThan(0);
    expect(sinceNewest.total).toBeLessThan(all.total);
    const source = all.results[0]!.source;
    const bySource = await q('青川', `&source=${encodeURIComponent(source)}`);
    expect(bySource.results.every((r) => r.source.includes(source))).toBe(true);
  });

  test('pages through results', async () => {
    const first = await q('青川');
    const second = await q('青川', '&page=2');
    expect(first.total).toBe(second.total);
    expect(second.results[0]?.url).not.toBe(first.results[0]?.url);
  });

  test('reads pinyin and suggests a correction when nothing is found', async () => {
    const pinyin = await q('yiwangtongban');
    expect(pinyin.interpretedAs).toBe('一网通办');
    expect(pinyin.total).toBeGreaterThan(0);
    const typo = await q('以旧还新');
    expect(typo.total).toBe(0);
    expect(typo.suggestions).toContain('以旧换新');
  });

  const BAD = [
    '',
    '   ',
    'a'.repeat(2000),
    '政'.repeat(2000),
    '😀🎉',
    '"',
    '"""',
    '"未闭合的引号',
    '*',
    '政府*',
    'NEAR(',
    'NEAR(政府 青川, 2)',
    'AND',
    '政府 AND OR NOT 青川',
    '-',
    '- -政府',
    ':',
    'title:政府',
    '{title_g}: 政府',
    '^政府',
    "'; drop table articles; --",
    '\\',
    '%_%',
    '\u0000政府',
    '<script>alert(1)</script>',
  ];
  test.each(BAD)('never fails on bad input %#', async (input) => {
    // A query of any length is answered (cut to the longest search takes); the query itself is also
    // searched directly so that the engine sees every input whole.
    const res = await get(`/api/search?q=${encodeURIComponent(input)}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = await get(`/search?q=${encodeURIComponent(input)}`);
    expect(page.statusCode).toBeLessThan(500);
    expect(page.body).not.toContain('<script>alert');
    const outcome = await searchSite(t.gazette.deps, { q: input, filter: { siteId: 1 } });
    expect(outcome.total).toBeGreaterThanOrEqual(0);
    const posted = await get(`/api/search?q=${encodeURIComponent(input.slice(0, 100))}`);
    expect(posted.statusCode).toBe(200);
  });

  test('ignores malformed filters instead of failing', async () => {
    const res = await get(
      '/api/search?q=青川&page=abc&from=2026-13-45&to=x&sort=nope&column=%E2%80%AE&q=again',
    );
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('GET /search', () => {
  test('renders the page in the theme, keeping the query in the box, with count, time and marks', async () => {
    const res = await get(`/search?q=${encodeURIComponent('营商环境')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="营商环境"');
    expect(res.body).toMatch(/找到相关结果 <strong>\d+<\/strong> 条，用时 [\d.]+ 毫秒/);
    expect(res.body).toContain('<mark>营商环境</mark>');
    expect(res.body).toContain('class="site-footer');
  });

  test.each([
    ['results', '营商环境 政策'],
    ['no results with a suggestion', '以旧还新'],
    ['empty query', ''],
    ['several pages', '青川'],
  ])('the page with %s is valid HTML', async (_name, query) => {
    const res = await get(`/search?q=${encodeURIComponent(query)}`);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      res.body,
    );
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`),
    );
    expect(messages).toEqual([]);
  });

  test('escapes what the visitor typed', async () => {
    const res = await get(`/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<img src=x');
  });

  test('every public page carries the search box', async () => {
    const home = await get('/');
    expect(home.body).toContain('action="/search"');
  });
});

describe('index follows the content in the same transaction', () => {
  const title = '青川江流域横向生态保护补偿机制试点启动';
  const find = async () => {
    const hit = (await q('横向生态保护补偿')).results.find((r) => r.title.startsWith(title));
    return hit ? t.gazette.deps.store.articles.getByPath(1, new URL(hit.url).pathname) : undefined;
  };

  test('an edit of a published article is searchable at once', async () => {
    const article = await find();
    expect(article?.status).toBe('published');
    await updateArticle(t.gazette.deps, SYSTEM, article!.id, article!.version, {
      columnId: article!.columnId,
      title: `${article!.title}（更正）`,
      bodyHtml: `${article!.bodyHtml}<p>新增词语鹭鸶洲湿地。</p>`,
    });
    const edited = await q('鹭鸶洲湿地');
    expect(edited.results.map((r) => r.title)).toEqual([`${title}（更正）`]);
    expect((await q('更正 横向生态保护补偿')).total).toBe(1);
  });

  test('a withdrawn article leaves the results at once', async () => {
    const article = await find();
    expect(article).toBeDefined();
    await withdrawArticle(t.gazette.deps, SYSTEM, article!.id, '测试撤稿');
    expect(await find()).toBeUndefined();
    expect((await q('鹭鸶洲湿地')).results.some((r) => r.title.startsWith(title))).toBe(false);
  });
});

describe('search dictionary (admin API)', () => {
  test('a site admin adds and removes a term; both are audited; others are refused', async () => {
    const admin = await signedInUser(t, 'search-admin', ['site-admin']);
    const writer = await signedInUser(t, 'search-writer', ['editor']);
    const refused = await writer.call('POST', '/search/terms', { siteId: 1, term: '鹤鸣老街' });
    expect(refused.statusCode).toBe(403);
    const bad = await admin.call('POST', '/search/terms', { siteId: 1, term: '有 空格' });
    expect(errorOf(bad).code).toBe('GZ_SEARCH_TERM_INVALID');
    const added = await admin.call('POST', '/search/terms', { siteId: 1, term: '鹤鸣老街' });
    expect(added.statusCode, added.body).toBe(201);
    const { term } = added.json<{ term: { id: number; term: string } }>();
    const again = await admin.call('POST', '/search/terms', { siteId: 1, term: '鹤鸣老街' });
    expect(errorOf(again).code).toBe('GZ_SEARCH_TERM_EXISTS');
    const list = await admin.call('GET', '/search/terms?siteId=1');
    const terms = list.json<{ terms: { term: string; siteId: number }[] }>().terms;
    expect(terms.map((x) => x.term)).toContain('鹤鸣老街');
    expect(terms.map((x) => x.term)).toContain('新质生产力');
    expect((await q('鹤鸣老街')).total).toBeGreaterThan(0);
    const removed = await admin.call('DELETE', `/search/terms/${term.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const audit = await t.gazette.deps.store.audit.list({}, 50, 0);
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('search.term-add');
    expect(actions).toContain('search.term-remove');
    const missing = await admin.call('DELETE', `/search/terms/${term.id}`);
    expect(errorOf(missing).code).toBe('GZ_SEARCH_TERM_NOT_FOUND');
  });
});

describe('rate limit', () => {
  test('answers 429 with a bilingual message once an address searches too often', async () => {
    let last = await t.app.inject({ url: '/api/search?q=青川', remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 70 && last.statusCode !== 429; i++) {
      last = await t.app.inject({ url: '/api/search?q=青川', remoteAddress: '10.9.9.9' });
    }
    expect(last.statusCode).toBe(429);
    expect(errorOf(last)).toMatchObject({
      code: 'GZ_SEARCH_RATE_LIMITED',
      messageZh: '搜索过于频繁，请稍后再试',
    });
    const page = await t.app.inject({ url: '/search?q=青川', remoteAddress: '10.9.9.9' });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('搜索过于频繁');
    const other = await t.app.inject({ url: '/api/search?q=青川', remoteAddress: '10.9.9.10' });
    expect(other.statusCode).toBe(200);
    const home = await t.app.inject({ url: '/', remoteAddress: '10.9.9.9' });
    expect(home.statusCode).toBe(200);
  });
});
