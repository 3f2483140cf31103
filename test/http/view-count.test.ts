import { describe, expect, it } from 'vitest';
import { startTestGazette } from '../support/gazette.js';

describe('view count', () => {
  it('counts every view of an article page, cached answers included, and writes the counts in batches', async () => {
    const t = await startTestGazette();
    const [site] = await t.gazette.deps.store.sites.list();
    const [item] = await t.gazette.deps.store.articles.listPublished({ siteId: site!.id }, 1, 0);
    const before = (await t.gazette.deps.store.articles.get(item!.id))!.viewCount;
    const hits = [];
    for (let i = 0; i < 3; i++)
      hits.push((await t.app.inject({ method: 'GET', url: item!.path })).headers['x-cache']);
    expect(hits).toEqual(['miss', 'hit', 'hit']);
    await t.app.inject({ method: 'GET', url: '/no/such_1.html' });
    await t.app.close(); // closing writes what is still counted in memory
    expect((await t.gazette.deps.store.articles.get(item!.id))!.viewCount).toBe(before + 3);
    await t.close();
  });
});
