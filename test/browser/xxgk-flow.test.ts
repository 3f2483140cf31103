/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  saveDisclosureSettings,
  setDepartmentMembers,
  systemPrincipal,
} from '../../src/app/index.js';
import type { Column } from '../../src/core/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, hasChromium, launchBrowser, noChromiumMessage } from '../support/browser.js';

/**
 * 政府信息公开 as the roles do it, in Chromium: an editor writes a policy document with its legal fields and a
 * 解读, and links them; a reviewer records the 保密审查 and approves at each level; the publisher signs both
 * off; the public pages show the metadata box and the link both ways. Then a citizen files a request for
 * disclosure on the public form with JavaScript off, on a phone; the department's handler 登记s, 受理s,
 * records the 保密审查 of a 予以公开 reply and answers it in the admin inbox; the citizen reads the reply with
 * the 申请编号 and 查询码. The public pages are axe-checked at 375 and 1280 px.
 */

let admin: AdminBrowser;
let policyColumn: Column;
let interpretationColumn: Column;
const people = new Map<string, AdminClient>();
const pages = new Map<string, Page>();
let policyId = 0;
let interpretationId = 0;

const NUMERALS = '零一二三四五六七八九十';

/** The page of a signed-in person (the session cookie of an API sign-in, as the browser would hold it). */
async function pageOf(username: string): Promise<Page> {
  const known = pages.get(username);
  if (known) return known;
  const page = await admin.newPage(username);
  await page
    .context()
    .addCookies([{ name: 'gz_session', value: people.get(username)!.cookie, url: admin.base }]);
  pages.set(username, page);
  return page;
}

async function openArticle(page: Page, id: number): Promise<void> {
  await page.goto(`${admin.base}/admin/articles/${id}`);
  await page.locator('.gz-prose').waitFor();
  await page.locator('.gz-status .badge').waitFor();
}

/** A workflow button, the comment its dialog asks for, and the server's answer. */
async function act(page: Page, action: string, text?: string): Promise<void> {
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(`/${action}`),
  );
  await page.locator(`button[data-action="${action}"]`).click();
  if (text !== undefined) {
    await page.locator('dialog.gz-confirm textarea').fill(text);
    await page.locator('dialog.gz-confirm button[type="submit"]').click();
  }
  expect((await answered).status()).toBeLessThan(300);
  await page.locator('.gz-editor-page .notice-ok').waitFor();
}

