#!/usr/bin/env node
// The disclosure catalogue at scale: N published policy documents (10,000 by default) over the default theme
// tree, 12 issuing bodies, 8 genres and 6 years; then the latency of GET /api/xxgk/documents over a mix of
// filters (none, theme, issuer, genre, year, 有效性, full-text q, combined, deep pages), and the time to write
// the CSV of every document. Uses the built code: run `npm run build` first.
//   node bench/xxgk/run.mjs [--documents 10000] [--requests 300] [--postgres postgres://user@host:5432/postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '300' },
    postgres: { type: 'string' },
  },
});
const build = join(root, 'dist');
const { openGazette, ensureDemo, createHttpServer } = await import(join(build, 'boot/index.js'));
const { loadConfig } = await import(join(build, 'config/index.js'));
const { openSqlite, openPostgres, withDatabaseName } = await import(join(build, 'store/index.js'));
const { DEFAULT_THEME_TREE, EMPTY_POLICY_FIELDS, articlePath } = await import(join(build, 'core/index.js'));

const N = Number(values.documents);
const R = Number(values.requests);
const dataDir = mkdtempSync(join(tmpdir(), 'gazette-xxgk-bench-'));
let database;
if (values.postgres) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query('drop database if exists gazette_xxgk_bench');
  await admin.query('create database gazette_xxgk_bench');
  await admin.end();
  database = await openPostgres(withDatabaseName(values.postgres, 'gazette_xxgk_bench'));
} else {
  database = openSqlite(dataDir);
}
const env = {
  GAZETTE_LOG_LEVEL: 'silent',
  GAZETTE_SHED_LAG_MS: '0',
  GAZETTE_THEME_DIR: join(root, 'themes/default'),
};
const gazette = await openGazette(loadConfig(env, { dataDir }), { database });
const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const ISSUERS = [
  '青川市人民政府',
  '青川市人民政府办公室',
  '青川市发展和改革委员会',
  '青川市教育局',
  '青川市财政局',
  '青川市人力资源和社会保障局',
  '青川市自然资源和规划局',
  '青川市生态环境局',
  '青川市住房和城乡建设局',
  '青川市交通运输局',
  '青川市卫生健康委员会',
  '青川市市场监督管理局',
];
const GENRES = ['通知', '意见', '办法', '规定', '决定', '通告', '批复', '方案'];
const THEMES = DEFAULT_THEME_TREE.flatMap((t) =>
  t.children.length ? t.children.map((c) => `${t.name}/${c}`) : [t.name],
);
const WORDS = [
  '优化营商环境',
  '城乡供水',
  '职业教育',
  '老旧小区改造',
  '基本医疗保险',
  '耕地保护',
  '公共交通',
  '食品安全',
];

