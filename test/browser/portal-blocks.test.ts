/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal, updateSite } from '../../src/app/index.js';
import { NO_PORTAL_SETTINGS, type Site } from '../../src/core/index.js';
import { artifactPath, hasChromium, launchBrowser } from '../support/browser.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// The blocks a government portal's home page is expected to have, all from the site settings and the
// columns (the demo fills them in): 图片新闻, 政务服务, 互动交流, the 党政机关 mark and the accounts' QR codes;
// and on articles 分享 (link and a QR code drawn on the page), 打印 and the view count.

const SYSTEM = systemPrincipal('portal-test');
let t: TestGazette;
let browser: Browser;
let base = '';
let site: Site;
let articlePath = '';

beforeAll(async () => {
  if (!hasChromium) return;
  t = await startTestGazette();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  site = (await t.gazette.deps.store.sites.list())[0]!;
  const home = (await t.app.inject('/')).body;
  articlePath = /class="picture-link" href="([^"]+)"/.exec(home)?.[1] ?? '';
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(width: number, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height: width < 800 ? 812 : 900 },
    deviceScaleFactor: 1,
    javaScriptEnabled: options.javaScript ?? true,
    ...(width < 800 ? { isMobile: true, hasTouch: true } : {}),
  });
}

/** Whether every image on the page has loaded (a broken picture has no natural width). */
const brokenImages = () =>
  [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src);

