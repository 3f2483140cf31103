/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { artifactPath, hasChromium, launchBrowser } from '../support/browser.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// Elder mode, high contrast and font size are links that set a cookie (no JavaScript), and an admin's
// mourning switch turns every public page grey at once. The last part lays out every page type in Chromium
// in elder and high-contrast modes; axe-core and target sizes are checked in a11y.test.ts.

let t: TestGazette;
let siteId: number;

beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
});

afterAll(async () => {
  await t.close();
});

const get = (url: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

const htmlTag = (body: string) => /<html[^>]*>/.exec(body)?.[0] ?? '';

const setCookies = (header: string | string[] | undefined): string[] =>
  header === undefined ? [] : Array.isArray(header) ? header : [header];

describe('/_prefs', () => {
  it('sets the elder-mode cookie and sends the reader back to the page', async () => {
    const res = await get('/_prefs?elder=1&back=%2Fsitemap.html');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sitemap.html');
    expect(res.headers['cache-control']).toBe('no-store');
    const [cookie] = setCookies(res.headers['set-cookie']);
    expect(cookie).toMatch(/^gz_elder=1; Path=\/; Max-Age=31536000; SameSite=Lax; HttpOnly$/);
  });

  it('clears the cookie when the default is chosen again (reversible)', async () => {
    const res = await get('/_prefs?elder=0&contrast=0&fs=m&back=%2F');
    expect(res.statusCode).toBe(303);
    const cookies = setCookies(res.headers['set-cookie']);
    expect(cookies).toEqual([
      'gz_elder=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly',
      'gz_contrast=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly',
      'gz_fs=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly',
    ]);
  });

  it('comes back to paths with Chinese characters and queries, percent-encoded', async () => {
    const res = await get(`/_prefs?fs=l&back=${encodeURIComponent('/tags/营商环境/?a=1')}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/tags/%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83/?a=1');
    expect(setCookies(res.headers['set-cookie'])[0]).toMatch(/^gz_fs=l;/);
  });

  it('refuses to redirect off the site and refuses unknown values', async () => {
    for (const back of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example/',
      'javascript:alert(1)',
    ]) {
      const res = await get(`/_prefs?elder=1&back=${encodeURIComponent(back)}`);
      expect(res.statusCode, back).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    for (const query of ['elder=2', 'fs=xl', 'theme=dark', 'back=/&back=/x']) {
      expect((await get(`/_prefs?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('never redirects off the site, whatever the encoding of back (dot segments, slashes, backslashes)', async () => {
    const site = 'https://portal.example';
    // As sent on the wire: the query string is decoded once before `back` is checked.
    const tricks = [
      '/.%2F%2Fevil.example/phish',
      '/./%2Fevil.example',
      '/..%2F%2Fevil.example',
      '/a/..%2F%2Fevil.example',
      '/%2e%2F%2Fevil.example',
      '%2F%5Cevil.example',
      '/.%5C%5Cevil.example',
      '%5C%5Cevil.example',
      '/%09/evil.example',
      '%09//evil.example',
      '%2F%2F%2Fevil.example',
      '//evil.example',
      'https:%2F%2Fevil.example',
      'javascript:alert(1)',
      '%20javascript:alert(1)',
      `/${'a'.repeat(2100)}`,
    ];
    for (const back of tricks) {
      const res = await get(`/_prefs?elder=1&back=${back}`);
      const location = res.headers.location;
      if (location === undefined) {
        expect([400, 414], back).toContain(res.statusCode);
        expect(res.headers['set-cookie'], back).toBeUndefined();
        continue;
      }
      expect(String(location), back).toMatch(/^\/(?![/\\])/);
      expect(new URL(String(location), `${site}/_prefs`).origin, back).toBe(site);
    }
    // The reported one answers 400 rather than `Location: //evil.example/phish`.
    expect((await get('/_prefs?elder=1&back=/.%2F%2Fevil.example/phish')).statusCode).toBe(400);
    // An encoded slash that stays encoded is a path of this site.
    const kept = await get('/_prefs?elder=1&back=/%252F%252Fevil.example');
    expect(kept.headers.location).toBe('/%2F%2Fevil.example');
  });
});

describe('rendered preferences', () => {
  it('marks <html> from the cookies and never serves one reader’s mode to another', async () => {
    expect(htmlTag((await get('/')).body)).toBe('<html lang="zh-CN">');
    const elder = await get('/', 'gz_elder=1; gz_contrast=1; gz_fs=l');
    expect(htmlTag(elder.body)).toBe('<html lang="zh-CN" class="elder hc fs-l">');
    expect(elder.body).toContain('退出长者模式');
    expect(elder.body).toContain('href="/_prefs?elder=0&amp;back=%2F"');
    // The page cache must not hand the elder page to a reader without the cookie, nor the reverse.
    expect(htmlTag((await get('/')).body)).toBe('<html lang="zh-CN">');
    expect(htmlTag((await get('/', 'gz_elder=1')).body)).toBe('<html lang="zh-CN" class="elder">');
    expect(htmlTag((await get('/', 'gz_elder=junk; other=1')).body)).toBe('<html lang="zh-CN">');
  });

  it('adds the read-aloud script to articles in elder mode only', async () => {
    const [item] = await t.gazette.deps.store.articles.listPublished({ siteId }, 1, 0);
    const path = item!.path;
    expect((await get(path)).body).not.toMatch(/read-aloud\.[0-9a-f]+\.js/);
    const elder = (await get(path, 'gz_elder=1')).body;
    expect(elder).toMatch(/<script src="\/assets\/read-aloud\.[0-9a-f]{10}\.js" defer><\/script>/);
    expect(elder).toContain('data-read-aloud');
  });
});

describe('mourning greyscale (哀悼日)', () => {
  it('is a site setting an admin switches in the site API, greying every public page at once', async () => {
    const admin = await signedInUser(t, 'mourning-admin', ['site-admin']);
    const before = await admin.call('GET', `/sites/${siteId}`);
    expect(before.json<{ mourning: boolean }>().mourning).toBe(false);
    // The settings as the admin screen sends them back: everything but the ids, times and the switch.
    // The status (active, disabled) is the platform's, changed by disable and enable only.
    const fixed = new Set(['id', 'slug', 'createdAt', 'updatedAt', 'mourning', 'status']);
    const fields = Object.fromEntries(
      Object.entries(before.json<Record<string, unknown>>()).filter(([key]) => !fixed.has(key)),
    );

    expect(htmlTag((await get('/')).body)).not.toContain('mourning'); // cached now
    const on = await admin.call('PUT', `/sites/${siteId}`, { ...fields, mourning: true });
    expect(on.statusCode).toBe(200);
    expect(on.json<{ mourning: boolean }>().mourning).toBe(true);
    expect(htmlTag((await get('/')).body)).toBe('<html lang="zh-CN" class="mourning">');
    expect(htmlTag((await get('/sitemap.html', 'gz_elder=1')).body)).toBe(
      '<html lang="zh-CN" class="elder mourning">',
    );
    expect(htmlTag((await get('/no-such-page/')).body)).toContain('mourning');

    // Leaving the field out keeps it; false turns it off.
    const kept = await admin.call('PUT', `/sites/${siteId}`, fields);
    expect(kept.json<{ mourning: boolean }>().mourning).toBe(true);
    const off = await admin.call('PUT', `/sites/${siteId}`, { ...fields, mourning: false });
    expect(off.json<{ mourning: boolean }>().mourning).toBe(false);
    expect(htmlTag((await get('/')).body)).toBe('<html lang="zh-CN">');
    expect((await admin.call('PUT', `/sites/${siteId}`, { ...fields, mourning: 'yes' })).statusCode).toBe(
      400,
    );
  });
});

/** Label–value pairs (“发布时间：2026-11-20”) whose label and value start on different lines, or whose value
 * breaks inside a word (anywhere but a space or a `<wbr>` hint). */
async function splitPairs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const pair of document.querySelectorAll<HTMLElement>('.info-item, .footer-pair')) {
      if (pair.getBoundingClientRect().height === 0) continue;
      // Every character with the top of its line box, and whether a <wbr> comes before it.
      const chars: { char: string; top: number; left: number; right: number; hint: boolean }[] = [];
      let hint = false;
      const walker = document.createTreeWalker(pair, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element) {
          if (node.tagName === 'WBR') hint = true;
          if (node.closest('.visually-hidden')) walker.nextSibling();
          continue;
        }
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (text[i]!.trim() === '' && chars.at(-1)?.char === ' ') continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rects = range.getClientRects();
          if (rects.length === 0) continue;
          const { top, left, right } = rects[0]!;
          chars.push({ char: text[i]!.trim() === '' ? ' ' : text[i]!, top, left, right, hint });
          hint = false;
        }
      }
      const colon = chars.findIndex((c) => c.char === '：');
      if (colon < 0 || colon + 1 >= chars.length) continue;
      const text = chars.map((c) => c.char).join('');
      const label = chars.slice(0, colon + 1);
      const width = document.documentElement.clientWidth;
      if (chars.some((c) => c.left < -1 || c.right > width + 1)) bad.push(`off the screen: “${text}”`);
      if (
        label.some((c) => Math.abs(c.top - label[0]!.top) > 2) ||
        Math.abs(chars[colon + 1]!.top - label[0]!.top) > 2
      )
        bad.push(`label and value on different lines: “${text}”`);
      for (let i = colon + 2; i < chars.length; i++) {
        const before = chars[i - 1]!;
        const here = chars[i]!;
        if (here.top - before.top > 2 && before.char !== ' ' && here.char !== ' ' && !here.hint)
          bad.push(
            `breaks inside a word: “${chars
              .slice(colon + 1, i)
              .map((c) => c.char)
              .join('')}/${chars
              .slice(i)
              .map((c) => c.char)
              .join('')}”`,
          );
      }
    }
    return bad;
  });
}

