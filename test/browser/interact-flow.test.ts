/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLetter, readLetter } from '../../src/app/index.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, hasChromium, launchBrowser, noChromiumMessage } from '../support/browser.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { interactFixture, type InteractFixture } from '../support/interact.js';

/**
 * A citizen writes a letter on a phone-sized screen, follows it with the 查询码, the department answers it
 * through review, and the citizen reads the published reply.
 */
let t: TestGazette;
let f: InteractFixture;
let browser: Browser;
let base = '';

beforeAll(async () => {
  if (!hasChromium) return;
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
});
