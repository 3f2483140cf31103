#!/usr/bin/env node
// 签发 to live on a distribution target, end to end: articles created and published through the app (the
// same use case as the admin's 签发 button), the static publisher applying the event, then the distributor
// sending the changed files to a local-directory target; the time runs from the publishArticle call to the
// article's page being readable on the target. One publish at a time (p50/p95), then a burst.
//
//   npm run build
//   node bench/serve/generate.mjs --data /tmp/gz-dist-real100k --articles 100000
//   node dist/cli/main.js build --out /tmp/gz-dist-real100k-site --data-dir /tmp/gz-dist-real100k --quiet
//   node bench/distribute/real.mjs --data /tmp/gz-dist-real100k --out /tmp/gz-dist-real100k-site --publishes 20 --burst 100
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gz-dist-real100k' },
    out: { type: 'string' },
    publishes: { type: 'string', default: '20' },
    burst: { type: 'string', default: '100' },
    build: { type: 'string', default: 'dist' },
  },
});
const dataDir = resolve(values.data);
const out = resolve(values.out ?? `${dataDir}-site`);
const mirrorRoot = `${out}-mirror`;
const mirror = join(mirrorRoot, 'www');
const build = pathToFileURL(resolve(values.build)).href;
const { loadConfig } = await import(`${build}/config/index.js`);
const { openGazette } = await import(`${build}/boot/index.js`);
const { createStaticPublisher } = await import(`${build}/publish/index.js`);
const { createDistributor, parseDistributeConfig, parseKeyRing } = await import(
  `${build}/distribute/index.js`
);
const keys = parseKeyRing(`bench ${randomBytes(32).toString('hex')}\n`, 'bench.keys');
const { createArticle, publishArticle, systemPrincipal } = await import(`${build}/app/index.js`);

const config = loadConfig(
  { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: resolve('themes/default') },
  { dataDir },
);
const gazette = await openGazette(config);
const { store } = gazette.deps;
let t = performance.now();
const publisher = await createStaticPublisher({
  store,
  theme: gazette.theme,
  clock: gazette.deps.clock,
  out,
  mediaDir: resolve(dataDir, 'media'),
});
const publisherLoadMs = performance.now() - t;
rmSync(mirrorRoot, { recursive: true, force: true });
rmSync(`${out}.gazette/distribute`, { recursive: true, force: true });
const distributor = createDistributor({
  keys,
  source: out,
  config: parseDistributeConfig({
    roots: [mirrorRoot],
    targets: [{ name: 'www', type: 'directory', path: mirror }],
  }),
});
t = performance.now();
const [initial] = await distributor.run();
const initialMs = performance.now() - t;

const events = [];
gazette.feed.subscribe((event) => events.push(event));
const [site] = await store.sites.list();
const columns = await store.columns.listBySite(site.id);
const column = columns.find((c) => c.path === 'xwzx/zwyw') ?? columns[0];
const system = systemPrincipal('bench');
let serial = 0;

/** 签发 one article; resolves with its public path once the publisher has applied the event. */
async function sign() {
  const draft = await createArticle(gazette.deps, system, site.id, {
    columnId: column.id,
    title: `分发基准稿件第${++serial}篇`,
    summary: '基准测试',
    bodyHtml: '<p>分发基准测试正文。</p>',
    tags: [],
  });
  const t0 = performance.now();
  await publishArticle(gazette.deps, system, draft.id);
  await new Promise((r) => setImmediate(r));
  for (const event of events.splice(0)) await publisher.apply(event);
  const article = await store.articles.get(draft.id);
  return { t0, path: article.path, published: performance.now() };
}
const isLive = (path) => existsSync(join(mirror, ...path.split('/').filter(Boolean)));

const single = [];
const publishOnly = [];
for (let i = 0; i < Number(values.publishes); i++) {
  const { t0, path, published } = await sign();
  await distributor.run();
  if (!isLive(path)) throw new Error(`${path} not live on the target`);
  single.push(performance.now() - t0);
  publishOnly.push(published - t0);
}
const burst = [];
t = performance.now();
for (let i = 0; i < Number(values.burst); i++) {
  const { t0, path } = await sign();
  await distributor.run();
  if (!isLive(path)) throw new Error(`${path} not live on the target`);
  burst.push(performance.now() - t0);
}
const burstMs = performance.now() - t;
const q = (list, p) =>
  Math.round([...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))]);
console.log(
  JSON.stringify(
    {
      manifestFiles: initial.files,
      publisherLoadMs: Math.round(publisherLoadMs),
      initialFullDistribution: { seconds: Math.round(initialMs / 100) / 10, files: initial.files },
      onePublish: {
        count: single.length,
        p50Ms: q(single, 0.5),
        p95Ms: q(single, 0.95),
        maxMs: Math.round(Math.max(...single)),
        signToPublisherDoneP50Ms: q(publishOnly, 0.5),
      },
      burst: {
        publishes: burst.length,
        totalSeconds: Math.round(burstMs / 100) / 10,
        p50Ms: q(burst, 0.5),
        p95Ms: q(burst, 0.95),
        maxMs: Math.round(Math.max(...burst)),
      },
      load: loadavg().map((x) => Math.round(x * 10) / 10),
    },
    null,
    2,
  ),
);
await gazette.close();