describe.skipIf(!hasChromium)('home page blocks (site settings)', () => {
  it('shows 图片新闻, 政务服务, 互动交流, the 党政机关 mark and the account QR codes of the demo', async () => {
    const context = await open(1280);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const pictures = page.getByRole('region', { name: '图片新闻' });
    const links = pictures.getByRole('link');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    // Each picture is a link with the article's title, its image described.
    for (const link of await links.all()) {
      expect(await link.getAttribute('href')).toMatch(/^\/.+\.html$/);
      expect((await link.locator('img').getAttribute('alt'))?.length).toBeGreaterThan(4);
    }
    // A static strip: nothing moves by itself (no animation, no timer-driven change).
    const before = await pictures.innerHTML();
    await page.waitForTimeout(1500);
    expect(await pictures.innerHTML()).toBe(before);
    expect(await page.locator('script').count()).toBe(0);
    // Reached from the keyboard in order.
    await links.first().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('picture-link');

    const services = page.getByRole('region', { name: '政务服务' }).getByRole('link');
    expect(await services.allTextContents()).toEqual(site.portal.services.map((s) => s.name));
    const interaction = page.getByRole('region', { name: '互动交流' });
    expect(await interaction.getByRole('link', { name: '领导信箱' }).getAttribute('href')).toBe(
      site.portal.mailboxUrl,
    );
    expect(await interaction.getByRole('link', { name: /12345/ }).getAttribute('href')).toBe('tel:12345');
    const errorReport = interaction.getByRole('link', { name: '我为政府网站找错' });
    expect(await errorReport.getAttribute('href')).toBe(
      `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${site.siteCode}`,
    );
    expect(await errorReport.locator('img').getAttribute('src')).toMatch(/^\/media\/f\//);
    const footer = page.locator('footer.site-footer');
    const mark = footer.getByRole('link', { name: '党政机关网站标识' });
    expect(await mark.getAttribute('href')).toBe(site.portal.partyMarkUrl);
    expect(await footer.locator('img.account-qr').count()).toBe(site.accounts.length);
    for (const account of site.accounts) expect(account.qrUrl).toMatch(/^\/media\/f\//);
    expect(await page.evaluate(brokenImages)).toEqual([]);
    await page.screenshot({ path: artifactPath('portal', 'home-1280.png'), fullPage: true });
    await context.close();
  });

  it('follows the settings: edited tiles appear, and a site without them shows none of the blocks', async () => {
    const current = (await t.gazette.deps.store.sites.get(site.id))!;
    await updateSite(t.gazette.deps, SYSTEM, site.id, {
      ...current,
      portal: { ...current.portal, services: [{ name: '公积金查询', url: '/gjj/' }] },
    });
    const context = await open(375);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const services = page.getByRole('region', { name: '政务服务' }).getByRole('link');
    expect(await services.allTextContents()).toEqual(['公积金查询']);
    await page.screenshot({ path: artifactPath('portal', 'home-375.png'), fullPage: true });
    await updateSite(t.gazette.deps, SYSTEM, site.id, {
      ...current,
      accounts: current.accounts.map((a) => ({ ...a, qrUrl: null })),
      portal: NO_PORTAL_SETTINGS,
    });
    await context.close();
    // A new browser context: the public pages may be kept in the browser's cache for a while.
    const later = await open(375);
    const again = await later.newPage();
    await again.goto(`${base}/`);
    for (const name of ['政务服务', '互动交流'])
      expect(await again.getByRole('region', { name }).count(), name).toBe(0);
    expect(await again.locator('.party-mark, img.account-qr').count()).toBe(0);
    await updateSite(t.gazette.deps, SYSTEM, site.id, current);
    await later.close();
  });
});

describe.skipIf(!hasChromium)('article tools', () => {
  it('分享: the link to copy and a QR code of the article drawn on the page', async () => {
    const context = await open(1280);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    await page.goto(`${base}${articlePath}`);
    await page.getByText('分享', { exact: true }).click();
    const url = `${site.baseUrl}${articlePath}`;
    expect(await page.getByLabel('本文链接').inputValue()).toBe(url);
    await page.getByRole('button', { name: '复制链接' }).click();
    await page.getByText('链接已复制').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    const qr = page.getByRole('img', { name: /本文二维码/ });
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    const shot = await qr.screenshot();
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const { data, info } = await sharp(shot).greyscale().raw().toBuffer({ resolveWithObject: true });
    // The code sits in a four-module quiet zone: read each module's centre.
    const size = info.width / (expected.size + 8);
    let wrong = 0;
    for (let y = 0; y < expected.size; y++)
      for (let x = 0; x < expected.size; x++) {
        const px = Math.floor((x + 4.5) * size) + Math.floor((y + 4.5) * size) * info.width;
        if (data[px]! < 128 !== Boolean(expected.get(y, x))) wrong++;
      }
    expect(wrong).toBe(0);
    await page.screenshot({ path: artifactPath('portal', 'article-share-1280.png'), fullPage: true });
    await context.close();
  });

  it('打印: opens the print dialog with JavaScript, explains Ctrl+P without, and prints the article alone', async () => {
    const context = await open(1280);
    await context.addInitScript(() => {
      Object.assign(window, { printed: 0 });
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    const page = await context.newPage();
    await page.goto(`${base}${articlePath}`);
    await page.getByText('打印', { exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      Object.fromEntries(
        [
          '.main-nav',
          '.header-tools',
          '.breadcrumb',
          '.article-tools',
          '.prev-next',
          '.footer-accounts',
          '.article-body',
        ].map((selector) => {
          const el = document.querySelector(selector);
          return [selector, el ? getComputedStyle(el).display !== 'none' : null];
        }),
      ),
    );
    expect(shown).toEqual({
      '.main-nav': false,
      '.header-tools': false,
      '.breadcrumb': false,
      '.article-tools': false,
      '.prev-next': false,
      '.footer-accounts': false,
      '.article-body': true,
    });
    await context.close();

    const plain = await open(375, { javaScript: false });
    const noScript = await plain.newPage();
    await noScript.goto(`${base}${articlePath}`);
    await noScript.getByText('打印', { exact: true }).click();
    expect(await noScript.getByText(/按 Ctrl\+P/).isVisible()).toBe(true);
    // Without JavaScript the copy button stays hidden; the link is there to copy by hand.
    await noScript.getByText('分享', { exact: true }).click();
    expect(await noScript.getByRole('button', { name: '复制链接' }).count()).toBe(0);
    expect(await noScript.getByLabel('本文链接').isVisible()).toBe(true);
    await noScript.screenshot({ path: artifactPath('portal', 'article-tools-375.png'), fullPage: true });
    await plain.close();
  });

  it('shows 浏览次数 only where the site turns it on', async () => {
    const current = (await t.gazette.deps.store.sites.get(site.id))!;
    const count = async () => {
      const html = (await t.app.inject(articlePath)).body;
      return /浏览次数：<\/span><span class="info-value">(\d+)</.exec(html)?.[1];
    };
    expect(current.portal.showViewCount).toBe(true);
    expect(Number(await count())).toBeGreaterThanOrEqual(0);
    await updateSite(t.gazette.deps, SYSTEM, site.id, {
      ...current,
      portal: { ...current.portal, showViewCount: false },
    });
    expect(await count()).toBeUndefined();
    await updateSite(t.gazette.deps, SYSTEM, site.id, current);
  });
});
