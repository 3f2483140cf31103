import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { API, TEST_PASSWORD } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { hasChromium } from '../support/browser.js';

// A sign-in does not say that an account is locked (that would tell strangers which names exist); its owner
// learns of it in the admin right after their next successful sign-in.

const MINUTE = 60_000;

describe.skipIf(!hasChromium)('the lock notice in the admin', () => {
  let admin: AdminBrowser;

  beforeAll(async () => {
    admin = await startAdminBrowser();
  }, 120_000);

  afterAll(() => admin?.close());

  it('is shown after the next sign-in once the lock ran out, and can be dismissed', async () => {
    const { t } = admin;
    const { user } = await createUser(t.gazette.deps, systemPrincipal('test'), {
      username: 'suoding',
      displayName: '测试锁定',
      password: TEST_PASSWORD,
      grants: [{ role: 'contributor', siteId: admin.siteId, columnId: null }],
    });
    await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: `${API}/session`, payload: { username: 'suoding', password } });
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
    t.clock.advance(MINUTE);
    for (let i = 0; i < 5; i += 1) expect((await login(`Wrong-password-${i}`)).statusCode).toBe(401);
    t.clock.advance(16 * MINUTE);

    const page = await admin.newPage('suoding');
    await page.goto(`${admin.base}/admin/`);
    await page.getByLabel('用户名').fill('suoding');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const notice = page.getByRole('alert').filter({ hasText: '锁定' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('5 次登录失败被锁定过 1 次');
    await notice.getByRole('button', { name: '知道了' }).click();
    expect(await page.getByRole('alert').filter({ hasText: '锁定' }).count()).toBe(0);
  });
});
