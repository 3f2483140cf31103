#!/usr/bin/env node
// Query plans of the public list queries on PostgreSQL at 100k articles, next to their times.
// Creates a scratch database, migrates it and loads the demo portal through Gazette, adds N articles to
// 新闻中心/政务要闻 with one INSERT … SELECT generate_series (half tagged 政务公开), then runs EXPLAIN
// (ANALYZE, BUFFERS) on the statements src/store/article-repo.ts sends for column, tag, home and sitemap.
//
//   node bench/serve/pg-plans.mjs [--admin postgres://postgres@127.0.0.1:5432/postgres] [--articles 100000]
//                                 [--build bench/serve/.build] [--keep]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    admin: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    articles: { type: 'string', default: '100000' },
    build: { type: 'string', default: 'bench/serve/.build' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(values.articles);
const name = 'gazette_bench_serve';
const admin = new pg.Client({ connectionString: values.admin });
await admin.connect();
await admin.query(`drop database if exists ${name}`);
await admin.query(`create database ${name}`);
const url = new URL(values.admin);
url.pathname = `/${name}`;

const build = pathToFileURL(resolve(values.build)).href;
const { loadConfig } = await import(`${build}/config/index.js`);
const { openGazette, ensureDemo } = await import(`${build}/boot/index.js`);
const gazette = await openGazette(
  loadConfig(
    {
      GAZETTE_LOG_LEVEL: 'silent',
      GAZETTE_DATABASE_URL: url.href,
      GAZETTE_THEME_DIR: resolve('themes/default'),
    },
    { dataDir: '/tmp/gazette-bench-pg-plans' },
  ),
);
await ensureDemo(gazette);
await gazette.close();

const db = new pg.Client({ connectionString: url.href });
await db.connect();
const {
  rows: [column],
} = await db.query(`select id, site_id from columns where path = 'xwzx/zwyw'`);
const {
  rows: [parent],
} = await db.query(`select id from columns where path = 'xwzx'`);
const { rows: kids } = await db.query(`select id from columns where parent_id = $1`, [parent.id]);
const started = Date.now();
await db.query(
  `insert into articles (site_id, column_id, status, title, kicker, subtitle, summary, body_html, source,
     original_author, original_title, author, editor, path, published_at, withdrawn_reason, cover_url, cover_alt,
     view_count, version, created_at, updated_at, review_level, review_round)
   select $1, $2, 'published', '标题' || g, '', '', '摘要' || g, '<p>正文</p>', '来源', '', '', '', '',
     '/xwzx/zwyw/bulk/' || g || '.html', to_char(timestamp '2020-01-01' + g * interval '7 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     '', '', '', 0, 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 0, 0
   from generate_series(1, $3) g`,
  [column.site_id, column.id, count],
);
await db.query(
  `insert into article_tags (article_id, site_id, tag, position, listed_at)
   select id, site_id, '政务公开', 0, published_at from articles where path like '/xwzx/zwyw/bulk/%' and id % 2 = 0`,
);
await db.query('vacuum analyze');
console.log(
  `# PostgreSQL plans, ${count} articles in one column, ${count / 2} in one tag (loaded in ${Date.now() - started} ms)\n`,
);

const ids = [parent.id, ...kids.map((k) => k.id), -1].join(', ');
const at = async (sql) => {
  const { rows } = await db.query(sql);
  return `'${rows[0].published_at}', ${rows[0].id}`;
};
const positions = new Map();
for (const n of [39_000, 39_500])
  positions.set(
    n,
    await at(
      `select published_at, id from articles where column_id = ${column.id} and status = 'published' order by published_at desc, id desc limit 1 offset ${n}`,
    ),
  );
const { rows: tagRows } = await db.query(
  `select listed_at as published_at, article_id as id from article_tags where site_id = ${column.site_id} and tag = '政务公开' and listed_at is not null order by listed_at desc, article_id desc limit 1 offset 49500`,
);
const position = (n) => positions.get(n);
const tagPosition = () => `'${tagRows[0].published_at}', ${tagRows[0].id}`;
const statements = {
  'column count': `select count(*) from articles where column_id = ${column.id} and status = 'published'`,
  'column page 2,000 ids': `select id from articles where column_id = ${column.id} and status = 'published' order by published_at desc, id desc limit 20 offset 39980`,
  'column page 5,000 ids': `select id from articles where column_id = ${column.id} and status = 'published' order by published_at desc, id desc limit 20 offset 99980`,
  'page rows by id': `select id, column_id, title, summary, source, path, published_at from articles where id in (select id from articles order by id desc limit 20) and status = 'published'`,
  'parent column (several ids) page 2,000 ids': `select id from articles where site_id = ${column.site_id} and status = 'published' and column_id in (${ids}) order by published_at desc, id desc limit 20 offset 39980`,
  'tag count (50k)': `select count(*) from article_tags where site_id = ${column.site_id} and tag = '政务公开' and listed_at is not null`,
  'tag page 2,500 ids': `select article_id from article_tags where site_id = ${column.site_id} and tag = '政务公开' and listed_at is not null order by listed_at desc, article_id desc limit 20 offset 49980`,
  'home headlines': `select id from articles where site_id = ${column.site_id} and status = 'published' and column_id in (${ids}) order by published_at desc, id desc limit 7`,
  'sitemap counts': `select column_id, count(*) from articles where column_id in (select id from columns where site_id = ${column.site_id}) and status = 'published' group by column_id`,
  // Deep pages seek from a kept position (createListCounts): the position of row 39,500, then the page.
  'column position of row 39,500 (from row 39,000)': `select published_at, id from articles where column_id = ${column.id} and status = 'published' and (published_at, id) <= (${position(39_000)}) order by published_at desc, id desc limit 1 offset 500`,
  'column page 2,000 ids from the kept position': `select id from articles where column_id = ${column.id} and status = 'published' and (published_at, id) <= (${position(39_500)}) order by published_at desc, id desc limit 20 offset 480`,
  'tag page 2,500 ids from the kept position': `select article_id from article_tags where site_id = ${column.site_id} and tag = '政务公开' and listed_at is not null and (listed_at, article_id) <= (${tagPosition(49_500)}) order by listed_at desc, article_id desc limit 20 offset 480`,
  // Lists over several columns near the top merge each column's newest rows (article-repo mergedColumns).
  'home tile over several columns (merged)': `select id from (${[parent.id, ...kids.map((k) => k.id)]
    .map(
      (id) =>
        `select * from (select id, published_at from articles where column_id = ${id} and status = 'published' order by published_at desc, id desc limit 6) as newest`,
    )
    .join(' union all ')}) as merged order by published_at desc, id desc limit 6 offset 0`,
};
for (const [label, statement] of Object.entries(statements)) {
  const { rows } = await db.query(`explain (analyze, buffers, costs off) ${statement}`);
  console.log(
    `## ${label}\n\n\`\`\`\n${statement}\n\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`,
  );
}
await db.end();
if (!values.keep) await admin.query(`drop database ${name}`);
await admin.end();
