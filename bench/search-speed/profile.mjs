#!/usr/bin/env node
// Where the time of a query goes, in-process, on a database that run.mjs generated and kept (--data DIR):
// query analysis, each SQL statement of the SQLite index (with its plan), the page rows, snippets, and the
// rest of `searchSite` (suggestions, pinyin). Every step is timed on its own over the fixed query mix.
//   node bench/search-speed/profile.mjs --data DIR [--build DIR] [--queries 200] [--plans]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { queryMix } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    build: { type: 'string' },
    queries: { type: 'string', default: '200' },
    plans: { type: 'boolean' },
  },
});
if (!values.data) throw new Error('--data DIR is required (a directory run.mjs generated with --data)');
const build = resolve(values.build ?? join(root, 'dist'));
const { openGazette } = await import(join(build, 'boot/index.js'));
const { loadConfig } = await import(join(build, 'config/index.js'));
const { openSqlite } = await import(join(build, 'store/index.js'));
const search = {
  ...(await import(join(build, 'search/index.js'))),
  ...(await import(join(build, 'store/search/sqlite-index.js'))),
  ...(await import(join(build, 'app/index.js'))),
};
const Database = createRequire(import.meta.url)('better-sqlite3');

// CPU time of every SQL statement, by its text (better-sqlite3 runs them synchronously in this process).
const bySql = new Map();
let recording = false;
{
  const probe = new Database(':memory:');
  const Statement = probe.prepare('select 1').constructor;
  probe.close();
  for (const method of ['all', 'get', 'run']) {
    const original = Statement.prototype[method];
    Statement.prototype[method] = function (...args) {
      if (!recording) return original.apply(this, args);
      const c0 = process.cpuUsage();
      try {
        return original.apply(this, args);
      } finally {
        const c = process.cpuUsage(c0);
        const key = this.source
          .replace(/\s+/g, ' ')
          .replace(/\(\?(, \?)+\)/g, '(?…)')
          .slice(0, 110);
        const entry = bySql.get(key) ?? { calls: 0, cpuMs: 0 };
        entry.calls++;
        entry.cpuMs += (c.user + c.system) / 1000;
        bySql.set(key, entry);
      }
    };
  }
}
const database = openSqlite(values.data);
const env = { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: join(root, 'themes/default') };
const gazette = await openGazette(loadConfig(env, { dataDir: values.data }), { database });
const raw = new Database(join(values.data, 'gazette.db'), { readonly: true });

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const r = (x) => Number((x ?? 0).toFixed(2));
  const sum = list.reduce((a, b) => a + b, 0);
  return {
    n: list.length,
    mean: r(sum / Math.max(1, list.length)),
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    max: r(sorted.at(-1)),
  };
};
const timed = (list, fn) => {
  const t0 = performance.now();
  const out = fn();
  list.push(performance.now() - t0);
  return out;
};

