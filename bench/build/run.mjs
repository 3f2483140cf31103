#!/usr/bin/env node
// Static build benchmark: full build pages/s and peak RSS, then the latency of incremental
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
import { availableParallelism } from 'node:os';
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
    // Render threads of the full build (src/publish/parallel.ts); 1: in the main thread.
    workers: { type: 'string', default: String(availableParallelism()) },
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
    workers: {
      count: Number(values.workers),
      database: { dataDir: config.dataDir, url: config.databaseUrl },
      themeDir: config.themeDir,
    },
  });
  console.log(
    JSON.stringify({
      workers: Number(values.workers),
      pages: report.pages,
      files: report.files,
      megabytes: Math.round(report.bytes / 1024 / 1024),
      // Until the new build is live (switched to); older builds are dropped after that (phases.cleanup).
      seconds: Math.round(report.ms) / 1000,
      pagesPerSecond: Math.round(report.pages / (report.ms / 1000)),
      secondsWithCleanup: Math.round(report.ms + (report.phases?.cleanup ?? 0)) / 1000,
      // The rendering phase alone (index load, manifest and switch excluded).
      renderPagesPerSecond: Math.round(report.pages / ((report.phases?.pages ?? report.ms) / 1000)),
      // CPU time of this process (worker threads included): what the build costs on idle cores.
      cpuSeconds: cpuSeconds(cpuBefore),
      pagesPerCpuSecond: Math.round(report.pages / cpuSeconds(cpuBefore)),
      peakRssMb: rssMb(),
      phasesSeconds: Object.fromEntries(
        Object.entries(report.phases ?? {}).map(([phase, ms]) => [phase, Math.round(ms) / 1000]),
      ),
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
  const phases = {};
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
        for (const [phase, ms] of Object.entries(report.phases ?? {})) (phases[phase] ??= []).push(ms);
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
      // Median ms of each phase of a publish (src/publish/incremental.ts `phases`).
      phaseP50Ms: Object.fromEntries(
        Object.entries(phases).map(([phase, list]) => [
          phase,
          Math.round(list.sort((a, b) => a - b)[Math.floor(list.length / 2)] * 10) / 10,
        ]),
      ),
      peakRssMb: rssMb(),
    }),
  );
}
await gazette.close();
