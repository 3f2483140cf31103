import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  publishArticle,
  systemPrincipal,
  updateSite,
  withdrawArticle,
} from '../../src/app/index.js';
import { blobName } from '../../src/media/index.js';
import { buildSite, currentBuild, outputLayout } from '../../src/publish/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { upload, type UploadedView } from '../media/media-client.js';
import { pdf, png } from '../media/media-fixtures.js';

/**
 * Uploaded files are public only once a published article (or page) or the site settings use them; signed-in
 * editors see the rest, never cached publicly; files of a private purpose are never served under /media.
 */

const SYSTEM = systemPrincipal('test');

let t: TestGazette;
let siteId: number;
let columnId: number;
let writer: AdminClient;

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  columnId = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!.id;
  writer = await signedInUser(t, 'mediawriter', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const asEditor = (url: string) =>
  t.app.inject({ method: 'GET', url, cookies: { gz_session: writer.cookie } });

async function uploaded(name: string, colour: number): Promise<UploadedView> {
  const res = await upload(
    t.app,
    writer,
    {
      filename: name,
      contentType: 'image/png',
      bytes: await png(320 + colour, 200, { r: colour, g: 80, b: 160 }),
    },
    { siteId: String(siteId) },
  );
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<UploadedView>();
}

const blobUrl = (file: UploadedView) => `/media/${blobName(file.sha256, 'png')}`;

async function article(title: string, file: UploadedView) {
  return createArticle(t.gazette.deps, SYSTEM, siteId, {
    columnId,
    title,
    bodyHtml: `<p>正文</p><p><img src="${file.url}" alt="示意图"></p>`,
    editor: '张雯',
  });
}

describe('media served under /media', () => {
  it('is not public before an article using it is published, but signed-in editors see it, never cached publicly', async () => {
    const photo = await uploaded('未发布.png', 10);
    for (const url of [photo.url, blobUrl(photo)]) {
      const res = await anonymous(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['cache-control'], url).toMatch(/no-store/);
      const editor = await asEditor(url);
      expect(editor.statusCode, url).toBe(200);
      expect(editor.headers['cache-control'], url).toBe('private, no-store');
    }
    // A draft using it does not make it public either.
    await article('草稿引用图片', photo);
    expect((await anonymous(photo.url)).statusCode).toBe(404);
  });

  it('becomes public with a published article, and stops being public when that article is withdrawn', async () => {
    const photo = await uploaded('发布.png', 30);
    const draft = await article('发布后公开的图片', photo);
    const live = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    for (const url of [photo.url, blobUrl(photo)]) {
      const res = await anonymous(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toMatch(/^public/);
      expect(res.headers['cache-control'], url).not.toMatch(/immutable/);
    }
    await withdrawArticle(t.gazette.deps, SYSTEM, live.id, '核实中');
    for (const url of [photo.url, blobUrl(photo)]) {
      expect((await anonymous(url)).statusCode, url).toBe(404);
      expect((await asEditor(url)).headers['cache-control'], url).toBe('private, no-store');
    }
  });

  it("keeps a withdrawn article's file public while another published article uses it", async () => {
    const photo = await uploaded('共用.png', 50);
    const first = await publishArticle(t.gazette.deps, SYSTEM, (await article('共用图片一', photo)).id);
    await publishArticle(t.gazette.deps, SYSTEM, (await article('共用图片二', photo)).id);
    await withdrawArticle(t.gazette.deps, SYSTEM, first.id, '重复');
    expect((await anonymous(photo.url)).statusCode).toBe(200);
  });

  it('makes a file public that the site settings use (a QR code)', async () => {
    const qr = await uploaded('二维码.png', 70);
    expect((await anonymous(qr.url)).statusCode).toBe(404);
    const site = (await t.gazette.deps.store.sites.get(siteId))!;
    await updateSite(t.gazette.deps, SYSTEM, siteId, {
      ...site,
      accounts: [{ name: '青川发布', kind: 'wechat', qrUrl: qr.url }],
    });
    expect((await anonymous(qr.url)).statusCode).toBe(200);
  });

  it('serves an attachment published with an article (a PDF) to anyone', async () => {
    const res = await upload(
      t.app,
      writer,
      { filename: '附件.pdf', contentType: 'application/pdf', bytes: pdf(['attachment']) },
      { siteId: String(siteId) },
    );
    const file = res.json<UploadedView>();
    expect((await anonymous(file.url)).statusCode).toBe(404);
    const draft = await createArticle(
      t.gazette.deps,
      SYSTEM,
      siteId,
      { columnId, title: '带附件的通知', bodyHtml: '<p>见附件。</p>', editor: '张雯' },
      [{ url: file.url, name: '附件' }],
    );
    await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    expect((await anonymous(file.url)).statusCode).toBe(200);
  });

  it('never serves a file of a private purpose (what citizens send), even to editors or when linked', async () => {
    const deps = t.gazette.deps;
    const stored = await deps.media!.files.put(pdf(['citizen letter']), 'pdf');
    const item = await deps.store.media.create(
      {
        siteId,
        key: 'a1b2c3d4e5f6a7b8c9d0',
        name: '来信附件.pdf',
        alt: '',
        kind: 'document',
        mime: 'application/pdf',
        ext: 'pdf',
        size: stored.size,
        sha256: stored.sha256,
        width: null,
        height: null,
        variants: [],
        text: '',
        textStatus: 'none',
        uploadedBy: null,
        purpose: 'private',
      },
      t.clock.now(),
    );
    expect(item.purpose).toBe('private');
    const link = `/media/f/${item.key}.pdf`;
    const draft = await createArticle(deps, SYSTEM, siteId, {
      columnId,
      title: '误链私有附件',
      bodyHtml: `<p><a href="${link}">附件</a></p>`,
      editor: '张雯',
    });
    await publishArticle(deps, SYSTEM, draft.id);
    for (const url of [link, `/media/${blobName(stored.sha256, 'pdf')}`]) {
      expect((await anonymous(url)).statusCode, url).toBe(404);
      expect((await asEditor(url)).statusCode, url).toBe(404);
    }
  });

  it('copies only public media into the static build', async () => {
    const hidden = await uploaded('不公开.png', 90);
    const shown = await uploaded('公开.png', 110);
    await publishArticle(t.gazette.deps, SYSTEM, (await article('静态构建公开图片', shown)).id);
    const work = mkdtempSync(join(tmpdir(), 'gazette-media-build-'));
    try {
      const out = join(work, 'site');
      await buildSite({
        store: t.gazette.deps.store,
        theme: t.gazette.theme,
        now: t.clock.now(),
        out,
        mediaDir: join(t.dataDir, 'media'),
      });
      const root = currentBuild(outputLayout(out))!.dir;
      const copied = readdirSync(join(root, 'media'), { recursive: true }).map(String);
      expect(copied.some((name) => name.includes(shown.sha256))).toBe(true);
      expect(copied.some((name) => name.includes(hidden.sha256))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
