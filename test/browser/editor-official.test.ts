/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column } from '../../src/core/index.js';
import { signedInUser, type AdminClient } from '../support/admin-client.js';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.js';
import { artifactPath, hasChromium } from '../support/browser.js';
import sharp from 'sharp';
import { upload } from '../media/media-client.js';
import { WORD_HTML } from './paste-fixtures.js';

/**
 * The editor's tools for official documents in Chromium: paragraph alignment and first-line indent,
 * image captions, the table's header row, live 字数/字符数, the phone preview beside the desktop one,
 * and Word paste keeping alignment, indent and the header row; what is saved is what the tools show.
 */

let admin: AdminBrowser;
let writer: AdminClient;
let notices: Column;
let page: Page;
let articleId: number;
let image: string;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(target: Page): Promise<string[]> {
  await target.evaluate(AXE_SOURCE);
  const result = await target.evaluate(() =>
    (
      window as unknown as {
        axe: { run(o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

async function pasteHtml(html: string): Promise<void> {
  await page.locator('.gz-prose').evaluate((element, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', 'fallback');
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, html);
}

const tool = (name: string) => page.getByRole('toolbar').getByRole('button', { name, exact: true });
const prose = () => page.locator('.gz-prose');

const body = (image: string) =>
  '<p>各区县人民政府：</p><p>Hello world，你好。</p>' +
  `<p><img src="${image}" alt="会议现场"></p>` +
  '<table><tbody><tr><td><p>区县</p></td><td><p>面积</p></td></tr><tr><td><p>青川区</p></td><td><p>1280</p></td></tr></tbody></table>' +
  '<p>青川市人民政府办公室</p>';

describe.skipIf(!hasChromium)('the editor for official documents', () => {
  beforeAll(async () => {
    admin = await startAdminBrowser();
    const t = admin.t;
    notices = (await t.gazette.deps.store.columns.listBySite(admin.siteId)).find((c) => c.kind === 'notice')!;
    writer = await signedInUser(t, 'gongwen', ['contributor']);
    const picture = await sharp({ create: { width: 640, height: 240, channels: 3, background: '#5b7fa6' } })
      .png()
      .toBuffer();
    const uploaded = await upload(
      t.app,
      writer,
      { filename: '会议现场.png', bytes: picture },
      { alt: '会议现场', siteId: String(admin.siteId) },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    image = uploaded.json<{ url: string }>().url;
    const created = await writer.call('POST', '/articles', {
      siteId: admin.siteId,
      columnId: notices.id,
      title: '关于做好2026年冬季供暖保障工作的通知',
      bodyHtml: body(image),
    });
    expect(created.statusCode, created.body).toBe(201);
    articleId = created.json<{ article: { id: number } }>().article.id;
    page = await admin.newPage('official');
    await page.context().addCookies([{ name: 'gz_session', value: writer.cookie, url: admin.base }]);
    await page.goto(`${admin.base}/admin/articles/${articleId}`);
    await prose().waitFor();
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('counts 字数 (Chinese characters and Latin words) and 字符数 live', async () => {
    const counts = page.locator('.gz-counts');
    // 各区县人民政府 7 + 你好 2 + Hello, world 2; characters without spaces: 8 + 14 + 2 + 2 + 2 + 4 + 10.
    await expect.poll(() => counts.getAttribute('data-words')).toBe(String(7 + 2 + 2 + 4 + 3 + 1 + 10));
    expect(await counts.innerText()).toMatch(/字数 29/);
    const characters = Number(await counts.getAttribute('data-characters'));
    expect(characters).toBe(8 + 14 + 2 + 2 + 3 + 4 + 10);
    await prose().locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('通知 abc');
    await expect.poll(() => counts.getAttribute('data-words')).toBe('32');
    expect(await counts.getAttribute('data-characters')).toBe(String(characters + 5));
    await page.keyboard.press('Control+z');
  });

  it('aligns paragraphs, indents the first line as a style, captions an image and marks a header row', async () => {
    // 落款 right-aligned.
    await prose().locator('p', { hasText: '青川市人民政府办公室' }).click();
    await tool('右对齐（落款、日期）').click();
    await expect.poll(() => prose().locator('p.align-right').innerText()).toBe('青川市人民政府办公室');
    expect(await tool('右对齐（落款、日期）').getAttribute('aria-pressed')).toBe('true');
    await tool('居中').click();
    expect(await prose().locator('p.align-center').count()).toBe(1);
    await tool('右对齐（落款、日期）').click();

    // First-line indent: a class, never spaces, and it toggles off again.
    await prose().locator('p', { hasText: 'Hello world' }).click();
    await tool('首行缩进两字').click();
    await expect.poll(() => prose().locator('p.indent-2').count()).toBe(1);
    expect(await prose().locator('p.indent-2').innerText()).toBe('Hello world，你好。');
    const indent = await prose()
      .locator('p.indent-2')
      .evaluate((p) => getComputedStyle(p).textIndent);
    expect(indent).not.toBe('0px');

    // Caption: select the image, add 图注.
    expect(await tool('为选中的图片添加图注').isDisabled()).toBe(true);
    await prose().locator('img[alt="会议现场"]').click();
    page.once('dialog', (dialog) => void dialog.accept('图为全市供暖保障工作会议现场'));
    await tool('为选中的图片添加图注').click();
    await expect
      .poll(() => prose().locator('figure figcaption').innerText())
      .toBe('图为全市供暖保障工作会议现场');
    expect(await prose().locator('figure img[alt="会议现场"]').count()).toBe(1);

    // Header row.
    await prose().locator('td', { hasText: '区县' }).click();
    await tool('首行作表头').click();
    await expect.poll(() => prose().locator('th').count()).toBe(2);
    expect(await tool('首行作表头').getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await admin.t.gazette.deps.store.articles.get(articleId))!.bodyHtml)
      .toContain('<p class="align-right">青川市人民政府办公室</p>');
    const saved = (await admin.t.gazette.deps.store.articles.get(articleId))!.bodyHtml;
    expect(saved).toContain('<p class="indent-2">Hello world，你好。</p>');
    expect(saved).toContain(
      `<figure><img src="${image}" alt="会议现场" /><figcaption>图为全市供暖保障工作会议现场</figcaption></figure>`,
    );
    expect(saved).toMatch(/<tr><th[^>]*><p>区县<\/p><\/th><th[^>]*><p>面积<\/p><\/th><\/tr>/);
  });

  it('keeps alignment, indent and the header row of a Word paste', async () => {
    // The last test's save has come back and the editor shows the saved text: typing before that would be
    // overwritten by it.
    await page
      .getByText(/已保存 \d/)
      .first()
      .waitFor();
    // A new empty paragraph after the 落款, the caret in it: the paste fills it.
    const signature = prose().locator('p', { hasText: '青川市人民政府办公室' });
    const box = (await signature.boundingBox())!;
    // The paragraph is right-aligned: its end is at the right edge.
    await signature.click({ position: { x: box.width - 2, y: box.height / 2 } });
    // The 落款 is the last paragraph: the caret goes to the end of the document, which is the end of it (a click
    // alone can land in the table while the sticky toolbar shifts the layout under the pointer).
    await prose().evaluate((element) =>
      (element as unknown as { editor: { commands: { focus(at: 'end'): void } } }).editor.commands.focus(
        'end',
      ),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => prose().locator('p.align-right + p').count()).toBe(1);
    await pasteHtml(WORD_HTML);
    await prose().locator('ol li').first().waitFor();
    expect(await prose().locator('h2.align-center').innerText()).toBe('关于做好2026年冬季供暖保障工作的通知');
    for (const [selector, align] of [
      ['h2.align-center', 'center'],
      ['p.align-right', 'right'],
    ] as const) {
      const shown = await prose()
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).textAlign);
      expect(shown, selector).toBe(align);
    }
    expect(await prose().locator('p.indent-2', { hasText: '为切实做好今冬明春供暖保障工作' }).count()).toBe(
      1,
    );
    expect(await prose().locator('p.align-right').allInnerTexts()).toEqual([
      '青川市人民政府办公室',
      '青川市人民政府办公室',
    ]);
    expect(await prose().locator('th', { hasText: '供暖面积（万平方米）' }).count()).toBe(1);
    // Word's indentation typed as full-width spaces is gone: the indent is the style.
    expect(await prose().innerHTML()).not.toMatch(/>[\u3000\u00a0 ]+各区县/);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await admin.t.gazette.deps.store.articles.get(articleId))!.bodyHtml)
      .toContain('<h2 class="align-center">关于做好2026年冬季供暖保障工作的通知</h2>');
    const saved = (await admin.t.gazette.deps.store.articles.get(articleId))!.bodyHtml;
    expect(saved).toContain('<p class="indent-2">各区县人民政府，市政府各部门：</p>');
    expect(saved).toMatch(/<th[^>]*><p>供暖面积（万平方米）<\/p><\/th>/);
  });

  it('shows the preview at desktop width and, beside it, at a phone’s 375 px', async () => {
    await page.getByRole('button', { name: '预览' }).click();
    const phone = page.locator('iframe.gz-preview-frame-phone');
    await phone.waitFor();
    const desktop = page.locator('iframe.gz-preview-frame');
    const [phoneBox, desktopBox] = [await phone.boundingBox(), await desktop.boundingBox()];
    expect(Math.round(phoneBox!.width)).toBe(375 + 2);
    expect(desktopBox!.width).toBeGreaterThan(phoneBox!.width);
    expect(desktopBox!.x).toBeLessThan(phoneBox!.x);
    const inPhone = page.frameLocator('iframe.gz-preview-frame-phone');
    await expect
      .poll(() => inPhone.locator('h1').first().innerText())
      .toBe('关于做好2026年冬季供暖保障工作的通知');
    // The phone frame lays the page out for a phone: nothing wider than the screen.
    const overflow = await inPhone.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await phone.getAttribute('title')).toContain('手机预览');
    await page.screenshot({ path: artifactPath('admin', 'editor-official-preview.png') });
    await page.getByRole('button', { name: '关闭预览' }).click();
  });

  it('labels every tool and passes axe-core', async () => {
    for (const button of await page.getByRole('toolbar').getByRole('button').all()) {
      expect((await button.getAttribute('aria-label')) ?? '').not.toBe('');
    }
    expect((await axeViolations(page)).join('\n')).toBe('');
    await prose().locator('p', { hasText: 'Hello world' }).click();
    await page.locator('.gz-richtext').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('admin', 'editor-official.png'), fullPage: true });
  });
});
