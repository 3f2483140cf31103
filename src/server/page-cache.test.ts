import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPageCache, invalidateFor, renderedPage, type PageIdentity } from './page-cache.js';

const page = (body: string, status = 200) => renderedPage(status, body, 'public, max-age=60', 0);
const at = (path: string, siteId = 1, labels: readonly string[] = []): PageIdentity => ({
  siteId,
  path,
  labels,
});

describe('rendered page', () => {
  it('has a strong ETag that depends on the bytes only', () => {
    expect(page('<p>a</p>').etag).toBe(renderedPage(200, '<p>a</p>', 'no-store', 5_000_000).etag);
    expect(page('<p>a</p>').etag).not.toBe(page('<p>b</p>').etag);
    expect(page('<p>a</p>').etag).toMatch(/^"[\w-]+"$/);
  });

  it('compresses once into gzip and brotli that decode to the same bytes', () => {
    const html = '<p>政府信息公开</p>'.repeat(200);
    const rendered = page(html);
    const br = rendered.encoded('br');
    expect(rendered.encoded('br')).toBe(br); // kept, not recompressed
    expect(brotliDecompressSync(br).toString()).toBe(html);
    expect(gunzipSync(rendered.encoded('gzip')).toString()).toBe(html);
    expect(rendered.bytes).toBe(rendered.body.length + br.length + rendered.encoded('gzip').length);
  });

  it('sends tiny pages as they are', () => {
    const rendered = page('ok');
    expect(rendered.encoded('gzip')).toBe(rendered.body);
  });
});

describe('page cache', () => {
  it('gives back what it holds and counts its bytes, compressed forms from when they are made', () => {
    const cache = createPageCache(100_000);
    const rendered = page('x'.repeat(1000));
    cache.set('a', at('/a.html'), rendered, 0);
    const kept = cache.get('a');
    expect(kept?.body).toBe(rendered.body);
    expect(kept?.etag).toBe(rendered.etag);
    // Nothing is compressed until a reader asks: a page nobody fetches compressed costs no CPU for it.
    expect(cache.bytes).toBe(1000);
    const br = kept?.encoded('br');
    expect(cache.get('a')?.encoded('br')).toBe(br); // kept, not recompressed
    kept?.encoded('gzip');
    expect(cache.bytes).toBe(rendered.bytes);
    expect(cache.bytes).toBeGreaterThan(1000);
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts for a compressed form made after the page was stored', () => {
    // Hex text: 2,400 bytes that no compressor brings under 1,200 (4 bits of entropy a character).
    const cache = createPageCache(10_000);
    for (const key of ['a', 'b', 'c', 'd'])
      cache.set(key, at(`/${key}`), page(randomBytes(1200).toString('hex')), 0);
    expect([cache.size, cache.bytes]).toEqual([4, 9600]);
    cache.get('d')?.encoded('br');
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('a')).toBeUndefined(); // the least recently used page made room
    expect(cache.get('d')?.bytes).toBeGreaterThan(2400 + 1200);
    expect([cache.get('b'), cache.get('c')].every(Boolean)).toBe(true);
  });

  it('evicts the least recently used pages to stay within its bytes', () => {
    const cache = createPageCache(1000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, at(`/${key}`), page('x'.repeat(240)), 0);
    cache.get('a'); // a is now the most recently used
    cache.set('e', at('/e'), page('x'.repeat(240)), 0);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('e')).toBeDefined();
  });

  it('counts bytes, not characters, so Chinese pages are bounded too', () => {
    const cache = createPageCache(10_000);
    cache.set('a', at('/a'), page('政'.repeat(60)), 0); // under the compression threshold
    expect(cache.bytes).toBe(180);
  });

  it('does not let one huge page flush everything else', () => {
    const cache = createPageCache(1000);
    cache.set('a', at('/a'), page('small'), 0);
    cache.set('huge', at('/huge'), page('x'.repeat(900)), 0);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('drops every page of one site and keeps the others', () => {
    const cache = createPageCache(10_000);
    cache.set('a', at('/', 1), page('one'), 0);
    cache.set('b', at('/', 2), page('two'), 0);
    cache.invalidateSite(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.bytes).toBe(3);
  });

  it('drops exactly the planned paths, every numbered page of a planned listing and labelled pages', () => {
    const cache = createPageCache(100_000);
    const paths = ['/zwgk/', '/zwgk/page/3/', '/zwgk/tzgg/', '/a.html', '/b.html', '/c.html', '/'];
    for (const path of paths)
      cache.set(path, at(path, 1, path === '/c.html' ? ['series:4'] : []), page(path), 0);
    cache.set('other site', at('/a.html', 2), page('a'), 0);
    cache.invalidate(1, { paths: ['/zwgk/', '/a.html'], labels: ['series:4'] });
    expect(paths.filter((path) => cache.get(path) !== undefined)).toEqual(['/zwgk/tzgg/', '/b.html', '/']);
    expect(cache.get('other site')).toBeDefined();
  });

  it('takes planned paths encoded as in links (the static build’s form) or decoded', () => {
    const cache = createPageCache(100_000);
    cache.set('tag', at('/tags/医保/'), page('tag'), 0);
    cache.set('tag page 2', at('/tags/医保/page/2/'), page('tag 2'), 0);
    cache.invalidate(1, { paths: [encodeURI('/tags/医保/')] });
    expect(cache.size).toBe(0);
  });

  it('does not keep a page rendered from data read before an invalidation of its site', () => {
    const cache = createPageCache(10_000);
    const before = cache.generation(1);
    cache.invalidate(1, { paths: ['/x.html'] }); // e.g. a withdrawal committed while the page was being rendered
    cache.set('a', at('/a.html'), page('stale'), before);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', at('/a.html'), page('fresh'), cache.generation(1));
    expect(cache.get('a')?.body.toString()).toBe('fresh');
  });

  it('neither serves nor stores a changed site while the change is being planned', async () => {
    const cache = createPageCache(10_000);
    cache.set('home', at('/'), page('old home'), 0);
    cache.set('other', at('/other.html'), page('other'), 0);
    let plan: (paths: { paths: string[] }) => void = () => undefined;
    const settled = invalidateFor(cache, () => new Promise((resolve) => (plan = resolve)), {
      type: 'article-published',
      siteId: 1,
      articleId: 9,
    });
    expect(cache.get('home')).toBeUndefined();
    expect(cache.get('other')).toBeUndefined();
    cache.set('new', at('/new.html'), page('rendered meanwhile'), cache.generation(1));
    plan({ paths: ['/'] });
    await settled;
    expect(cache.get('home')).toBeUndefined();
    expect(cache.get('other')?.body.toString()).toBe('other');
    expect(cache.get('new')).toBeUndefined();
  });

  it('drops the whole site when the plan cannot be worked out', async () => {
    const cache = createPageCache(10_000);
    cache.set('a', at('/a.html'), page('a'), 0);
    const errors: unknown[] = [];
    await invalidateFor(
      cache,
      () => Promise.reject(new Error('database gone')),
      { type: 'article-updated', siteId: 1, articleId: 1 },
      (error) => errors.push(error),
    );
    expect(errors).toHaveLength(1);
    expect(cache.size).toBe(0);
  });

  it('forgets pages older than its maximum age, as a backstop', () => {
    let now = 0;
    const cache = createPageCache(10_000, 1000, () => now);
    cache.set('a', at('/a'), page('page'), 0);
    now = 999;
    expect(cache.get('a')).toBeDefined();
    now = 2500;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
