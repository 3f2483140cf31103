import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The article's own 审核记录: every decision on it — the three review levels and 签发 — with who took it (by
 * their display name), when, and the opinion they gave; the same opinions in the audit log.
 */

let t: TestGazette;
let siteId: number;
let notices: Column;
let author: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;

interface Review {
  level: number;
  decision: string;
  comment: string;
  actorName: string;
  displayName: string;
  at: string;
}
interface View {
  article: { id: number; version: number; status: string };
  reviews: Review[];
}

async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = (await by.call('GET', `/articles/${id}`)).json<View>();
  return by.call('POST', `/articles/${id}/${action}`, { version: seen.article.version, ...payload });
}

async function approvedArticle(title: string): Promise<number> {
  const res = await author.call('POST', '/articles', {
    siteId,
    columnId: notices.id,
    title,
    bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
    source: '青川市应急管理局',
    editor: '张雯',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<View>().article.id;
  for (const [who, action] of [
    [author, 'submit'],
    [r1, 'approve'],
    [r2, 'approve'],
    [r3, 'approve'],
  ] as const) {
    const done = await act(who, id, action, action === 'approve' ? { comment: `${who.username}同意` } : {});
    expect(done.statusCode, done.body).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  author = await signedInUser(t, 'zuozhe', ['contributor']);
  r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
  r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
  r3 = await signedInUser(t, 'zhongshen', ['reviewer-3']);
  publisher = await signedInUser(t, 'qianfa', ['publisher']);
  await t.gazette.deps.store.users.update(r1.userId, { displayName: '王初审' }, t.clock.now());
  await t.gazette.deps.store.users.update(publisher.userId, { displayName: '李签发' }, t.clock.now());
});

afterAll(async () => {
  await t.close();
});

describe('the 审核记录 of an article', () => {
  it('lists 签发 after 初审, 复审 and 终审, with display names, times and the 签发意见', async () => {
    const id = await approvedArticle('关于开展冬季消防检查的通知');
    t.clock.advance(60_000);
    const res = await act(publisher, id, 'publish', { comment: '同意发布。' });
    expect(res.statusCode, res.body).toBe(200);
    const { reviews, article } = res.json<View>();
    expect(article.status).toBe('published');
    expect(reviews.map((r) => [r.level, r.decision, r.displayName, r.comment])).toEqual([
      [1, 'approve', '王初审', 'chushen同意'],
      [2, 'approve', '测试fushen', 'fushen同意'],
      [3, 'approve', '测试zhongshen', 'zhongshen同意'],
      [0, 'publish', '李签发', '同意发布。'],
    ]);
    expect(reviews.at(-1)!.at).toBe(t.clock.now());

    // The audit log keeps the opinion with the action.
    const trail = await t.gazette.deps.store.audit.list(
      { targetType: 'article', targetId: String(id), action: 'article.publish' },
      10,
      0,
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]!.summary).toMatchObject({ comment: '同意发布。' });
  });

  it('records a scheduled 签发 too, and one without an opinion', async () => {
    const id = await approvedArticle('关于调整供暖时间的通知');
    const at = new Date(Date.parse(t.clock.now()) + 86_400_000).toISOString();
    const res = await act(publisher, id, 'schedule', { at });
    expect(res.statusCode, res.body).toBe(200);
    const last = res.json<View>().reviews.at(-1)!;
    expect([last.level, last.decision, last.displayName, last.comment]).toEqual([
      0,
      'schedule',
      '李签发',
      '',
    ]);
  });

  it('refuses 退回 without an opinion, in Chinese and English', async () => {
    const id = await approvedArticle('关于退回意见的测试');
    const res = await act(publisher, id, 'reject', { comment: ' ' });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('GZ_REASON_REQUIRED');
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toMatch(/[a-z]/);
    const ok = await act(publisher, id, 'reject', { comment: '标题需修改。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<View>().reviews.at(-1)).toMatchObject({
      decision: 'reject',
      displayName: '李签发',
      comment: '标题需修改。',
    });
  });
});
