import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentInputOf, createArticle, systemPrincipal } from '../../src/app/index.js';
import type { Column } from '../../src/core/index.js';
import { blobName } from '../../src/media/index.js';
import { errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { filesUnder, upload, type UploadedView } from './media-client.js';
import { docx, ID_NUMBER, jpegWithGps, pdf, png, xlsx } from './media-fixtures.js';

let t: TestGazette;
let siteId: number;
let notices: Column;
let author: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;
let mediaDir: string;

const view = (res: { json: <T>() => T }) => res.json<UploadedView>();
/** As a signed-in editor: files not yet used by anything public are served to editors only. */
const get = (url: string) => t.app.inject({ method: 'GET', url, cookies: { gz_session: author.cookie } });

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
  author = await signedInUser(t, 'linxiao', ['contributor']);
  r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
  r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
  r3 = await signedInUser(t, 'zhongshen', ['reviewer-3']);
  publisher = await signedInUser(t, 'qianfa', ['publisher']);
  mediaDir = join(t.dataDir, 'media');
});
afterAll(() => t.close());

describe('images', () => {
  let photo: UploadedView;
  let original: Buffer;

  beforeAll(async () => {
    original = await jpegWithGps(2000, 1200);
    const res = await upload(
      t.app,
      author,
      { filename: '现场照片.jpg', bytes: original },
      { alt: '检查现场', siteId: String(siteId) },
    );
    expect(res.statusCode, res.body).toBe(201);
    photo = view(res);
  });

  it('strips EXIF, GPS and the owner name, and turns the picture upright', async () => {
    const before = await sharp(original).metadata();
    // The GPS IFD pointer (tag 0x8825), in either byte order.
    const gps = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])];
    expect(gps.some((tag) => before.exif?.includes(tag))).toBe(true);
    expect(original.includes('OWNER-SECRET-NAME')).toBe(true);
    expect(photo).toMatchObject({ width: 1200, height: 2000, mime: 'image/jpeg', filename: '现场照片.jpg' });
    expect(photo.url).toMatch(/^\/media\/f\/[0-9a-f]{20}_1200x2000\.jpg$/);
    const served = await get(photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const stored = served.rawPayload;
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([1200, 2000]);
    expect(stored.includes('OWNER-SECRET-NAME')).toBe(false);
    for (const variant of photo.variants ?? []) {
      const bytes = (await get(variant.url)).rawPayload;
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(bytes.includes('OWNER-SECRET-NAME')).toBe(false);
    }
  });

  it('makes responsive widths in WebP and the original format, never wider than the original', async () => {
    expect(photo.variants?.map((v) => `${v.width}.${v.format}`)).toEqual([
      '480.webp',
      '480.jpg',
      '960.webp',
      '960.jpg',
      '1200.webp',
    ]);
    for (const variant of photo.variants ?? []) {
      const res = await get(variant.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(variant.format === 'webp' ? 'image/webp' : 'image/jpeg');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe(variant.format === 'webp' ? 'webp' : 'jpeg');
      expect(meta.width).toBe(variant.width);
    }
    const small = view(await upload(t.app, author, { filename: '小图标.png', bytes: await png(300, 200) }));
    expect(small.variants).toEqual([expect.objectContaining({ width: 300, format: 'webp' })]);
  });

  it('accepts GIF (animated too) and WebP, with WebP variants', async () => {
    const frames = Buffer.alloc(600 * 400 * 4 * 2, 128);
    for (let i = 600 * 400 * 4; i < frames.length; i += 4) frames[i] = 10; // the second frame differs
    const animated = await sharp(frames, { raw: { width: 600, height: 800, channels: 4, pageHeight: 400 } })
      .gif({ loop: 0 })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const gif = view(await upload(t.app, author, { filename: '动图.gif', bytes: animated }));
    expect(gif).toMatchObject({ mime: 'image/gif', width: 600, height: 400 });
    const served = await sharp((await get(gif.url)).rawPayload).metadata();
    expect(served.pages).toBe(2);
    const small = await sharp((await get(gif.variants![0]!.url)).rawPayload, { animated: true }).metadata();
    expect([small.width, small.pages]).toEqual([480, 2]);
    expect(gif.variants?.map((v) => `${v.width}.${v.format}`)).toEqual(['480.webp', '480.gif', '600.webp']);
    const webp = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#369' } })
      .webp()
      .toBuffer();
    const stored = view(await upload(t.app, author, { filename: '横幅.webp', bytes: webp }));
    expect(stored.variants?.map((v) => `${v.width}.${v.format}`)).toEqual([
      '480.webp',
      '960.webp',
      '1000.webp',
    ]);
  });

  it('serves the Chinese file name with an RFC 5987 Content-Disposition', async () => {
    const res = await get(photo.url);
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/media/f/00000000000000000000.jpg')).statusCode).toBe(404);
  });

  it('stores the same bytes once: the same name returns the item, another name makes a second item on the same file', async () => {
    const files = filesUnder(mediaDir);
    const again = await upload(t.app, author, { filename: '现场照片.jpg', bytes: original });
    expect(again.statusCode).toBe(200);
    expect(view(again)).toMatchObject({ id: photo.id, url: photo.url, deduplicated: true });
    const renamed = await upload(t.app, author, { filename: '检查现场.jpg', bytes: original });
    expect(renamed.statusCode).toBe(201);
    expect(view(renamed).id).not.toBe(photo.id);
    expect(view(renamed).sha256).toBe(photo.sha256);
    expect(filesUnder(mediaDir)).toEqual(files);
    expect(filesUnder(mediaDir)).toContain(blobName(photo.sha256, 'jpg'));
    const served = await get(view(renamed).url);
    expect(served.headers['content-disposition']).toContain(encodeURIComponent('检查现场.jpg'));
  });
});

