#!/usr/bin/env node
// Search speed: N generated articles (~1,500 Chinese characters each), index throughput, query latency over
// a fixed query mix, peak RSS. Uses the built code: run `npm run build` first (or pass --build DIR, a tree
// compiled with `tsc --outDir DIR`).
//   node bench/search-speed/run.mjs [--articles 100000] [--queries 200] [--postgres postgres://user@host:5432/postgres]
//     [--data DIR]   generate and index into DIR once, keep it, and reuse it on the next run with the same DIR
//     [--build DIR]  the compiled code to measure (default: dist/)
// With --postgres, a database `gazette_search_bench` is (re)created on that server for the run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { articleGenerator, queryMix } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    postgres: { type: 'string' },
    keep: { type: 'boolean' },
    // An existing data directory of a kept SQLite run: skip loading and indexing, measure queries only.
    reuse: { type: 'string' },
    data: { type: 'string' },
    build: { type: 'string' },
  },
});
const build = resolve(values.build ?? join(root, 'dist'));
const { openGazette, ensureDemo } = await import(join(build, 'boot/index.js'));
const { loadConfig } = await import(join(build, 'config/index.js'));
const { openSqlite, openPostgres, withDatabaseName } = await import(join(build, 'store/index.js'));
const { parseQuery } = await import(join(build, 'search/index.js'));
const { searchSite } = await import(join(build, 'app/index.js'));
// --data DIR: generated and indexed once (the marker says the indexing finished), then reused.
const READY = 'search-speed-ready';
if (values.data && !values.reuse && existsSync(join(values.data, READY))) values.reuse = values.data;
else if (values.data) {
  rmSync(values.data, { recursive: true, force: true });
  mkdirSync(values.data, { recursive: true });
}
const N = Number(values.articles);
const Q = Number(values.queries);
const BATCH = 500;

const dataDir = values.reuse ?? values.data ?? mkdtempSync(join(tmpdir(), 'gazette-search-speed-'));
let database;
if (values.postgres) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query('drop database if exists gazette_search_bench');
  await admin.query('create database gazette_search_bench');
  await admin.end();
  database = await openPostgres(withDatabaseName(values.postgres, 'gazette_search_bench'));
} else {
  database = openSqlite(dataDir);
}
const env = { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: join(root, 'themes/default') };
const gazette = await openGazette(loadConfig(env, { dataDir }), { database });
const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const r = (x) => Number(x.toFixed(2));
  return {
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.at(-1)),
  };
};

