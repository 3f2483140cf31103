#!/usr/bin/env node
// 集约化 at scale: a deterministic platform of S sites × N articles on PostgreSQL.
//
//   node bench/platform/generate.mjs --postgres postgres://postgres@127.0.0.1:5432/postgres
//        [--sites 300] [--per-site 1000] [--database gazette_platform_bench] [--build dist]
//
// The database is (re)created. Sites are added through Gazette itself (`addSite`, as `gazette site add`
// does: the standard columns, hosts site{n}.qingchuan.gov.cn), each timed. Articles, tags, media rows and
// media references are then written straight into the tables, in one transaction per site; the search
// documents are built by Gazette's own analyser and PostgreSQL index code (`tsvectorLiteral`) and inserted
// 500 at a time. Bodies come from a pool of 400 generated bodies, so their analysis is done once each
// (titles and summaries are unique per article and analysed one by one). Prints one JSON line at the end.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { bulkText, seeded, TOPICS } from '../lib/bulk-site.mjs';

const { values } = parseArgs({
  options: {
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    sites: { type: 'string', default: '300' },
    'per-site': { type: 'string', default: '1000' },
    database: { type: 'string', default: 'gazette_platform_bench' },
    build: { type: 'string', default: 'dist' },
  },
});
const S = Number(values.sites);
const N = Number(values['per-site']);
const dist = pathToFileURL(resolve(values.build)).href;
const { loadConfig } = await import(`${dist}/config/index.js`);
const { openGazette } = await import(`${dist}/boot/index.js`);
const { openPostgres, withDatabaseName } = await import(`${dist}/store/index.js`);
const { addSite, systemPrincipal } = await import(`${dist}/app/index.js`);
const { articlePath } = await import(`${dist}/core/index.js`);
const { BODY_WORD_CHARS } = await import(`${dist}/search/index.js`);
const { tsvectorLiteral } = await import(`${dist}/store/search/postgres-index.js`);
const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const pg = (await import('pg')).default;
const admin = new pg.Client({ connectionString: values.postgres });
await admin.connect();
await admin.query(`drop database if exists ${values.database}`);
await admin.query(`create database ${values.database}`);
await admin.end();
const url = withDatabaseName(values.postgres, values.database);
const database = await openPostgres(url);
const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: resolve('themes/default') }, {});
const gazette = await openGazette(config, { database });
const { deps } = gazette;
const db = gazette.database.db;
const system = systemPrincipal('bench');

export const DISTRICTS = ['澜滨', '柳湾', '鹤鸣', '云岫', '桐岭', '青石', '白沙', '金川', '凤栖', '松岗'];
/** The host and name of the n-th site (0-based), the same in generate.mjs and run.mjs. */
export const hostOf = (n) => `site${n + 1}.qingchuan.gov.cn`;
const nameOf = (n) => `青川市${DISTRICTS[n % DISTRICTS.length]}${n + 1}区人民政府`;

// 1. Sites, through Gazette, each timed.
const addMs = [];
const sites = [];
let started = performance.now();
for (let n = 0; n < S; n++) {
  const t0 = performance.now();
  sites.push(await addSite(deps, system, { name: nameOf(n), hosts: [hostOf(n)] }));
  addMs.push(performance.now() - t0);
  if ((n + 1) % 50 === 0) log(`added ${n + 1} sites`);
}
const sitesSeconds = (performance.now() - started) / 1000;

