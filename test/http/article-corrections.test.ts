import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendArticle, systemPrincipal } from '../../src/app/index.js';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * 先审后发 for corrections: a change to a published article waits for 终审 and 签发 while the public page keeps
 * the published revision; 紧急更正 goes live at once and is listed for review afterwards; a field change the
 * system makes because of another document is audited without review.
 */

let t: TestGazette;
let siteId: number;
let notices: Column;
let author: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;
let signer: AdminClient;
let chief: AdminClient;

interface ArticleView {
  article: {
    id: number;
    status: string;
    version: number;
    path: string | null;
    title: string;
    tags: string[];
  };
  actions: string[];
  canEdit: boolean;
  correction: {
    status: string;
    correctorId: number | null;
    revisionId: number;
    content: { title: string; bodyHtml: string };
  } | null;
}

const view = (res: { json: <T>() => T }) => res.json<ArticleView>();

async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = await by.call('GET', `/articles/${id}`);
  const version = seen.statusCode === 200 ? view(seen).article.version : 1;
  return by.call('POST', `/articles/${id}/${action}`, { version, ...payload });
}

async function publishedArticle(title: string): Promise<ArticleView> {
  const res = await author.call('POST', '/articles', {
    siteId,
    columnId: notices.id,
    title,
    bodyHtml: '<p>各单位：</p><p>现将有关事项通知如下。</p>',
    source: '青川市人民政府办公室',
    editor: '张雯',
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = view(res).article;
  for (const [who, action] of [
    [author, 'submit'],
    [r1, 'approve'],
    [r2, 'approve'],
    [r3, 'approve'],
    [publisher, 'publish'],
  ] as const) {
    const step = await act(who, id, action);
    expect(step.statusCode, `${who.username} ${action}: ${step.body}`).toBe(200);
  }
  return view(await publisher.call('GET', `/articles/${id}`));
}

/** Saves new content the way the editor does: the fields shown, on the version seen. */
async function save(by: AdminClient, id: number, title: string, extra: Record<string, unknown> = {}) {
  const current = view(await by.call('GET', `/articles/${id}`));
  return by.call('PUT', `/articles/${id}`, {
    version: current.article.version,
    columnId: notices.id,
    title,
    bodyHtml: '<p>各单位：</p><p>现将有关事项通知如下（已更正）。</p>',
    source: '青川市人民政府办公室',
    editor: '张雯',
    ...extra,
  });
}

const publicPage = async (path: string) => (await t.app.inject({ method: 'GET', url: path })).body;

const auditOf = async (id: number) =>
  (await t.gazette.deps.store.audit.list({ targetType: 'article', targetId: String(id) }, 100, 0)).map(
    (r) => ({ action: r.action, actor: r.actorName, summary: r.summary }),
  );

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  author = await signedInUser(t, 'gz_author', ['contributor']);
  r1 = await signedInUser(t, 'gz_r1', ['reviewer-1']);
  r2 = await signedInUser(t, 'gz_r2', ['reviewer-2']);
  r3 = await signedInUser(t, 'gz_r3', ['reviewer-3']);
  publisher = await signedInUser(t, 'gz_pub', ['publisher']);
  signer = await signedInUser(t, 'gz_signer', ['publisher']);
  chief = await signedInUser(t, 'gz_chief', ['chief-publisher']);
});

afterAll(async () => {
  await t.close();
});

