import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveArticle,
  createArticle,
  scheduleArticle,
  submitArticle,
  systemPrincipal,
} from '../../src/app/index.js';
import { createScheduler, ensureDemo, openGazette, publishDueTask } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { Column } from '../../src/core/index.js';
import { signedInUser, errorOf, API, type AdminClient } from '../support/admin-client.js';
import { idCheckChar } from '../../src/check/index.js';
import { fixedClock, startTestGazette, type TestGazette } from '../support/gazette.js';

const silentLog = { error: () => undefined } as unknown as FastifyBaseLogger;

let t: TestGazette;
let siteId: number;
let notices: Column;
let author: AdminClient;
let otherAuthor: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;

interface ArticleView {
  article: {
    id: number;
    status: string;
    reviewLevel: number;
    version: number;
    path: string | null;
    title: string;
  };
  actions: string[];
  reviews: { level: number; decision: string; comment: string; actorName: string }[];
}

const body = (res: { json: <T>() => T }) => res.json<ArticleView>();

async function draft(by: AdminClient, title = '关于开展2026年冬季消防安全检查的通知'): Promise<ArticleView> {
  const res = await by.call('POST', '/articles', {
    siteId,
    columnId: notices.id,
    title,
    bodyHtml: '<p>各单位：</p><p>为做好冬季消防安全工作，现将有关事项通知如下。</p><script>alert(1)</script>',
    source: '青川市消防救援支队',
    editor: '张雯',
    tags: ['消防安全'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return body(res);
}

/** Runs a workflow action as a person would: on the version they have just seen. */
async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = await by.call('GET', `/articles/${id}`);
  const version = seen.statusCode === 200 ? body(seen).article.version : 1;
  return by.call('POST', `/articles/${id}/${action}`, { version, ...payload });
}

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  expect(notices.reviewLevels).toBe(3);
  author = await signedInUser(t, 'linxiao', ['contributor']);
  otherAuthor = await signedInUser(t, 'zhouhang', ['contributor']);
  r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
  r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
  r3 = await signedInUser(t, 'zhongshen', ['reviewer-3']);
  publisher = await signedInUser(t, 'qianfa', ['publisher']);
});

afterAll(async () => {
  await t.close();
});

