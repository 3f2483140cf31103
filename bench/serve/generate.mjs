#!/usr/bin/env node
// Generates a Gazette site of N published articles (default 100,000) for the serving benchmark, in a few
// seconds. Deterministic: the same N gives the same rows, ids, paths and dates.
//
//   node bench/serve/generate.mjs --data /tmp/gz-bench --articles 100000 [--build bench/serve/.build]
//
// Layout: every bulk article goes to 新闻中心/政务要闻 (xwzx/zwyw), so that column holds N articles
// (page 2,000 and page 5,000 exist at N = 100,000); every second one carries the tag 政务公开 (N/2 articles).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkText, bulkWriter, createDemoSite, seeded, TOPICS } from '../lib/bulk-site.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-serve' },
    articles: { type: 'string', default: '100000' },
    build: { type: 'string', default: 'dist' },
  },
});
const dataDir = resolve(values.data);
const count = Number(values.articles);
const BIG_COLUMN = 'xwzx/zwyw';
export const BIG_TAG = '政务公开';

const started = Date.now();
const { site, columns, articlePath } = await createDemoSite(dataDir, values.build);
const column = columns.find((c) => c.path === BIG_COLUMN);
if (!column) throw new Error(`no column ${BIG_COLUMN} in the demo site`);

const stream = seeded(12);
const writer = bulkWriter(dataDir, site, articlePath);
// Newest first: the last inserted is the newest, one every 7 minutes back from 2026-11-27.
const end = Date.parse('2026-11-27T08:00:00.000Z');
writer.write(() => {
  for (let i = count - 1; i >= 0; i--) {
    const at = new Date(end - i * 7 * 60_000).toISOString();
    const topic = stream.pick(TOPICS);
    const id = writer.article(column, bulkText(stream, topic, count - i), at);
    if (i % 2 === 0) writer.tag(id, BIG_TAG, at);
    writer.tag(id, topic, at);
  }
});
// A generated article in the middle of the column (not the newest, which is a demo article).
const sample = writer.db
  .prepare(
    "select path from articles where column_id = ? and status = 'published' order by published_at desc, id desc limit 1 offset 1000",
  )
  .get(column.id);
writer.close();
console.log(
  JSON.stringify({
    dataDir,
    articles: count,
    column: `/${BIG_COLUMN}/`,
    tag: `/tags/${BIG_TAG}/`,
    article: sample.path,
    seconds: (Date.now() - started) / 1000,
  }),
);
