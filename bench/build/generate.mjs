#!/usr/bin/env node
// Generates a Gazette site of N published articles for the static build benchmark. Deterministic: the same
// N gives the same rows, ids, paths, dates and tags. The bulk articles are spread over the demo's listed leaf
// columns the way a portal's content is (news columns get most), each with one of 8 topic tags.
// (bench/serve/generate.mjs puts every article in one column, the worst case for a list; this one is the
// ordinary shape of a portal.)
//
//   npm run build
//   node bench/build/generate.mjs --data /tmp/gz-build-10k --articles 10000
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkText, bulkWriter, createDemoSite, seeded, TOPICS } from '../lib/bulk-site.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-build' },
    articles: { type: 'string', default: '10000' },
    build: { type: 'string', default: 'dist' },
  },
});
const dataDir = resolve(values.data);
const count = Number(values.articles);
const started = Date.now();
const { site, columns, articlePath } = await createDemoSite(dataDir, values.build);

// Leaf columns that list articles; news columns weigh three times as much as the others.
const leaves = columns.filter(
  (c) => c.kind !== 'link' && c.kind !== 'page' && !columns.some((child) => child.parentId === c.id),
);
const weighted = leaves.flatMap((c) => (c.kind === 'news' ? [c, c, c] : [c]));
const stream = seeded(9);
const writer = bulkWriter(dataDir, site, articlePath);
// One article every 7 minutes back from the demo's newest, oldest inserted first.
const end = Date.parse('2026-06-01T00:00:00.000Z');
writer.write(() => {
  for (let i = count - 1; i >= 0; i--) {
    const at = new Date(end - i * 7 * 60_000).toISOString();
    const column = stream.pick(weighted);
    const topic = stream.pick(TOPICS);
    const id = writer.article(column, bulkText(stream, topic, count - i), at);
    writer.tag(id, topic, at);
  }
});
writer.close();
console.log(
  JSON.stringify({
    dataDir,
    articles: count,
    leafColumns: leaves.length,
    seconds: (Date.now() - started) / 1000,
  }),
);
