/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  publishArticle,
  systemPrincipal,
  updateSite,
  withdrawArticle,
} from '../../src/app/index.js';
import { artifactPath, hasChromium, launchBrowser, noChromiumMessage } from '../support/browser.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// Every public page type, in normal and elder mode, at phone and desktop widths, checked in
// Chromium with axe-core (WCAG 2.0/2.1 A and AA), for horizontal scrolling and for tap target sizes.

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [375, 1280] as const;
/** The reader's modes: `contrast` is the 高对比度 toggle. */
const MODES = ['normal', 'elder', 'contrast'] as const;
const MODE_CLASS: Readonly<Record<Mode, string>> = { normal: '', elder: 'elder', contrast: 'hc' };
type Mode = (typeof MODES)[number];
const SYSTEM = systemPrincipal('a11y-test');
/** Pages whose screenshots are kept in docs/screenshots/. */
const SHOTS = new Set(['home', 'column', 'article', 'series']);

interface AxeResult {
  readonly violations: readonly {
    readonly id: string;
    readonly impact: string | null;
    readonly help: string;
    readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
  }[];
}

let t: TestGazette;
let browser: Browser;
let base = '';
const pages: { name: string; path: string }[] = [];

function pathFrom(html: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(html)?.[1];
  if (!found) throw new Error(`no ${what} link found`);
  return found.replaceAll('&amp;', '&');
}

beforeAll(async () => {
  if (!hasChromium) return;
  t = await startTestGazette();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const { deps } = t.gazette;
  const [site] = await deps.store.sites.list();
  const siteId = site!.id;
  const columns = await deps.store.columns.listBySite(siteId);
  const counts = await deps.store.articles.countByColumn(siteId);
  const busiest = [...columns]
    .filter((c) => c.kind !== 'link')
    .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0]!;

  // An article with everything a page can hold: a wide table, an image and attachments.
  const icon = /href="(\/assets\/favicon\.[0-9a-f]+\.svg)"/.exec((await t.app.inject('/')).body)?.[1] ?? '';
  const wide = Array.from({ length: 9 }, (_, i) => `<th scope="col">第${i + 1}季度指标名称</th>`).join('');
  const cells = Array.from({ length: 9 }, (_, i) => `<td>${(i + 1) * 1234.5}万元</td>`).join('');
  const article = await createArticle(
    deps,
    SYSTEM,
    siteId,
    {
      columnId: busiest.id,
      title: '2026年财政预算执行情况表及相关附件',
      kicker: '',
      subtitle: '',
      summary: '本文含表格、图片和附件，供无障碍检查使用。',
      bodyHtml:
        '<p>正文第一段，包含一个<a href="https://www.gov.cn/">中国政府网</a>的链接。</p>' +
        `<p><img src="${icon}" alt="示例图片：红色圆形标志" width="240" height="240"></p>` +
        `<table><caption>预算执行情况</caption><thead><tr>${wide}</tr></thead><tbody><tr>${cells}</tr></tbody></table>` +
        '<h2>二、说明</h2><p>表格可在自身区域内左右滚动。</p>',
      source: '示例市财政局',
      originalAuthor: '',
      originalTitle: '',
      author: '财政局',
      editor: '李明',
      tags: ['财政预算'],
    },
    [
      { name: '预算执行情况表.pdf', url: '/media/a11y/budget.pdf', mime: 'application/pdf', size: 123_456 },
      {
        name: '预算说明.xlsx',
        url: '/media/a11y/budget.xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 45_678,
      },
    ],
  );
  const published = await publishArticle(deps, SYSTEM, article.id, { at: '2026-11-20T01:00:00.000Z' });

  // A withdrawn article answers 410 with its record.
  const [oldest] = await deps.store.articles.listPublished({ siteId }, 1, 40);
  await withdrawArticle(deps, SYSTEM, oldest!.id, '内容已更新，以新发布的信息为准。');
  const home = (await t.app.inject('/')).body;
  const columnPath = `/${busiest.path}/`;
  const page2 = `${columnPath}page/2/`;
  if ((await t.app.inject(page2)).statusCode !== 200) throw new Error(`${busiest.path} has one page only`);
  pages.push(
    { name: 'home', path: '/' },
    { name: 'column', path: columnPath },
    { name: 'column-page-2', path: page2 },
    { name: 'article', path: published.path! },
    { name: 'series', path: pathFrom(home, /href="(\/series\/[^"#]+\/)"/, 'series') },
    { name: 'tag', path: `/tags/${encodeURIComponent('财政预算')}/` },
    { name: 'sitemap', path: '/sitemap.html' },
    { name: '404', path: '/no-such-column/' },
    { name: '410', path: oldest!.path },
  );
  // 政府信息公开: an amended policy document with its metadata box, mark and 解读 link, the 解读, the catalogue.
  const catalogue = (await t.app.inject('/xxgk/?validity=amended')).body;
  const policyPath = pathFrom(
    catalogue,
    /<td><a href="([^"]+)">[^<]+<\/a> <span class="validity-tag">/,
    'amended document',
  );
  const policyPage = (await t.app.inject(policyPath)).body;
  pages.push(
    { name: 'policy', path: policyPath },
    { name: 'interpretation', path: pathFrom(policyPage, /【图解】<\/span><a href="([^"]+)"/, '解读') },
    { name: 'catalogue', path: '/xxgk/' },
  );
  // The search page, where the search feature has made it.
  const search = `/search?q=${encodeURIComponent('预算')}`;
  if ((await t.app.inject(search)).statusCode === 200) pages.push({ name: 'search', path: search });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(
  width: number,
  mode: Mode,
  options: { javaScript?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height: width < 800 ? 812 : 900 },
    deviceScaleFactor: 1,
    // axe-core is injected as an inline script, which the site's CSP (rightly) forbids.
    bypassCSP: true,
    javaScriptEnabled: options.javaScript ?? true,
    ...(width < 800 ? { isMobile: true, hasTouch: true } : {}),
  });
  if (mode === 'elder') await context.addCookies([{ name: 'gz_elder', value: '1', url: base }]);
  if (mode === 'contrast') await context.addCookies([{ name: 'gz_contrast', value: '1', url: base }]);
  return context;
}

