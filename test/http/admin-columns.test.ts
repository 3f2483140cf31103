import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let admin: AdminClient;
let writer: AdminClient;
let auditor: AdminClient;

const columnsOf = async (): Promise<Column[]> => t.gazette.deps.store.columns.listBySite(siteId);
const byPath = async (path: string): Promise<Column> => (await columnsOf()).find((c) => c.path === path)!;

async function lastAudit(action: string) {
  const res = await auditor.call('GET', `/audit?action=${action}`);
  return res.json<{ items: { action: string; actorName: string; summary: Record<string, unknown> }[] }>()
    .items[0];
}

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  admin = await signedInUser(t, 'zhanzhang', ['site-admin']);
  writer = await signedInUser(t, 'xiezuo', ['contributor', 'editor']);
  auditor = await signedInUser(t, 'shenji', ['audit-admin']);
});

afterAll(async () => {
  await t.close();
});

describe('column tree', () => {
  it('nests the columns with their article counts', async () => {
    const res = await writer.call('GET', `/sites/${siteId}/columns/tree`);
    expect(res.statusCode, res.body).toBe(200);
    interface Node {
      path: string;
      articleCount: number;
      publishedCount: number;
      children: Node[];
    }
    const { items } = res.json<{ items: Node[] }>();
    const xwzx = items.find((n) => n.path === 'xwzx')!;
    expect(xwzx.children.map((c) => c.path)).toContain('xwzx/zwyw');
    const total = (nodes: Node[]): number =>
      nodes.reduce((sum, n) => sum + n.publishedCount + total(n.children), 0);
    expect(total(items)).toBeGreaterThan(50);
  });
});