describe('三审 through the admin API', () => {
  it('takes an article from draft through three review levels by five distinct people to the public site', async () => {
    const created = await draft(author);
    const id = created.article.id;
    expect(created.article.status).toBe('draft');
    expect(created.actions).toEqual(['submit']);

    let res = await act(author, id, 'submit');
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).article).toMatchObject({ status: 'in-review', reviewLevel: 1 });

    // The wrong level, the author, and the publisher cannot decide level 1.
    for (const who of [r2, r3, publisher, author]) {
      res = await act(who, id, 'approve');
      expect([403, 404], who.username).toContain(res.statusCode);
    }
    expect(errorOf(await act(r2, id, 'approve')).code).toBe('GZ_FORBIDDEN');

    res = await act(r1, id, 'approve', { comment: '初审通过' });
    expect(body(res).article).toMatchObject({ status: 'in-review', reviewLevel: 2 });
    expect(errorOf(await act(r1, id, 'approve')).code).toBe('GZ_FORBIDDEN');
    res = await act(r2, id, 'approve', { comment: '复审通过' });
    expect(body(res).article).toMatchObject({ status: 'in-review', reviewLevel: 3 });
    res = await act(r3, id, 'approve', { comment: '终审通过' });
    expect(body(res).article).toMatchObject({ status: 'approved', reviewLevel: 0 });

    expect(errorOf(await act(r3, id, 'publish')).code).toBe('GZ_FORBIDDEN');
    const view = body(await publisher.call('GET', `/articles/${id}`));
    expect(view.actions).toEqual(expect.arrayContaining(['publish', 'schedule']));
    res = await act(publisher, id, 'publish', { version: view.article.version });
    expect(res.statusCode, res.body).toBe(200);
    const published = body(res);
    expect(published.article.status).toBe('published');
    expect(published.article.path).toMatch(/^\/zwgk\/tzgg\/\d{6}\/t\d{8}_\d+\.html$/);
    expect(published.reviews.map((r) => [r.level, r.decision, r.actorName])).toEqual([
      [1, 'approve', 'chushen'],
      [2, 'approve', 'fushen'],
      [3, 'approve', 'zhongshen'],
      [0, 'publish', 'qianfa'],
    ]);

    const page = await t.app.inject({ method: 'GET', url: published.article.path! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('关于开展2026年冬季消防安全检查的通知');
    expect(page.body).not.toContain('alert(1)');

    const trail = await t.gazette.deps.store.audit.list(
      { targetType: 'article', targetId: String(id) },
      100,
      0,
    );
    expect(trail.map((r) => [r.action, r.actorName])).toEqual(
      expect.arrayContaining([
        ['article.create', 'linxiao'],
        ['article.submit', 'linxiao'],
        ['article.approve', 'chushen'],
        ['article.approve', 'fushen'],
        ['article.approve', 'zhongshen'],
        ['article.publish', 'qianfa'],
      ]),
    );
  });

  it('sends an article back to its author with the reviewer’s comment, and the author resubmits', async () => {
    const { article } = await draft(author, '退回测试稿件');
    await act(author, article.id, 'submit');
    await act(r1, article.id, 'approve');
    expect(errorOf(await act(r2, article.id, 'reject', { comment: '  ' })).code).toBe('GZ_REASON_REQUIRED');
    const res = await act(r2, article.id, 'reject', { comment: '第二段数据需核实' });
    expect(res.statusCode, res.body).toBe(200);
    const view = body(res);
    expect(view.article).toMatchObject({ status: 'draft', reviewLevel: 0 });
    expect(view.reviews.at(-1)).toMatchObject({ level: 2, decision: 'reject', comment: '第二段数据需核实' });
    expect(body(await author.call('GET', `/articles/${article.id}`)).actions).toContain('submit');
    const again = await act(author, article.id, 'submit');
    expect(body(again).article).toMatchObject({ status: 'in-review', reviewLevel: 1 });
    // The new round needs level 1 again: the earlier approval was for the old round.
    expect(body(await act(r1, article.id, 'approve')).article.reviewLevel).toBe(2);
  });

  it('does not let anyone approve their own article or two levels of the same article', async () => {
    const both = await signedInUser(t, 'liangji', ['reviewer-1', 'reviewer-2', 'contributor']);
    const own = await draft(both, '自审测试');
    await act(both, own.article.id, 'submit');
    expect(errorOf(await act(both, own.article.id, 'approve')).code).toBe('GZ_OWN_ARTICLE');

    const other = await draft(author, '两级审核测试');
    await act(author, other.article.id, 'submit');
    expect((await act(both, other.article.id, 'approve')).statusCode).toBe(200);
    expect(errorOf(await act(both, other.article.id, 'approve')).code).toBe('GZ_ONE_LEVEL_PER_PERSON');
  });

  it('withdraws with a reason (410 on the public site) and restores at the same URL and date', async () => {
    const { article } = await draft(author, '撤稿恢复测试');
    for (const [who, action] of [
      [author, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
      [r3, 'approve'],
      [publisher, 'publish'],
    ] as const) {
      expect((await act(who, article.id, action)).statusCode, `${who.username} ${action}`).toBe(200);
    }
    const live = body(await publisher.call('GET', `/articles/${article.id}`)).article;
    expect(errorOf(await act(publisher, article.id, 'withdraw', { reason: '' })).code).toBe(
      'GZ_REASON_REQUIRED',
    );
    expect((await act(publisher, article.id, 'withdraw', { reason: '内容需更新' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: live.path! })).statusCode).toBe(410);
    const restored = body(await act(publisher, article.id, 'restore'));
    expect(restored.article.path).toBe(live.path);
    expect((await t.app.inject({ method: 'GET', url: live.path! })).statusCode).toBe(200);
  });
});

describe('review decisions are about the text the person saw', () => {
  it('refuses an approval without the version seen, and one on a version that changed meanwhile', async () => {
    const { article } = await draft(author, '版本核对测试');
    await act(author, article.id, 'submit');
    const bare = await r1.call('POST', `/articles/${article.id}/approve`, {});
    expect(bare.statusCode).toBe(400);
    expect(errorOf(bare)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'version' });
    const seen = body(await r1.call('GET', `/articles/${article.id}`)).article.version;
    // The reviewer of level 1 corrects the text as part of the review: the version moves on.
    const edit = await r1.call('PUT', `/articles/${article.id}`, {
      version: seen,
      columnId: notices.id,
      title: '版本核对测试',
      bodyHtml: '<p>初审修改后的正文。</p>',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stale = await r1.call('POST', `/articles/${article.id}/approve`, { version: seen });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('GZ_VERSION_CONFLICT');
  });

  it("keeps lower-level approvals across a publisher's minor edit, so nobody approves two levels", async () => {
    const multi = await signedInUser(t, 'duoji', ['reviewer-1', 'reviewer-3']);
    const { article } = await draft(author, '小修改测试');
    await act(author, article.id, 'submit');
    expect((await act(multi, article.id, 'approve')).statusCode).toBe(200);
    expect((await act(r2, article.id, 'approve')).statusCode).toBe(200);
    expect((await act(r3, article.id, 'approve')).statusCode).toBe(200);
    const seen = body(await publisher.call('GET', `/articles/${article.id}`)).article;
    const minor = await publisher.call('PUT', `/articles/${article.id}`, {
      version: seen.version,
      minor: true,
      columnId: notices.id,
      title: '小修改测试',
      bodyHtml: '<p>改正一个错字。</p>',
    });
    expect(minor.statusCode, minor.body).toBe(200);
    expect(body(minor).article).toMatchObject({ status: 'in-review', reviewLevel: 3 });
    expect(errorOf(await act(multi, article.id, 'approve')).code).toBe('GZ_ONE_LEVEL_PER_PERSON');
    expect((await act(r3, article.id, 'approve')).statusCode).toBe(200);
  });

  it('shows reviewers submitted work only, not drafts nobody has submitted', async () => {
    const { article } = await draft(author, '未提交的草稿');
    expect((await r1.call('GET', `/articles/${article.id}`)).statusCode).toBe(404);
    const list = await r1.call('GET', `/articles?siteId=${siteId}`);
    expect(
      list.json<{ items: { id: number; status: string }[] }>().items.some((i) => i.status === 'draft'),
    ).toBe(false);
    await act(author, article.id, 'submit');
    expect((await r1.call('GET', `/articles/${article.id}`)).statusCode).toBe(200);
  });
});

describe('校对 before publication', () => {
  it('stops publication on a block finding until a publisher acknowledges it with a reason, and audits that', async () => {
    const idNumber = `11010519491231002${idCheckChar('11010519491231002')}`;
    const res = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '公示名单',
      bodyHtml: `<p>张三，身份证号${idNumber}。</p>`,
      source: '青川市民政局',
      editor: '张雯',
    });
    const id = body(res).article.id;
    const view = res.json<{ findings: { rule: string; severity: string }[] }>();
    expect(view.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'personal-id', severity: 'block' })]),
    );
    for (const [who, action] of [
      [author, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
      [r3, 'approve'],
    ] as const) {
      expect((await act(who, id, action)).statusCode).toBe(200);
    }
    const blocked = await act(publisher, id, 'publish');
    expect(blocked.statusCode).toBe(409);
    const error = blocked.json<{ error: { code: string; findings: { rule: string; key: string }[] } }>()
      .error;
    expect(error.code).toBe('GZ_ARTICLE_BLOCKED_BY_CHECKS');
    const keys = error.findings.map((f) => f.key);
    expect(error.findings.map((f) => f.rule)).toContain('personal-id');
    const noReason = await act(publisher, id, 'publish', { override: { reason: '', acknowledged: keys } });
    expect(errorOf(noReason).code).toBe('GZ_ARTICLE_BLOCKED_BY_CHECKS');
    const published = await act(publisher, id, 'publish', {
      override: { reason: '经本人同意公开，已核实', acknowledged: keys },
    });
    expect(published.statusCode, published.body).toBe(200);
    const records = await t.gazette.deps.store.audit.list(
      { action: 'article.check-override', targetId: String(id) },
      10,
      0,
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.summary).toMatchObject({ reason: '经本人同意公开，已核实' });
  });
});

