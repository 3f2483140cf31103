#!/usr/bin/env node
// Distribution benchmark: time from a publish (签发) to the changed file being live on a local-directory
// target, for one publish (repeated, p50/p95) and for a burst of 100, on an output of N articles.
//
//   npm run build
//   node bench/distribute/run.mjs --articles 100000 --dir /tmp/gz-dist-100k
//
// The output is made directly with the publisher's writer (src/publish/writer.ts): per article an HTML page
// of about 4 KB and its .gz, as `gazette build` leaves them (2 files an article; a real 100k site has about
// 231k files). Each "publish" writes what a real publish writes (15 files: the article, the home page, list
// pages, feeds) through the same atomic writes and sharded manifest; rendering is not included here (its
// figure, p50 56 ms at 100k, is in bench/build/RESULTS.md). Latency = from the first write of the publish
// to the file being readable with its new bytes on the target, manifest saved on both sides.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    dir: { type: 'string', default: '/tmp/gazette-bench-distribute' },
    publishes: { type: 'string', default: '30' },
    burst: { type: 'string', default: '100' },
    build: { type: 'string', default: 'dist' },
    keep: { type: 'boolean' },
  },
});
const build = pathToFileURL(resolve(values.build)).href;
const publish = await import(`${build}/publish/index.js`);
const { createDistributor, parseDistributeConfig, parseKeyRing } = await import(
  `${build}/distribute/index.js`
);
const keys = parseKeyRing(`bench ${randomBytes(32).toString('hex')}\n`, 'bench.keys');

const n = Number(values.articles);
const dir = resolve(values.dir);
const source = join(dir, 'out');
const mirror = join(dir, 'mirror', 'www');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const lorem = (i) =>
  `<p>第${i}篇。${'国务院办公厅关于印发政府信息公开工作要点的通知，各地区各部门结合实际认真贯彻落实。'.repeat(30)}${i}</p>`;
const now = () => new Date().toISOString();

let t = performance.now();
const layout = publish.outputLayout(source);
const set = publish.startBuild(layout, now());
for (let i = 1; i <= n; i++) set.write(`/news/${Math.floor(i / 1000)}/${i}.html`, lorem(i));
for (let p = 1; p <= 10; p++) set.write(`/news/page/${p}/index.html`, lorem(-p));
set.write('/index.html', lorem(0));
publish.saveManifest(layout, set, now());
publish.switchTo(layout, set);
const files = Object.keys(set.files).length;
const outputMs = performance.now() - t;

const config = parseDistributeConfig({
  roots: [dir],
  targets: [{ name: 'www', type: 'directory', path: mirror }],
});
const distributor = createDistributor({ source, config, keys });
t = performance.now();
const [initial] = await distributor.run();
const initialMs = performance.now() - t;

let serial = 0;
/** One publish: 15 files rewritten (the article, home, list pages, feeds) and the manifest saved. */
function publishOne() {
  const k = ++serial;
  const article = `/news/${Math.floor(((k * 7919) % n) / 1000)}/${((k * 7919) % n) + 1}.html`;
  const body = `${lorem(k)}<!-- publish ${k} -->`;
  set.write(article, body, { atomic: true });
  set.write('/index.html', `${lorem(0)}<!-- ${k} -->`, { atomic: true });
  for (let p = 1; p <= 10; p++)
    set.write(`/news/page/${p}/index.html`, `${lorem(-p)}<!-- ${k} -->`, { atomic: true });
  set.write('/feed.xml', `<feed>${k}</feed>`, { atomic: true });
  publish.saveManifest(layout, set, now());
  return { article, body };
}
const live = ({ article, body }) => {
  try {
    return readFileSync(join(mirror, article), 'utf8') === body;
  } catch {
    return false;
  }
};

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// One publish at a time.
const single = [];
const distributeOnly = [];
for (let i = 0; i < Number(values.publishes); i++) {
  const t0 = performance.now();
  const published = publishOne();
  const t1 = performance.now();
  await distributor.run();
  if (!live(published)) throw new Error('the file is not live after the run');
  single.push(performance.now() - t0);
  distributeOnly.push(performance.now() - t1);
}

// A burst: publishes back to back, the distributor run after each as `gazette start` does (serially).
const burst = Number(values.burst);
const latencies = [];
t = performance.now();
for (let i = 0; i < burst; i++) {
  const t0 = performance.now();
  const published = publishOne();
  await distributor.run();
  if (!live(published)) throw new Error('the file is not live after the run');
  latencies.push(performance.now() - t0);
}
const burstMs = performance.now() - t;

// The same burst coalesced: 100 publishes, then one run carrying all of them.
t = performance.now();
let last;
for (let i = 0; i < burst; i++) last = publishOne();
const [coalesced] = await distributor.run();
if (!live(last)) throw new Error('the file is not live after the run');
const coalescedMs = performance.now() - t;

const report = publish.verifyOutput(mirror);
const round = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify(
    {
      articles: n,
      files,
      outputSeconds: round(outputMs / 1000),
      initialFullDistribution: { seconds: round(initialMs / 1000), files: initial.files },
      onePublish: {
        count: single.length,
        p50Ms: round(percentile(single, 50)),
        p95Ms: round(percentile(single, 95)),
        maxMs: round(Math.max(...single)),
        distributionOnlyP50Ms: round(percentile(distributeOnly, 50)),
      },
      burst: {
        publishes: burst,
        totalSeconds: round(burstMs / 1000),
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        maxMs: round(Math.max(...latencies)),
      },
      burstCoalesced: { publishes: burst, seconds: round(coalescedMs / 1000), filesSent: coalesced.files },
      mirrorVerifies: report.changed.length + report.added.length + report.missing.length === 0,
      load: (await import('node:os')).loadavg().map(round),
    },
    null,
    2,
  ),
);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
