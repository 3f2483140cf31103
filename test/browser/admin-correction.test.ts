import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createUser, publishArticle, systemPrincipal } from '../../src/app/index.js';
import type { Principal } from '../../src/core/index.js';
import { TEST_PASSWORD } from '../support/admin-client.js';
import { hasChromium } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';

/**
 * The editor on a published article: a saved change is a correction held for 终审, and the editor says that the
 * published version is still online (and keeps showing the pending text after a reload).
 */
describe.skipIf(!hasChromium)('a correction in the admin editor', { timeout: 120_000 }, () => {
  let admin: AdminBrowser;

  beforeAll(async () => {
    admin = await startAdminBrowser();
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('says 修改待审核，线上仍为已发布版本 after saving a change to a published article', async () => {
    const { t, base, siteId } = admin;
    const deps = t.gazette.deps;
    const { user } = await createUser(deps, systemPrincipal('test'), {
      username: 'gengzheng',
      displayName: '测试更正',
      password: TEST_PASSWORD,
      grants: [{ role: 'contributor', siteId, columnId: null }],
    });
    await deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
    const author: Principal = { kind: 'user', user, ip: '127.0.0.1' };
    const columnId = (await deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!.id;
    const draft = await createArticle(deps, author, siteId, {
      columnId,
      title: '关于调整公交线路的通告',
      bodyHtml: '<p>现将有关事项通告如下。</p>',
      editor: '张雯',
    });
    const live = await publishArticle(deps, systemPrincipal('test'), draft.id);

    const page = await admin.newPage('gengzheng');
    await page.goto(`${base}/admin/`);
    await page.getByLabel('用户名').fill('gengzheng');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await page.goto(`${base}/admin/articles/${live.id}`);
    await page.locator('.gz-prose').waitFor();
    const title = page.locator('input[id$="-title"]');
    await expect.poll(() => title.inputValue()).toBe('关于调整公交线路的通告');

    await title.fill('关于调整2路公交线路的通告');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('修改待审核，线上仍为已发布版本').waitFor();

    const publicPage = await t.app.inject({ method: 'GET', url: live.path! });
    expect(publicPage.body).toContain('关于调整公交线路的通告');
    expect(publicPage.body).not.toContain('2路公交');

    await page.reload();
    await page.getByText('修改待审核，线上仍为已发布版本').waitFor();
    await expect.poll(() => title.inputValue()).toBe('关于调整2路公交线路的通告');
  });
});
