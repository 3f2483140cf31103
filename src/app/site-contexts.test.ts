import { describe, expect, it } from 'vitest';
import type { Column, Site } from '../core/index.js';
import type { Store } from './ports.js';
import { createSiteContexts } from './site-contexts.js';

/** A store with one site whose name and columns the test changes, counting the reads. */
function fakeStore() {
  const state = {
    name: '青川市人民政府',
    columns: [] as Column[],
    reads: 0,
    gate: null as Promise<void> | null,
  };
  const store = {
    sites: {
      list: async () => {
        state.reads++;
        const name = state.name;
        if (state.gate) await state.gate;
        return [{ id: 1, name, hosts: ['qc.example.gov.cn'], status: 'active' } as unknown as Site];
      },
    },
    columns: { listBySite: () => Promise.resolve(state.columns) },
  } as unknown as Store;
  return { store, state };
}

describe('site contexts kept between requests', () => {
  it('reads the site once, then again after a site or column event, not after an article event', async () => {
    const { store, state } = fakeStore();
    const contexts = createSiteContexts(store);
    expect((await contexts.load('qc.example.gov.cn')).site.name).toBe('青川市人民政府');
    await contexts.load('qc.example.gov.cn');
    expect(state.reads).toBe(1);

    state.name = '青川市人民政府（新）';
    contexts.invalidate({ type: 'article-published', siteId: 1, articleId: 3 });
    expect((await contexts.load('qc.example.gov.cn')).site.name).toBe('青川市人民政府');
    contexts.invalidate({ type: 'site-updated', siteId: 1 });
    expect((await contexts.load('qc.example.gov.cn')).site.name).toBe('青川市人民政府（新）');
    contexts.invalidate({ type: 'columns-changed', siteId: 1 });
    await contexts.load('qc.example.gov.cn');
    contexts.invalidate(); // a feed resync
    await contexts.load('qc.example.gov.cn');
    expect(state.reads).toBe(4);
  });

  it('reads again once the maximum age has passed, for writers that announce nothing', async () => {
    const { store, state } = fakeStore();
    let now = 1_000;
    const contexts = createSiteContexts(store, { maxAgeMs: 5_000, now: () => now });
    await contexts.load('qc.example.gov.cn');
    now += 4_999;
    await contexts.load('qc.example.gov.cn');
    expect(state.reads).toBe(1);
    now += 1;
    await contexts.load('qc.example.gov.cn');
    expect(state.reads).toBe(2);
  });

  it('does not keep what a read saw when an event came while it was reading', async () => {
    const { store, state } = fakeStore();
    const contexts = createSiteContexts(store);
    let open: () => void = () => undefined;
    state.gate = new Promise((resolve) => (open = resolve));
    const slow = contexts.load('qc.example.gov.cn'); // reads the old name, then waits
    state.name = '改名后';
    contexts.invalidate({ type: 'site-updated', siteId: 1 });
    state.gate = null;
    open();
    expect((await slow).site.name).toBe('青川市人民政府');
    expect((await contexts.load('qc.example.gov.cn')).site.name).toBe('改名后');
  });

  it('reads nothing more for hosts readers make up, and holds nothing per host', async () => {
    const { store, state } = fakeStore();
    const contexts = createSiteContexts(store);
    // The only site has a host: made-up hosts find no site.
    await expect(contexts.load('qc.example.gov.cn')).resolves.toBeTruthy();
    for (let i = 0; i < 200; i++) await expect(contexts.load(`h${i}.example`)).rejects.toThrow();
    expect(state.reads).toBe(1);
  });
});
