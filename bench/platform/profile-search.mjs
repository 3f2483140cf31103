#!/usr/bin/env node
// Search on the generated platform, in process: end to end (`searchSite`) against the match and rank alone
// (`find`), for one site and for the whole platform, query by query (second run of each; the first warms).
//   node bench/platform/profile-search.mjs [--postgres URL] [--database gazette_platform_bench] [--site 77]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'gazette_platform_bench' },
    site: { type: 'string', default: '77' },
    build: { type: 'string', default: 'dist' },
  },
});
const dist = pathToFileURL(resolve(values.build)).href;
const { loadConfig } = await import(`${dist}/config/index.js`);
const { openGazette } = await import(`${dist}/boot/index.js`);
const { openPostgres, withDatabaseName } = await import(`${dist}/store/index.js`);
const { searchSite } = await import(`${dist}/app/index.js`);
const { parseQuery } = await import(`${dist}/search/index.js`);
const database = await openPostgres(withDatabaseName(values.postgres, values.database));
const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, {}), { database });
const analyzer = await gazette.deps.store.search.analyzer();
const rows = [];
for (const q of ['会议', '安全生产', '防汛', '第12期', '澜滨区 安全生产', '督查考核', '实施方案']) {
  for (const platform of [false, true]) {
    const filter = { siteId: Number(values.site), ...(platform ? { platform: true } : {}) };
    await searchSite(gazette.deps, { q, filter });
    let t0 = performance.now();
    const outcome = await searchSite(gazette.deps, { q, filter });
    const total = performance.now() - t0;
    t0 = performance.now();
    await gazette.deps.store.search.find({
      query: parseQuery(q, analyzer),
      filter,
      sort: 'relevance',
      anyTerm: false,
      limit: 10,
      offset: 0,
      now: new Date().toISOString(),
    });
    const find = performance.now() - t0;
    rows.push({
      q,
      scope: platform ? 'platform' : 'site',
      endToEndMs: Math.round(total),
      findMs: Math.round(find),
      total: outcome.total,
    });
  }
}
await gazette.close();
console.table(rows);
