import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Revisions are numbered 1, 2, 3… in the order they were saved: workflow steps between saves (submitting,
 * approving) raise the article's lock version but make no revision, and must leave no gap in the numbers.
 */

let t: TestGazette;
let siteId: number;
let notices: Column;
let editor: AdminClient;

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  editor = await signedInUser(t, 'bianji', ['editor']);
});
afterAll(async () => {
  await t.close();
});

interface Summary {
  id: number;
  number: number;
  version: number;
}

describe('revision numbers', () => {
  it('count the revisions of the article, with no gap where workflow steps came between saves', async () => {
    const fields = { columnId: notices.id, title: '关于做好冬季供暖工作的通知' };
    const created = await editor.call('POST', '/articles', {
      siteId,
      ...fields,
      bodyHtml: '<p>第一稿。</p>',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ article: { id: number } }>().article;
    const versionOf = async () =>
      (await editor.call('GET', `/articles/${id}`)).json<{ article: { version: number } }>().article.version;
    const save = async (bodyHtml: string) => {
      const res = await editor.call('PUT', `/articles/${id}`, {
        version: await versionOf(),
        ...fields,
        bodyHtml,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const submit = async () => {
      const res = await editor.call('POST', `/articles/${id}/submit`, { version: await versionOf() });
      expect(res.statusCode, res.body).toBe(200);
    };

    await submit();
    await save('<p>第二稿。</p>');
    await save('<p>第三稿。</p>');

    const list = (await editor.call('GET', `/articles/${id}/revisions`)).json<{ items: Summary[] }>().items;
    expect(list.map((r) => r.number)).toEqual([3, 2, 1]);
    // The lock versions did skip: the numbers are not they.
    expect(list.map((r) => r.version)).not.toEqual([3, 2, 1]);

    // A restore is a new revision with the next number, and says which revision it restored.
    const oldest = list[2]!;
    const restored = await editor.call('POST', `/articles/${id}/revisions/${oldest.id}/restore`, {
      version: await versionOf(),
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const after = (await editor.call('GET', `/articles/${id}/revisions`)).json<{
      items: (Summary & { note: string })[];
    }>().items;
    expect(after.map((r) => r.number)).toEqual([4, 3, 2, 1]);
    expect(after[0]!.note).toContain('第 1 版');
    expect(after[0]!.note).not.toContain(`版本 ${oldest.version}`);
  });
});