describe('a correction of a published article', () => {
  it('waits for 终审 and 签发 while the public page keeps serving the published revision', async () => {
    const live = await publishedArticle('关于调整办事大厅开放时间的通知');
    const { id } = live.article;
    const path = live.article.path!;
    expect(await publicPage(path)).toContain('关于调整办事大厅开放时间的通知');

    const res = await save(publisher, id, '关于调整政务服务大厅开放时间的通知');
    expect(res.statusCode, res.body).toBe(200);
    const pending = view(res);
    expect(pending.article.status).toBe('published');
    expect(pending.article.title).toBe('关于调整办事大厅开放时间的通知');
    expect(pending.correction).toMatchObject({
      status: 'in-review',
      content: { title: '关于调整政务服务大厅开放时间的通知' },
    });

    // The public page (cached before the edit, and rendered again) still shows the published revision.
    const page = await publicPage(path);
    expect(page).toContain('关于调整办事大厅开放时间的通知');
    expect(page).not.toContain('政务服务大厅');
    expect(page).not.toContain('已更正');

    // The corrector neither approves nor signs off; nobody signs off before 终审.
    expect(errorOf(await act(publisher, id, 'publish')).code).toBe('GZ_WORKFLOW_CONFLICT');
    expect(view(await r3.call('GET', `/articles/${id}`)).actions).toContain('approve');
    expect(errorOf(await act(r1, id, 'approve')).code).toBe('GZ_FORBIDDEN');

    // It waits in the 终审 reviewer's queue (and, once approved, in the signer's).
    const queue = async (who: AdminClient) =>
      (await who.call('GET', `/articles?siteId=${siteId}&waitingForMe=1`))
        .json<{ items: { id: number }[] }>()
        .items.map((i) => i.id);
    expect(await queue(r3)).toContain(id);
    expect(await queue(signer)).not.toContain(id);

    const approved = await act(r3, id, 'approve', { comment: '更正属实' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(view(approved).correction?.status).toBe('approved');
    expect(await publicPage(path)).not.toContain('政务服务大厅');

    expect(await queue(signer)).toContain(id);
    expect(await queue(r3)).not.toContain(id);
    expect(errorOf(await act(publisher, id, 'publish')).code).toBe('GZ_OWN_ARTICLE');
    const signed = await act(signer, id, 'publish');
    expect(signed.statusCode, signed.body).toBe(200);
    expect(view(signed).correction).toBeNull();
    expect(view(signed).article).toMatchObject({
      status: 'published',
      title: '关于调整政务服务大厅开放时间的通知',
      path,
    });
    const after = await publicPage(path);
    expect(after).toContain('关于调整政务服务大厅开放时间的通知');
    expect(after).toContain('已更正');

    const trail = await auditOf(id);
    expect(trail.map((r) => r.action)).not.toContain('article.correct');
    expect(trail.map((r) => [r.action, r.actor])).toEqual(
      expect.arrayContaining([
        ['article.correction-propose', 'gz_pub'],
        ['article.approve', 'gz_r3'],
        ['article.correction-publish', 'gz_signer'],
      ]),
    );
  });

  it('sends a correction marked minor to 终审 too', async () => {
    const live = await publishedArticle('关于开展节前安全检查的通知');
    const res = await save(publisher, live.article.id, '关于开展节前安全生产检查的通知', { minor: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(view(res).correction?.status).toBe('in-review');
    expect(await publicPage(live.article.path!)).not.toContain('安全生产检查');
  });

  it('drops a rejected correction and keeps the live article unchanged', async () => {
    const live = await publishedArticle('关于公布第一批示范单位名单的通知');
    const { id } = live.article;
    expect((await save(author, id, '关于公布第一批示范单位名单的公告')).statusCode).toBe(200);
    const rejected = await act(r3, id, 'reject', { comment: '标题无需修改' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(view(rejected).correction).toBeNull();
    expect(view(rejected).article).toMatchObject({
      status: 'published',
      title: '关于公布第一批示范单位名单的通知',
    });
    expect(await publicPage(live.article.path!)).toContain('关于公布第一批示范单位名单的通知');
  });

  it('drops a pending correction when the article is withdrawn', async () => {
    const live = await publishedArticle('关于征集年度民生实事项目的通知');
    const { id } = live.article;
    expect((await save(publisher, id, '关于征集2027年度民生实事项目的通知')).statusCode).toBe(200);
    expect((await act(publisher, id, 'withdraw', { reason: '内容需重新核实' })).statusCode).toBe(200);
    const restored = await act(publisher, id, 'restore');
    expect(view(restored).correction).toBeNull();
    expect(view(restored).article.title).toBe('关于征集年度民生实事项目的通知');
  });

  it('keeps unpublished articles as before: an edit of an approved article goes back to review', async () => {
    const res = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '未发布稿件',
      bodyHtml: '<p>正文</p>',
      editor: '张雯',
    });
    const { id } = view(res).article;
    for (const [who, action] of [
      [author, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
      [r3, 'approve'],
    ] as const) {
      expect((await act(who, id, action)).statusCode).toBe(200);
    }
    const edited = await save(publisher, id, '未发布稿件（修改）', { minor: true });
    expect(view(edited).article).toMatchObject({ status: 'in-review', title: '未发布稿件（修改）' });
    expect(view(edited).correction).toBeNull();
  });
});

describe('紧急更正 (urgent correction)', () => {
  it('goes live at once for a chief publisher with a reason, is audited and listed for review afterwards', async () => {
    const live = await publishedArticle('关于发布防汛应急联系电话的通知');
    const { id } = live.article;
    const path = live.article.path!;
    expect(await publicPage(path)).toContain('关于发布防汛应急联系电话的通知');

    const noReason = await save(chief, id, '关于发布防汛应急值班电话的通知', { urgent: true });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).code).toBe('GZ_REASON_REQUIRED');
    const notChief = await save(publisher, id, '关于发布防汛应急值班电话的通知', {
      urgent: true,
      reason: '电话有误',
    });
    expect(errorOf(notChief).code).toBe('GZ_FORBIDDEN');

    const urgent = await save(chief, id, '关于发布防汛应急值班电话的通知', {
      urgent: true,
      reason: '值班电话有误，群众无法拨通',
    });
    expect(urgent.statusCode, urgent.body).toBe(200);
    expect(view(urgent).correction).toBeNull();
    expect(view(urgent).article.title).toBe('关于发布防汛应急值班电话的通知');
    expect(await publicPage(path)).toContain('关于发布防汛应急值班电话的通知');

    const trail = await auditOf(id);
    const urgentRecord = trail.find((r) => r.action === 'article.correct-urgent');
    expect(urgentRecord?.actor).toBe('gz_chief');
    expect(urgentRecord?.summary).toMatchObject({ reason: '值班电话有误，群众无法拨通' });

    // Listed for after-the-fact review, to those who review corrections (终审), not to the public.
    const list = await r3.call('GET', `/urgent-corrections?siteId=${siteId}`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{
      items: {
        id: number;
        articleId: number;
        reason: string;
        actorName: string;
        reviewedAt: string | null;
      }[];
    }>().items;
    const entry = items.find((i) => i.articleId === id)!;
    expect(entry).toMatchObject({
      reason: '值班电话有误，群众无法拨通',
      actorName: 'gz_chief',
      reviewedAt: null,
    });
    expect((await author.call('GET', `/urgent-corrections?siteId=${siteId}`)).statusCode).toBe(403);

    // The chief does not review their own urgent correction.
    expect(errorOf(await chief.call('POST', `/urgent-corrections/${entry.id}/review`, {})).code).toMatch(
      /GZ_OWN_ARTICLE|GZ_FORBIDDEN/,
    );
    const reviewed = await r3.call('POST', `/urgent-corrections/${entry.id}/review`, { note: '已核实' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const pendingOnly = (await r3.call('GET', `/urgent-corrections?siteId=${siteId}`)).json<{
      items: { id: number }[];
    }>().items;
    expect(pendingOnly.map((i) => i.id)).not.toContain(entry.id);
    const all = (await r3.call('GET', `/urgent-corrections?siteId=${siteId}&reviewed=1`)).json<{
      items: { id: number; reviewedBy: string; note: string }[];
    }>().items;
    expect(all.find((i) => i.id === entry.id)).toMatchObject({ reviewedBy: 'gz_r3', note: '已核实' });
    const again = await r3.call('POST', `/urgent-corrections/${entry.id}/review`, {});
    expect(errorOf(again).code).toBe('GZ_WORKFLOW_CONFLICT');

    const reviewAudit = await t.gazette.deps.store.audit.list(
      { targetType: 'urgent-correction', targetId: String(entry.id) },
      10,
      0,
    );
    expect(reviewAudit.map((r) => [r.action, r.actorName])).toEqual([['article.urgent-review', 'gz_r3']]);
  });

  it('is refused while a reviewed correction is pending', async () => {
    const live = await publishedArticle('关于开展冬季供暖检查的通知');
    const { id } = live.article;
    expect((await save(publisher, id, '关于开展冬季供暖设施检查的通知')).statusCode).toBe(200);
    const urgent = await save(chief, id, '关于开展冬季供暖安全检查的通知', { urgent: true, reason: '错误' });
    expect(errorOf(urgent).code).toBe('GZ_WORKFLOW_CONFLICT');
  });
});

describe('a field change the system makes because of another document', () => {
  it('goes live without review, and is audited with its cause', async () => {
    const live = await publishedArticle('关于印发旧版管理办法的通知');
    const { id } = live.article;
    const amended = await amendArticle(
      t.gazette.deps,
      systemPrincipal('repeal'),
      id,
      { tags: ['已废止'] },
      '被《关于废止部分规范性文件的决定》废止',
    );
    expect(amended.status).toBe('published');
    expect(amended.tags).toEqual(['已废止']);
    const after = view(await publisher.call('GET', `/articles/${id}`));
    expect(after.correction).toBeNull();
    const trail = await auditOf(id);
    expect(trail.find((r) => r.action === 'article.amend')?.summary).toMatchObject({
      cause: '被《关于废止部分规范性文件的决定》废止',
    });
    // A person cannot use this path.
    await expect(
      amendArticle(t.gazette.deps, { kind: 'user', user: { id: 1 } } as never, id, { tags: [] }, '废止'),
    ).rejects.toMatchObject({ code: 'GZ_FORBIDDEN' });
  });
});
