import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { PASSWORD_RULE } from '../../src/core/index.js';
import { API, TEST_PASSWORD } from '../support/admin-client.js';
import { hasChromium } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';

/** The admin's 设置新密码 screen states the password rule the server enforces, in its words. */

let admin: AdminBrowser;

describe.skipIf(!hasChromium)('the password rule in the admin', () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
  });

  it('shows the enforced rule when a new password must be chosen', async () => {
    await createUser(admin.t.gazette.deps, systemPrincipal('test'), {
      username: 'xinren',
      displayName: '新人',
      password: TEST_PASSWORD,
      grants: [{ role: 'contributor', siteId: admin.siteId, columnId: null }],
    });
    const login = await admin.t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { username: 'xinren', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
    const page = await admin.newPage('xinren');
    await page.context().addCookies([{ name: 'gz_session', value: cookie, url: admin.base }]);
    await page.goto(`${admin.base}/admin/`);
    const card = page.locator('form', { has: page.locator('[name="newPassword"]') }).locator('..');
    await card.waitFor();
    // The rule comes from the API after the card is drawn.
    await expect.poll(() => card.innerText()).toContain(PASSWORD_RULE.zh);
    expect(await card.innerText()).not.toMatch(/至少 ?\d+ ?位/);
  }, 60_000);
});
