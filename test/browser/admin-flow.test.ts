/// <reference lib="dom" />
import { Secret, TOTP } from 'otpauth';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import type { Column, Role } from '../../src/core/index.js';
import { API, TEST_PASSWORD } from '../support/admin-client.js';
import { artifactPath, hasChromium } from '../support/browser.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import type { TestGazette } from '../support/gazette.js';
import { WORD_HTML } from './paste-fixtures.js';

/**
 * The editor's day in Chromium: an author enrols TOTP at first sign-in, writes an article with a
 * heading, a table and an uploaded image, pastes from Word, submits; 初审, 复审 and 终审 approve, each a
 * different person; the publisher signs it off and it is on the public site. Then a rejection, two
 * sessions saving the same article (the conflict message), the word-level diff and the checks panel.
 */

let admin: AdminBrowser;
let t: TestGazette;
let base: string;
let siteId: number;
let notices: Column;
/** TOTP secrets by username, for signing in again. */
const secrets = new Map<string, string>();
/** The first signed-in page of each user, for coming back to later. */
const pages = new Map<string, Page>();
let articleId: number;
let rejectedId: number;

async function makeUser(username: string, role: Role): Promise<void> {
  const { user } = await createUser(t.gazette.deps, systemPrincipal('test'), {
    username,
    displayName: `测试${username}`,
    password: TEST_PASSWORD,
    grants: [{ role, siteId, columnId: null }],
  });
  await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
}