// 2. Articles, tags, media rows, search documents.
const analyzer = await deps.store.search.analyzer();
const rng = seeded(20261208);
const bodies = Array.from({ length: 400 }, (_, k) => bulkText(rng, TOPICS[k % TOPICS.length], k).body);
const bodyText = (html) => html.replace(/<[^>]+>/g, '\n').trim();
const bodyAnalysis = bodies.map((b) => analyzer.analyse(bodyText(b), BODY_WORD_CHARS));
const generatedAt = Date.parse('2026-12-01T00:00:00Z');
// Building the GIN index once after the load is many times faster than keeping it up row by row.
const ginDefinition = (
  await sql`select indexdef from pg_indexes where indexname = 'search_documents_grams'`.execute(db)
).rows[0]?.indexdef;
if (ginDefinition) await sql`drop index search_documents_grams`.execute(db);
let id = 0;
let mediaId = 0;
started = performance.now();
for (const [n, site] of sites.entries()) {
  const columns = (await deps.store.columns.listBySite(site.id)).filter(
    (c) => c.kind !== 'link' && c.kind !== 'page',
  );
  const leaves = columns.filter((c) => !columns.some((d) => d.parentId === c.id));
  const articles = [];
  const tags = [];
  const media = [];
  const refs = [];
  const docs = [];
  for (let i = 0; i < N; i++) {
    id++;
    const column = leaves[i % leaves.length];
    const topic = TOPICS[(i + n) % TOPICS.length];
    const text = bulkText(rng, topic, i + 1);
    const title = `${DISTRICTS[n % DISTRICTS.length]}区${text.title}`;
    const b = (id * 7 + n) % bodies.length;
    const at = new Date(generatedAt - (i % 1095) * 86_400_000 - n * 60_000 - i * 1000).toISOString();
    const articleTags = [topic, TOPICS[(i * 3 + 1) % TOPICS.length]].filter(
      (t, k, all) => all.indexOf(t) === k,
    );
    let cover = '';
    if (i % 10 === 0) {
      mediaId++;
      const key = `b${String(mediaId).padStart(10, '0')}`;
      cover = `/media/f/${key}/photo.jpg`;
      media.push({
        id: mediaId,
        site_id: site.id,
        key,
        alt: title.slice(0, 40),
        kind: 'image',
        text: '',
        text_status: 'image',
        version: 1,
        uploaded_by: null,
        name: 'photo.jpg',
        mime: 'image/jpeg',
        ext: 'jpg',
        size: 120_000,
        sha256: String(mediaId).padStart(64, '0'),
        width: 1600,
        height: 900,
        variants: '[]',
        created_at: at,
        updated_at: at,
      });
      refs.push({ article_id: id, ref: `f/${key}` });
    }
    articles.push({
      id,
      site_id: site.id,
      column_id: column.id,
      status: 'published',
      title,
      kicker: '',
      subtitle: '',
      summary: text.summary,
      body_html: bodies[b],
      source: `${site.name}办公室`,
      original_author: '',
      original_title: '',
      author: '综合',
      editor: '王晓明',
      path: articlePath(column.path, id, at),
      published_at: at,
      withdrawn_at: null,
      withdrawn_reason: '',
      cover_url: cover,
      cover_alt: cover ? title.slice(0, 40) : '',
      view_count: 0,
      version: 1,
      author_id: null,
      review_level: 0,
      review_round: 0,
      scheduled_at: null,
      created_at: at,
      updated_at: at,
    });
    for (const [position, tag] of articleTags.entries())
      tags.push({ article_id: id, site_id: site.id, tag, position, listed_at: at });
    const fields = [
      [analyzer.analyse(title), 'A'],
      [analyzer.analyse([text.summary, ...articleTags].join('\n')), 'B'],
      [analyzer.analyse(`${site.name}办公室\n综合`), 'C'],
      [bodyAnalysis[b], 'D'],
    ];
    docs.push({
      id,
      site: site.id,
      grams: tsvectorLiteral(fields, 'grams'),
      words: tsvectorLiteral(fields, 'words'),
    });
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    for (let k = 0; k < articles.length; k += 500)
      await trx
        .insertInto('articles')
        .values(articles.slice(k, k + 500))
        .execute();
    for (let k = 0; k < tags.length; k += 1000)
      await trx
        .insertInto('article_tags')
        .values(tags.slice(k, k + 1000))
        .execute();
    if (media.length) await trx.insertInto('media').values(media).execute();
    if (refs.length) await trx.insertInto('media_refs').values(refs).execute();
    for (let k = 0; k < docs.length; k += 500) {
      const rows = docs
        .slice(k, k + 500)
        .map((d) => sql`(${d.id}, ${d.site}, ${d.grams}::tsvector, ${d.words}::tsvector)`);
      await sql`insert into search_documents (article_id, site_id, grams, words) values ${sql.join(rows)}`.execute(
        trx,
      );
    }
  });
  if ((n + 1) % 25 === 0) log(`site ${n + 1}: ${id} articles`);
}
await sql`select setval(pg_get_serial_sequence('articles', 'id'), ${id})`.execute(db);
await sql`select setval(pg_get_serial_sequence('media', 'id'), ${Math.max(1, mediaId)})`.execute(db);
if (ginDefinition) {
  log('building the search index');
  await sql.raw(ginDefinition).execute(db);
}
// The heads PostgreSQL ranks on (title, lead, metadata), as the index's own put() writes them.
log('search heads');
await sql`insert into search_heads (article_id, grams, words)
  select article_id, ts_filter(grams, '{a,b,c}'), ts_filter(words, '{a,b,c}') from search_documents
  on conflict (article_id) do nothing`.execute(db);
const articlesSeconds = (performance.now() - started) / 1000;
log('analyze');
await sql`analyze`.execute(db);
const size = await sql`select pg_database_size(current_database()) as b`.execute(db);
await gazette.close();
const sorted = [...addMs].sort((a, b) => a - b);
const pct = (p) =>
  Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1));
console.log(
  JSON.stringify({
    database: values.database,
    sites: S,
    articles: id,
    media: mediaId,
    addSiteMs: { p50: pct(50), p95: pct(95), max: pct(100) },
    sitesSeconds: Number(sitesSeconds.toFixed(1)),
    articlesSeconds: Number(articlesSeconds.toFixed(1)),
    databaseBytes: Number(size.rows[0].b),
  }),
);
