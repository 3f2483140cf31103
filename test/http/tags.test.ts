import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishArticle, systemPrincipal } from '../../src/app/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// Tag names become path segments (/tags/<name>/, and directories in the static build): a tag that is a dot
// segment, holds a slash or backslash, or control or bidi characters is refused where tags come in.

const SYSTEM = systemPrincipal('test');

let t: TestGazette;
let editor: AdminClient;
let siteId: number;
let columnId: number;

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'tags-editor', ['editor']);
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  columnId = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind !== 'link')!.id;
});

afterAll(async () => {
  await t.close();
});

const BAD_TAGS = [
  '..',
  '.',
  ' .. ',
  '．．',
  'a/b',
  '教育／卫生',
  'a\\b',
  '＼',
  '\u202e告公',
  'a\u200fb',
  'x\u0007',
];

describe('tag names', () => {
  it('are refused by the admin API with 400 GZ_INVALID_TAG naming the field', async () => {
    for (const tag of BAD_TAGS) {
      const res = await editor.call('POST', '/articles', {
        siteId,
        columnId,
        title: '标签测试',
        bodyHtml: '<p>正文</p>',
        tags: ['教育', tag],
      });
      expect(res.statusCode, JSON.stringify(tag)).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'GZ_INVALID_TAG', field: 'tags' });
      expect(errorOf(res).messageZh).toMatch(/标签/);
    }
    const created = await editor.call('POST', '/articles', {
      siteId,
      columnId,
      title: '标签测试',
      bodyHtml: '<p>正文</p>',
      tags: ['教育'],
    });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json<{ article: { id: number; version: number } }>().article;
    const edit = await editor.call('PUT', `/articles/${id}`, {
      version,
      columnId,
      title: '标签测试',
      bodyHtml: '<p>正文</p>',
      tags: ['..'],
    });
    expect(edit.statusCode, edit.body).toBe(400);
    expect(errorOf(edit).code).toBe('GZ_INVALID_TAG');
  });

  it('are refused wherever articles are written (import and scripts use the same function)', async () => {
    await expect(
      (async () =>
        createArticle(t.gazette.deps, SYSTEM, siteId, {
          columnId,
          title: '导入',
          bodyHtml: '<p>正文</p>',
          tags: ['..'],
        }))(),
    ).rejects.toMatchObject({ code: 'GZ_INVALID_TAG' });
  });

  it('keep ordinary names with dots and full-width letters', async () => {
    const res = await editor.call('POST', '/articles', {
      siteId,
      columnId,
      title: '标签测试',
      bodyHtml: '<p>正文</p>',
      tags: ['A.I.', '...', 'Ｈ５', '十四五'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ article: { tags: string[] } }>().article.tags).toEqual(['A.I.', '...', 'H5', '十四五']);
  });

  it('that were stored before are never linked as path segments', async () => {
    const article = await createArticle(t.gazette.deps, SYSTEM, siteId, {
      columnId,
      title: '旧标签',
      bodyHtml: '<p>正文</p>',
      tags: ['教育'],
    });
    const stored = await t.gazette.deps.store.articles.get(article.id);
    // Written straight to the store, as an installation from before the check may hold it.
    await t.gazette.deps.store.articles.updateContent(
      stored!.id,
      stored!.version,
      { ...stored!, tags: ['..', '.', '教育'] },
      t.clock.now(),
    );
    const published = await publishArticle(t.gazette.deps, SYSTEM, article.id);
    const html = (await t.app.inject({ url: published.path! })).body;
    expect(html).not.toContain('href="/tags/../"');
    expect(html).not.toContain('href="/tags/./"');
    expect(html).toContain(`href="/tags/${encodeURIComponent('教育')}/"`);
    expect((await t.app.inject({ url: '/tags/a%E2%80%AEb/' })).statusCode).toBe(404);
  });
});