/** Enrols TOTP through the API (as `signedInUser` does) and keeps the secret for signing in through the UI. */
async function enrolByApi(username: string): Promise<void> {
  const login = await t.app.inject({
    method: 'POST',
    url: `${API}/session`,
    payload: { username, password: TEST_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
  const { csrfToken } = login.json<{ csrfToken: string }>();
  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `${API}${url}`,
      cookies: { gz_session: cookie },
      headers: { 'x-csrf-token': csrfToken },
      payload,
    });
  const { secret } = (await post('/session/totp/enrol', {})).json<{ secret: string }>();
  const confirm = await post('/session/totp/confirm', { code: currentCode(secret) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  secrets.set(username, secret);
}

/** A fresh code: the clock moves to the next 30-second step first, as a used code is refused again. */
function currentCode(secret: string): string {
  t.clock.advance(30_000);
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.parse(t.clock.now()) });
}

/** Signs in through the login screen: password, then the TOTP code (or, the first time, enrolment). */
async function signIn(username: string): Promise<Page> {
  const page = await admin.newPage(username);
  await page.goto(`${base}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const known = secrets.get(username);
  const navigation = page.getByRole('navigation', { name: '主导航' });
  const secretElement = page.locator('code.secret[data-secret]');
  if (known === undefined) {
    // A role without a second factor goes straight in; one that needs it enrols at the first sign-in.
    await Promise.race([navigation.waitFor(), secretElement.waitFor()]);
    if (await navigation.isVisible()) return page;
    const secret = (await secretElement.getAttribute('data-secret'))!;
    secrets.set(username, secret);
    await page.getByLabel('验证码').fill(currentCode(secret));
    await page.getByRole('button', { name: '验证' }).click();
    await page.getByRole('button', { name: '我已保存恢复码，进入后台' }).click();
  } else {
    await page.getByLabel('验证码').fill(currentCode(known));
    await page.getByRole('button', { name: '验证' }).click();
  }
  await navigation.waitFor();
  if (!pages.has(username)) pages.set(username, page);
  return page;
}

/** The page a user signed in on before, or a new sign-in. */
async function pageOf(username: string): Promise<Page> {
  return pages.get(username) ?? (await signIn(username));
}

async function openArticle(page: Page, id: number): Promise<void> {
  await page.goto(`${base}/admin/articles/${id}`);
  await page.locator('.gz-prose').waitFor();
  await page.locator('.gz-status .badge').waitFor();
}

const statusOf = (page: Page) => page.locator('.gz-status .badge').innerText();

/** Runs a workflow button and the form it opens, if any, and waits for the server's answer. */
async function act(page: Page, action: string, text?: string): Promise<void> {
  // Wait for this action's own answer: a notice from the previous action may still be on the screen.
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(`/${action}`),
  );
  await page.locator(`button[data-action="${action}"]`).click();
  if (text !== undefined) {
    await page.locator('dialog.gz-confirm textarea').fill(text);
    await page.locator('dialog.gz-confirm button[type="submit"]').click();
  }
  await answered;
  await page.locator('.gz-editor-page .notice-ok').waitFor();
}

async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.locator('.gz-prose').evaluate((element, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', 'fallback');
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, html);
}

const editorHtml = (page: Page) => page.locator('.gz-prose').innerHTML();

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath('admin', name), fullPage: true });
}

describe.skipIf(!hasChromium)('the article editor in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
    ({ t, base, siteId } = admin);
    notices = (await t.gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'notice')!;
    expect(notices.reviewLevels).toBe(3);
    await makeUser('wangbian', 'contributor');
    // 初审 enrols TOTP through the sign-in screen; the others enrolled before and sign in with a code.
    await makeUser('chushen', 'reviewer-1');
    for (const [username, role] of [
      ['fushen', 'reviewer-2'],
      ['zhongshen', 'reviewer-3'],
      ['qianfa', 'publisher'],
    ] as const) {
      await makeUser(username, role);
      await enrolByApi(username);
    }
  }, 120_000);

  afterAll(() => admin?.close());

  it('lets an author sign in, write an article with a heading, a table and an image, paste from Word and submit', async () => {
    const page = await signIn('wangbian');
    await page.goto(`${base}/admin/articles/new`);
    await page.locator('.gz-prose').waitFor();
    await page.locator('[name="title"]').fill('关于做好2026年冬季供暖保障工作的通知');
    // Leaving with unsaved changes asks first; staying keeps the text.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '稿件' }).click();
    expect(await asked).toBe('有未保存的修改，确定离开吗？');
    expect(page.url()).toMatch(/\/admin\/articles\/new$/);
    await page.locator('[name="kicker"]').fill('民生保障');
    await page.locator('[name="columnId"]').selectOption(String(notices.id));
    await page.locator('[name="source"]').fill('青川市住房和城乡建设局');
    await page.locator('[name="editor"]').fill('张雯');
    await page.locator('[name="tags"]').fill('供暖，民生');

    const prose = page.locator('.gz-prose');
    await prose.click();
    await page.keyboard.type('为切实做好今冬明春供暖保障工作，现将有关事项通知如下。');
    await page.keyboard.press('Enter');
    await page.getByLabel('正文段落').selectOption('h2');
    await page.keyboard.type('一、工作安排');
    await page.keyboard.press('Enter');
    await page.keyboard.type('各供热企业按下表安排试运行。');
    await page.getByRole('button', { name: '插入表格' }).click();
    await page.keyboard.type('区县');
    await page.keyboard.press('Tab');
    await page.keyboard.type('试运行日期');
    await page.keyboard.press('Tab');
    await page.keyboard.type('热线');
    await page.keyboard.press('Tab');
    await page.keyboard.type('青川区');
    await page.keyboard.press('Tab');
    await page.keyboard.type('11月10日');
    await page.getByRole('button', { name: '删除行' }).waitFor();

    // An image: alt text is required before it is uploaded.
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3a6ea5' } })
      .png()
      .toBuffer();
    await prose.locator('p').first().click();
    await page.keyboard.press('End');
    await page.getByRole('button', { name: '图片', exact: true }).click();
    const dialog = page.locator('dialog.gz-dialog');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'heating.png', mimeType: 'image/png', buffer: png });
    await dialog.getByRole('button', { name: '插入' }).click();
    await expect.poll(() => dialog.locator('[role="alert"]').innerText()).toBe('请填写替代文字。');
    await dialog.getByLabel('替代文字（必填，供读屏软件朗读）').fill('供热管网检修现场');
    await dialog.getByRole('button', { name: '插入' }).click();
    await prose.locator('img[alt="供热管网检修现场"]').waitFor();
    await page.locator('[name="coverAlt"]').fill('青川区供热公司锅炉房');
    await page
      .locator('[name="cover"]')
      .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: png });
    await page.locator('.gz-cover img').waitFor();

    // Paste from Word at the end: lists become lists, Office markup disappears.
    await prose.locator('table').last().click();
    await page.keyboard.press('Control+End');
    await pasteHtml(page, WORD_HTML);
    await prose.locator('ol li').first().waitFor();
    const html = await editorHtml(page);
    expect(html).not.toMatch(/mso-|MsoNormal|o:p|font-family|仿宋_GB2312/);
    expect(html).toContain('供热企业于11月15日前完成试运行；');
    expect(await prose.locator('ol > li').count()).toBe(3);
    expect(await prose.locator('table').count()).toBe(2);

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    articleId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.locator('.gz-status .badge').waitFor();
    await expect.poll(() => statusOf(page)).toBe('草稿');

    const saved = (await t.gazette.deps.store.articles.get(articleId))!;
    expect(saved.bodyHtml).toMatch(/<h2>一、工作安排<\/h2>/);
    expect(saved.bodyHtml).toMatch(/<img src="\/media\/[^"]+" alt="供热管网检修现场"/);
    expect(saved.bodyHtml).toContain('<th>');
    expect(saved.bodyHtml).toContain('<ol><li><p>供热企业于11月15日前完成试运行；');
    expect(saved.tags).toEqual(['供暖', '民生']);
    expect(saved.kicker).toBe('民生保障');
    expect(saved.coverUrl).toMatch(/^\/media\//);
    expect(saved.coverAlt).toBe('青川区供热公司锅炉房');

    // Autosave: a change is saved by itself after a pause and says when.
    await page.locator('[name="summary"]').fill('今冬明春供暖保障的时间安排和责任分工。');
    await expect
      .poll(() => page.locator('.gz-save-state').innerText(), { timeout: 10_000 })
      .toMatch(/^已保存 \d\d:\d\d$/);
    expect((await t.gazette.deps.store.articles.get(articleId))!.summary).toBe(
      '今冬明春供暖保障的时间安排和责任分工。',
    );
    await shot(page, 'editor.png');

    // The preview is the public page's template, rendered by the server for this draft.
    await page.getByRole('button', { name: '预览' }).click();
    const frame = page.frameLocator('iframe.gz-preview-frame');
    await expect
      .poll(() => frame.locator('h1').first().innerText())
      .toBe('关于做好2026年冬季供暖保障工作的通知');
    expect(await frame.locator('img[alt="供热管网检修现场"]').count()).toBe(1);
    await page.screenshot({ path: artifactPath('admin', 'preview.png') });
    await page.getByRole('button', { name: '关闭预览' }).click();

    // On a tablet the side panels go under the text.
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot(page, 'editor-tablet.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Only the author's actions: submitting, no approving or publishing.
    const actions = await page
      .locator('.gz-actions button')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
    expect(actions).toEqual(['submit']);
    await act(page, 'submit');
    await expect.poll(() => statusOf(page)).toBe('审核中');
    await expect.poll(() => page.locator('.gz-status').innerText()).toContain('等待初审');
  });

  it('takes three different reviewers signing in with TOTP (初审 enrolling first) to approve, and the publisher to publish it', async () => {
    for (const [username, next] of [
      ['chushen', '等待复审'],
      ['fushen', '等待终审'],
      ['zhongshen', '待签发'],
    ] as const) {
      const page = await signIn(username);
      await openArticle(page, articleId);
      const actions = await page
        .locator('.gz-actions button')
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
      expect(actions).toEqual(['approve', 'reject']);
      // The reviewer of the level may correct the text as part of the review (the server says so); nothing
      // is changed yet, so there is nothing to save.
      expect(await page.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);
      if (username === 'chushen') await shot(page, 'review.png');
      await act(page, 'approve', `${username} 同意。`);
      await expect.poll(() => page.locator('.gz-status').innerText()).toContain(next);
    }

    const page = await signIn('qianfa');
    await openArticle(page, articleId);
    await page.locator('button[data-action="publish"]').click();
    await page.locator('dialog.gz-confirm button[type="submit"]').click();
    // If the checks block it, the publisher sees why and may sign it off with a reason.
    const blocked = page.locator('.gz-blocked');
    const done = page.locator('.gz-editor-page .notice-ok');
    await Promise.race([blocked.waitFor(), done.waitFor()]);
    if (await blocked.isVisible()) {
      await page.locator('dialog.gz-confirm textarea').fill('内容已人工核实，无需修改。');
      await page.locator('dialog.gz-confirm button[type="submit"]').click();
      await done.waitFor();
    }
    await expect.poll(() => statusOf(page)).toBe('已发布');
    const reviews = await page.locator('.gz-reviews li').allInnerTexts();
    expect(reviews.join('\n')).toMatch(/初审[\s\S]*复审[\s\S]*终审/);

    const { path } = (await t.gazette.deps.store.articles.get(articleId))!;
    expect(path).toMatch(/^\/.+\.html$/);
    const response = await page.goto(`${base}${path!}`);
    expect(response!.status()).toBe(200);
    await expect
      .poll(() => page.locator('h1').first().innerText())
      .toBe('关于做好2026年冬季供暖保障工作的通知');
    expect(await page.locator('main table, article table').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('img[alt="供热管网检修现场"]').count()).toBe(1);
    await shot(page, 'public-article.png');
  });

  it('sends an article back with a comment, which its author then reads and can edit', async () => {
    const author = await signIn('wangbian');
    await author.goto(`${base}/admin/articles/new`);
    await author.locator('.gz-prose').waitFor();
    await author.locator('[name="title"]').fill('青川区2026年冬季征兵工作开始报名');
    await author.locator('[name="columnId"]').selectOption(String(notices.id));
    await author.locator('.gz-prose').click();
    await author.keyboard.type('咨询电话：13812345678，联系人王老师。');
    await author.getByRole('button', { name: '保存', exact: true }).click();
    await author.waitForURL(/\/admin\/articles\/\d+$/);
    rejectedId = Number(/(\d+)$/.exec(author.url())![1]);
    await author.locator('button[data-action="submit"]').waitFor();

    // The checks found the mobile number; a click selects it in the body.
    const finding = author.locator('.gz-finding-button', { hasText: '13812345678' });
    await finding.waitFor();
    await finding.click();
    await expect.poll(() => author.evaluate(() => window.getSelection()?.toString())).toBe('13812345678');
    await shot(author, 'checks.png');
    await act(author, 'submit');

    const reviewer = await signIn('chushen');
    await openArticle(reviewer, rejectedId);
    await act(reviewer, 'reject', '请删除个人手机号码，改用单位办公电话。');
    await expect.poll(() => statusOf(reviewer)).toBe('草稿');

    await openArticle(author, rejectedId);
    await expect.poll(() => statusOf(author)).toBe('草稿');
    expect(await author.locator('.gz-reviews').innerText()).toContain(
      '请删除个人手机号码，改用单位办公电话。',
    );
    expect(await author.locator('button[data-action="submit"]').count()).toBe(1);
    expect(await author.locator('.gz-prose').getAttribute('contenteditable')).toBe('true');
  });

  it('tells the second of two sessions that saved the same article, and lets it reload or keep its text', async () => {
    const first = await signIn('wangbian');
    const second = await signIn('wangbian');
    await openArticle(first, rejectedId);
    await openArticle(second, rejectedId);

    await first.locator('[name="title"]').fill('青川区2026年冬季征兵报名开始');
    await first.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => first.locator('.gz-save-state').innerText()).toMatch(/^已保存/);

    const prose = second.locator('.gz-prose');
    await prose.click();
    await second.keyboard.press('Control+End');
    await second.keyboard.type('咨询电话改为0816-1234567。');
    await second.getByRole('button', { name: '保存', exact: true }).click();
    const conflict = second.locator('.gz-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('稿件已被他人修改');
    await shot(second, 'conflict.png');
    await conflict.getByRole('button', { name: '保留我的文字' }).click();
    await expect.poll(() => second.locator('.gz-save-state').innerText()).toMatch(/^已保存/);
    const kept = (await t.gazette.deps.store.articles.get(rejectedId))!;
    expect(kept.bodyHtml).toContain('0816-1234567');
    // Keeping my text keeps all of it, the title as this session had it included.
    expect(kept.title).toBe('青川区2026年冬季征兵工作开始报名');

    // The first session is now behind: it is told so too, and reloads the latest text.
    await first.locator('[name="summary"]').fill('征兵报名的时间和地点。');
    await first.getByRole('button', { name: '保存', exact: true }).click();
    await first.locator('.gz-conflict').waitFor();
    await first.locator('.gz-conflict').getByRole('button', { name: '载入最新版本' }).click();
    await expect.poll(() => first.locator('.gz-prose').innerText()).toContain('0816-1234567');
    expect(await first.locator('[name="summary"]').inputValue()).toBe('');
    expect(await first.locator('.gz-conflict').count()).toBe(0);
  });

  it('shows revisions with a word-level diff and restores an earlier one', async () => {
    const page = await signIn('wangbian');
    await openArticle(page, rejectedId);
    const revisions = page.locator('.gz-revision-list li');
    await revisions.first().waitFor();
    expect(await revisions.count()).toBeGreaterThanOrEqual(3);
    // The newest (the kept text) against the one before it (the first session's title).
    await revisions.first().getByRole('button', { name: '与上一版比较' }).click();
    const diff = page.locator('.gz-diff');
    await diff.waitFor();
    expect(await diff.locator('ins').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('0816')]),
    );
    expect((await diff.locator('del').allInnerTexts()).join('')).not.toBe('');
    await diff.scrollIntoViewIfNeeded();
    await shot(page, 'diff.png');

    const before = (await t.gazette.deps.store.articles.get(rejectedId))!;
    page.once('dialog', (dialog) => void dialog.accept());
    await revisions.last().getByRole('button', { name: '恢复此版本' }).click();
    await page.locator('.gz-editor-page .notice-ok').waitFor();
    const after = (await t.gazette.deps.store.articles.get(rejectedId))!;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.bodyHtml).not.toContain('0816-1234567');
    await expect.poll(() => page.locator('.gz-prose').innerText()).not.toContain('0816-1234567');
  });

  it('stops a publication the checks block, shows why, and lets the publisher publish with a reason', async () => {
    const author = await pageOf('wangbian');
    await openArticle(author, rejectedId);
    await act(author, 'submit');
    for (const username of ['chushen', 'fushen', 'zhongshen']) {
      const reviewer = await pageOf(username);
      await openArticle(reviewer, rejectedId);
      await act(reviewer, 'approve', '');
    }
    const publisher = await pageOf('qianfa');
    await openArticle(publisher, rejectedId);
    await expect.poll(() => statusOf(publisher)).toBe('待签发');
    const confirmPublish = async () => {
      await publisher.locator('button[data-action="publish"]').click();
      await publisher.locator('dialog.gz-confirm button[type="submit"]').click();
    };
    await confirmPublish();
    const blocked = publisher.locator('.gz-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toContain('13812345678');
    await shot(publisher, 'publish-blocked.png');
    // A finding of the refusal shows its place in the text too (the dialog closes to show it).
    await blocked.locator('button', { hasText: '13812345678' }).click();
    await expect.poll(() => publisher.evaluate(() => window.getSelection()?.toString())).toBe('13812345678');
    expect((await t.gazette.deps.store.articles.get(rejectedId))!.status).toBe('approved');

    await confirmPublish();
    await blocked.waitFor();
    await publisher.locator('dialog.gz-confirm textarea').fill('号码为征兵办公开咨询电话，经核实可以公开。');
    await publisher.locator('dialog.gz-confirm button[type="submit"]').click();
    await publisher.locator('.gz-editor-page .notice-ok').waitFor();
    await expect.poll(() => statusOf(publisher)).toBe('已发布');
    expect((await t.gazette.deps.store.articles.get(rejectedId))!.status).toBe('published');
  });

  it('withdraws a published article with a reason (its URL answers 410) and restores it', async () => {
    const publisher = await pageOf('qianfa');
    await openArticle(publisher, articleId);
    const { path } = (await t.gazette.deps.store.articles.get(articleId))!;
    await act(publisher, 'withdraw', '供暖时间调整，待修订后重新发布。');
    await expect.poll(() => statusOf(publisher)).toBe('已撤稿');
    expect((await publisher.request.get(`${base}${path!}`)).status()).toBe(410);
    expect(
      await publisher
        .locator('.gz-actions button')
        .evaluateAll((b) => b.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['restore', 'archive']);
    await act(publisher, 'restore');
    await expect.poll(() => statusOf(publisher)).toBe('已发布');
    expect((await publisher.request.get(`${base}${path!}`)).status()).toBe(200);
  });
  it('masks a mobile number and corrects a wrong formulation with one click each (一键替换)', async () => {
    const author = await signIn('wangbian');
    await author.goto(`${base}/admin/articles/new`);
    await author.locator('.gz-prose').waitFor();
    await author.locator('[name="title"]').fill('青川市人民检查院开放日活动通知');
    await author.locator('[name="columnId"]').selectOption(String(notices.id));
    await author.locator('.gz-prose').click();
    await author.keyboard.type('报名请致电13912345678，欢迎市民参加。');
    await author.getByRole('button', { name: '保存', exact: true }).click();
    await author.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(/(\d+)$/.exec(author.url())![1]);

    const mobile = author.locator('.gz-finding', { hasText: '13912345678' });
    await mobile.getByRole('button', { name: '一键替换' }).click();
    await expect.poll(() => author.locator('.gz-prose').innerText()).toContain('139****5678');
    const wrong = author.locator('.gz-finding', { hasText: '人民检察院' });
    await wrong.getByRole('button', { name: '一键替换' }).click();
    expect(await author.locator('[name="title"]').inputValue()).toBe('青川市人民检察院开放日活动通知');
    await author.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await t.gazette.deps.store.articles.get(id))?.bodyHtml ?? '')
      .toContain('139****5678');
    const saved = (await t.gazette.deps.store.articles.get(id))!;
    expect(saved.title).toBe('青川市人民检察院开放日活动通知');
    expect(saved.bodyHtml).not.toContain('13912345678');
    await shot(author, 'checks-applied.png');
  });
});
