import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The admin article list's search and filters, and its bulk actions (签发, 撤稿, 移动栏目, 删除草稿): each article
 * goes through the same use case, rules and audit as a single action, and is reported one by one.
 */

let t: TestGazette;
let siteId: number;
let notices: Column;
let news: Column;
let writer: AdminClient;
let editor: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;

interface Row {
  id: number;
  version: number;
  title: string;
  status: string;
  columnId: number;
  authorId: number | null;
}
interface Bulk {
  succeeded: number;
  refused: number;
  results: { id: number; ok: boolean; code?: string; message?: string; messageZh?: string }[];
}

const rows = async (who: AdminClient, query: string): Promise<Row[]> => {
  const res = await who.call('GET', `/articles?siteId=${siteId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Row[] }>().items;
};

async function draft(title: string, body = '<p>各单位：现将有关事项通知如下。</p>'): Promise<Row> {
  const res = await writer.call('POST', '/articles', {
    siteId,
    columnId: notices.id,
    title,
    bodyHtml: body,
    source: '青川市应急管理局',
    editor: '张雯',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ article: Row }>().article;
}

async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = (await by.call('GET', `/articles/${id}`)).json<{ article: Row }>();
  const res = await by.call('POST', `/articles/${id}/${action}`, {
    version: seen.article.version,
    ...payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function approved(title: string): Promise<Row> {
  const row = await draft(title);
  await act(writer, row.id, 'submit');
  for (const reviewer of [r1, r2, r3]) await act(reviewer, row.id, 'approve');
  return (await t.gazette.deps.store.articles.get(row.id)) as unknown as Row;
}

const ref = async (id: number) => ({ id, version: (await t.gazette.deps.store.articles.get(id))!.version });

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  const columns = await t.gazette.deps.store.columns.listBySite(siteId);
  notices = columns.find((c) => c.kind === 'notice')!;
  news = columns.find((c) => c.kind === 'news')!;
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
  editor = await signedInUser(t, 'bianji', ['editor']);
  r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
  r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
  r3 = await signedInUser(t, 'zhongshen', ['reviewer-3']);
  publisher = await signedInUser(t, 'qianfa', ['publisher', 'editor']);
});

afterAll(async () => {
  await t.close();
});

describe('searching and filtering the admin list', () => {
  it('finds articles by words of the title or the body (every word must occur)', async () => {
    const a = await draft('关于秋季森林防火的通知', '<p>请各乡镇落实<strong>护林员</strong>巡查制度。</p>');
    const b = await draft('关于冬季供暖的通知', '<p>供热企业按期试运行，护林员无关。</p>');
    const byBody = await rows(editor, `&q=${encodeURIComponent('护林员')}`);
    expect(byBody.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const both = await rows(editor, `&q=${encodeURIComponent('护林员 森林防火')}`);
    expect(both.map((r) => r.id)).toEqual([a.id]);
    // LIKE wildcards are searched for literally.
    expect(await rows(editor, `&q=${encodeURIComponent('护林%')}`)).toEqual([]);
    const res = await editor.call('GET', `/articles?siteId=${siteId}&q=${'长'.repeat(101)}`);
    expect(res.statusCode).toBe(400);
  });

  it('lists the site’s authors for the author filter, by display name', async () => {
    const res = await editor.call('GET', `/articles/authors?siteId=${siteId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ id: number; name: string }[]>()).toEqual(
      expect.arrayContaining([{ id: writer.userId, name: '测试xiezuo' }]),
    );
    expect((await writer.call('GET', `/articles/authors?siteId=${siteId}`)).statusCode).toBe(200);
  });
});

