/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  handleLetter,
  readLetter,
  setDepartmentMembers,
  systemPrincipal,
} from '../../src/app/index.js';
import { signedInUser, TEST_PASSWORD } from '../support/admin-client.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, hasChromium, launchBrowser, noChromiumMessage } from '../support/browser.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { interactFixture, type InteractFixture } from '../support/interact.js';

/**
 * A citizen writes a letter on a phone-sized screen, follows it with the 查询码, the department answers it
 * through review, and the citizen reads the published reply; the same with the handler working in the web
 * admin's 互动交流 screen; and a consultation from opening to its published 采纳情况反馈.
 */
let t: TestGazette;
let f: InteractFixture;
let browser: Browser;
let base = '';

beforeAll(async () => {
  if (!hasChromium) return;
  // The web admin's screens are served from dist/admin: build it when it is out of date.
  expect(
    spawnSync(process.execPath, ['scripts/build-if-stale.mjs', 'admin'], { stdio: 'inherit' }).status,
  ).toBe(0);
  t = await startTestGazette({ now: '2026-12-07T02:00:00.000Z' });
  f = await interactFixture(t.gazette.deps);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const NUMERALS = '零一二三四五六七八九十';

/** Answers the form's text question as a person reads it. */
async function answerQuestion(page: Page): Promise<void> {
  const question = (await page.locator('label[for="guard-answer"]').textContent()) ?? '';
  const [, x, op, y] = /验证问题：(.+?)(加|减)(.+?)等于几？/.exec(question)!;
  const answer =
    op === '加' ? NUMERALS.indexOf(x!) + NUMERALS.indexOf(y!) : NUMERALS.indexOf(x!) - NUMERALS.indexOf(y!);
  await page.locator('#guard-answer').fill(String(answer));
}

/** Writes a letter on the phone and returns its 留言编号 and 查询码 from the receipt. */
async function writeOnPhone(
  page: Page,
  subject: string,
  body: string,
): Promise<{ number: string; code: string }> {
  await page.goto(`${base}/hudong/write/${f.channel.id}`);
  await page.locator('#f-name').fill('孙七');
  await page.locator('#f-phone').fill('13600002222');
  await page.locator('#f-subject').fill(subject);
  await page.getByLabel(/留言内容/).fill(body);
  await page.locator('#f-public').check();
  await page.locator('#f-consent').check();
  await answerQuestion(page);
  await page.getByRole('button', { name: '提交留言' }).click();
  await page.locator('#receipt-number').waitFor();
  return {
    number: (await page.locator('#receipt-number').textContent())!.trim(),
    code: (await page.locator('#receipt-code').textContent())!.trim(),
  };
}

async function followOnPhone(page: Page, number: string, code: string): Promise<string> {
  await page.goto(`${base}/hudong/query`);
  await page.locator('#q-number').fill(number);
  await page.locator('#q-code').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator('#letter-status').waitFor();
  return (await page.locator('#letter-status').textContent())!.trim();
}

describe.skipIf(!hasChromium)('互动交流 in a browser at 375 px', () => {
  it(
    'writes, follows, is answered through review, and reads the published reply',
    { timeout: 120_000 },
    async () => {
      if (!hasChromium) return console.warn(noChromiumMessage);
      const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${base}/hudong/`);
      await page.getByRole('link', { name: f.channel.name }).click();
      await page.waitForURL(/\/hudong\/write\//);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.locator('#f-name').fill('赵六');
      await page.locator('#f-phone').fill('13700001111');
      await page.locator('#f-subject').fill('公交站台缺少遮雨棚');
      await page
        .getByLabel(/留言内容/)
        .fill('我是赵六，电话13700001111。家门口的公交站台没有遮雨棚，雨天候车很不方便。');
      await page.locator('#f-public').check();
      await page.locator('#f-consent').check();
      // The text question, answered as a person reads it (the proof of work may also fill itself in).
      const question = (await page.locator('label[for="guard-answer"]').textContent()) ?? '';
      const [, x, op, y] = /验证问题：(.+?)(加|减)(.+?)等于几？/.exec(question)!;
      const answer =
        op === '加'
          ? NUMERALS.indexOf(x!) + NUMERALS.indexOf(y!)
          : NUMERALS.indexOf(x!) - NUMERALS.indexOf(y!);
      await page.locator('#guard-answer').fill(String(answer));
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.locator('#receipt-number').waitFor();
      const number = (await page.locator('#receipt-number').textContent())!.trim();
      const code = (await page.locator('#receipt-code').textContent())!.trim();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: artifactPath('interact', 'receipt-375.png'), fullPage: true });

      // Followed with the 查询码: waiting for the department.
      await page.goto(`${base}/hudong/query`);
      await page.locator('#q-number').fill(number);
      await page.locator('#q-code').fill(code);
      await page.getByRole('button', { name: '查询' }).click();
      await expect.poll(() => page.locator('#letter-status').textContent()).toBe('待办理');

      // The department drafts, the column's reviewers approve level by level, the publisher publishes.
      const deps = t.gazette.deps;
      const id = (await deps.store.interact.getMessageByNumber(number))!.id;
      let letter = await readLetter(deps, f.handler, id);
      letter = (await handleLetter(deps, f.handler, id, letter.version, {
        type: 'draft',
        replyText: '您好，已协调公交公司在该站台加装遮雨棚，预计本月底完工。',
      }))!;
      letter = (await handleLetter(deps, f.handler, id, letter.version, { type: 'submit' }))!;
      for (const reviewer of f.reviewers) {
        letter = (await handleLetter(deps, reviewer, id, letter.version, { type: 'approve' }))!;
      }
      await handleLetter(deps, f.publisher, id, letter.version, { type: 'publish' });

      await page.goto(`${base}/hudong/query`);
      await page.locator('#q-number').fill(number);
      await page.locator('#q-code').fill(code);
      await page.getByRole('button', { name: '查询' }).click();
      await expect.poll(() => page.locator('#letter-status').textContent()).toBe('已答复');
      expect(await page.textContent('main')).toContain('加装遮雨棚');
      await page.locator('#rate-satisfied').check();
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect.poll(() => page.textContent('main')).toContain('感谢您的评价');
      expect(await axeViolations(page)).toEqual([]);

      // The published page: the reply, and the question with the writer's name and phone masked.
      await page.goto(`${base}/hudong/list/`);
      await page.locator(`a[href="/hudong/letters/${number}"]`).click();
      await page.waitForURL(/\/hudong\/letters\//);
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain('加装遮雨棚');
      expect(main).toContain('赵某');
      expect(main).toContain('137****1111');
      expect(main).not.toContain('赵六');
      expect(main).not.toContain('13700001111');
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: artifactPath('interact', 'published-375.png'), fullPage: true });
      await context.close();
    },
  );
  it(
    'the handler answers in the web admin, the reply passes review, the citizen reads it on the phone',
    { timeout: 180_000 },
    async () => {
      if (!hasChromium) return console.warn(noChromiumMessage);
      const deps = t.gazette.deps;
      const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
      const citizen = await phone.newPage();
      const { number, code } = await writeOnPhone(
        citizen,
        '小区垃圾清运不及时',
        '小区垃圾站的垃圾经常两三天才清运一次，夏天气味很大，希望增加清运次数。',
      );
      expect(await followOnPhone(citizen, number, code)).toBe('待办理');

      // A handler of the department (a contributor: no second factor) signs in to the web admin.
      const { user } = await createUser(deps, systemPrincipal('test'), {
        username: 'banli',
        displayName: '办理员',
        password: TEST_PASSWORD,
        grants: [{ role: 'contributor', siteId: f.siteId, columnId: f.column.id }],
      });
      await deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
      const handlerId = f.handler.kind === 'user' ? f.handler.user.id : 0;
      await setDepartmentMembers(deps, systemPrincipal('test'), f.departmentId, [handlerId, user.id]);
      const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const admin = await desk.newPage();
      await admin.goto(`${base}/admin/`);
      await admin.getByLabel('用户名').fill('banli');
      await admin.getByLabel('密码').fill(TEST_PASSWORD);
      await admin.getByRole('button', { name: '登录' }).click();
      await admin.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '互动交流' }).click();
      await admin.getByRole('link', { name: number }).click();
      await expect.poll(() => admin.locator('#letter-status').textContent()).toBe('待办理');
      // The handler sees the writer's contact data (sealed at rest, shown to the department only).
      expect(await admin.textContent('article')).toContain('13600002222');
      await admin.getByRole('button', { name: '由我办理' }).click();
      await admin.getByText('已分派。').waitFor();
      await admin.getByLabel('答复').fill('您好，已要求物业和环卫所每天清运一次，并对垃圾站进行消杀。');
      await admin.getByRole('button', { name: '保存答复稿' }).click();
      await expect.poll(() => admin.locator('#letter-status').textContent()).toBe('答复拟稿');
      await admin.getByRole('button', { name: '送审' }).click();
      await expect.poll(() => admin.locator('#letter-status').textContent()).toBe('答复审核中');
      await admin.screenshot({ path: artifactPath('interact', 'admin-letter-1280.png'), fullPage: true });
      await desk.close();

      // The column's reviewers and the publisher (second-factor roles) give their steps.
      const id = (await deps.store.interact.getMessageByNumber(number))!.id;
      let letter = await readLetter(deps, f.manager, id);
      for (const reviewer of f.reviewers) {
        letter = (await handleLetter(deps, reviewer, id, letter.version, { type: 'approve' }))!;
      }
      await handleLetter(deps, f.publisher, id, letter.version, { type: 'publish' });

      expect(await followOnPhone(citizen, number, code)).toBe('已答复');
      expect(await citizen.textContent('main')).toContain('每天清运一次');
      expect(await axeViolations(citizen)).toEqual([]);
      await phone.close();
    },
  );

  it(
    'a consultation from opening to its published feedback, commented on a phone',
    { timeout: 180_000 },
    async () => {
      if (!hasChromium) return console.warn(noChromiumMessage);
      const manager = await signedInUser(t, 'zhengji', ['site-admin']);
      const created = await manager.call('POST', `/sites/${f.siteId}/consultations`, {
        kind: 'policy',
        title: '青川市公共自行车服务管理办法（征求意见稿）',
        drafter: '市交通运输局',
        summary: '为规范公共自行车服务，起草了本办法。',
        bodyHtml:
          '<p>第一条　为了规范公共自行车服务管理，制定本办法。</p><p>第二条　公共自行车免费骑行时间为一小时。</p>',
        opensOn: '2026-12-01',
        closesOn: '2026-12-20',
      });
      expect(created.statusCode, created.body).toBe(201);
      const consultation = created.json<{ id: number }>();

      const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
      const page = await phone.newPage();
      await page.goto(`${base}/hudong/zhengji/`);
      await page.getByRole('link', { name: '青川市公共自行车服务管理办法（征求意见稿）' }).click();
      await page.waitForURL(/\/hudong\/zhengji\/\d+/);
      expect(await page.textContent('main')).toContain('免费骑行时间为一小时');
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.locator('#c-name').fill('骑行爱好者');
      await page.locator('#c-phone').fill('13500003333');
      await page.getByLabel(/意见内容/).fill('建议免费骑行时间延长到一个半小时，并在地铁站增设还车点。');
      await answerQuestion(page);
      await page.getByRole('button', { name: '提交意见' }).click();
      await page.getByText('您的意见已提交').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // Moderated by the site administrator over the admin API, then shown.
      const detail = (await manager.call('GET', `/consultations/${consultation.id}`)).json<{
        items: { id: number; version: number; body: string }[];
      }>();
      expect(detail.items.map((c) => c.body)).toEqual([
        '建议免费骑行时间延长到一个半小时，并在地铁站增设还车点。',
      ]);
      const [comment] = detail.items;
      const moderated = await manager.call('POST', `/consultation-comments/${comment!.id}/moderation`, {
        version: comment!.version,
        decision: 'approved',
      });
      expect(moderated.statusCode, moderated.body).toBe(200);
      await page.reload();
      expect(await page.textContent('main')).toContain('增设还车点');
      expect(await page.textContent('main')).not.toContain('13500003333');

      // Closed: the form goes, the feedback is required and then shown.
      t.clock.set('2026-12-22T02:00:00.000Z');
      await page.reload();
      expect(await page.locator('#consultation-stage').textContent()).toBe('已结束');
      expect(await page.locator('form.public-form').count()).toBe(0);
      // Two weeks on, the first session has expired: another administrator signs in.
      const later = await signedInUser(t, 'zhengji2', ['site-admin']);
      const current = (await later.call('GET', `/consultations/${consultation.id}`)).json<{
        version: number;
      }>();
      const feedback = await later.call('PUT', `/consultations/${consultation.id}/feedback`, {
        version: current.version,
        feedback:
          '共收到意见1条，已采纳：在地铁站增设还车点。未采纳：延长免费骑行时间，理由是需兼顾车辆周转。',
      });
      expect(feedback.statusCode, feedback.body).toBe(200);
      await page.reload();
      expect(await page.locator('#consultation-feedback').textContent()).toContain('在地铁站增设还车点');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: artifactPath('interact', 'consultation-375.png'), fullPage: true });
      t.clock.set('2026-12-07T02:00:00.000Z');
      await phone.close();
    },
  );
});
