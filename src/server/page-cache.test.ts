import { describe, expect, it } from 'vitest';
import { createPageCache } from './page-cache.js';

describe('page cache', () => {
  it('gives back what it holds and counts its bytes', () => {
    const cache = createPageCache(1000);
    cache.set('a', 1, 200, 'x'.repeat(100), 0);
    expect(cache.get('a')).toMatchObject({ status: 200, bytes: 100 });
    expect(cache.bytes).toBe(100);
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used pages to stay within its bytes', () => {
    const cache = createPageCache(1000);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 1, 200, 'x'.repeat(240), 0);
    cache.get('a'); // a is now the most recently used
    cache.set('e', 1, 200, 'x'.repeat(240), 0);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('e')).toBeDefined();
  });

  it('counts bytes, not characters, so Chinese pages are bounded too', () => {
    const cache = createPageCache(10_000);
    cache.set('a', 1, 200, '政'.repeat(200), 0);
    expect(cache.bytes).toBe(600);
  });

  it('does not let one huge page flush everything else', () => {
    const cache = createPageCache(1000);
    cache.set('a', 1, 200, 'small', 0);
    cache.set('huge', 1, 200, 'x'.repeat(900), 0);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('drops every page of one site and keeps the others', () => {
    const cache = createPageCache(10_000);
    cache.set('a', 1, 200, 'one', 0);
    cache.set('b', 2, 200, 'two', 0);
    cache.invalidateSite(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.bytes).toBe(3);
  });

  it('does not keep a page rendered from data read before an invalidation of its site', () => {
    const cache = createPageCache(10_000);
    const before = cache.generation(1);
    cache.invalidateSite(1); // e.g. a withdrawal committed while the page was being rendered
    cache.set('a', 1, 200, 'stale', before);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1, 200, 'fresh', cache.generation(1));
    expect(cache.get('a')?.body).toBe('fresh');
  });

  it('forgets pages older than its maximum age, as a backstop', () => {
    let now = 0;
    const cache = createPageCache(10_000, 1000, () => now);
    cache.set('a', 1, 200, 'page', 0);
    now = 999;
    expect(cache.get('a')).toBeDefined();
    now = 2500;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
