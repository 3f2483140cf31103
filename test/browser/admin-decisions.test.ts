/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, hasChromium } from '../support/browser.js';
import type { TestGazette } from '../support/gazette.js';

/**
 * Decisions in the admin: 通过, 退回 and 签发 each ask for confirmation in a dialog that names the article and
 * the level and takes an opinion (required to send back); the 审核记录 lists every decision, 签发 included, by
 * the person's display name; the review queue only opens the article, it does not decide from the list.
 */

let admin: AdminBrowser;
let t: TestGazette;
let base: string;
let siteId: number;
let notices: Column;
let author: AdminClient;
let r1: AdminClient;
let r2: AdminClient;
let r3: AdminClient;
let publisher: AdminClient;
const TITLE = '关于做好今冬明春森林防火工作的通知';
let articleId: number;

/** A browser page signed in as the client's session (the admin reads `/session` when it starts). */
async function pageAs(client: AdminClient): Promise<Page> {
  const page = await admin.newPage(client.username);
  await page.context().addCookies([{ name: 'gz_session', value: client.cookie, url: base }]);
  return page;
}

async function act(by: AdminClient, action: string, payload: Record<string, unknown> = {}): Promise<void> {
  const seen = (await by.call('GET', `/articles/${articleId}`)).json<{ article: { version: number } }>();
  const res = await by.call('POST', `/articles/${articleId}/${action}`, {
    version: seen.article.version,
    ...payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function openArticle(page: Page): Promise<void> {
  await page.goto(`${base}/admin/articles/${articleId}`);
  await page.locator('.gz-status .badge').waitFor();
}

const statusOf = (page: Page) => page.locator('.gz-status .badge').innerText();

describe.skipIf(!hasChromium)('confirmations and opinions in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
    ({ t, base, siteId } = admin);
    notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
    author = await signedInUser(t, 'zuozhe', ['contributor']);
    r1 = await signedInUser(t, 'chushen', ['reviewer-1']);
    r2 = await signedInUser(t, 'fushen', ['reviewer-2']);
    r3 = await signedInUser(t, 'zhongshen', ['reviewer-3']);
    publisher = await signedInUser(t, 'qianfa', ['publisher']);
    for (const [client, name] of [
      [r1, '王初审'],
      [r2, '赵复审'],
      [publisher, '李签发'],
    ] as const) {
      await t.gazette.deps.store.users.update(client.userId, { displayName: name }, t.clock.now());
    }
    const res = await author.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: TITLE,
      bodyHtml: '<p>各乡镇人民政府：现将有关事项通知如下。</p>',
      source: '青川市林业局',
      editor: '张雯',
    });
    expect(res.statusCode, res.body).toBe(201);
    articleId = res.json<{ article: { id: number } }>().article.id;
    await act(author, 'submit');
  }, 120_000);

  afterAll(() => admin?.close());

  it('offers no decision in the review queue: its button opens the article', async () => {
    const page = await pageAs(r1);
    await page.goto(`${base}/admin/review`);
    const row = page.locator('tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    const open = row.getByRole('link', { name: '审阅' });
    expect(await open.getAttribute('href')).toBe(`/admin/articles/${articleId}`);
    await open.click();
    await page.waitForURL(`${base}/admin/articles/${articleId}`);
    await page.locator('button[data-action="approve"]').waitFor();
  });

  it('confirms 通过 in a labelled dialog with the title, the level and an optional opinion', async () => {
    const page = await pageAs(r1);
    await openArticle(page);
    const button = page.locator('button[data-action="approve"]');
    await button.click();
    const dialog = page.getByRole('dialog', { name: '审核通过' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(TITLE);
    expect(await dialog.innerText()).toContain('初审');
    // Focus is in the dialog, on the opinion.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('admin', 'decision-approve.png') });

    // Escape cancels: nothing is decided and the focus returns to the button.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('approve');
    expect((await t.gazette.deps.store.articles.get(articleId))!.reviewLevel).toBe(1);

    await button.click();
    await dialog.getByLabel('审核意见（可选）').fill('同意，请复审。');
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await expect.poll(() => page.locator('.gz-status').innerText()).toContain('等待复审');
    const record = await page.locator('.gz-reviews').innerText();
    expect(record).toContain('王初审');
    expect(record).not.toContain('chushen');
    expect(record).toContain('同意，请复审。');
  });

  it('will not send back without an opinion, and records the one given', async () => {
    const page = await pageAs(r2);
    await openArticle(page);
    await page.locator('button[data-action="reject"]').click();
    const dialog = page.getByRole('dialog', { name: '退回修改' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('复审');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => dialog.locator('[role="alert"]').innerText()).toContain('必填');
    expect((await t.gazette.deps.store.articles.get(articleId))!.status).toBe('in-review');
    await dialog.getByLabel('退回意见（必填）').fill('第二段时间表述不准确。');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => statusOf(page)).toBe('草稿');
    const record = await page.locator('.gz-reviews').innerText();
    expect(record).toContain('赵复审');
    expect(record).toContain('第二段时间表述不准确。');
  });

  it('confirms 签发 with a 签发意见, which the 审核记录 and the audit log keep', async () => {
    await act(author, 'submit');
    await act(r1, 'approve');
    await act(r2, 'approve');
    await act(r3, 'approve');
    const page = await pageAs(publisher);
    await openArticle(page);
    await expect.poll(() => statusOf(page)).toBe('待签发');
    await page.locator('button[data-action="publish"]').click();
    const dialog = page.getByRole('dialog', { name: '签发' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(TITLE);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('签发意见（可选）').fill('同意发布。');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await expect.poll(() => statusOf(page)).toBe('已发布');
    const last = page.locator('.gz-reviews li').last();
    expect(await last.innerText()).toMatch(/签发[\s\S]*李签发[\s\S]*同意发布。/);
    expect(await axeViolations(page, '.gz-workflow')).toEqual([]);
    await page.screenshot({ path: artifactPath('admin', 'decision-record.png'), fullPage: true });

    const trail = await t.gazette.deps.store.audit.list(
      { targetType: 'article', targetId: String(articleId), action: 'article.publish' },
      10,
      0,
    );
    expect(trail[0]?.summary).toMatchObject({ comment: '同意发布。' });
  });
});