/** Numbered circles whose digits do not fit inside them. */
async function spillingNumbers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.member-no')]
      .filter((n) => n.scrollWidth > n.clientWidth || n.scrollHeight > n.clientHeight)
      .map(
        (n) =>
          `“${n.textContent}” needs ${n.scrollWidth}×${n.scrollHeight}, has ${n.clientWidth}×${n.clientHeight}`,
      ),
  );
}

describe.skipIf(!hasChromium)('page layout in elder and high-contrast modes (Chromium)', () => {
  let browser: Browser;
  let base = '';
  const pages: { name: string; path: string }[] = [];

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const { store } = t.gazette.deps;
    const [article] = await store.articles.listPublished({ siteId }, 1, 0);
    const full = (await store.articles.get(article!.id))!;
    const home = (await get('/')).body;
    const series = /href="(\/series\/[^"#]+\/)"/.exec(home)?.[1];
    const column = (await store.columns.listBySite(siteId)).find(
      (c) => c.kind !== 'link' && c.parentId === null,
    );
    if (!series || !column || full.tags.length === 0)
      throw new Error('the demo lacks a series, column or tag');
    pages.push(
      { name: 'home', path: '/' },
      { name: 'column', path: `/${column.path}/` },
      { name: 'article', path: article!.path },
      { name: 'series', path: series },
      { name: 'tag', path: `/tags/${encodeURIComponent(full.tags[0]!)}/` },
      { name: 'search', path: `/search?q=${encodeURIComponent('青川')}` },
      { name: 'error', path: '/no-such-page/' },
    );
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const mode of ['elder', 'contrast'] as const) {
    for (const width of [375, 1280]) {
      it(`${mode} mode at ${width} px: labels stay with their values, numbers fit their circles`, async () => {
        const phone = width < 800;
        const context = await browser.newContext({
          viewport: { width, height: phone ? 812 : 900 },
          deviceScaleFactor: 1,
          ...(phone ? { isMobile: true, hasTouch: true } : {}),
        });
        await context.addCookies([
          { name: mode === 'elder' ? 'gz_elder' : 'gz_contrast', value: '1', url: base },
        ]);
        const page = await context.newPage();
        const problems: string[] = [];
        let circles = 0;
        for (const { name, path } of pages) {
          const res = await page.goto(`${base}${path}`);
          expect(res?.status(), path).toBe(name === 'error' ? 404 : 200);
          for (const p of await splitPairs(page)) problems.push(`${name}: ${p}`);
          for (const p of await spillingNumbers(page)) problems.push(`${name}: ${p}`);
          circles += await page.locator('.member-no').count();
          const wide = await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
          );
          if (wide) problems.push(`${name}: scrolls sideways`);
          if (name === 'article' || name === 'series')
            await page.screenshot({ path: artifactPath('layout', `${name}-${mode}-${width}.png`) });
        }
        await context.close();
        expect(problems).toEqual([]);
        // The series page and the home page's series card both number their members in circles.
        expect(circles).toBeGreaterThanOrEqual(10);
      }, 120_000);
    }
  }
});