describe('bulk actions on the admin list', () => {
  it('signs off what may be signed off and refuses the rest, one by one, with reasons', async () => {
    const ready = await approved('批量签发测试一');
    const alsoReady = await approved('批量签发测试二');
    const notYet = await draft('批量签发测试三');
    const res = await publisher.call('POST', '/articles/bulk', {
      siteId,
      action: 'publish',
      comment: '同意发布。',
      articles: [await ref(ready.id), await ref(alsoReady.id), await ref(notYet.id)],
    });
    expect(res.statusCode, res.body).toBe(200);
    const bulk = res.json<Bulk>();
    expect([bulk.succeeded, bulk.refused]).toEqual([2, 1]);
    expect(bulk.results.find((r) => r.id === notYet.id)).toMatchObject({
      ok: false,
      code: 'GZ_WORKFLOW_CONFLICT',
    });
    expect(bulk.results.find((r) => r.id === notYet.id)?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect((await t.gazette.deps.store.articles.get(ready.id))!.status).toBe('published');
    // The same 审核记录 and audit as a single 签发.
    const reviews = await t.gazette.deps.store.articles.listReviews(ready.id);
    expect(reviews.at(-1)).toMatchObject({ level: 0, decision: 'publish', comment: '同意发布。' });
    const trail = await t.gazette.deps.store.audit.list(
      { targetType: 'article', targetId: String(alsoReady.id), action: 'article.publish' },
      10,
      0,
    );
    expect(trail).toHaveLength(1);
  });

  it('refuses a bulk action the person may not take on any article', async () => {
    const ready = await approved('批量权限测试');
    const res = await writer.call('POST', '/articles/bulk', {
      siteId,
      action: 'publish',
      articles: [await ref(ready.id)],
    });
    expect(res.statusCode).toBe(200);
    const bulk = res.json<Bulk>();
    expect([bulk.succeeded, bulk.refused]).toEqual([0, 1]);
    expect(['GZ_FORBIDDEN', 'GZ_ARTICLE_NOT_FOUND']).toContain(bulk.results[0]?.code);
    expect((await t.gazette.deps.store.articles.get(ready.id))!.status).toBe('approved');
  });

  it('withdraws with one reason (required), moves to another column, and deletes drafts only', async () => {
    const live = await approved('批量撤稿测试');
    await act(publisher, live.id, 'publish');
    const noReason = await publisher.call('POST', '/articles/bulk', {
      siteId,
      action: 'withdraw',
      articles: [await ref(live.id)],
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).code).toBe('GZ_REASON_REQUIRED');
    const withdrawn = await publisher.call('POST', '/articles/bulk', {
      siteId,
      action: 'withdraw',
      reason: '内容已过时效。',
      articles: [await ref(live.id)],
    });
    expect(withdrawn.json<Bulk>().succeeded).toBe(1);
    expect((await t.gazette.deps.store.articles.get(live.id))!.withdrawnReason).toBe('内容已过时效。');

    const moving = await draft('批量移动测试');
    const moved = await editor.call('POST', '/articles/bulk', {
      siteId,
      action: 'move',
      columnId: news.id,
      articles: [await ref(moving.id)],
    });
    expect(moved.json<Bulk>(), moved.body).toMatchObject({ succeeded: 1, refused: 0 });
    expect((await t.gazette.deps.store.articles.get(moving.id))!.columnId).toBe(news.id);

    const gone = await draft('批量删除测试');
    const deleted = await writer.call('POST', '/articles/bulk', {
      siteId,
      action: 'delete',
      articles: [await ref(gone.id), await ref(live.id)],
    });
    const bulk = deleted.json<Bulk>();
    expect([bulk.succeeded, bulk.refused], deleted.body).toEqual([1, 1]);
    expect(await t.gazette.deps.store.articles.get(gone.id)).toBeUndefined();
    expect(await t.gazette.deps.store.articles.get(live.id)).toBeDefined();
    const trail = await t.gazette.deps.store.audit.list(
      { targetType: 'article', targetId: String(gone.id), action: 'article.delete' },
      10,
      0,
    );
    expect(trail[0]?.summary).toMatchObject({ title: '批量删除测试' });
  });

  it('answers bad bulk requests with 400 and documents the endpoint', async () => {
    for (const payload of [
      { siteId, action: 'explode', articles: [] },
      { siteId, action: 'publish', articles: [] },
      { siteId, action: 'move', articles: [{ id: 1, version: 1 }] },
      {
        siteId,
        action: 'publish',
        articles: Array.from({ length: 101 }, (_, i) => ({ id: i + 1, version: 1 })),
      },
    ]) {
      const res = await publisher.call('POST', '/articles/bulk', payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
    }
    const doc = await publisher.call('GET', '/openapi.json');
    const paths = doc.json<{ paths: Record<string, unknown> }>().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/articles/bulk', '/articles/authors']));
  });
});