try {
  const { store } = gazette.deps;
  const [site] = await store.sites.list();
  const analyzer = await store.search.analyzer();
  const mix = queryMix(7, Number(values.queries));
  const steps = {
    analysis: [],
    matchNewest1001: [],
    countAll: [],
    bm25AllMatches: [],
    pageRows: [],
    snippets: [],
    findWhole: [],
    searchSiteWhole: [],
    searchSiteCpu: [],
  };
  const perQuery = [];
  const plans = new Map();
  const prepared = new Map();
  const prepare = (text) => {
    if (!prepared.has(text)) prepared.set(text, raw.prepare(text));
    return prepared.get(text);
  };
  const newestSql = `select a.id, a.published_at from search_fts f join articles a on a.id = f.rowid
    where search_fts match ? and a.site_id = ? and a.status = 'published' order by f.rowid desc limit 1001`;
  const countSql = `select count(*) as n from search_fts where search_fts match ?`;
  const bm25Sql = `select rowid, bm25(search_fts, 10, 5, 4, 2, 2.5, 1.25, 1, 0.5) as s from search_fts
    where search_fts match ? order by s limit 10`;
  for (const round of [0, 1]) {
    for (const q of mix) {
      const row = { q };
      const parsed = timed(round ? steps.analysis : [], () => search.parseQuery(q, analyzer));
      const match = search.ftsExpression(parsed, false);
      if (match !== null) {
        const newest = timed(round ? steps.matchNewest1001 : [], () =>
          prepare(newestSql).all(match, site.id),
        );
        row.newest = newest.length;
        if (round) {
          row.count = timed(steps.countAll, () => prepare(countSql).get(match).n);
          row.countMs = steps.countAll.at(-1);
          // Full bm25 over every match: what "rank everything" costs (bounded per query to stay finite).
          timed(steps.bm25AllMatches, () => prepare(bm25Sql).all(match));
          row.bm25Ms = steps.bm25AllMatches.at(-1);
          if (!plans.has('newest'))
            plans.set('newest', raw.prepare(`explain query plan ${newestSql}`).all(match, site.id));
          if (!plans.has('bm25')) plans.set('bm25', raw.prepare(`explain query plan ${bm25Sql}`).all(match));
        }
      }
      const request = {
        query: parsed,
        filter: { siteId: site.id },
        sort: 'relevance',
        anyTerm: false,
        limit: 10,
        offset: 0,
        now: new Date().toISOString(),
      };
      let t0 = performance.now();
      const found = await store.search.find(request);
      if (round) steps.findWhole.push(performance.now() - t0);
      row.findMs = performance.now() - t0;
      t0 = performance.now();
      const sources = await store.search.sources(found.hits.map((h) => h.articleId));
      if (round) steps.pageRows.push(performance.now() - t0);
      const needles = [...new Set(parsed.include.flatMap((t) => [t.text.replace(/\s+/g, ''), ...t.words]))]
        .filter((n) => n !== '')
        .sort((a, b) => b.length - a.length);
      timed(round ? steps.snippets : [], () => {
        for (const s of sources) {
          search.highlight(s.title, needles);
          search.snippet(s.bodyHtml.replace(/<[^>]*>/g, ' '), needles);
        }
      });
      t0 = performance.now();
      recording = round === 1;
      const c0 = process.cpuUsage();
      const outcome = await search.searchSite(gazette.deps, { q, filter: { siteId: site.id } });
      const c1 = process.cpuUsage(c0);
      recording = false;
      if (round) steps.searchSiteWhole.push(performance.now() - t0);
      if (round) steps.searchSiteCpu.push((c1.user + c1.system) / 1000);
      row.searchSiteMs = performance.now() - t0;
      row.total = outcome.total;
      row.suggestions = outcome.suggestions.length;
      row.partial = outcome.partial;
      if (round) perQuery.push(row);
    }
  }
  const slow = [...perQuery].sort((a, b) => b.searchSiteMs - a.searchSiteMs).slice(0, 15);
  const r2 = (x) => (typeof x === 'number' ? Number(x.toFixed(1)) : x);
  console.log(
    JSON.stringify(
      {
        loadAverage: loadavg().map((x) => Number(x.toFixed(1))),
        steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, stats(v)])),
        // CPU ms of each statement inside the timed `searchSite` calls, summed over the mix, largest first.
        searchSiteSqlCpuMs: Object.fromEntries(
          [...bySql]
            .sort((x, y) => y[1].cpuMs - x[1].cpuMs)
            .slice(0, 15)
            .map(([k, v]) => [k, { calls: v.calls, cpuMs: Number(v.cpuMs.toFixed(1)) }]),
        ),
        searchSiteSqlCpuTotalMs: Number([...bySql.values()].reduce((a, v) => a + v.cpuMs, 0).toFixed(1)),
        slowest: slow.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, r2(v)]))),
        ...(values.plans ? { plans: Object.fromEntries(plans) } : {}),
      },
      null,
      1,
    ),
  );
} finally {
  raw.close();
  await gazette.close();
}
