import { describe, expect, it } from 'vitest';
import { createListCounts } from './list-counts.js';
import type { PublishedQuery, Store } from './ports.js';

/** A store whose lists hold `sizes[key]` articles, counting the count queries. */
function fakeStore() {
  const state = {
    sizes: new Map<string, number>(),
    counted: 0,
    gate: null as Promise<void> | null,
  };
  const keyOf = (q: PublishedQuery) => `${q.siteId}:${q.columnIds?.join(',') ?? ''}:${q.tag ?? ''}`;
  const store = {
    articles: {
      countPublished: async (q: PublishedQuery) => {
        state.counted++;
        const size = state.sizes.get(keyOf(q)) ?? 0;
        if (state.gate) await state.gate;
        return size;
      },
      listPublished: () => Promise.resolve([]),
    },
    sites: { list: () => Promise.resolve([]) },
  } as unknown as Store;
  return { store, state, keyOf };
}

describe('list counts kept between requests', () => {
  it('counts a list once, and again after an event of its site only', async () => {
    const { store, state } = fakeStore();
    const counts = createListCounts(store);
    state.sizes.set('1:7:', 100_000);
    state.sizes.set('2:9:', 5);
    const column = { siteId: 1, columnIds: [7] };
    const other = { siteId: 2, columnIds: [9] };
    expect(await counts.store.articles.countPublished(column)).toBe(100_000);
    expect(await counts.store.articles.countPublished(other)).toBe(5);
    await counts.store.articles.countPublished(column);
    expect(state.counted).toBe(2);

    state.sizes.set('1:7:', 100_001);
    state.sizes.set('2:9:', 6);
    counts.invalidate({ type: 'article-published', siteId: 1, articleId: 100_001 });
    expect(await counts.store.articles.countPublished(column)).toBe(100_001);
    expect(await counts.store.articles.countPublished(other)).toBe(5); // site 2 had no event
    counts.invalidate(); // resync
    expect(await counts.store.articles.countPublished(other)).toBe(6);
  });

  it('keeps tags, column sets and whole sites apart', async () => {
    const { store, state } = fakeStore();
    const counts = createListCounts(store);
    state.sizes.set('1::政务公开', 50_000);
    state.sizes.set('1:7,8:', 12);
    state.sizes.set('1::', 99);
    expect(await counts.store.articles.countPublished({ siteId: 1, tag: '政务公开' })).toBe(50_000);
    expect(await counts.store.articles.countPublished({ siteId: 1, columnIds: [7, 8] })).toBe(12);
    expect(await counts.store.articles.countPublished({ siteId: 1 })).toBe(99);
  });

  it('counts again past the maximum age', async () => {
    const { store, state } = fakeStore();
    let now = 0;
    const counts = createListCounts(store, { maxAgeMs: 1_000, now: () => now });
    await counts.store.articles.countPublished({ siteId: 1 });
    now = 999;
    await counts.store.articles.countPublished({ siteId: 1 });
    now = 1_000;
    await counts.store.articles.countPublished({ siteId: 1 });
    expect(state.counted).toBe(2);
  });

  it('does not keep a count that was taken while an event came', async () => {
    const { store, state } = fakeStore();
    const counts = createListCounts(store);
    state.sizes.set('1:7:', 10);
    let open: () => void = () => undefined;
    state.gate = new Promise((resolve) => (open = resolve));
    const slow = counts.store.articles.countPublished({ siteId: 1, columnIds: [7] });
    state.sizes.set('1:7:', 11);
    counts.invalidate({ type: 'article-withdrawn', siteId: 1, articleId: 3 });
    state.gate = null;
    open();
    expect(await slow).toBe(10);
    expect(await counts.store.articles.countPublished({ siteId: 1, columnIds: [7] })).toBe(11);
  });

  it('leaves every other store method as it was', async () => {
    const { store } = fakeStore();
    const counts = createListCounts(store);
    const { articles } = counts.store;
    const original = store.articles;
    expect(Object.keys(articles)).toEqual(Object.keys(original));
    expect(counts.store.sites).toBe(store.sites);
    expect(await counts.store.articles.listPublished({ siteId: 1 }, 20, 0)).toEqual([]);
  });
});