describe('denials', () => {
  it("answers 404 for another author's draft, exactly as for a missing one", async () => {
    const { article } = await draft(author, '他人草稿');
    for (const res of [
      await otherAuthor.call('GET', `/articles/${article.id}`),
      await otherAuthor.call('PUT', `/articles/${article.id}`, {
        version: 1,
        columnId: notices.id,
        title: '篡改',
        bodyHtml: '<p>x</p>',
      }),
      await act(otherAuthor, article.id, 'submit'),
      await otherAuthor.call('GET', '/articles/999999'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('GZ_ARTICLE_NOT_FOUND');
    }
    const list = await otherAuthor.call('GET', `/articles?siteId=${siteId}`);
    expect(list.json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(article.id);
  });

  it('refuses a state change without the CSRF token, or with a wrong one', async () => {
    const { article } = await draft(author, 'CSRF测试');
    for (const headers of [{}, { 'x-csrf-token': 'forged' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API}/articles/${article.id}/submit`,
        cookies: { gz_session: author.cookie },
        headers,
        payload: {},
      });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('GZ_CSRF_INVALID');
    }
    expect(body(await author.call('GET', `/articles/${article.id}`)).article.status).toBe('draft');
  });

  it('refuses unknown fields naming them, and requests without a session', async () => {
    const res = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '字段测试',
      bodyHtml: '<p>x</p>',
      status: 'published',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'status' });
    const nul = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '空字符\u0000测试',
      bodyHtml: '<p>x</p>',
    });
    expect(errorOf(nul)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'title' });
    const huge = await author.call('GET', '/articles/2147483648');
    expect(errorOf(huge)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'id' });
    const cover = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '封面测试',
      bodyHtml: '<p>x</p>',
      coverUrl: 'javascript:alert(1)',
    });
    expect(errorOf(cover)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'coverUrl' });
    const anonymous = await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${siteId}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers a concurrent edit with a version conflict and loses nothing', async () => {
    const { article } = await draft(author, '并发编辑测试');
    const edit = (title: string) => ({
      version: article.version,
      columnId: notices.id,
      title,
      bodyHtml: '<p>正文</p>',
    });
    const first = await author.call('PUT', `/articles/${article.id}`, edit('第一次保存'));
    expect(first.statusCode, first.body).toBe(200);
    const second = await author.call('PUT', `/articles/${article.id}`, edit('第二次保存'));
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('GZ_VERSION_CONFLICT');
    expect(body(await author.call('GET', `/articles/${article.id}`)).article.title).toBe('第一次保存');
  });

  it('keeps the audit administrator away from content', async () => {
    const auditor = await signedInUser(t, 'shenji', ['audit-admin']);
    const res = await auditor.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '审计员发稿',
      bodyHtml: '<p>x</p>',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('OpenAPI document', () => {
  it('describes every admin route', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/openapi.json` });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/session',
        '/session/totp',
        '/articles',
        '/articles/{id}',
        '/articles/{id}/approve',
        '/articles/{id}/revisions/diff',
        '/audit',
        '/users',
        '/sites/{id}',
      ]),
    );
    expect(doc.paths['/articles']!['post']).toBeDefined();
  });
});

