import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateArticle, type MediaStore } from '../../src/app/index.js';
import type { Article } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { filesUnder, upload } from '../media/media-client.js';
import { API, errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { testDatabaseUrl } from '../support/postgres.js';

// An upload cut short and a full disk are the client's and the operator's problems, not a crash: each gets
// a clear error in Chinese and English (400 and 507), the log keeps the real cause, and nothing is half-written.

let t: TestGazette;
let editor: AdminClient;
let mediaDir: string;

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'storage-editor', ['editor']);
  mediaDir = join(t.dataDir, 'media');
});

afterAll(async () => {
  await t.close();
});

const TEXT_FILE = { filename: '通知.txt', bytes: Buffer.from('关于开展安全生产检查的通知\n'.repeat(20)) };

async function mediaCount(): Promise<number> {
  const [site] = await t.gazette.deps.store.sites.list();
  const res = await editor.call('GET', `/media?siteId=${site!.id}`);
  return res.json<{ total: number }>().total;
}

describe('an upload cut short', () => {
  it('answers 400 GZ_MEDIA_UPLOAD_INCOMPLETE and leaves no file behind', async () => {
    const before = filesUnder(mediaDir);
    const count = await mediaCount();
    const boundary = '----gazetteTruncated';
    // The HTTP body is complete, the multipart inside it is not: the file part never ends.
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\n${'正文'.repeat(2000)}`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/media`,
      cookies: { gz_session: editor.cookie },
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': editor.csrf },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).code).toBe('GZ_MEDIA_UPLOAD_INCOMPLETE');
    expect(errorOf(res).messageZh).toMatch(/上传/);
    expect(filesUnder(mediaDir)).toEqual(before);
    expect(await mediaCount()).toBe(count);
  });
});

describe('a full file store', () => {
  it('answers 507 GZ_STORAGE_FULL to an upload, with nothing stored', async () => {
    const media = t.gazette.deps.media!;
    const full = (): Promise<never> =>
      Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const files: MediaStore = { ...media.files, write: full, adopt: full, put: full };
    const server = await buildServer({
      deps: { ...t.gazette.deps, media: { ...media, files } },
      theme: t.gazette.theme,
      mediaDir,
      logLevel: 'silent',
      trustProxy: false,
    });
    try {
      const count = await mediaCount();
      const res = await upload(server, editor, TEXT_FILE);
      expect(res.statusCode, res.body).toBe(507);
      expect(errorOf(res).code).toBe('GZ_STORAGE_FULL');
      expect(errorOf(res).messageZh).toMatch(/存储空间/);
      expect(errorOf(res).message).not.toMatch(/ENOSPC/);
      expect(await mediaCount()).toBe(count);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(testDatabaseUrl() !== null)('a full database (SQLite)', () => {
  it('keeps the error of a transaction that SQLite already rolled back by itself', async () => {
    // SQLite ends the transaction by itself on some errors (a full disk among them); the error that says
    // so must reach the caller, not the "cannot rollback - no transaction is active" of a second rollback.
    const work = t.gazette.database.db.transaction().execute(async (trx) => {
      await sql`rollback`.execute(trx);
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await expect(work).rejects.toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
  });

  const limitPages = async (pages: number | null) => {
    const db = t.gazette.database.db;
    if (pages === null) {
      await sql`pragma max_page_count = 1073741823`.execute(db);
      return;
    }
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
  };

  it('answers 507 GZ_STORAGE_FULL to a save, keeps the real cause and writes nothing', async () => {
    const [site] = await t.gazette.deps.store.sites.list();
    const column = (await t.gazette.deps.store.columns.listBySite(site!.id)).find((c) => c.kind !== 'link')!;
    const created = await editor.call('POST', '/articles', {
      siteId: site!.id,
      columnId: column.id,
      title: '存储测试',
      bodyHtml: '<p>短</p>',
    });
    const article = created.json<{ article: Article }>().article;
    const auditBefore = await t.gazette.deps.store.audit.count({});
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.gazette.database.db);
    await limitPages(rows[0]!.page_count);
    const body = `<p>${'政府信息公开'.repeat(20_000)}</p>`;
    try {
      const res = await editor.call('PUT', `/articles/${article.id}`, {
        version: article.version,
        columnId: column.id,
        title: '存储测试（改）',
        bodyHtml: body,
      });
      expect(res.statusCode, res.body).toBe(507);
      expect(errorOf(res).code).toBe('GZ_STORAGE_FULL');
      expect(errorOf(res).messageZh).toMatch(/存储空间/);
      // The use case sees the database's own error as the cause, not a failed rollback.
      await expect(
        updateArticle(t.gazette.deps, { kind: 'system', reason: 'test' }, article.id, article.version, {
          columnId: column.id,
          title: '存储测试（改）',
          bodyHtml: body,
        }),
      ).rejects.toMatchObject({ code: 'GZ_STORAGE_FULL', cause: { code: 'SQLITE_FULL' } });
    } finally {
      await limitPages(null);
    }
    const stored = await t.gazette.deps.store.articles.get(article.id);
    expect(stored).toMatchObject({ version: article.version, title: '存储测试', bodyHtml: '<p>短</p>' });
    expect(await t.gazette.deps.store.audit.count({})).toBe(auditBefore);
    expect((await t.gazette.deps.store.audit.verify()).ok).toBe(true);
    // With room again, the same save goes through.
    const retry = await editor.call('PUT', `/articles/${article.id}`, {
      version: article.version,
      columnId: column.id,
      title: '存储测试（改）',
      bodyHtml: body,
    });
    expect(retry.statusCode, retry.body).toBe(200);
  });
});
