import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let columns: Column[];
let editor: AdminClient;
let writer: AdminClient;

interface Row {
  id: number;
  columnId: number;
  title: string;
  status: string;
  authorId: number | null;
  updatedAt: string;
  publishedAt: string | null;
}
interface List {
  items: Row[];
  total: number;
  page: number;
  pages: number;
  nextCursor: string | null;
}

const list = async (who: AdminClient, query: string): Promise<List> => {
  const res = await who.call('GET', `/articles?siteId=${siteId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List>();
};

/** Every row of a listing, following nextCursor. */
async function walk(who: AdminClient, query: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: List = await list(who, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return rows;
}

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  columns = await t.gazette.deps.store.columns.listBySite(siteId);
  editor = await signedInUser(t, 'bianji', ['editor']);
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

describe('the admin article list', () => {
  it('walks every article once with the cursor, in the same order as numbered pages', async () => {
    const first = await list(editor, '');
    expect(first.total).toBeGreaterThan(40);
    const byCursor = await walk(editor, '');
    expect(byCursor.map((r) => r.id)).toHaveLength(first.total);
    expect(new Set(byCursor.map((r) => r.id)).size).toBe(first.total);
    const byPage: Row[] = [];
    for (let page = 1; page <= first.pages; page++)
      byPage.push(...(await list(editor, `&page=${page}`)).items);
    expect(byCursor.map((r) => r.id)).toEqual(byPage.map((r) => r.id));
    const keys = byCursor.map((r) => `${r.updatedAt}|${String(r.id).padStart(10, '0')}`);
    expect([...keys].sort().reverse()).toEqual(keys);
  });

  it('sorts by publish time and filters the range on it', async () => {
    const rows = await walk(editor, '&sort=published');
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
    const times = rows.map((r) => r.publishedAt!);
    expect([...times].sort().reverse()).toEqual(times);
    const from = times[Math.floor(times.length / 2)]!;
    const recent = await walk(editor, `&sort=published&from=${encodeURIComponent(from)}`);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((r) => r.publishedAt! >= from)).toBe(true);
  });

  it('filters by column (with sub-columns), status, author and title words', async () => {
    const news = columns.find((c) => c.path === 'xwzx')!;
    const subIds = columns.filter((c) => c.parentId === news.id).map((c) => c.id);
    const inNews = await walk(editor, `&columnId=${news.id}`);
    expect(inNews.length).toBeGreaterThan(0);
    expect(inNews.every((r) => r.columnId === news.id || subIds.includes(r.columnId))).toBe(true);

    const published = await walk(editor, '&status=published');
    expect(published.every((r) => r.status === 'published')).toBe(true);

    const word = published[0]!.title.slice(2, 5);
    const found = await walk(editor, `&title=${encodeURIComponent(word)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.title.includes(word))).toBe(true);
    // LIKE wildcards are searched for literally.
    expect(
      (await list(editor, `&title=${encodeURIComponent('%')}`)).items.every((r) => r.title.includes('%')),
    ).toBe(true);

    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId: columns.find((c) => c.kind === 'notice')!.id,
      title: '作者筛选测试稿件',
      bodyHtml: '<p>正文</p>',
    });
    expect(created.statusCode, created.body).toBe(201);
    const mine = await list(editor, `&authorId=${writer.userId}`);
    expect(mine.items.map((r) => r.title)).toEqual(['作者筛选测试稿件']);
    // A writer lists only their own work, whatever they ask for.
    const asWriter = await walk(writer, '');
    expect(asWriter.every((r) => r.authorId === writer.userId)).toBe(true);
  });

  it('answers bad cursors and filters with 400, never 500', async () => {
    for (const query of [
      '&cursor=notacursor',
      `&cursor=${Buffer.from('["x",1]').toString('base64url')}`,
      `&cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
      '&sort=title',
      '&status=lost',
      '&from=yesterday',
      '&columnId=-1',
    ]) {
      const res = await editor.call('GET', `/articles?siteId=${siteId}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(['GZ_INVALID_CURSOR', 'GZ_INVALID_INPUT']).toContain(errorOf(res).code);
    }
  });
});