/** The editor writes a draft in a column: title, two paragraphs, saved; answers the new article's id. */
async function writeDraft(page: Page, column: Column, title: string, paragraphs: string[]): Promise<number> {
  await page.goto(`${admin.base}/admin/articles/new`);
  await page.locator('.gz-prose').waitFor();
  await page.locator('[name="title"]').fill(title);
  await page.locator('[name="columnId"]').selectOption(String(column.id));
  await page.locator('[name="source"]').fill('青川市人民政府办公室');
  await page.locator('[name="editor"]').fill('周岚');
  await page.locator('.gz-prose').click();
  for (const [i, text] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.waitForURL(/\/admin\/articles\/\d+$/);
  await page.locator('.gz-status .badge').waitFor();
  return Number(/(\d+)$/.exec(page.url())![1]);
}

/** Each level's reviewer approves in turn (the 1st also records the 保密审查 when asked), then 签发. */
async function reviewAndPublish(id: number, secrecy: boolean): Promise<void> {
  const store = admin.t.gazette.deps.store;
  for (;;) {
    const article = (await store.articles.get(id))!;
    if (article.status !== 'in-review') break;
    const page = await pageOf(`shenhe${article.reviewLevel}`);
    await openArticle(page, id);
    if (secrecy && article.reviewLevel === 1) {
      const panel = page.locator('.gz-policy-panel');
      await panel.getByLabel('审查意见').fill('不涉及国家秘密、工作秘密和个人隐私。');
      await panel.getByRole('button', { name: '记录保密审查结论' }).click();
      await expect.poll(() => panel.innerText()).toContain('保密审查结论已记录。');
      await expect.poll(() => panel.locator('ul').first().innerText()).toContain('保密审查通过');
    }
    await act(page, 'approve', '同意。');
  }
  const page = await pageOf('qianfa');
  await openArticle(page, id);
  await page.locator('button[data-action="publish"]').click();
  await page.locator('dialog.gz-confirm button[type="submit"]').click();
  const blocked = page.locator('.gz-blocked');
  const done = page.locator('.gz-editor-page .notice-ok');
  await Promise.race([blocked.waitFor(), done.waitFor()]);
  if (await blocked.isVisible()) {
    await page.locator('dialog.gz-confirm textarea').fill('内容已人工核实。');
    await page.locator('dialog.gz-confirm button[type="submit"]').click();
    await done.waitFor();
  }
  await expect.poll(async () => (await store.articles.get(id))!.status).toBe('published');
}

/** axe-clean and no sideways scrolling at a phone's and a desktop's width. */
async function checkPublicPage(page: Page, name: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `${name} at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: artifactPath('xxgk', `${name}-${width}.png`), fullPage: true });
  }
}

describe.skipIf(!hasChromium)('政府信息公开 in Chromium, as the roles do it', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    if (!hasChromium) return console.warn(noChromiumMessage);
    admin = await startAdminBrowser();
    const { t, siteId } = admin;
    const columns = await t.gazette.deps.store.columns.listBySite(siteId);
    policyColumn = columns.find((c) => c.kind === 'policy')!;
    interpretationColumn = columns.find((c) => c.kind === 'interpretation')!;
    for (const [username, role] of [
      ['bianji', 'editor'],
      ['shenhe1', 'reviewer-1'],
      ['shenhe2', 'reviewer-2'],
      ['shenhe3', 'reviewer-3'],
      ['qianfa', 'publisher'],
      ['gongkaiban', 'editor'],
    ] as const) {
      people.set(username, await signedInUser(t, username, [role]));
    }
    // The request-handling department: one handler.
    const system = systemPrincipal('test');
    const department = await createDepartment(t.gazette.deps, system, { siteId, name: '政务公开办公室' });
    await setDepartmentMembers(t.gazette.deps, system, department.id, [people.get('gongkaiban')!.userId]);
    await saveDisclosureSettings(t.gazette.deps, system, {
      siteId,
      departmentId: department.id,
      retentionDays: 180,
    });
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('publishes a policy document with its fields, 保密审查 and a 解读 linked both ways', async () => {
    const editor = await pageOf('bianji');
    policyId = await writeDraft(
      editor,
      policyColumn,
      '青川市人民政府办公室关于进一步规范城镇老旧小区改造工作的通知',
      [
        '各县（区）人民政府，市政府各部门：',
        '为规范城镇老旧小区改造工作，经市政府同意，现就有关事项通知如下。',
      ],
    );
    // 政策文件信息 in the side panel.
    const panel = editor.locator('.gz-policy-panel');
    await panel.getByLabel('发文机关').fill('青川市人民政府办公室');
    // A wrong bracket is a warning with its fix, not a refusal.
    await panel.getByLabel('发文字号').fill('青政办发[2026]12号');
    await panel.getByLabel('成文日期').fill('2026-12-01');
    await panel.getByLabel('主题分类').selectOption('城乡建设、环境保护/城乡建设（含住房）');
    await panel.getByLabel('体裁').selectOption('通知');
    await panel.getByLabel('文件类别').selectOption('normative');
    await panel.getByLabel('主题词').fill('老旧小区 改造');
    await panel.getByRole('button', { name: '保存文件信息' }).click();
    await expect.poll(() => panel.innerText()).toContain('文件信息已保存。');
    await panel.getByRole('button', { name: '改为“青政办发〔2026〕12号”' }).click();
    const resaved = editor.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith('/policy'),
    );
    await panel.getByRole('button', { name: '保存文件信息' }).click();
    const answer = await resaved;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect
      .poll(async () => (await admin.t.gazette.deps.store.policies.get(policyId))?.documentNumber)
      .toBe('青政办发〔2026〕12号');
    const stored = (await admin.t.gazette.deps.store.policies.get(policyId))!;
    // The 索引号 was left empty: generated from the site's pattern with this year's sequence.
    expect(stored.indexNumber).toMatch(/\/2026-\d{5}$/);
    expect(stored).toMatchObject({
      issuers: ['青川市人民政府办公室'],
      writtenAt: '2026-12-01',
      themes: ['城乡建设、环境保护/城乡建设（含住房）'],
      genre: '通知',
      policyClass: 'normative',
      keywords: ['老旧小区', '改造'],
    });

    // The 解读, written in its own column and linked from the document.
    interpretationId = await writeDraft(
      editor,
      interpretationColumn,
      '《关于进一步规范城镇老旧小区改造工作的通知》政策解读',
      ['一、出台背景', '二、主要内容：明确改造范围、资金筹措和群众参与方式。'],
    );
    await openArticle(editor, policyId);
    await panel.getByLabel('解读稿件编号').fill(String(interpretationId));
    await panel.getByLabel('解读形式').selectOption('text');
    await panel.getByRole('button', { name: '关联解读' }).click();
    await expect.poll(() => panel.innerText()).toContain(`稿件 ${interpretationId}（文字解读）`);

    await act(editor, 'submit');
    await openArticle(editor, interpretationId);
    await act(editor, 'submit');

    // 签发 needs a passed 保密审查: the 初审 reviewer records it before approving.
    await reviewAndPublish(policyId, true);
    await reviewAndPublish(interpretationId, false);
    // The 审核记录 the publisher saw shows the 保密审查 beside the approvals.
    await openArticle(await pageOf('qianfa'), policyId);
    const reviews = await (await pageOf('qianfa')).locator('.gz-reviews li').allInnerTexts();
    expect(reviews.join('\n')).toContain('保密审查');
    const secrecy = await admin.t.gazette.deps.store.articles.listReviews(policyId);
    expect(secrecy.map((r) => r.decision)).toContain('secrecy-pass');

    // The public pages: the metadata box and the link both ways.
    const store = admin.t.gazette.deps.store;
    const policy = (await store.articles.get(policyId))!;
    const interpretation = (await store.articles.get(interpretationId))!;
    const reader = await admin.newPage('reader');
    await reader.goto(`${admin.base}${policy.path}`);
    const box = reader.locator('.policy-meta');
    const boxText = await box.innerText();
    for (const value of [
      stored.indexNumber,
      '城乡建设、环境保护',
      '青川市人民政府办公室',
      '2026年12月01日',
      '青政办发〔2026〕12号',
      '有效',
    ]) {
      expect(boxText.replace(/\s+/g, ' ')).toContain(value);
    }
    await reader.locator('.related-docs a', { hasText: '政策解读' }).click();
    await reader.waitForURL(`${admin.base}${interpretation.path}`);
    await checkPublicPage(reader, 'interpretation');
    await reader.locator('.related-docs a', { hasText: '老旧小区改造' }).click();
    await reader.waitForURL(`${admin.base}${policy.path}`);
    await checkPublicPage(reader, 'policy');

    // And it is in the disclosure catalogue.
    await reader.goto(`${admin.base}/xxgk/`);
    expect(await reader.locator('main').innerText()).toContain('青政办发〔2026〕12号');
    await checkPublicPage(reader, 'catalogue');
  });

  it('takes a request for disclosure from the public form without JavaScript to the reply', async () => {
    // The citizen, on a phone, with JavaScript off: the text question is the only check.
    const browser = await launchBrowser();
    const phone = await browser.newContext({
      viewport: { width: 375, height: 800 },
      locale: 'zh-CN',
      javaScriptEnabled: false,
    });
    try {
      const citizen = await phone.newPage();
      await citizen.goto(`${admin.base}/ysqgk/`);
      expect(await citizen.locator('main').innerText()).toMatch(/最迟答复日期为 \d{4}-\d\d-\d\d/);
      await citizen.locator('#f-name').fill('李明');
      await citizen.locator('#f-idType').fill('居民身份证');
      await citizen.locator('#f-idNumber').fill('110101199003071234');
      await citizen.locator('#f-phone').fill('13900001111');
      await citizen.locator('#f-identity').setInputFiles({
        name: '身份证.png',
        mimeType: 'image/png',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]),
      });
      await citizen
        .locator('#f-description')
        .fill('请公开2026年青川市城镇老旧小区改造项目的名单和资金安排。');
      const question = (await citizen.locator('label[for="guard-answer"]').textContent()) ?? '';
      const [, x, op, y] = /验证问题：(.+?)(加|减)(.+?)等于几？/.exec(question)!;
      const answer =
        op === '加'
          ? NUMERALS.indexOf(x!) + NUMERALS.indexOf(y!)
          : NUMERALS.indexOf(x!) - NUMERALS.indexOf(y!);
      await citizen.locator('#guard-answer').fill(String(answer));
      await citizen.getByRole('button', { name: '提交申请' }).click();
      await citizen.locator('#receipt-title').waitFor();
      const receipt = citizen.locator('.form-receipt dd strong');
      const number = (await receipt.nth(0).innerText()).trim();
      const code = (await receipt.nth(1).innerText()).trim();
      expect(number).toMatch(/^\d{8}/);
      expect(code.length).toBeGreaterThanOrEqual(6);

      // The department's handler in the admin inbox.
      const handler = await pageOf('gongkaiban');
      await handler.goto(`${admin.base}/admin/disclosure`);
      await handler.getByRole('link', { name: number }).click();
      const detail = handler.locator('article.card');
      await detail.locator('h2', { hasText: number }).waitFor();
      const runStep = async (label: string, fill?: () => Promise<void>) => {
        await detail.getByLabel('下一步').selectOption({ label });
        if (fill) await fill();
        const answered = handler.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/steps'),
        );
        await detail.getByRole('button', { name: '确认' }).click();
        expect((await answered).status(), label).toBeLessThan(300);
      };
      await runStep('登记');
      await expect.poll(() => detail.locator('h2').innerText()).toContain('已登记');
      await runStep('受理');
      await runStep('保密审查（答复内容）', async () => {
        await detail.getByLabel('答复类型').selectOption({ label: '予以公开' });
        await detail
          .getByLabel('答复内容')
          .fill(
            '您申请公开的信息属于公开范围，现将《2026年青川市城镇老旧小区改造项目名单及资金安排》提供给您。',
          );
        await detail.getByLabel('保密审查结论').selectOption('pass');
        await detail.getByLabel('审查意见').fill('不涉密，可以公开。');
      });
      await runStep('答复');
      await runStep('办结');
      await handler.screenshot({ path: artifactPath('xxgk', 'inbox.png'), fullPage: true });

      // The citizen reads the reply with the 申请编号 and 查询码, still without JavaScript.
      await citizen.goto(`${admin.base}/ysqgk/`);
      await citizen.locator('#q-number').fill(number);
      await citizen.locator('#q-code').fill(code);
      await citizen.getByRole('button', { name: '查询' }).click();
      await citizen.locator('#status-title').waitFor();
      const main = await citizen.locator('main').innerText();
      expect(main).toContain('答复类型：予以公开');
      expect(main).toContain('2026年青川市城镇老旧小区改造项目名单及资金安排');
      // Nothing personal on the public status page.
      expect(main).not.toContain('李明');
      expect(main).not.toContain('13900001111');
      await citizen.screenshot({ path: artifactPath('xxgk', 'reply-375-nojs.png'), fullPage: true });
    } finally {
      await phone.close();
      await browser.close();
    }

    // The form and the status page pass axe at both widths (axe runs as a script, so JavaScript is on here).
    const reader = await admin.newPage('form-reader');
    await reader.goto(`${admin.base}/ysqgk/`);
    await checkPublicPage(reader, 'ysqgk-form');
  });
});
