#!/usr/bin/env node
// Flood benchmark: does a reader on a NEW connection still get a cached page quickly while many addresses
// flood the expensive routes? Runs the same flood twice in one run, with the protections off and on.
//
//   node bench/flood/run.mjs [--duration 10] [--connections 200] [--probe-every 50] [--data DIR]
//
// 1. makes the demo portal in a temporary data directory (SQLite) with the built `dist/`;
// 2. for each mode starts `gazette start` on a free loopback port with GAZETTE_TRUST_PROXY=1 (as behind one
//    nginx), warms one article page into the page cache and records the server's RSS;
// 3. floods it for --duration seconds from a worker thread (autocannon, --connections connections): /api/search
//    queries as long as a URL may be (about 100 characters, 1,000 bytes encoded) (so the per-address rate limit never applies, each with its own
//    X-Forwarded-For), /search pages and article pages under random Host headers;
// 4. meanwhile, from the main thread, opens a NEW connection every --probe-every ms to the cached article and
//    times its first byte (a probe still waiting when the flood ends is counted at its full wait);
// 5. prints per mode: flood requests/s and status counts, the probes' p50/p99/max time to first byte, and
//    the server's peak RSS. Loopback only; bounded by --duration and a 2,000-probe cap.
//
// "off" sets GAZETTE_SHED_LAG_MS=0 and GAZETTE_SEARCH_CONCURRENCY=0 (no event-loop shedding, searches
// unbounded); "on" uses the defaults.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createDemoSite } from '../lib/bulk-site.mjs';

/** The flood, in its own thread so that its work does not delay the probes' clock. */
async function flood({ base, duration, connections, articles }) {
  const { default: autocannon } = await import('autocannon');
  let n = 0;
  const word = ['政府', '通知', '公告', '城市更新', '安全生产', '营商环境', '老旧小区', '改造'];
  // As long as the public site takes a URL (1,024 bytes; a longer one is a 414): about 100 characters.
  const longQuery = () => {
    let q = '';
    for (let i = 0; ; i++) {
      const next = `${q}${word[(n + i) % word.length]}${(n + i) % 97} `;
      if (encodeURIComponent(next).length > 1000) return encodeURIComponent(q);
      q = next;
    }
  };
  const address = () => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        setupRequest(req) {
          n++;
          const kind = n % 10;
          const headers = { ...req.headers, 'x-forwarded-for': address() };
          if (kind < 7) return { ...req, method: 'GET', path: `/api/search?q=${longQuery()}`, headers };
          if (kind < 9) return { ...req, method: 'GET', path: `/search?q=${longQuery()}`, headers };
          // A page under a made-up host: the same cached page whatever the host.
          headers.host = `h${n}.flood.example`;
          return { ...req, method: 'GET', path: articles[n % articles.length], headers };
        },
      },
    ],
  });
  parentPort.postMessage({
    requests: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / duration,
    statuses: {
      '2xx': result['2xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
      errors: result.errors,
      timeouts: result.timeouts,
    },
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '200' },
      'probe-every': { type: 'string', default: '50' },
      data: { type: 'string' },
    },
  });
  const root = resolve(import.meta.dirname, '../..');
  process.chdir(root);
  const log = (...args) => console.error('[flood]', ...args);
  const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'gazette-flood-'));
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const probeEvery = Number(values['probe-every']);

  log(`making the demo portal in ${dataDir}`);
  await createDemoSite(dataDir);

  const results = [];
  for (const mode of ['off', 'on']) {
    const env =
      mode === 'off' ? { GAZETTE_SHED_LAG_MS: '0', GAZETTE_SEARCH_CONCURRENCY: '0' } : {};
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = startGazette(dataDir, port, env);
    try {
      await waitFor(`${base}/sitemap.html`);
      const articles = [...(await (await fetch(`${base}/`)).text()).matchAll(/href="(\/[^"?]+\/[^"?]+\.html)"/g)]
        .map((m) => m[1])
        .slice(0, 20);
      const page = articles[0];
      for (let i = 0; i < 3; i++) await probe(`${base}${page}`);
      const rssBefore = rss(child.pid);
      log(`${mode}: flooding ${base} for ${duration} s with ${connections} connections`);
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { base, duration, connections, articles },
      });
      const floodDone = new Promise((done, fail) => {
        worker.once('message', done);
        worker.once('error', fail);
      });
      await sleep(1000); // the flood is under way
      const probes = [];
      const until = Date.now() + (duration - 2) * 1000;
      while (Date.now() < until && probes.length < 2000) {
        probes.push(probe(`${base}${page}`, until + 1000 - Date.now()));
        await sleep(probeEvery);
      }
      const waits = await Promise.all(probes);
      const flooded = await floodDone;
      await worker.terminate();
      const peak = peakRss(child.pid);
      const ok = waits.filter((w) => w.status === 200).length;
      const ttfb = waits.map((w) => w.ms).sort((a, b) => a - b);
      results.push({ mode, flooded, ttfb, ok, count: waits.length, rssBefore, peak });
      log(`${mode}: probes p99 ${percentile(ttfb, 0.99).toFixed(1)} ms, ${ok}/${waits.length} answered 200`);
    } finally {
      await stop(child);
    }
  }
  if (!values.data) rmSync(dataDir, { recursive: true, force: true });

  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(
    `\n${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}; ${connections} connections for ${duration} s, a new-connection probe every ${probeEvery} ms\n`,
  );
  console.log(
    line([
      'protections',
      'flood req/s',
      'flood 2xx / 4xx / 5xx / errors+timeouts',
      'probes (200)',
      'probe TTFB p50',
      'p99',
      'max',
      'RSS before → peak',
    ]),
  );
  console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const r of results) {
    const s = r.flooded.statuses;
    console.log(
      line([
        r.mode,
        r.flooded.requests.toFixed(0),
        `${s['2xx']} / ${s['4xx']} / ${s['5xx']} / ${s.errors + s.timeouts}`,
        `${r.ok}/${r.count}`,
        `${percentile(r.ttfb, 0.5).toFixed(1)} ms`,
        `**${percentile(r.ttfb, 0.99).toFixed(1)} ms**`,
        `${r.ttfb.at(-1).toFixed(1)} ms`,
        `${r.rssBefore.toFixed(0)} → ${r.peak.toFixed(0)} MiB`,
      ]),
    );
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Time to the first byte of a GET on a new connection (no keep-alive agent); a wait cut at `limitMs`. */
function probe(url, limitMs = 30_000) {
  return new Promise((done) => {
    const started = performance.now();
    const finish = (status) => done({ status, ms: performance.now() - started });
    const req = request(url, { agent: false, headers: { 'accept-encoding': 'br' } }, (res) => {
      finish(res.statusCode);
      res.resume();
    });
    req.setTimeout(Math.max(limitMs, 1), () => {
      finish(0);
      req.destroy();
    });
    req.on('error', () => finish(0));
    req.end();
  });
}

function startGazette(dataDir, port, env) {
  return spawn(
    process.execPath,
    ['dist/cli/main.js', 'start', '--port', String(port), '--host', '127.0.0.1', '--no-demo'],
    {
      env: {
        ...process.env,
        GAZETTE_DATA_DIR: dataDir,
        GAZETTE_LOG_LEVEL: 'error',
        GAZETTE_TRUST_PROXY: '1',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${ms} ms`);
    await sleep(50);
  }
}

const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const peakRss = (pid) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

if (isMainThread) await main();
else await flood(workerData);
