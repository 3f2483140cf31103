import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseQuery, type IndexQuery, type ParsedQuery } from '../../src/search/index.js';
import { createSqliteSearchIndex } from '../../src/store/search/sqlite-index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// The broad ranking is what a 100k-article site uses for common words; with `rareBelow: 2` every word of
// the demo site counts as common, so its code runs on the demo articles and can be compared with bm25.
let t: TestGazette;
let sqlite = true;
beforeAll(async () => {
  t = await startTestGazette();
  sqlite = t.gazette.database.dialect.name === 'sqlite';
}, 120_000);
afterAll(async () => t?.close());

async function both(text: string, extra: Partial<IndexQuery> = {}) {
  const { db } = t.gazette.database;
  const [site] = await t.gazette.deps.store.sites.list();
  const analyzer = await t.gazette.deps.store.search.analyzer();
  const query: ParsedQuery = parseQuery(text, analyzer);
  const request: IndexQuery = {
    query,
    filter: { siteId: site!.id },
    sort: 'relevance',
    anyTerm: false,
    limit: 10,
    offset: 0,
    now: '2026-11-20T02:00:00.000Z',
    ...extra,
  };
  const broad = await createSqliteSearchIndex(db, { rareBelow: 2 }).find(request);
  const bm25 = await createSqliteSearchIndex(db).find(request);
  const titles = async (ids: readonly number[]) => {
    const rows = await t.gazette.deps.store.search.sources(ids);
    return ids.map((id) => rows.find((r) => r.id === id)!.title);
  };
  return {
    broad: { total: broad.total, titles: await titles(broad.hits.map((h) => h.articleId)) },
    bm25: { total: bm25.total, titles: await titles(bm25.hits.map((h) => h.articleId)) },
  };
}

describe.runIf(process.env['GAZETTE_TEST_DATABASE_URL'] === undefined)('SQLite broad ranking', () => {
  test('finds the same articles as bm25 and ranks title hits first', async () => {
    expect(sqlite).toBe(true);
    const { broad, bm25 } = await both('生态补偿');
    expect(broad.total).toBe(bm25.total);
    expect(broad.total).toBeGreaterThan(0);
    expect(broad.titles[0]).toBe('青川江流域横向生态保护补偿机制试点启动');
    const { broad: b2, bm25: m2 } = await both('老旧小区改造');
    expect(b2.total).toBe(m2.total);
    expect(b2.titles.filter((x) => x.includes('老旧小区')).length).toBeGreaterThan(0);
    expect(b2.titles[0]).toContain('老旧小区');
  });

  test('exclusions, single characters and sorting by date behave as on the bm25 path', async () => {
    const excluded = await both('改造 -小区');
    expect(excluded.broad.total).toBe(excluded.bm25.total);
    expect(excluded.broad.titles.every((x) => !x.includes('小区'))).toBe(true);
    const single = await both('桥');
    expect(single.broad.total).toBe(single.bm25.total);
    const byDate = await both('改造', { sort: 'date' });
    expect(byDate.broad.titles).toEqual(byDate.bm25.titles);
  });

  test('any-term mode (the partial fallback) ranks articles with more of the terms first', async () => {
    const { broad, bm25 } = await both('老旧小区 量子计算机', { anyTerm: true });
    expect(broad.total).toBe(bm25.total);
    expect(broad.titles[0]).toContain('老旧小区');
  });
});
