/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { hasChromium } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';

/**
 * The editor's live content check in Chromium: what is typed is checked while it is typed, without saving,
 * and a check that fails says so and is tried again (it never passes for a clean result).
 */

let admin: AdminBrowser;
let columnId: number;

/** A writer's page on a new article in the demo site, signed in through the API (the session cookie). */
async function newArticlePage(username: string): Promise<Page> {
  const client = await signedInUser(admin.t, username, ['contributor']);
  const page = await admin.newPage(username);
  await page.context().addCookies([{ name: 'gz_session', value: client.cookie, url: admin.base }]);
  await page.goto(`${admin.base}/admin/articles/new`);
  await page.locator('.gz-prose').waitFor();
  await page.locator('[name="title"]').fill('关于征兵报名的通知');
  await page.locator('[name="columnId"]').selectOption(String(columnId));
  return page;
}

describe.skipIf(!hasChromium)('live content check in the editor', () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
    const columns = await admin.t.gazette.deps.store.columns.listBySite(admin.siteId);
    columnId = columns.find((c) => c.kind === 'notice')!.id;
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('finds a mobile number in the typed body without saving', async () => {
    const page = await newArticlePage('livecheck');
    const answers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/admin/api/checks') answers.push(response.status());
    });
    await page.locator('.gz-prose').click();
    await page.keyboard.type('报名咨询电话：13812345678。');

    const finding = page.locator('.gz-checks .gz-finding-button', { hasText: '13812345678' });
    await finding.waitFor({ timeout: 15_000 });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    // Nothing was saved: the address is still the new article's.
    expect(new URL(page.url()).pathname).toBe('/admin/articles/new');
    expect(await page.locator('.gz-checks').innerText()).not.toContain('未发现问题');
  }, 60_000);

  it('shows that checking failed, never a clean result, and tries again', async () => {
    const page = await newArticlePage('livecheckfail');
    let failures = 0;
    await page.route('**/admin/api/checks', (route) => {
      failures += 1;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'GZ_OVERLOADED', message: 'Busy.', messageZh: '服务器繁忙。' },
        }),
      });
    });
    await page.locator('.gz-prose').click();
    await page.keyboard.type('报名咨询电话：13812345678。');

    const panel = page.locator('.gz-checks');
    await panel.getByText('检查失败，正在重试').waitFor({ timeout: 15_000 });
    expect(await panel.innerText()).not.toContain('未发现问题');
    // It tries again by itself, and once the server answers, the finding is there.
    await expect.poll(() => failures, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.unroute('**/admin/api/checks');
    await panel.locator('.gz-finding-button', { hasText: '13812345678' }).waitFor({ timeout: 30_000 });
    expect(await panel.innerText()).not.toContain('检查失败');
  }, 90_000);
});
