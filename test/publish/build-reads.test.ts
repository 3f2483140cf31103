import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishArticle, systemPrincipal, type Store } from '../../src/app/index.js';
import { buildReads } from '../../src/publish/build-reads.js';
import { loadSiteIndex, pageUrls, renderPage, siteContextOf } from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { withdrawnNotice } from './support.js';

/**
 * A full build reads articles in batches and takes neighbours and series from its index (for speed);
 * every page must still be the bytes the live reads give.
 */
let t: TestGazette;

beforeAll(async () => {
  t = await startTestGazette();
  const system = systemPrincipal('test');
  const [site] = await t.gazette.deps.store.sites.list();
  const notice = (await t.gazette.deps.store.columns.listBySite(site!.id)).find((c) => c.kind === 'notice')!;
  // Three published at the same instant: neighbours are then ordered by id.
  for (const title of ['同时发布甲', '同时发布乙', '同时发布丙']) {
    const draft = await createArticle(t.gazette.deps, system, site!.id, {
      columnId: notice.id,
      title,
      bodyHtml: `<p>${title}</p>`,
      tags: ['同时'],
    });
    await publishArticle(t.gazette.deps, system, draft.id);
  }
  await withdrawnNotice(t);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the reads of a full build', () => {
  it('render every page exactly as the live reads do, without reading published articles one by one', async () => {
    const live = t.gazette.deps.store;
    let readOneByOne = 0;
    const counted: Store = {
      ...live,
      articles: {
        ...live.articles,
        getByPath: (siteId, path) => {
          readOneByOne++;
          return live.articles.getByPath(siteId, path);
        },
      },
    };
    const ctx = await siteContextOf(live, undefined);
    const index = await loadSiteIndex(live, ctx);
    const urls = pageUrls(index);
    const reads = buildReads(counted, index);
    const now = t.clock.now();
    const theme = t.gazette.theme;
    await reads.prefetch(urls);
    let compared = 0;
    for (const url of urls) {
      const expected = await renderPage({ store: live, theme, now, index }, url);
      const actual = await renderPage({ store: reads.store, theme, now, index }, url);
      expect(actual, url).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(index.articles.length);
    // Only the withdrawn article's page (a 410 record, not in the index's published list) was read alone.
    expect(readOneByOne).toBe(index.gone.length);
    expect(index.gone.length).toBeGreaterThan(0);
  });

  it('falls back to the database for an article the index does not hold as it is', async () => {
    const live = t.gazette.deps.store;
    const ctx = await siteContextOf(live, undefined);
    const index = await loadSiteIndex(live, ctx);
    const reads = buildReads(live, index);
    const [first] = index.articles;
    const article = (await live.articles.get(first!.id))!;
    const moved = { ...article, publishedAt: '2020-01-01T00:00:00.000Z' };
    expect(await reads.store.articles.neighbours(moved)).toEqual(await live.articles.neighbours(moved));
    expect(await reads.store.articles.neighbours(article)).toEqual(await live.articles.neighbours(article));
  });
});
