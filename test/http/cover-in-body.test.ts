import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The cover image is for lists and the home page's picture slot: the article page prints it above the
 * body only when the editor ticks 在正文顶部显示封面图 (`showCoverInBody`, off by default).
 */

let t: TestGazette;
let siteId: number;
let notices: Column;
let writer: AdminClient;

const COVER = 'https://www.example.gov.cn/images/2026-12/cover-heating.jpg';
const COVER_FIGURE = /<figure class="cover">[\s\S]*?<\/figure>/;

const fields = () => ({
  columnId: notices.id,
  title: '关于做好2026年冬季供暖保障工作的通知',
  bodyHtml: '<p class="indent-2">各区县人民政府：</p><p class="align-right">青川市人民政府办公室</p>',
  coverUrl: COVER,
  coverAlt: '供暖公司检修管网',
});

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  writer = await signedInUser(t, 'fengmian', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

interface ArticleBody {
  article: { id: number; version: number; showCoverInBody: boolean; coverUrl: string };
}

describe('the cover at the top of the article', () => {
  it('is not printed above the body unless the editor asks for it', async () => {
    const created = await writer.call('POST', '/articles', { siteId, ...fields() });
    expect(created.statusCode, created.body).toBe(201);
    const { article } = created.json<ArticleBody>();
    expect(article.showCoverInBody).toBe(false);
    expect(article.coverUrl).toBe(COVER);

    const plain = await writer.call('GET', `/articles/${article.id}/preview`);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.body).not.toMatch(COVER_FIGURE);
    expect(plain.body).not.toContain(`<img src="${COVER}"`);
    // The body's official-document styles reach the page as they were stored.
    expect(plain.body).toContain('<p class="indent-2">各区县人民政府：</p>');
    expect(plain.body).toContain('<p class="align-right">青川市人民政府办公室</p>');

    const updated = await writer.call('PUT', `/articles/${article.id}`, {
      version: article.version,
      ...fields(),
      showCoverInBody: true,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const saved = updated.json<ArticleBody>().article;
    expect(saved.showCoverInBody).toBe(true);
    const reread = await writer.call('GET', `/articles/${article.id}`);
    expect(reread.json<ArticleBody>().article.showCoverInBody).toBe(true);

    const withCover = await writer.call('GET', `/articles/${article.id}/preview?v=${saved.version}`);
    expect(withCover.statusCode).toBe(200);
    const figure = COVER_FIGURE.exec(withCover.body)?.[0] ?? '';
    expect(figure).toContain(`src="${COVER}"`);
    expect(figure).toContain('alt="供暖公司检修管网"');
  });

  it('follows the flag in the preview of unsaved content', async () => {
    const off = await writer.call('POST', '/preview', { siteId, ...fields() });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.body).not.toMatch(COVER_FIGURE);
    const on = await writer.call('POST', '/preview', { siteId, ...fields(), showCoverInBody: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.body).toMatch(COVER_FIGURE);
  });

  it('takes only a boolean, and is described in the OpenAPI document', async () => {
    const bad = await writer.call('POST', '/articles', { siteId, ...fields(), showCoverInBody: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('showCoverInBody');
    const doc = await writer.call('GET', '/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain('"showCoverInBody":{"type":"boolean"');
  });
});
