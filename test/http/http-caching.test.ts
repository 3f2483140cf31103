import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_CONTROL, chooseEncoding } from '../../src/server/public-routes.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/** Validators, 304s, Cache-Control per page type, precompressed bodies and HEAD. */
let t: TestGazette;
let articlePath: string;

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  const [first] = await t.gazette.deps.store.articles.listPublished({ siteId: site!.id }, 1, 0);
  articlePath = first!.path;
});

afterAll(async () => {
  await t.close();
});

describe('validators', () => {
  it('gives a page a strong ETag and a Last-Modified, the same on a miss and on a hit', async () => {
    const miss = await get(articlePath);
    const hit = await get(articlePath);
    expect(miss.headers['x-cache']).toBe('miss');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(miss.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers['last-modified']).toBe(miss.headers['last-modified']);
    expect(Date.parse(String(miss.headers['last-modified']))).not.toBeNaN();
  });

  it('answers 304 without a body to If-None-Match with the current tag, weak or listed', async () => {
    const { etag } = (await get('/')).headers;
    for (const header of [String(etag), `W/${String(etag)}`, `"other", ${String(etag)}`, '*']) {
      const again = await get('/', { 'if-none-match': header });
      expect(again.statusCode, header).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    expect((await get('/', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, unless If-None-Match disagrees', async () => {
    const modified = String((await get('/sitemap.html')).headers['last-modified']);
    expect((await get('/sitemap.html', { 'if-modified-since': modified })).statusCode).toBe(304);
    const earlier = new Date(Date.parse(modified) - 60_000).toUTCString();
    expect((await get('/sitemap.html', { 'if-modified-since': earlier })).statusCode).toBe(200);
    const both = await get('/sitemap.html', { 'if-modified-since': modified, 'if-none-match': '"x"' });
    expect(both.statusCode).toBe(200);
    expect((await get('/sitemap.html', { 'if-modified-since': 'not a date' })).statusCode).toBe(200);
  });
});

describe('Cache-Control', () => {
  it('lets articles be kept longer than lists, and never keeps errors', async () => {
    expect((await get(articlePath)).headers['cache-control']).toBe(CACHE_CONTROL.article);
    expect((await get('/')).headers['cache-control']).toBe(CACHE_CONTROL.listing);
    expect((await get('/sitemap.html')).headers['cache-control']).toBe(CACHE_CONTROL.listing);
    expect(CACHE_CONTROL.article).toMatch(/stale-while-revalidate=\d+/);
    expect(CACHE_CONTROL.listing).toMatch(/stale-while-revalidate=\d+/);
    const missing = await get('/no/such/page/');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
  });
});

describe('compression', () => {
  it('sends brotli or gzip computed once, by the reader’s q-values, and varies on Accept-Encoding', async () => {
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers.vary)).toMatch(/Accept-Encoding/);

    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);

    const gzip = await get('/', { 'accept-encoding': 'br;q=0.5, gzip;q=1' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    // The same bytes once more: the compressed form is kept, not made again (same ETag, same body).
    const again = await get('/', { 'accept-encoding': 'gzip' });
    expect(again.rawPayload.equals(gzip.rawPayload)).toBe(true);
    expect(again.headers['x-cache']).toBe('hit');
  });

  it('reads Accept-Encoding q-values as RFC 9110 says', () => {
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.2, identity;q=0.5')).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0, identity')).toBe('identity');
    expect(chooseEncoding('*;q=0')).toBe('identity'); // nothing acceptable: the bytes as they are
    expect(chooseEncoding('deflate')).toBe('identity');
    expect(chooseEncoding('GZIP;Q=0.9')).toBe('gzip');
    expect(chooseEncoding('gzip;q=nonsense')).toBe('identity');
  });
});

describe('HEAD and reader preferences', () => {
  it('answers HEAD with the headers of GET and no body', async () => {
    const full = await get(articlePath);
    const head = await t.app.inject({ method: 'HEAD', url: articlePath });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.etag).toBe(full.headers.etag);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
  });

  it('keeps pages apart by the preference cookies, and only by them', async () => {
    const plain = await get('/tags/民生实事/');
    const other = await get('/tags/民生实事/', { cookie: 'analytics=1; theme=x' });
    expect(other.headers['x-cache']).toBe('hit');
    expect(other.headers.etag).toBe(plain.headers.etag);
    const elder = await get('/tags/民生实事/', { cookie: 'gz_elder=1' });
    expect(elder.headers['x-cache']).toBe('miss');
    expect(elder.headers.etag).not.toBe(plain.headers.etag);
    expect((await get('/tags/民生实事/', { cookie: 'gz_elder=1' })).headers['x-cache']).toBe('hit');
    expect(String(plain.headers.vary)).toMatch(/Cookie/);
  });

  it('ignores the query string: a tracking parameter does not make another cached copy', async () => {
    await get('/sitemap.html');
    expect((await get('/sitemap.html?utm_source=weixin')).headers['x-cache']).toBe('hit');
  });
});