try {
  await ensureDemo(gazette);
  const { store } = gazette.deps;
  const [site] = await store.sites.list();
  const column = (await store.columns.listBySite(site.id)).find((c) => c.kind === 'policy');
  const started = performance.now();
  const BATCH = 500;
  for (let from = 0; from < N; from += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(N, from + BATCH); i++) {
        const year = 2020 + (i % 6);
        const month = String(1 + (i % 12)).padStart(2, '0');
        const day = String(1 + (i % 28)).padStart(2, '0');
        const issuer = ISSUERS[i % ISSUERS.length];
        const genre = GENRES[i % GENRES.length];
        const word = WORDS[i % WORDS.length];
        const now = `${year}-${month}-${day}T02:00:00.000Z`;
        const article = await tx.articles.create(
          site.id,
          {
            columnId: column.id,
            title: `${issuer}关于${word}工作的${genre}（第${i}号）`,
            kicker: '',
            subtitle: '',
            summary: '',
            bodyHtml: `<p>各有关单位：</p><p>为做好${word}工作，现就有关事项${genre}如下。</p>`,
            source: issuer,
            originalAuthor: '',
            originalTitle: '',
            author: '',
            editor: '周岚',
            coverUrl: '',
            coverAlt: '',
            showCoverInBody: false,
            tags: [],
          },
          null,
          now,
        );
        await tx.articles.setPublication(
          article.id,
          article.version,
          {
            status: 'published',
            reviewLevel: 0,
            reviewRound: 0,
            scheduledAt: null,
            publishedAt: now,
            path: articlePath(column.path, article.id, now),
            withdrawnAt: null,
            withdrawnReason: '',
            correction: null,
          },
          now,
        );
        await tx.policies.save(
          article.id,
          site.id,
          {
            ...EMPTY_POLICY_FIELDS,
            indexNumber: `11150000MB0123456X/${year}-${String(i).padStart(5, '0')}`,
            issuers: [issuer],
            documentNumber: `青政发〔${year}〕${i + 1}号`,
            writtenAt: `${year}-${month}-${day}`,
            publishedAt: `${year}-${month}-${day}`,
            themes: [THEMES[i % THEMES.length]],
            genre,
            validity: i % 10 === 0 ? 'repealed' : 'valid',
            validityDate: i % 10 === 0 ? `${year}-12-31` : null,
          },
          null,
          now,
        );
        await tx.search.sync(article.id);
      }
    });
  }
  log(`${N} documents loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (values.postgres) {
    // What autovacuum does within a minute of a bulk change: without statistics the planner takes every
    // table for empty and joins the facet index by nested loops over all 10,000 documents (seconds a request).
    const pg = (await import('pg')).default;
    const client = new pg.Client({
      connectionString: withDatabaseName(values.postgres, 'gazette_xxgk_bench'),
    });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    await client.end();
    log('VACUUM ANALYZE done');
  }

  const app = await createHttpServer(gazette);
  await app.ready();
  const host = new URL(site.baseUrl).host;
  const mix = [
    '',
    `theme=${encodeURIComponent('综合政务')}`,
    `theme=${encodeURIComponent(THEMES[3])}`,
    `issuer=${encodeURIComponent(ISSUERS[2])}`,
    `genre=${encodeURIComponent('办法')}`,
    'year=2023',
    'validity=repealed',
    `q=${encodeURIComponent('老旧小区改造')}`,
    `q=${encodeURIComponent('职业教育')}&year=2024&validity=valid`,
    `issuer=${encodeURIComponent(ISSUERS[0])}&year=2021&genre=${encodeURIComponent('通知')}`,
    'page=200',
    'page=499',
  ];
  const times = [];
  const byQuery = new Map(mix.map((q) => [q, []]));
  for (let i = 0; i < R; i++) {
    const query = mix[i % mix.length];
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: `/api/xxgk/documents?${query}`, headers: { host } });
    times.push(performance.now() - t0);
    byQuery.get(query).push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const t1 = performance.now();
  const csv = await app.inject({ method: 'GET', url: '/xxgk/documents.csv', headers: { host } });
  const csvMs = performance.now() - t1;
  const rows = csv.body.trimEnd().split('\r\n').length - 1;
  const r = (x) => Number(x.toFixed(1));
  console.log(
    JSON.stringify(
      {
        database: values.postgres ? 'postgres' : 'sqlite',
        documents: N,
        requests: R,
        json: { p50: r(percentile(times, 50)), p95: r(percentile(times, 95)), max: r(times.at(-1)) },
        medianByQuery: Object.fromEntries(
          [...byQuery].map(([q, list]) => [
            decodeURIComponent(q) || '(none)',
            r(
              percentile(
                list.sort((a, b) => a - b),
                50,
              ),
            ),
          ]),
        ),
        csvAll: { ms: r(csvMs), rows, bytes: csv.rawPayload.length },
        machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
      },
      null,
      2,
    ),
  );
  await app.close();
} finally {
  await gazette.close();
  rmSync(dataDir, { recursive: true, force: true });
}