describe('changing columns', () => {
  it('renames, sets kind, review levels and freshness, and audits the change', async () => {
    const column = await byPath('zwgk/tzgg');
    t.clock.advance(1000);
    const res = await admin.call('PUT', `/columns/${column.id}`, {
      updatedAt: column.updatedAt,
      name: '通知公告（新）',
      kind: 'notice',
      reviewLevels: 2,
      freshnessDays: 90,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Column>()).toMatchObject({ name: '通知公告（新）', reviewLevels: 2, freshnessDays: 90 });
    const record = await lastAudit('column.update');
    expect(record).toMatchObject({ actorName: 'zhanzhang' });
    expect(record!.summary['changed']).toMatchObject({ reviewLevels: { from: 3, to: 2 } });

    // The same stale `updatedAt` again is a conflict.
    const again = await admin.call('PUT', `/columns/${column.id}`, {
      updatedAt: column.updatedAt,
      name: '通知公告',
      kind: 'notice',
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('GZ_VERSION_CONFLICT');
  });

  it('refuses bad input with 400 and a field, never 500', async () => {
    const column = await byPath('zwgk/tzgg');
    for (const [body, field] of [
      [{ name: '', kind: 'notice' }, 'name'],
      [{ name: '通知', kind: 'nonsense' }, 'kind'],
      [{ name: '通知', kind: 'notice', reviewLevels: 4 }, 'reviewLevels'],
      [{ name: '通知', kind: 'notice', freshnessDays: 0 }, 'freshnessDays'],
      [{ name: '通知', kind: 'link', linkUrl: 'javascript:alert(1)' }, 'linkUrl'],
      [{ name: '通知', kind: 'link', linkUrl: '//evil.example/' }, 'linkUrl'],
      [{ name: '通知', kind: 'link', linkUrl: '/hudong/ x' }, 'linkUrl'],
      [{ name: '通知', kind: 'notice', updatedAt: 'yesterday' }, 'updatedAt'],
    ] as const) {
      const res = await admin.call('PUT', `/columns/${column.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).field).toBe(field);
      expect(errorOf(res).messageZh).toBeTruthy();
    }
  });

  it('lets a link column point to a page of the site itself by its path', async () => {
    const res = await admin.call('POST', `/sites/${siteId}/columns`, {
      parentId: null,
      slug: 'hd',
      name: '互动交流',
      kind: 'link',
      linkUrl: '/hudong/',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ linkUrl: string }>().linkUrl).toBe('/hudong/');
  });

  it('does not let a writer or editor change, move or delete columns', async () => {
    const column = await byPath('zwgk/tzgg');
    const attempts = [
      writer.call('PUT', `/columns/${column.id}`, { name: '改名', kind: 'notice' }),
      writer.call('POST', `/columns/${column.id}/move`, { parentId: null, position: 0 }),
      writer.call('DELETE', `/columns/${column.id}`),
      writer.call('POST', `/sites/${siteId}/columns`, {
        parentId: null,
        slug: 'new',
        name: '新',
        kind: 'news',
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(errorOf(res).code).toBe('GZ_FORBIDDEN');
    }
    expect((await byPath('zwgk/tzgg')).name).toBe('通知公告（新）');
  });

  it('moves a column with its sub-columns to a new parent and renumbers the siblings', async () => {
    const created = await admin.call('POST', `/sites/${siteId}/columns`, {
      parentId: null,
      slug: 'zxzt',
      name: '专项专题',
      kind: 'topic',
    });
    expect(created.statusCode, created.body).toBe(201);
    const topic = created.json<Column>();
    const child = await admin.call('POST', `/sites/${siteId}/columns`, {
      parentId: topic.id,
      slug: 'dcyj',
      name: '调查研究',
      kind: 'news',
    });
    expect(child.statusCode, child.body).toBe(201);
    const ztzl = await byPath('ztzl');
    const res = await admin.call('POST', `/columns/${topic.id}/move`, { parentId: ztzl.id, position: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const columns = res.json<{ items: Column[] }>().items;
    expect(columns.find((c) => c.id === topic.id)).toMatchObject({
      path: 'ztzl/zxzt',
      parentId: ztzl.id,
      position: 0,
    });
    expect(columns.find((c) => c.path === 'ztzl/zxzt/dcyj')).toBeTruthy();
    const siblings = columns.filter((c) => c.parentId === ztzl.id).sort((a, b) => a.position - b.position);
    expect(siblings.map((c) => c.position)).toEqual(siblings.map((_c, i) => i));
    expect(siblings[0]!.id).toBe(topic.id);
    expect((await lastAudit('column.move'))!.summary).toMatchObject({
      from: { path: 'zxzt' },
      to: { path: 'ztzl/zxzt' },
      descendants: 1,
    });

    // Under itself or below itself: refused, nothing changed.
    const subColumn = columns.find((c) => c.path === 'ztzl/zxzt/dcyj')!;
    for (const parentId of [topic.id, subColumn.id]) {
      const cycle = await admin.call('POST', `/columns/${topic.id}/move`, { parentId, position: 0 });
      expect(cycle.statusCode).toBe(400);
      expect(errorOf(cycle).code).toBe('GZ_COLUMN_CYCLE');
    }
    expect((await byPath('ztzl/zxzt')).id).toBe(topic.id);

    // Reordering only: last place.
    const last = await admin.call('POST', `/columns/${topic.id}/move`, { parentId: ztzl.id, position: 99 });
    expect(last.statusCode, last.body).toBe(200);
    const after = last.json<{ items: Column[] }>().items.filter((c) => c.parentId === ztzl.id);
    expect(Math.max(...after.map((c) => c.position))).toBe(after.find((c) => c.id === topic.id)!.position);
  });

  it('refuses to move a column where its path is taken', async () => {
    const a = (
      await admin.call('POST', `/sites/${siteId}/columns`, {
        parentId: null,
        slug: 'tzgg',
        name: '重名',
        kind: 'news',
      })
    ).json<Column>();
    const zwgk = await byPath('zwgk');
    const res = await admin.call('POST', `/columns/${a.id}/move`, { parentId: zwgk.id, position: 0 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('GZ_COLUMN_PATH_TAKEN');
    expect((await admin.call('DELETE', `/columns/${a.id}`)).statusCode).toBe(200);
  });

  it('refuses to delete a column with articles or sub-columns, and deletes an empty one', async () => {
    const withArticles = await byPath('xwzx/zwyw');
    let res = await admin.call('DELETE', `/columns/${withArticles.id}`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('GZ_COLUMN_NOT_EMPTY');
    const parent = await byPath('ztzl/zxzt');
    res = await admin.call('DELETE', `/columns/${parent.id}`);
    expect(errorOf(res).code).toBe('GZ_COLUMN_NOT_EMPTY');

    const empty = await byPath('ztzl/zxzt/dcyj');
    res = await admin.call('DELETE', `/columns/${empty.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.gazette.deps.store.columns.get(empty.id)).toBeUndefined();
    expect((await lastAudit('column.delete'))!.summary).toMatchObject({ path: 'ztzl/zxzt/dcyj' });
    res = await admin.call('DELETE', `/columns/${empty.id}`);
    expect(res.statusCode).toBe(404);
  });
});
