import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnFreshness, readDashboard, systemPrincipal } from '../../src/app/index.js';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let notices: Column;
let writer: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let admin: AdminClient;

interface Row {
  id: number;
  title: string;
  status: string;
  reviewLevel: number;
}
interface DashboardView {
  counts: Record<string, number>;
  myDrafts: Row[];
  waitingForMe: Row[];
  recentlyPublished: (Row & { publishedAt: string })[];
  columns: {
    columnId: number;
    path: string;
    state: string;
    daysLeft: number | null;
    freshnessDays: number;
  }[];
  home: { lastPublishedAt: string | null; stale: boolean };
  veto: { staleColumns: number; blankColumns: number; failing: boolean };
}

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  writer = await signedInUser(t, 'xiezuo', ['contributor']);
  r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
  r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
  admin = await signedInUser(t, 'zhanzhang', ['site-admin']);
});

afterAll(async () => {
  await t.close();
});

describe('GET /me', () => {
  it('tells a writer what they may do on the site and nothing installation-wide', async () => {
    const res = await writer.call('GET', '/me');
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json<{
      user: { username: string };
      roles: { role: string; label: string; siteId: number }[];
      global: string[];
      sites: {
        id: number;
        baseUrl: string;
        hosts: string[];
        permissions: string[];
        anyColumn: string[];
        columns: Record<string, string[]>;
      }[];
    }>();
    expect(me.user.username).toBe('xiezuo');
    expect(me.roles).toEqual([{ role: 'contributor', label: '撰稿', siteId, columnId: null }]);
    expect(me.global).toEqual([]);
    expect(me.sites.map((s) => s.id)).toEqual([siteId]);
    expect(me.sites[0]!.permissions).toContain('article.create');
    expect(me.sites[0]!.permissions).not.toContain('column.manage');
    expect(me.sites[0]!.columns).toEqual({});
    // Links to published pages go to the public site when the admin is on a host of its own.
    expect(me.sites[0]!.baseUrl).toMatch(/^https?:\/\//);
    expect(me.sites[0]!.hosts).toEqual([]);
    expect(JSON.stringify(me)).not.toMatch(/passwordHash|totpSecret|recovery/i);
  });

  it('lists the permissions of a column-scoped grant under that column and its sub-columns', async () => {
    const { createUser, systemPrincipal } = await import('../../src/app/index.js');
    await createUser(t.gazette.deps, systemPrincipal('test'), {
      username: 'lanmu',
      displayName: '栏目编辑',
      password: 'Qingchuan-river-42',
      grants: [{ role: 'editor', siteId, columnId: notices.id }],
    });
    const user = (await t.gazette.deps.store.users.getByUsername('lanmu'))!;
    const { readMe } = await import('../../src/app/index.js');
    const me = await readMe(t.gazette.deps, { kind: 'user', user, ip: '' });
    const site = me.sites[0]!;
    expect(site.permissions).toEqual([]);
    expect(site.anyColumn).toContain('article.edit-any');
    expect(site.columns[String(notices.id)]).toContain('article.edit-any');
    expect(Object.keys(site.columns)).toEqual([String(notices.id)]);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/api/me' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('GZ_NOT_SIGNED_IN');
  });
});

describe('GET /roles', () => {
  it('lists every role with label, scope, 2FA need and permissions', async () => {
    const res = await writer.call('GET', '/roles');
    const roles = res.json<{
      items: { role: string; label: string; global: boolean; needsTotp: boolean }[];
    }>();
    expect(roles.items.find((r) => r.role === 'reviewer-1')).toMatchObject({
      label: '初审',
      global: false,
      needsTotp: true,
    });
    expect(roles.items.find((r) => r.role === 'audit-admin')).toMatchObject({ global: true });
  });
});

describe('what the users screen needs for grants', () => {
  it('shows a security administrator every site and its columns, and the accounts', async () => {
    const security = await signedInUser(t, 'anquan', ['security-admin']);
    const sites = (await security.call('GET', '/sites')).json<{ items: { id: number }[] }>();
    expect(sites.items.map((s) => s.id)).toEqual([siteId]);
    const columns = await security.call('GET', `/sites/${siteId}/columns`);
    expect(columns.statusCode).toBe(200);
    expect(columns.json<{ items: unknown[] }>().items.length).toBeGreaterThan(5);
    const users = await security.call('GET', '/users');
    expect(users.statusCode).toBe(200);
    // A writer sees neither the accounts nor can grant roles.
    expect((await writer.call('GET', '/users')).statusCode).toBe(403);
    const grant = await writer.call('PUT', '/users/fushen/grants', { grants: [] });
    expect(grant.statusCode).toBe(403);
  });
});

describe('GET /dashboard', () => {
  it('shows my drafts, what waits at my review level only, and recent publications', async () => {
    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '关于做好冬季供暖工作的通知',
      bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
      source: '青川市住房和城乡建设局',
      editor: '王敏',
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json<{ article: { id: number; version: number } }>().article;

    let board = (await writer.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(board.myDrafts.map((r) => r.id)).toEqual([article.id]);
    expect(board.counts.myDrafts).toBe(1);
    // A writer sees only their own drafts in the counts.
    expect(board.counts.draft).toBe(1);
    expect(board.waitingForMe).toEqual([]);

    const submitted = await writer.call('POST', `/articles/${article.id}/submit`, {
      version: article.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    board = (await r1.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(board.waitingForMe.map((r) => r.id)).toEqual([article.id]);
    expect(board.counts.waitingForMe).toBe(1);
    expect(board.myDrafts).toEqual([]);
    // Level 2 is not waiting for anyone yet.
    board = (await r2.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(board.waitingForMe).toEqual([]);

    expect(board.recentlyPublished.length).toBeGreaterThan(0);
    const times = board.recentlyPublished.map((r) => r.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('does not offer the next level to whoever approved the last one', async () => {
    const both = await signedInUser(t, 'liangji', ['reviewer-1', 'reviewer-2']);
    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '关于调整公交线路的通知',
      bodyHtml: '<p>现将有关事项通知如下。</p>',
      source: '青川市交通运输局',
      editor: '王敏',
    });
    const { id, version } = created.json<{ article: { id: number; version: number } }>().article;
    const submitted = await writer.call('POST', `/articles/${id}/submit`, { version });
    const approved = await both.call('POST', `/articles/${id}/approve`, {
      version: submitted.json<{ article: { version: number } }>().article.version,
    });
    expect(approved.json<{ article: { reviewLevel: number } }>().article.reviewLevel).toBe(2);
    const mine = (await both.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(mine.waitingForMe.map((r) => r.id)).not.toContain(id);
    const theirs = (await r2.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(theirs.waitingForMe.map((r) => r.id)).toContain(id);
  });

  it('shows a reviewer of one column what waits in that column', async () => {
    const { createUser, systemPrincipal: system } = await import('../../src/app/index.js');
    const { user } = await createUser(t.gazette.deps, system('test'), {
      username: 'lanmu-chushen',
      displayName: '栏目初审',
      password: 'Qingchuan-river-42',
      grants: [{ role: 'reviewer-1', siteId, columnId: notices.id }],
    });
    const board = await readDashboard(t.gazette.deps, { kind: 'user', user, ip: '' }, siteId);
    expect(board.waitingForMe.map((r) => r.title)).toEqual(['关于做好冬季供暖工作的通知']);
    expect(board.counts.waitingForMe).toBe(1);
  });

  it('names the columns that are stale, at risk or blank, worst first', async () => {
    const now = t.clock.now();
    const fresh = (await admin.call('GET', `/dashboard?siteId=${siteId}`)).json<DashboardView>();
    expect(fresh.home.stale).toBe(false);
    // Two months after the demo's newest article, every news column is stale (sessions would have ended:
    // the use case is asked directly).
    t.clock.advance(60 * 86_400_000);
    try {
      const board = await readDashboard(t.gazette.deps, systemPrincipal('test'), siteId);
      const stale = board.columns.filter((c) => c.state === 'stale');
      expect(stale.length).toBeGreaterThan(0);
      expect(stale.every((c) => (c.daysLeft ?? 0) < 0)).toBe(true);
      expect(board.home.stale).toBe(true);
      expect(board.veto.failing).toBe(true);
      const states = board.columns.map((c) => c.state);
      expect(states.indexOf('stale')).toBe(0);
    } finally {
      t.clock.set(now);
    }
  });

  it('refuses a site the user has no role on', async () => {
    const res = await writer.call('GET', `/dashboard?siteId=999`);
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('GZ_SITE_NOT_FOUND');
    const bad = await writer.call('GET', `/dashboard?siteId=abc`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('GZ_INVALID_INPUT');
  });
});

describe('columnFreshness', () => {
  const column = (
    id: number,
    kind: Column['kind'],
    freshnessDays: number | null,
    parentId: number | null = null,
  ) =>
    ({
      id,
      siteId: 1,
      parentId,
      slug: `c${id}`,
      path: `c${id}`,
      name: `栏目${id}`,
      kind,
      position: id,
      description: '',
      keywords: '',
      freshnessDays,
      linkUrl: null,
      reviewLevels: 3,
      createdAt: '',
      updatedAt: '',
    }) as Column;
  const stats = (at: string | null) => ({ articles: at ? 1 : 0, published: at ? 1 : 0, lastPublishedAt: at });

  it('counts a parent as fresh as its newest child, warns ahead and ignores unchecked kinds', () => {
    const now = '2026-11-20T00:00:00.000Z';
    const columns = [
      column(1, 'news', 14),
      column(2, 'news', 14, 1),
      column(3, 'notice', 180),
      column(4, 'news', 14),
      column(5, 'page', null),
      column(6, 'news', 14),
    ];
    const result = columnFreshness(
      columns,
      new Map([
        [2, stats('2026-11-18T00:00:00.000Z')], // fresh: 12 days left
        [3, stats('2026-06-01T00:00:00.000Z')], // 172 days: 8 left, within 36 → at risk
        [4, stats('2026-11-01T00:00:00.000Z')], // 19 days: stale
      ]),
      now,
    );
    expect(result.map((c) => [c.columnId, c.state, c.daysLeft])).toEqual([
      [4, 'stale', -5],
      [6, 'blank', null],
      [3, 'at-risk', 8],
    ]);
  });
});

describe('the OpenAPI document', () => {
  it('describes every endpoint the new admin needs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/api/openapi.json' });
    const doc = res.json<{ paths: Record<string, Record<string, unknown>> }>();
    const expected: [string, string][] = [
      ['/me', 'get'],
      ['/roles', 'get'],
      ['/dashboard', 'get'],
      ['/sites/{id}/columns/tree', 'get'],
      ['/columns/{id}', 'put'],
      ['/columns/{id}', 'delete'],
      ['/columns/{id}/move', 'post'],
      ['/series', 'get'],
      ['/series', 'post'],
      ['/series/{id}', 'put'],
      ['/series/{id}/members', 'put'],
      ['/series/{id}/publish', 'post'],
      ['/series/{id}/withdraw', 'post'],
      ['/articles/{id}/preview', 'get'],
      ['/preview', 'post'],
      ['/checks', 'post'],
    ];
    for (const [path, method] of expected)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const list = doc.paths['/articles']!['get'] as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['cursor', 'sort', 'page']));
  });
});
