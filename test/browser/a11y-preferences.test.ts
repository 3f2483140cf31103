import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// Elder mode, high contrast and font size are links that set a cookie (no JavaScript), and an
// admin's mourning switch turns every public page grey at once. HTTP level; the browser suite is a11y.test.ts.

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
    expect((await get(path)).body).not.toContain('<script');
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
    const fixed = new Set(['id', 'slug', 'createdAt', 'updatedAt', 'mourning']);
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
