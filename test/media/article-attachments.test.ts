import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishArticle, systemPrincipal, withdrawArticle } from '../../src/app/index.js';
import { tinyPdf } from '../../src/demo/tiny-pdf.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { upload, type UploadedView } from './media-client.js';

let t: TestGazette;
let siteId: number;
let columnId: number;
let writer: AdminClient;

interface ArticleView {
  article: {
    id: number;
    version: number;
    attachments: { name: string; url: string; mime: string; size: number }[];
  };
}

beforeAll(async () => {
  t = await startTestGazette({ demo: true });
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  columnId = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!.id;
  writer = await signedInUser(t, 'fujian', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

async function uploadPdf(name: string, line: string): Promise<UploadedView> {
  const res = await upload(
    t.app,
    writer,
    { filename: name, contentType: 'application/pdf', bytes: tinyPdf([line]) },
    { siteId: String(siteId) },
  );
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<UploadedView>();
}

describe('attachments listed under an article', () => {
  it('are files of the media library, kept in order, renamed and removed in one save', async () => {
    const measures = await uploadPdf('促进消费若干措施.pdf', 'measures');
    const form = await uploadPdf('申报表.pdf', 'form');
    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId,
      title: '关于印发促进消费若干措施的通知',
      bodyHtml: '<p>现将有关事项通知如下。</p>',
      source: '青川市商务局',
      editor: '张雯',
      attachments: [
        { url: measures.url, name: '附件1：促进消费若干措施' },
        { url: form.url, name: '附件2：申报表' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    let view = created.json<ArticleView>();
    expect(view.article.attachments.map((a) => [a.name, a.url, a.mime])).toEqual([
      ['附件1：促进消费若干措施', measures.url, 'application/pdf'],
      ['附件2：申报表', form.url, 'application/pdf'],
    ]);

    // Reordered, one renamed, then one removed: each save states the whole list.
    const id = view.article.id;
    const save = (attachments: { url: string; name: string }[]) =>
      writer.call('PUT', `/articles/${id}`, {
        version: view.article.version,
        columnId,
        title: '关于印发促进消费若干措施的通知',
        bodyHtml: '<p>现将有关事项通知如下。</p>',
        attachments,
      });
    let res = await save([
      { url: form.url, name: '附件：申报表（2026年版）' },
      { url: measures.url, name: '附件1：促进消费若干措施' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    view = res.json<ArticleView>();
    expect(view.article.attachments.map((a) => a.name)).toEqual([
      '附件：申报表（2026年版）',
      '附件1：促进消费若干措施',
    ]);
    res = await save([{ url: measures.url, name: '附件：促进消费若干措施' }]);
    view = res.json<ArticleView>();
    expect(view.article.attachments.map((a) => a.url)).toEqual([measures.url]);

    // A save that does not mention attachments leaves them alone.
    res = await writer.call('PUT', `/articles/${id}`, {
      version: view.article.version,
      columnId,
      title: '关于印发促进消费若干措施的通知（修订）',
      bodyHtml: '<p>现将有关事项通知如下。</p>',
    });
    expect(res.json<ArticleView>().article.attachments).toHaveLength(1);

    const trail = await t.gazette.deps.store.audit.list({}, 50, 0);
    expect(
      trail.some((r) => r.action === 'article.edit' && JSON.stringify(r.summary).includes('申报表')),
    ).toBe(true);
  });

  it('refuses anything that is not a file of this site’s library', async () => {
    for (const url of [
      'https://elsewhere.example/a.pdf',
      '/media/f/0123456789abcdef0123.pdf',
      'javascript:x',
    ]) {
      const res = await writer.call('POST', '/articles', {
        siteId,
        columnId,
        title: '附件测试',
        bodyHtml: '<p>正文</p>',
        attachments: [{ url, name: '附件' }],
      });
      expect(res.statusCode, url).toBe(400);
      expect(errorOf(res).field).toBe('attachments');
    }
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ url: `/media/f/x${i}.pdf`, name: 'x' }));
    const res = await writer.call('POST', '/articles', {
      siteId,
      columnId,
      title: '附件测试',
      bodyHtml: '<p>正文</p>',
      attachments: tooMany,
    });
    expect(res.statusCode).toBe(400);
  });

  it('makes the text of an attached PDF searchable on the public site, and drops it when the article is withdrawn', async () => {
    const pdf = await uploadPdf('消防设施清单.pdf', 'Xylofonix hydrant inventory for the old town');
    const created = await writer.call('POST', '/articles', {
      siteId,
      columnId,
      title: '关于公布老城区消防设施清单的通知',
      bodyHtml: '<p>清单见附件。</p>',
      source: '青川市消防救援支队',
      editor: '张雯',
      attachments: [{ url: pdf.url, name: '附件：消防设施清单' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<ArticleView>().article.id;
    const system = systemPrincipal('test');
    const published = await publishArticle(t.gazette.deps, system, id);
    const search = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number; results: { url: string }[] }>();
    };
    // Only the attachment holds this word: neither the title nor the body does.
    const found = await search('xylofonix');
    expect(found.total).toBe(1);
    expect(found.results[0]?.url).toContain(published.path!);
    await withdrawArticle(t.gazette.deps, system, id, '清单更新后重新发布');
    expect((await search('xylofonix')).total).toBe(0);
  });
});
