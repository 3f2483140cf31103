/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXxgkReport, systemPrincipal } from '../../src/app/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, hasChromium, noChromiumMessage } from '../support/browser.js';

/**
 * The site administrator's 政务公开 screens in Chromium: the 主题分类 tree (two levels) and the 索引号 rule, and
 * the annual report with its counted tables and the sections the office writes; what is saved is what the
 * editor and the report then use, and the change is in the audit log.
 */

let admin: AdminBrowser;
let siteAdmin: AdminClient;
let page: Page;

describe.skipIf(!hasChromium)(
  '政务公开 settings and the annual report in the admin',
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      if (!hasChromium) return console.warn(noChromiumMessage);
      admin = await startAdminBrowser();
      siteAdmin = await signedInUser(admin.t, 'zhanzhang', ['site-admin']);
      page = await admin.newPage('site-admin');
      await page.context().addCookies([{ name: 'gz_session', value: siteAdmin.cookie, url: admin.base }]);
    }, 120_000);

    afterAll(async () => {
      await admin?.close();
    });

    it('edits the theme tree: adds a theme with a second level and moves it first, refusing a name with “/”', async () => {
      await page.goto(`${admin.base}/admin/`);
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '政策文件设置' })
        .click();
      await page.getByRole('heading', { name: /政策文件设置/ }).waitFor();
      const first = page.getByLabel('一级分类 1', { exact: true });
      await expect.poll(() => first.inputValue()).toBe('国务院组织机构');
      expect(await axeViolations(page, 'main')).toEqual([]);

      // A new first-level theme with one second-level theme, moved to the top.
      await page.getByRole('button', { name: '添加一级分类' }).click();
      const count = await page.locator('fieldset.xxgk-themes > ol > li').count();
      await page.getByLabel(`一级分类 ${count}`, { exact: true }).fill('乡村振兴');
      await page.getByRole('button', { name: '为“乡村振兴”添加二级分类' }).click();
      await page.getByLabel('“乡村振兴”的二级分类 1', { exact: true }).fill('高标准农田');
      for (let i = count; i > 1; i--) {
        await page.getByRole('button', { name: '上移 乡村振兴' }).click();
      }
      await expect.poll(() => page.getByLabel('一级分类 1', { exact: true }).inputValue()).toBe('乡村振兴');

      // A name with “/” is refused by the server, naming the field; nothing is saved.
      await page.getByLabel('“乡村振兴”的二级分类 1', { exact: true }).fill('农田/水利');
      await page.getByRole('button', { name: '保存设置' }).click();
      await expect
        .poll(() => page.locator('fieldset.xxgk-themes [role="alert"]').innerText())
        .toContain('不能含“/”');
      const deps = admin.t.gazette.deps;
      expect((await deps.store.policies.settings(admin.siteId))?.themes[0]?.name ?? '').not.toBe('乡村振兴');

      await page.getByLabel('“乡村振兴”的二级分类 1', { exact: true }).fill('高标准农田建设');
      await page.getByRole('button', { name: '保存设置' }).click();
      await expect.poll(() => page.locator('main [role="status"]').innerText()).toContain('已保存');
      const saved = (await deps.store.policies.settings(admin.siteId))!;
      expect(saved.themes[0]).toEqual({ name: '乡村振兴', children: ['高标准农田建设'] });
      expect(saved.themes.length).toBe(count);
      const audit = await deps.store.audit.list(
        { action: 'policy.settings', targetId: String(admin.siteId) },
        5,
        0,
      );
      expect(audit.length).toBe(1);
      expect(await axeViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: artifactPath('xxgk', 'admin-themes.png'), fullPage: true });
    });

    it('shows the counted tables of the annual report and saves what the office writes', async () => {
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '政务公开年报' })
        .click();
      await page.getByLabel('年度', { exact: true }).fill('2025');
      await page.getByRole('button', { name: '打开' }).click();
      const active = page.locator('table', {
        has: page.locator('caption', { hasText: '二、主动公开政府信息情况' }),
      });
      await active.waitFor();
      // The same counts as the report built directly.
      const report = await buildXxgkReport(admin.t.gazette.deps, systemPrincipal('test'), admin.siteId, 2025);
      const cells = await active
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => Number(c.textContent))),
        );
      expect(cells).toEqual([
        [report.active.rule.issued, report.active.rule.repealed, report.active.rule.inForce],
        [report.active.normative.issued, report.active.normative.repealed, report.active.normative.inForce],
      ]);
      await page.getByLabel('一、总体情况').fill('2025年，青川市人民政府坚持以公开为常态、不公开为例外。');
      await page.getByLabel('五、存在的主要问题及改进情况').fill('政策解读形式还不够丰富。');
      await page.getByRole('button', { name: '保存本机关填写的内容' }).click();
      await expect
        .poll(() => page.locator('main [role="status"]').innerText())
        .toContain('2025 年度报告的内容已保存');
      const texts = await admin.t.gazette.deps.store.disclosure.reportTexts(admin.siteId, 2025);
      expect(texts).toMatchObject({
        overview: '2025年，青川市人民政府坚持以公开为常态、不公开为例外。',
        problems: '政策解读形式还不够丰富。',
      });
      expect(await page.getByRole('link', { name: '下载 2025 年度报告（Excel）' }).getAttribute('href')).toBe(
        `/admin/api/sites/${admin.siteId}/xxgk-report/2025/xlsx`,
      );
      expect(await axeViolations(page, 'main')).toEqual([]);
      await page.screenshot({ path: artifactPath('xxgk', 'admin-report.png'), fullPage: true });
    });
  },
);