try {
  if (!values.reuse) await ensureDemo(gazette);
  const { store } = gazette.deps;
  const [site] = await store.sites.list();
  const column = (await store.columns.listBySite(site.id)).find((c) => c.path === 'xwzx/zwyw');
  const db = gazette.database.db;

  // 1. Load the generated articles straight into the table (not measured: this is not what search does).
  const next = articleGenerator();
  const generatedAt = Date.parse('2026-11-28T00:00:00Z');
  let chars = 0;
  let started = performance.now();
  for (let from = 0; from < (values.reuse ? 0 : N); from += BATCH) {
    const rows = [];
    const tags = [];
    for (let i = from; i < Math.min(N, from + BATCH); i++) {
      const a = next(i);
      chars += a.bodyLength;
      const publishedAt = new Date(generatedAt - (i % 1825) * 86_400_000 - i * 1000).toISOString();
      rows.push({
        site_id: site.id,
        column_id: column.id,
        status: 'published',
        title: a.title,
        kicker: '',
        subtitle: '',
        summary: a.summary,
        body_html: a.bodyHtml,
        source: a.source,
        original_author: '',
        original_title: '',
        author: a.author,
        editor: '编辑',
        path: `/bench/${i}.html`,
        published_at: publishedAt,
        withdrawn_at: null,
        withdrawn_reason: '',
        cover_url: '',
        cover_alt: '',
        view_count: 0,
        version: 1,
        author_id: null,
        review_level: 0,
        review_round: 0,
        scheduled_at: null,
        created_at: publishedAt,
        updated_at: publishedAt,
      });
      tags.push(a.tags);
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('articles').values(rows).returning('id').execute();
      const tagRows = ids.flatMap(({ id }, k) =>
        [...new Set(tags[k])].map((tag, position) => ({ article_id: id, site_id: site.id, tag, position })),
      );
      if (tagRows.length) await trx.insertInto('article_tags').values(tagRows).execute();
    });
    if ((from / BATCH) % 40 === 0) log(`loaded ${Math.min(N, from + BATCH)} articles`);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  log(
    `loaded ${N} articles (${Math.round(chars / N)} characters of body on average) in ${loadSeconds.toFixed(1)} s`,
  );

  // 2. Index throughput: analysis (normalise, jieba, bigrams) and index writes, one transaction, as `gazette search reindex`.
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  const indexed = values.reuse
    ? Number(
        (
          await db
            .selectFrom('articles')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '=', 'published')
            .executeTakeFirst()
        ).n,
      )
    : await store.transaction((trx) =>
        trx.search.reindex(site.id, (done) => {
          if (done % 10_000 === 0) log(`indexed ${done}`);
        }),
      );
  const indexSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const indexCpuSeconds = (cpu.user + cpu.system) / 1e6;
  log(`indexed ${indexed} articles in ${indexSeconds.toFixed(1)} s`);
  // PostgreSQL plans from table statistics; autovacuum gathers them some time after a bulk load, which
  // the benchmark does not wait for (without them it chose a nested loop over every article).
  if (values.postgres) await sql`analyze`.execute(db);
  if (values.data && !values.reuse) writeFileSync(join(values.data, READY), `${indexed}\n`);
  const loadBeforeQueries = loadavg().map((x) => Number(x.toFixed(1)));

  // 3. Query latency: the fixed mix once to warm up, then timed, end to end (parse, match, rank, snippets).
  const mix = queryMix(7, Q);
  const full = [];
  const fullCpu = [];
  const engine = [];
  const totals = [];
  const analyzer = await store.search.analyzer();
  for (const q of mix) await searchSite(gazette.deps, { q, filter: { siteId: site.id } });
  const queryCpuBefore = process.cpuUsage();
  for (const q of mix) {
    let t0 = performance.now();
    const c0 = process.cpuUsage();
    const outcome = await searchSite(gazette.deps, { q, filter: { siteId: site.id } });
    full.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    fullCpu.push((c1.user + c1.system) / 1000);
    totals.push(outcome.total);
    t0 = performance.now();
    await store.search.find({
      query: parseQuery(q, analyzer),
      filter: { siteId: site.id },
      sort: 'relevance',
      anyTerm: false,
      limit: 10,
      offset: 0,
      now: new Date().toISOString(),
    });
    engine.push(performance.now() - t0);
  }
  const queryCpu = process.cpuUsage(queryCpuBefore);
  const byDate = [];
  for (const q of mix.slice(0, 50)) {
    const t0 = performance.now();
    await searchSite(gazette.deps, { q, filter: { siteId: site.id }, sort: 'date' });
    byDate.push(performance.now() - t0);
  }
  const result = {
    database: gazette.database.dialect.name,
    articles: indexed,
    // A reused set was neither generated nor indexed in this run: no figures for those steps.
    averageBodyChars: values.reuse ? null : Math.round(chars / N),
    cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? '?'}`,
    indexSeconds: values.reuse ? null : Number(indexSeconds.toFixed(1)),
    indexArticlesPerSecond: values.reuse ? null : Math.round(indexed / indexSeconds),
    // This process's CPU time only (on PostgreSQL the server's work is not in it); under a shared,
    // overloaded machine this is the better guide to what two free cores do.
    indexCpuSeconds: values.reuse ? null : Number(indexCpuSeconds.toFixed(1)),
    indexArticlesPerCpuSecond: values.reuse ? null : Math.round(indexed / indexCpuSeconds),
    // Load average (1, 5, 15 min) before and after the query phase: wall-clock figures depend on it.
    loadAverage: loadBeforeQueries,
    loadAverageAfterQueries: loadavg().map((x) => Number(x.toFixed(1))),
    queries: mix.length,
    medianResultCount: [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)],
    endToEndMs: stats(full),
    // CPU time of each end-to-end search (SQLite runs in this process, synchronously): what a query
    // costs without other programs competing for the cores.
    endToEndCpuMs: stats(fullCpu),
    cpuMsPerQueryPair: Number(((queryCpu.user + queryCpu.system) / 1000 / mix.length).toFixed(2)),
    matchAndRankMs: stats(engine),
    sortByDateMs: stats(byDate),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await gazette.close();
  if (!values.keep && !values.reuse && !values.data) rmSync(dataDir, { recursive: true, force: true });
}
