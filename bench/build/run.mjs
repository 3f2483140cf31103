#!/usr/bin/env node
// Static build benchmark (issue #9): full build pages/s and peak RSS, then the latency of incremental
// publishes (p50/p95) on the same site. Sites come from bench/serve/generate.mjs (deterministic).
//
//   npm run build
//   node bench/serve/generate.mjs --data /tmp/gz-build-10k --articles 10000
//   node bench/build/run.mjs --data /tmp/gz-build-10k --out /tmp/gz-build-10k-site --publishes 100
//
// Phases run in separate processes so that each peak RSS is its own: `--phase full` (gazette build) and
// `--phase publish` (a publisher on the built output, then N articles created and published through the app;
// each publish's latency is the time from the committed event to the output being updated: plan, render,
// atomic writes and manifest).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-serve' },
    out: { type: 'string' },
    publishes: { type: 'string', default: '100' },
    phase: { type: 'string' },
    build: { type: 'string', default: 'dist' },
  },
});
const dataDir = resolve(values.data);
const out = resolve(values.out ?? `${dataDir}-site`);
const build = pathToFileURL(resolve(values.build)).href;

if (!values.phase) {
  const results = {};
  const phases =
    values.phase === undefined && process.env.BENCH_PHASES
      ? process.env.BENCH_PHASES.split(',')
      : ['full', 'publish'];
  for (const phase of phases) {
    const child = spawnSync(process.execPath, [...process.argv.slice(1), '--phase', phase], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`${phase} phase failed`);
    results[phase] = JSON.parse(child.stdout.trim().split('\n').pop());
  }
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

const { loadConfig } = await import(`${build}/config/index.js`);
const { openGazette } = await import(`${build}/boot/index.js`);
const { buildSite, createStaticPublisher } = await import(`${build}/publish/index.js`);
const { createArticle, publishArticle, systemPrincipal } = await import(`${build}/app/index.js`);

const config = loadConfig(
  { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_THEME_DIR: resolve('themes/default') },
  { dataDir },
);
const gazette = await openGazette(config);
const { store } = gazette.deps;
const cpuSeconds = (since) => {
  const { user, system } = process.cpuUsage(since);
  return Math.round((user + system) / 1000) / 1000;
};
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (values.phase === 'full') {
  const cpuBefore = process.cpuUsage();
  const report = await buildSite({
    store,
    theme: gazette.theme,
    now: gazette.deps.clock.now(),
    out,
    mediaDir: resolve(dataDir, 'media'),
  });
  console.log(
    JSON.stringify({
      pages: report.pages,
      files: report.files,
      megabytes: Math.round(report.bytes / 1024 / 1024),
      seconds: Math.round(report.ms) / 1000,
      pagesPerSecond: Math.round(report.pages / (report.ms / 1000)),
      // CPU time of this process: what the build costs when it does not share the cores with others.
      cpuSeconds: cpuSeconds(cpuBefore),
      pagesPerCpuSecond: Math.round(report.pages / cpuSeconds(cpuBefore)),
      peakRssMb: rssMb(),
    }),
  );
} else {
  const count = Number(values.publishes);
  let started = performance.now();
  const events = [];
  const publisher = await createStaticPublisher({
    store,
    theme: gazette.theme,
    clock: gazette.deps.clock,
    out,
    mediaDir: resolve(dataDir, 'media'),
  });
  const loadMs = performance.now() - started;
  gazette.feed.subscribe((event) => events.push(event));
  const [site] = await store.sites.list();
  const columns = await store.columns.listBySite(site.id);
  const target = columns.find((c) => c.path === 'xwzx/zwyw') ?? columns[0];
  const system = systemPrincipal('bench');
  const latencies = [];
  const cpu = [];
  const visible = [];
  const pages = [];
  for (let i = 0; i < count; i++) {
    const draft = await createArticle(gazette.deps, system, site.id, {
      columnId: target.id,
      title: `静态发布基准稿件第${i + 1}篇`,
      summary: '基准测试',
      bodyHtml: '<p>基准测试正文。</p>',
      tags: ['基准测试'],
    });
    await publishArticle(gazette.deps, system, draft.id);
    await new Promise((resolve) => setImmediate(resolve));
    for (const event of events.splice(0)) {
      started = performance.now();
      const cpuBefore = process.cpuUsage();
      const report = await publisher.apply(event);
      if (report) {
        latencies.push(performance.now() - started);
        cpu.push(cpuSeconds(cpuBefore) * 1000);
        visible.push(report.visibleMs);
        pages.push(report.written);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  visible.sort((a, b) => a - b);
  const quantile = (list, q) => Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))]);
  const at = (q) => quantile(latencies, q);
  console.log(
    JSON.stringify({
      publishes: latencies.length,
      indexLoadMs: Math.round(loadMs),
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      maxMs: Math.round(latencies[latencies.length - 1]),
      // Until the article, home, first list pages and feeds were live (deep list pages follow).
      visibleP50Ms: quantile(visible, 0.5),
      visibleP95Ms: quantile(visible, 0.95),
      cpuP50Ms: quantile(cpu, 0.5),
      cpuP95Ms: quantile(cpu, 0.95),
      filesWrittenPerPublish: Math.round(pages.reduce((a, b) => a + b, 0) / pages.length),
      peakRssMb: rssMb(),
    }),
  );
}
await gazette.close();
