import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addSearchSynonym, searchSite, systemPrincipal } from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// Official short forms and full names find each other on the demo site (人社局 / 人力资源和社会保障局 …),
// articles with the form typed first; a site's own pair applies to its searches.
let t: TestGazette;
let siteId = 0;
beforeAll(async () => {
  t = await startTestGazette();
  siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
}, 120_000);
afterAll(async () => t?.close());

const search = async (q: string) => {
  const outcome = await searchSite(t.gazette.deps, { q, filter: { siteId } });
  const sources = await t.gazette.deps.store.search.sources(outcome.results.map((r) => r.id));
  return outcome.results.map((r) => {
    const body = sources.find((s) => s.id === r.id)!;
    return `${body.title}\n${body.summary}\n${body.bodyHtml}`;
  });
};

describe('search synonyms', () => {
  test('a short form finds the full name, and the text as typed ranks first', async () => {
    const exactOnly = (await search('"人社局"')).length;
    const found = await search('人社局');
    expect(found.length).toBeGreaterThan(exactOnly);
    const firstFull = found.findIndex((text) => !text.includes('人社局'));
    const lastExact = found.map((text) => text.includes('人社局')).lastIndexOf(true);
    expect(lastExact).toBeLessThan(firstFull);
    expect(found.some((text) => text.includes('人力资源和社会保障局'))).toBe(true);
  });

  test('a full name also marks the short form in the results', async () => {
    const outcome = await searchSite(t.gazette.deps, { q: '卫生健康委员会', filter: { siteId } });
    expect(outcome.results.some((r) => r.titleHtml.includes('<mark>卫健委</mark>'))).toBe(true);
  });

  test('a site’s own pair applies to its searches', async () => {
    const before = await search('旧改');
    expect(before).toEqual([]);
    await addSearchSynonym(t.gazette.deps, systemPrincipal('test'), {
      siteId,
      term: '旧改',
      synonym: '老旧小区改造',
    });
    const after = await search('旧改');
    expect(after.length).toBeGreaterThan(0);
  });
});