describe('revisions and audit through the API', () => {
  it('keeps a revision per save, diffs them word by word, and restores one as a new revision', async () => {
    const { article } = await draft(author, '修订测试');
    const save = async (version: number, bodyHtml: string) => {
      const res = await author.call('PUT', `/articles/${article.id}`, {
        version,
        columnId: notices.id,
        title: '修订测试',
        bodyHtml,
      });
      expect(res.statusCode, res.body).toBe(200);
      return body(res).article.version;
    };
    let version = await save(article.version, '<p>市政府召开常务会议，研究部署冬季安全生产工作。</p>');
    version = await save(version, '<p>市政府召开专题会议，研究部署冬季安全生产工作。</p>');
    const list = (await author.call('GET', `/articles/${article.id}/revisions`)).json<{
      items: { id: number; version: number; actorName: string }[];
    }>().items;
    expect(list).toHaveLength(3);
    expect(list.every((r) => r.actorName === 'linxiao')).toBe(true);
    const [newest, middle] = list;
    const diff = (
      await author.call('GET', `/articles/${article.id}/revisions/diff?from=${middle!.id}&to=${newest!.id}`)
    ).json<{ fields: { field: string; parts: { kind: string; text: string }[] }[] }>();
    const bodyParts = diff.fields.find((f) => f.field === 'body')!.parts.filter((p) => p.kind !== 'same');
    expect(bodyParts.map((p) => [p.kind, p.text.trim()])).toEqual([
      ['removed', '常务会议'],
      ['added', '专题会议'],
    ]);
    const restored = await author.call('POST', `/articles/${article.id}/revisions/${middle!.id}/restore`, {
      version,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const after = body(await author.call('GET', `/articles/${article.id}`));
    expect(after.article.version).toBeGreaterThan(version);
    const current = await t.gazette.deps.store.articles.get(article.id);
    expect(current!.bodyHtml).toContain('常务会议');
    expect(
      (await author.call('GET', `/articles/${article.id}/revisions`)).json<{ items: unknown[] }>().items,
    ).toHaveLength(4);
    // A revision id of another article does not open its history.
    const other = await draft(author, '另一篇');
    const foreign = await author.call(
      'GET',
      `/articles/${other.article.id}/revisions/diff?from=${middle!.id}&to=${newest!.id}`,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('shows the audit log, its export and its verification to the audit administrator only', async () => {
    const auditor = await signedInUser(t, 'shenjiyuan', ['audit-admin']);
    const page = await auditor.call('GET', '/audit?action=article.publish');
    expect(page.statusCode, page.body).toBe(200);
    const items = page.json<{ items: { action: string; actorName: string; hash: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.action === 'article.publish')).toBe(true);
    const csv = await auditor.call('GET', '/audit/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const verify = await auditor.call('GET', '/audit/verify');
    expect(verify.json<{ ok: boolean }>().ok).toBe(true);
    for (const who of [publisher, author, r1]) {
      expect((await who.call('GET', '/audit')).statusCode, who.username).toBe(403);
    }
    // The auditor reads; changing anything is refused.
    expect(
      (await auditor.call('POST', '/users', { username: 'newbie', displayName: '新人' })).statusCode,
    ).toBe(403);
  });
});

// Last: it moves the clock past every session's idle timeout.
describe('scheduled publishing', () => {
  it('publishes a scheduled article once it is due, and only then', async () => {
    const { article } = await draft(author, '定时发布测试');
    for (const [who, action] of [
      [author, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
      [r3, 'approve'],
    ] as const) {
      await act(who, article.id, action);
    }
    const at = new Date(Date.parse(t.clock.now()) + 3_600_000).toISOString();
    expect(errorOf(await act(publisher, article.id, 'schedule', { at: '2020-01-01T00:00:00Z' })).code).toBe(
      'GZ_SCHEDULE_IN_PAST',
    );
    const res = await act(publisher, article.id, 'schedule', { at });
    expect(body(res).article.status).toBe('scheduled');
    const { publishDueArticles } = await import('../../src/app/index.js');
    expect(await publishDueArticles(t.gazette.deps)).toEqual([]);
    t.clock.advance(3_600_000 + 1000);
    expect(await publishDueArticles(t.gazette.deps)).toEqual([article.id]);
    expect(await publishDueArticles(t.gazette.deps)).toEqual([]);
    expect((await t.gazette.deps.store.articles.get(article.id))!.status).toBe('published');
  });

  it('publishes items that came due while the server was down when it starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-restart-'));
    const clock = fixedClock('2026-11-20T02:00:00.000Z');
    const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent', GAZETTE_SHED_LAG_MS: '0' }, { dataDir });
    const system = systemPrincipal('test');
    try {
      let gazette = await openGazette(config, { clock });
      await ensureDemo(gazette);
      const [site] = await gazette.deps.store.sites.list();
      const column = (await gazette.deps.store.columns.listBySite(site!.id)).find(
        (c) => c.kind === 'notice',
      )!;
      const created = await createArticle(gazette.deps, system, site!.id, {
        columnId: column.id,
        title: '重启后定时发布',
        bodyHtml: '<p>x</p>',
      });
      await submitArticle(gazette.deps, system, created.id);
      for (let level = 0; level < column.reviewLevels; level++)
        await approveArticle(gazette.deps, system, created.id);
      await scheduleArticle(gazette.deps, system, created.id, '2026-11-20T12:00:00+08:00');
      await gazette.close();

      clock.set('2026-11-20T05:00:00.000Z');
      gazette = await openGazette(config, { clock });
      const scheduler = createScheduler(gazette.deps, [publishDueTask()], silentLog);
      await scheduler.start();
      scheduler.stop();
      const article = await gazette.deps.store.articles.get(created.id);
      expect(article!.status).toBe('published');
      expect(article!.publishedAt).toBe('2026-11-20T05:00:00.000Z');
      await gazette.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
