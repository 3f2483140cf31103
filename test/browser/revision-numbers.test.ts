import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { hasChromium } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';

/** The editor's 修订记录 numbers revisions 第 1 版, 第 2 版… even when workflow steps came between saves. */

let admin: AdminBrowser;

describe.skipIf(!hasChromium)('revision numbers in the editor', () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
  });

  it('shows 第 3 版, 第 2 版, 第 1 版 for three saves with a submission between them', async () => {
    const editor = await signedInUser(admin.t, 'xiugai', ['editor']);
    const columns = await admin.t.gazette.deps.store.columns.listBySite(admin.siteId);
    const fields = { columnId: columns.find((c) => c.kind === 'notice')!.id, title: '修订编号测试' };
    const created = await editor.call('POST', '/articles', {
      siteId: admin.siteId,
      ...fields,
      bodyHtml: '<p>一稿。</p>',
    });
    const { id } = created.json<{ article: { id: number } }>().article;
    const versionOf = async () =>
      (await editor.call('GET', `/articles/${id}`)).json<{ article: { version: number } }>().article.version;
    expect(
      (await editor.call('POST', `/articles/${id}/submit`, { version: await versionOf() })).statusCode,
    ).toBe(200);
    for (const bodyHtml of ['<p>二稿。</p>', '<p>三稿。</p>']) {
      const res = await editor.call('PUT', `/articles/${id}`, {
        version: await versionOf(),
        ...fields,
        bodyHtml,
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    const page = await admin.newPage('xiugai');
    await page.context().addCookies([{ name: 'gz_session', value: editor.cookie, url: admin.base }]);
    await page.goto(`${admin.base}/admin/articles/${id}`);
    const numbers = page.locator('.gz-revisions .gz-revision-version');
    await expect.poll(() => numbers.count(), { timeout: 15_000 }).toBe(3);
    expect(await numbers.allInnerTexts()).toEqual(['第 3 版', '第 2 版', '第 1 版']);
  }, 60_000);
});
