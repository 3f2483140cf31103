#!/usr/bin/env node
// The visit counter's own cost, apart from serving: the hot path (one page view counted in memory) and the
// batched write (one transaction per batch), on a copy of the site `visits.mjs` generated, in this process.
//
//   node bench/serve/visits-micro.mjs [--data /tmp/gazette-bench-visits] [--hits 200000] [--visitors 20000]
//                                     [--build bench/serve/.build]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-visits' },
    hits: { type: 'string', default: '200000' },
    visitors: { type: 'string', default: '20000' },
    build: { type: 'string', default: 'bench/serve/.build' },
  },
});
const build = resolve(values.build);
const { createVisitCounter } = await import(join(build, 'app/index.js'));
const { openSqlite, createStore, migrateToLatest } = await import(join(build, 'store/index.js'));
const work = mkdtempSync(join(tmpdir(), 'gazette-visits-micro-'));
copyFileSync(join(resolve(values.data), 'gazette.db'), join(work, 'gazette.db'));
const database = openSqlite(work);
await migrateToLatest(database.db, database.dialect);
const store = createStore(database.db, database.dialect);
const clock = { now: () => new Date().toISOString() };
const counter = createVisitCounter({ store, clock });
const hits = Number(values.hits);
const visitors = Number(values.visitors);
const paths = Array.from({ length: 1000 }, (_, i) => `/xwzx/zwyw/t20240101_${i}.html`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(`load before: ${load()} on ${cpus().length} cores`);

// Hot path, in rounds of 10,000 hits (the counter writes early past 50,000 distinct entries; flushed between
// rounds, outside the timing).
let hotNs = 0n;
let hotCpuUs = 0;
let writeCpuUs = 0;
const writeNs = [];
let loopMaxMs = 0;
for (let done = 0; done < hits; done += 10_000) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = done; i < done + 10_000; i++) {
    counter.page({
      siteId: 1,
      path: paths[i % paths.length],
      visitor: `10.0.${(i % visitors) >> 8}.${i % 256} Mozilla/5.0 reader ${i % visitors}`,
      referrer: i % 10 === 0 ? 'www.baidu.com' : null,
    });
  }
  hotNs += process.hrtime.bigint() - start;
  const used = process.cpuUsage(cpu);
  hotCpuUs += used.user + used.system;
  const writeCpu = process.cpuUsage();
  const wrote = process.hrtime.bigint();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await counter.flush();
  delay.disable();
  writeNs.push(Number(process.hrtime.bigint() - wrote) / 1e6);
  const w = process.cpuUsage(writeCpu);
  writeCpuUs += w.user + w.system;
  loopMaxMs = Math.max(loopMaxMs, delay.max / 1e6);
}
console.log(
  `hot path: ${(Number(hotNs) / hits).toFixed(0)} ns per page view (${hits} views, ${visitors} visitors, 1,000 pages)`,
);
writeNs.sort((a, b) => a - b);
console.log(
  `write of a batch of 10,000 views: median ${writeNs[Math.floor(writeNs.length / 2)].toFixed(1)} ms, max ${writeNs.at(-1).toFixed(1)} ms (${writeNs.length} batches, SQLite)`,
);
console.log(
  `CPU time (not wall time, which a loaded machine inflates): hot path ${((hotCpuUs * 1000) / hits).toFixed(0)} ns per view; writes ${(writeCpuUs / 1000 / writeNs.length).toFixed(1)} ms per 10,000 views (${((writeCpuUs * 1000) / hits).toFixed(0)} ns per view)`,
);
console.log(`longest event-loop delay during the writes: ${loopMaxMs.toFixed(1)} ms`);
console.log(`load after: ${load()}`);
await database.close();
rmSync(work, { recursive: true, force: true });
