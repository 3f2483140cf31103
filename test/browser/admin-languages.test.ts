import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { artifactPath, hasChromium, noChromiumMessage } from '../support/browser.js';

/**
 * Every screen of the admin in both languages at 1280 px, with a screenshot of each: in English, the
 * interface's own words (headings, labels, buttons, table heads, hints, the navigation) hold no Chinese.
 * What the demo's data says (article titles, column and department names) stays Chinese, as typed.
 */

let admin: AdminBrowser;

/** Chinese characters (CJK unified ideographs). */
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * A text of the interface left in Chinese: Chinese with no English word beside it ("Edit 新闻中心" is an
 * English label naming a column), other than a name of the data (a site's or the department's name). The
 * switch to Chinese is named in Chinese on purpose.
 */
function untranslated(text: string, names: ReadonlySet<string>): boolean {
  if (!CHINESE.test(text) || /[A-Za-z]{2}/.test(text) || text === '中文') return false;
  return !names.has(text.replace(/^[\s·:：]+/, ''));
}

/** The interface's own words on the page: the texts of elements that carry labels rather than data. */
async function interfaceTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'h1',
      'h2',
      'h3',
      'h4',
      'th',
      'label',
      'legend',
      'caption',
      'summary',
      'button',
      'nav a',
      '.hint',
      '.empty',
      '[aria-label]',
    ].join(',');
    const texts = new Set<string>();
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('.gz-prose, [data-content]')) continue;
      // The element's own text, not what it contains of data (an input's value, a linked title).
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (own) texts.add(own);
      const label = element.getAttribute('aria-label');
      if (label) texts.add(label);
    }
    return [...texts];
  });
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(`${admin.base}/admin${path}`);
  await page.locator('main h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

async function setLanguage(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await page.evaluate((value) => localStorage.setItem('gazette.admin.lang', value), lang);
}

if (!hasChromium) console.warn(noChromiumMessage);

describe.skipIf(!hasChromium)('the admin in Chinese and in English', { timeout: 300_000 }, () => {
  let page: Page;
  let screens: { name: string; path: string }[] = [];
  let dataNames: ReadonlySet<string> = new Set();

  beforeAll(async () => {
    admin = await startAdminBrowser();
    const client = await signedInUser(admin.t, 'shuangyu', [
      'site-admin',
      'editor',
      'reviewer-1',
      'publisher',
      'system-admin',
      'security-admin',
    ]);
    // A department that handles requests for disclosure, with this user in it, so the inbox shows its table.
    const department = await client.call('POST', `/sites/${admin.siteId}/departments`, { name: '办公室' });
    expect(department.statusCode, department.body).toBe(201);
    const departmentId = department.json<{ id: number }>().id;
    const members = await client.call('PUT', `/departments/${departmentId}/members`, {
      userIds: [client.userId],
    });
    expect(members.statusCode, members.body).toBe(200);
    const settings = await client.call('PUT', `/sites/${admin.siteId}/disclosure/settings`, {
      departmentId,
      retentionDays: 365,
    });
    expect(settings.statusCode, settings.body).toBe(200);
    page = await admin.newPage('shuangyu');
    await page.context().addCookies([{ name: 'gz_session', value: client.cookie, url: admin.base }]);
    await page.goto(`${admin.base}/admin/`);
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    const links = await page
      .getByRole('navigation', { name: '主导航' })
      .locator('a')
      .evaluateAll((anchors) =>
        anchors.map((a) => ({
          name: (a.getAttribute('href') ?? '').replace(/^\/admin\/?/, '') || 'dashboard',
          path: (a.getAttribute('href') ?? '/admin/').replace(/^\/admin/, ''),
        })),
      );
    const { store } = admin.t.gazette.deps;
    dataNames = new Set([
      ...(await store.sites.list()).map((site) => site.name),
      ...(await store.departments.listBySite(admin.siteId)).map((d) => d.name),
      '办公室',
    ]);
    const [article] = await admin.t.gazette.deps.store.articles.listPublished({ siteId: admin.siteId }, 1, 0);
    screens = [...links, ...(article ? [{ name: 'editor', path: `/articles/${article.id}` }] : [])];
  }, 180_000);

  afterAll(() => admin?.close());

  it('shows each screen in English with no Chinese of the interface, and in Chinese', async () => {
    expect(screens.length).toBeGreaterThan(8);
    const found: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      await setLanguage(page, lang);
      for (const screen of screens) {
        await visit(page, screen.path);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        await page.screenshot({
          path: artifactPath('admin-languages', `${screen.name.replace(/\W+/g, '-')}-${lang}-1280.png`),
          fullPage: true,
        });
        if (lang === 'en') {
          for (const text of await interfaceTexts(page)) {
            if (untranslated(text, dataNames)) found.push(`${screen.path}: ${text}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
