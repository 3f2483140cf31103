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
 * The admin article list in Chromium: the publish-time column, full-text search over titles and bodies, the
 * author filter, and a bulk action (删除草稿) chosen with checkboxes, confirmed in a dialog with the count, and
 * reported as what succeeded and what was refused, with the reason.
 */

let admin: AdminBrowser;
let t: TestGazette;
let base: string;
let siteId: number;
let notices: Column;
let writer: AdminClient;
let editor: AdminClient;
let publisher: AdminClient;
const WORD = '护林员巡查';
const ids: number[] = [];

async function pageAs(client: AdminClient): Promise<Page> {
  const page = await admin.newPage(client.username);
  await page.context().addCookies([{ name: 'gz_session', value: client.cookie, url: base }]);
  return page;
}

describe.skipIf(!hasChromium)('the admin article list in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
    ({ t, base, siteId } = admin);
    notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
    writer = await signedInUser(t, 'xiezuo', ['contributor']);
    editor = await signedInUser(t, 'bianji', ['editor']);
    publisher = await signedInUser(t, 'qianfa', ['publisher']);
    await t.gazette.deps.store.users.update(writer.userId, { displayName: '王小写' }, t.clock.now());
    for (const title of ['关于秋季森林防火的通知', '关于加强林区管理的通知']) {
      const res = await writer.call('POST', '/articles', {
        siteId,
        columnId: notices.id,
        title,
        bodyHtml: `<p>请各乡镇落实${WORD}制度。</p>`,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<{ article: { id: number } }>().article.id);
    }
  }, 120_000);

  afterAll(() => admin?.close());

  it('shows publish times, searches bodies and filters by author', async () => {
    const page = await pageAs(editor);
    await page.goto(`${base}/admin/articles`);
    await page.locator('table').waitFor();
    const heads = await page.locator('thead th').allInnerTexts();
    expect(heads).toEqual(expect.arrayContaining(['发布时间', '更新时间']));
    const author = page.getByLabel('作者');
    await expect.poll(() => author.locator('option').allInnerTexts()).toContain('王小写');

    await page.getByLabel('全文搜索').fill(WORD);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(page.url()).toContain(`q=${encodeURIComponent(WORD)}`);
    await author.selectOption({ label: '王小写' });
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('deletes chosen drafts after a confirmation with the count, and says what was refused and why', async () => {
    const live = (await t.gazette.deps.store.articles.listPublished({ siteId }, 1, 0))[0]!;
    const page = await pageAs(editor);
    await page.goto(`${base}/admin/articles?q=${encodeURIComponent(WORD)}`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    for (const title of ['关于秋季森林防火的通知', '关于加强林区管理的通知']) {
      await page.getByRole('checkbox', { name: `选择：${title}` }).check();
    }
    await expect.poll(() => page.locator('.bulk-bar').innerText()).toContain('已选 2 篇');
    await page.getByRole('button', { name: '删除草稿' }).click();
    const dialog = page.getByRole('dialog', { name: '删除草稿' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('2 篇');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('admin', 'bulk-delete.png') });
    await dialog.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(() => page.locator('[role="status"].notice').innerText()).toContain('2 篇成功');
    for (const id of ids) expect(await t.gazette.deps.store.articles.get(id)).toBeUndefined();

    // A published article is not a draft: refused, with the reason.
    await page.goto(`${base}/admin/articles?q=${encodeURIComponent(live.title)}`);
    await page.getByRole('checkbox', { name: `选择：${live.title}` }).check();
    await page.getByRole('button', { name: '删除草稿' }).click();
    await page.getByRole('dialog', { name: '删除草稿' }).getByRole('button', { name: '确认删除' }).click();
    const report = page.locator('[role="status"].notice');
    await expect.poll(() => report.innerText()).toContain('0 篇成功，1 篇未执行');
    expect(await report.innerText()).toContain('稿件当前状态不允许此操作');
    expect(await t.gazette.deps.store.articles.get(live.id)).toBeDefined();
    await page.screenshot({ path: artifactPath('admin', 'bulk-report.png'), fullPage: true });
  });

  it('signs off approved articles in bulk with one 签发意见, recorded on each', async () => {
    const reviewers = [
      await signedInUser(t, 'chushen', ['reviewer-1']),
      await signedInUser(t, 'fushen', ['reviewer-2']),
      await signedInUser(t, 'zhongshen', ['reviewer-3']),
    ];
    const res = await writer.call('POST', '/articles', {
      siteId,
      columnId: notices.id,
      title: '关于冬季森林防火检查的通知',
      bodyHtml: '<p>各乡镇人民政府：现将有关事项通知如下。</p>',
      source: '青川市林业局',
      editor: '张雯',
    });
    const id = res.json<{ article: { id: number } }>().article.id;
    for (const [who, action] of [
      [writer, 'submit'] as const,
      ...reviewers.map((r) => [r, 'approve'] as const),
    ]) {
      const version = (await t.gazette.deps.store.articles.get(id))!.version;
      const done = await who.call('POST', `/articles/${id}/${action}`, { version });
      expect(done.statusCode, done.body).toBe(200);
    }
    const page = await pageAs(publisher);
    await page.goto(`${base}/admin/articles?status=approved`);
    await page.getByRole('checkbox', { name: '选择：关于冬季森林防火检查的通知' }).check();
    await page.locator('.bulk-bar').getByRole('button', { name: '签发' }).click();
    const dialog = page.getByRole('dialog', { name: '签发' });
    await dialog.getByLabel('签发意见（可选）').fill('同意发布。');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await expect
      .poll(() => page.locator('[role="status"].notice').innerText())
      .toContain('1 篇成功，0 篇未执行');
    expect((await t.gazette.deps.store.articles.get(id))!.status).toBe('published');
    const reviews = await t.gazette.deps.store.articles.listReviews(id);
    expect(reviews.at(-1)).toMatchObject({ decision: 'publish', comment: '同意发布。' });
  });
});