async function axe(page: Page, options: object): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (opts) => (window as unknown as { axe: { run(o: object): Promise<AxeResult> } }).axe.run(opts),
    options,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}) ${v.help}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`,
    ),
  );
}

/** Interactive elements smaller than `min` px either way. Links inside running article text are exempt. */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const bad: string[] = [];
    const selector = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const style = getComputedStyle(el);
      if (
        style.visibility === 'hidden' ||
        el.closest('.visually-hidden') ||
        el.classList.contains('skip-link')
      )
        continue;
      if (el.closest('.article-body') && style.display === 'inline') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (box.width < least - 0.5 || box.height < least - 0.5)
        bad.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return bad;
  }, min);
}

describe.skipIf(!hasChromium)('public pages in Chromium (axe-core, phones, elder mode)', () => {
  for (const mode of MODES) {
    for (const width of WIDTHS) {
      it(`${mode} mode at ${width} px: no WCAG 2.1 A/AA violations, no sideways scrolling, big enough targets`, async () => {
        const context = await open(width, mode);
        const page = await context.newPage();
        const problems: string[] = [];
        for (const { name, path } of pages) {
          const res = await page.goto(`${base}${path}`);
          expect(res?.status(), path).toBe(name === '404' ? 404 : name === '410' ? 410 : 200);
          const htmlClass = await page.evaluate(() => document.documentElement.className);
          if (htmlClass !== MODE_CLASS[mode]) problems.push(`${name}: not in ${mode} mode ("${htmlClass}")`);
          if (SHOTS.has(name))
            await page.screenshot({
              path: artifactPath('public', `${name}-${mode}-${width}.png`),
              fullPage: true,
            });
          for (const v of await axe(page, { runOnly: { type: 'tag', values: WCAG_TAGS } }))
            problems.push(`${name}: ${v}`);
          if (mode !== 'normal') {
            // Elder mode and high contrast promise 7:1 for text (WCAG's enhanced contrast), not only 4.5:1.
            for (const v of await axe(page, {
              runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
            }))
              problems.push(`${name} (7:1): ${v}`);
          }
          // Headings in order: one h1 first, never skipping a level on the way down.
          const levels = await page.evaluate(() =>
            [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
          );
          if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1)
            problems.push(`${name}: headings do not start with one h1 (${levels.join(' ')})`);
          levels.forEach((level, i) => {
            if (i > 0 && level > levels[i - 1]! + 1)
              problems.push(`${name}: heading h${level} after h${levels[i - 1]}`);
          });
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          if (scrollWidth > clientWidth)
            problems.push(`${name}: scrolls sideways (${scrollWidth} > ${clientWidth})`);
          if (width < 800 || mode === 'elder') {
            // Open the phone menu too, so its links are measured.
            await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
            for (const small of await smallTargets(page, mode === 'elder' ? 60 : 44))
              problems.push(`${name}: small target ${small}`);
          }
        }
        await context.close();
        expect(problems).toEqual([]);
      }, 240_000);
    }
  }

  it('elder mode makes text 1.5× larger with line spacing ≥ 1.5, a large cursor and one column', async () => {
    const normal = await open(1280, 'normal');
    const elder = await open(1280, 'elder');
    const measure = async (context: BrowserContext) => {
      const page = await context.newPage();
      await page.goto(`${base}${pages.find((p) => p.name === 'column')!.path}`);
      return page.evaluate(() => {
        const body = getComputedStyle(document.body);
        const text = getComputedStyle(document.querySelector('.row-title')!);
        const grid = document.querySelector('.with-aside')!;
        return {
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
          row: parseFloat(text.fontSize),
          lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
          cursor: getComputedStyle(document.documentElement).cursor,
          columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
        };
      });
    };
    const a = await measure(normal);
    const b = await measure(elder);
    expect(b.root / a.root).toBeGreaterThanOrEqual(1.5);
    expect(b.row / a.row).toBeGreaterThanOrEqual(1.5);
    expect(b.lineHeight).toBeGreaterThanOrEqual(1.5);
    expect(b.cursor).toMatch(/^url\(".*\/assets\/cursor-arrow\.[0-9a-f]+\.svg"\) 6 3, auto$/);
    expect(a.columns).toBe(2);
    expect(b.columns).toBe(1);
    await normal.close();
    await elder.close();
  });

  it(
    'switches elder mode on and off from the header without JavaScript, staying on the page',
    { timeout: 60_000 },
    async () => {
      const context = await open(375, 'normal', { javaScript: false });
      const page = await context.newPage();
      const article = pages.find((p) => p.name === 'article')!.path;
      await page.goto(`${base}${article}`);
      await page.getByRole('link', { name: '长者模式', exact: true }).click();
      expect(page.url()).toBe(`${base}${article}`);
      expect(await page.evaluate(() => document.documentElement.className)).toBe('elder');
      // The font-size links work the same way, and the choice carries to other pages.
      await page.getByRole('link', { name: /^字号\s*大$/ }).click();
      expect(page.url()).toBe(`${base}${article}`);
      expect(await page.evaluate(() => document.documentElement.className)).toBe('elder fs-l');
      await page.goto(`${base}/`);
      expect(await page.evaluate(() => document.documentElement.className)).toBe('elder fs-l');
      await page.getByRole('link', { name: '退出长者模式' }).click();
      expect(page.url()).toBe(`${base}/`);
      expect(await page.evaluate(() => document.documentElement.className)).toBe('fs-l');
      await page.getByRole('link', { name: '高对比度' }).click();
      expect(await page.evaluate(() => document.documentElement.className)).toBe('hc fs-l');
      await context.close();
    },
  );

  it('opens the phone navigation menu without JavaScript', async () => {
    const context = await open(375, 'normal', { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const firstColumn = page.locator('.nav-list > li:nth-child(2) > .nav-link');
    expect(await firstColumn.isVisible()).toBe(false);
    await page.getByText('栏目导航').click();
    expect(await firstColumn.isVisible()).toBe(true);
    await context.close();
  });

  it('is usable from the keyboard: skip link first, visible focus, scrollable tables reachable', async () => {
    const context = await open(1280, 'normal');
    const page = await context.newPage();
    await page.goto(`${base}${pages.find((p) => p.name === 'article')!.path}`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(first.text).toBe('跳到主要内容');
    expect(first.outline).toBe('solid');
    expect(first.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next stops inside main reach the table's scroll box, whose content is wider than the box.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.classList.contains('table-scroll') ?? false,
      );
    }
    expect(reached).toBe(true);
    const scrolls = await page.evaluate(() => {
      const box = document.activeElement as HTMLElement;
      return box.scrollWidth > box.clientWidth;
    });
    await page.setViewportSize({ width: 375, height: 812 });
    const scrollsOnPhone = await page.evaluate(() => {
      const box = document.querySelector('.table-scroll') as HTMLElement;
      return box.scrollWidth > box.clientWidth;
    });
    expect(scrolls || scrollsOnPhone).toBe(true);
    await context.close();
  });

  it('offers read-aloud on articles in elder mode where the browser can speak, and nowhere else', async () => {
    const article = pages.find((p) => p.name === 'article')!.path;
    const elder = await open(1280, 'elder');
    // Headless Chromium has no voices: record what would be spoken instead.
    await elder.addInitScript(() => {
      const spoken: string[] = [];
      let cancelled = false;
      Object.assign(window, { spoken });
      const synth = window.speechSynthesis;
      Object.defineProperty(synth, 'speaking', { get: () => spoken.length > 0 && !cancelled });
      synth.speak = (u: SpeechSynthesisUtterance) => void spoken.push(u.text);
      synth.cancel = () => {
        cancelled = true;
      };
    });
    const page = await elder.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${article}`);
    const button = page.getByRole('button', { name: '朗读全文' });
    expect(await button.isVisible()).toBe(true);
    await button.click();
    const stop = page.getByRole('button', { name: '停止朗读' });
    expect(await stop.getAttribute('aria-pressed')).toBe('true');
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(''));
    expect(spoken).toContain('2026年财政预算执行情况表及相关附件');
    expect(spoken).toContain('表格可在自身区域内左右滚动。');
    await stop.click();
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
    // Without speech synthesis the button stays hidden and nothing breaks.
    const mute = await open(1280, 'elder');
    await mute.addInitScript(() => {
      delete (window as { speechSynthesis?: unknown }).speechSynthesis;
      Object.defineProperty(window, 'speechSynthesis', { value: undefined });
    });
    const silent = await mute.newPage();
    await silent.goto(`${base}${article}`);
    expect(await silent.locator('[data-read-aloud]').isVisible()).toBe(false);
    await mute.close();
    await elder.close();
    const normal = await open(1280, 'normal');
    const plain = await normal.newPage();
    await plain.goto(`${base}${article}`);
    // Outside elder mode an article loads only the small script of its 打印 and 复制链接 buttons.
    expect(await plain.locator('script[src*="read-aloud"]').count()).toBe(0);
    expect(await plain.locator('script').count()).toBe(1);
    await normal.close();
  });

  it('greys every page on a national mourning day and respects reduced motion', async () => {
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    await updateSite(t.gazette.deps, SYSTEM, site.id, { ...site, mourning: true });
    const context = await browser.newContext({
      reducedMotion: 'reduce',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).filter)).toBe('grayscale(1)');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    await page.screenshot({ path: artifactPath('public', 'home-mourning-1280.png') });
    await context.close();
    await updateSite(t.gazette.deps, SYSTEM, site.id, { ...site, mourning: false });
    const after = await browser.newContext();
    const again = await after.newPage();
    await again.goto(`${base}/`);
    expect(await again.evaluate(() => getComputedStyle(document.documentElement).filter)).toBe('none');
    await after.close();
  });
});

if (!hasChromium) console.warn(noChromiumMessage);