async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = await by.call('GET', `/articles/${id}`);
  const version = seen.json<{ article: { version: number } }>().article.version;
  return by.call('POST', `/articles/${id}/${action}`, { version, ...payload });
}

describe('attachments', () => {
  it('extracts the text of PDF, Word and Excel files and reports personal data at upload', async () => {
    const res = await upload(t.app, author, {
      filename: '公示名单.pdf',
      bytes: pdf([`Zhang San ID ${ID_NUMBER}`]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = view(res);
    expect(file).toMatchObject({ mime: 'application/pdf', textStatus: 'ok' });
    expect(file.url).toMatch(/^\/media\/f\/[0-9a-f]{20}\.pdf$/);
    expect(file.findings).toEqual([
      expect.objectContaining({ rule: 'personal-id', field: 'attachment', severity: 'block' }),
    ]);
    expect(file.findings[0]?.message).toContain('公示名单.pdf');

    const sheet = view(
      await upload(t.app, author, {
        filename: '补贴名单.xlsx',
        bytes: await xlsx([
          ['姓名', '身份证号'],
          ['李四', ID_NUMBER],
        ]),
      }),
    );
    expect(sheet).toMatchObject({ textStatus: 'ok' });
    expect(sheet.findings.map((f) => f.rule)).toContain('personal-id');

    const clean = view(
      await upload(t.app, author, { filename: '通知.docx', bytes: docx(['关于开展冬季消防安全检查的通知']) }),
    );
    expect(clean).toMatchObject({ textStatus: 'ok', findings: [] });
  });

  it('blocks publication of an article linking a Word file with an ID number; once published its images are responsive', async () => {
    const word = view(
      await upload(t.app, author, {
        filename: '困难群众名单.docx',
        bytes: docx(['困难群众名单', `王五 ${ID_NUMBER}`]),
      }),
    );
    const picture = view(await upload(t.app, author, { filename: '慰问.png', bytes: await png(1000, 600) }));
    const created = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '关于春节慰问困难群众的公示',
      bodyHtml: `<p>现将名单公示如下。</p><p><img src="${picture.url}" alt="慰问现场"></p><p><a href="${word.url}">困难群众名单.docx</a></p>`,
      source: '青川市民政局',
      editor: '张雯',
      coverUrl: picture.url,
      coverAlt: '慰问活动',
      showCoverInBody: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ article: { id: number } }>().article.id;
    const texts = await t.gazette.deps.store.media.textForArticle(id);
    expect(texts).toEqual([expect.objectContaining({ name: '困难群众名单.docx', url: word.url })]);
    expect(texts[0]?.text).toContain(ID_NUMBER);

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
    const error = blocked.json<{
      error: { code: string; findings: { rule: string; field: string; key: string }[] };
    }>().error;
    expect(error.code).toBe('GZ_ARTICLE_BLOCKED_BY_CHECKS');
    expect(error.findings).toEqual([expect.objectContaining({ rule: 'personal-id', field: 'attachment' })]);

    const published = await act(publisher, id, 'publish', {
      override: { reason: '名单经本人同意公示', acknowledged: error.findings.map((f) => f.key) },
    });
    expect(published.statusCode, published.body).toBe(200);
    const path = (await publisher.call('GET', `/articles/${id}`)).json<{ article: { path: string } }>()
      .article.path;
    const html = (await get(path)).body;
    const key = picture.url.slice('/media/f/'.length, '/media/f/'.length + 20);
    expect(html).toContain('<picture><source type="image/webp"');
    expect(html).toContain(`/media/f/${key}_480w.webp 480w`);
    expect(html).toContain(`/media/f/${key}_960w.png 960w, ${picture.url} 1000w`);
    expect(html).toMatch(/width="1000" height="600" alt="慰问现场" loading="lazy"/);
    // The cover is above the fold: the same renditions, loaded at once.
    expect(html).toMatch(/width="1000" height="600" alt="慰问活动" fetchpriority="high"><\/picture>/);

    // Where it is used, and that a used file cannot be deleted.
    const usage = await author.call('GET', `/media/${word.id}/usage`);
    expect(usage.json<{ items: { articleId: number; current: boolean }[] }>().items).toEqual([
      expect.objectContaining({ articleId: id, current: true }),
    ]);
    const refused = await author.call('DELETE', `/media/${word.id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('GZ_MEDIA_IN_USE');
  });

  it('lists the library newest first and finds files by part of their name', async () => {
    const all = await author.call('GET', `/media?siteId=${siteId}&pageSize=2`);
    const page = all.json<{ items: UploadedView[]; total: number; page: number }>();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    const found = await author.call('GET', `/media?siteId=${siteId}&q=${encodeURIComponent('名单')}`);
    const names = found.json<{ items: UploadedView[] }>().items.map((i) => i.filename);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('名单'))).toBe(true);
    const wild = await author.call('GET', `/media?siteId=${siteId}&q=%25`);
    expect(wild.json<{ total: number }>().total).toBe(0);
  });

  it('replaces a file under the same link, keeping the old version, and only with the same type', async () => {
    const first = view(
      await upload(t.app, author, { filename: '办事指南.pdf', bytes: pdf(['version one']) }),
    );
    const replaced = await upload(
      t.app,
      author,
      { filename: '办事指南（修订）.pdf', bytes: pdf(['version two']) },
      {},
      `/media/${first.id}/replace`,
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(view(replaced)).toMatchObject({
      id: first.id,
      url: first.url,
      version: 2,
      filename: '办事指南（修订）.pdf',
    });
    expect((await get(first.url)).body).toContain('version two');
    expect(filesUnder(mediaDir)).toContain(blobName(first.sha256, 'pdf'));
    const wrong = await upload(
      t.app,
      author,
      { filename: '图.png', bytes: await png(10, 10) },
      {},
      `/media/${first.id}/replace`,
    );
    expect(errorOf(wrong).code).toBe('GZ_MEDIA_REPLACE_MISMATCH');
  });

  it('keeps an article attachment list entry of a library file in step with its replacement', async () => {
    const { deps } = t.gazette;
    const first = view(await upload(t.app, author, { filename: '预算表.pdf', bytes: pdf(['budget 2026']) }));
    const article = await createArticle(
      deps,
      systemPrincipal('test'),
      siteId,
      { columnId: notices.id, title: '2026年部门预算公开', bodyHtml: '<p>详见附件。</p>' },
      [attachmentInputOf((await deps.store.media.get(first.id))!)],
    );
    expect(article.attachments).toEqual([expect.objectContaining({ name: '预算表.pdf', url: first.url })]);
    expect((await deps.store.media.textForArticle(article.id)).map((m) => m.text)).toEqual(['budget 2026']);
    const longer = pdf(['budget 2026, revised', ...Array<string>(40).fill('line')]);
    await upload(t.app, author, { filename: '预算表.pdf', bytes: longer }, {}, `/media/${first.id}/replace`);
    const after = (await deps.store.articles.get(article.id))!.attachments[0];
    expect(after?.size).toBe(longer.length);
    expect(after?.url).toBe(first.url);
    const uses = (await author.call('GET', `/media/${first.id}/usage`)).json<{
      items: { articleId: number }[];
    }>();
    expect(uses.items.map((u) => u.articleId)).toEqual([article.id]);
  });

  it('deletes an unused file with its stored bytes, and audits uploads and deletions', async () => {
    const bytes = pdf(['to be deleted']);
    const file = view(await upload(t.app, author, { filename: '草稿附件.pdf', bytes }));
    const stored = blobName(file.sha256, 'pdf');
    expect(filesUnder(mediaDir)).toContain(stored);
    expect(readFileSync(join(mediaDir, stored))).toEqual(bytes);
    const deleted = await author.call('DELETE', `/media/${file.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(filesUnder(mediaDir)).not.toContain(stored);
    expect((await get(file.url)).statusCode).toBe(404);
    const audit = t.gazette.deps.store.audit;
    const actions = (await audit.list({ targetType: 'media', targetId: String(file.id) }, 10, 0)).map(
      (r) => r.action,
    );
    expect(actions.sort()).toEqual(['media.delete', 'media.upload']);
  });
});
