#!/usr/bin/env node
// Flood benchmark: does a reader on a NEW connection still get a cached page quickly while many addresses
// flood the expensive routes? Runs the same flood twice in one run, with the protections off and on.
//
//   node bench/flood/run.mjs [--duration 15] [--settle 8] [--connections 200] [--probe-every 50] [--data DIR]
//
// 1. makes the demo portal in a temporary data directory (SQLite) with the built `dist/`;
// 2. for each mode starts `gazette start` on a free loopback port with GAZETTE_TRUST_PROXY=1 (as behind one
//    nginx), warms one article page into the page cache and records the server's RSS;
// 3. floods it for --duration seconds from a child process (autocannon, --connections connections): /api/search
//    queries as long as a URL may be (about 100 characters, 1,000 bytes encoded) (so the per-address rate limit never applies, each with its own
//    X-Forwarded-For), /search pages and article pages under random Host headers;
// 4. once the flood's connections are accepted (the accept queue is empty; --settle seconds at most), opens a NEW connection every
//    --probe-every ms from this process to the cached article and times its first byte (a probe still waiting when the flood ends is counted at its full wait);
// 5. prints per mode: flood requests/s and status counts, the probes' p50/p99/max time to first byte, and
//    the server's peak RSS. Loopback only; bounded by --duration and a 2,000-probe cap.
//
// "off" sets GAZETTE_SHED_LAG_MS=0 and GAZETTE_SEARCH_CONCURRENCY=0 (no event-loop shedding, searches
// unbounded); "on" uses the defaults.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoSite } from '../lib/bulk-site.mjs';
import { freePort, startGazette, stop, waitFor } from '../lib/net.mjs';

/**
 * The flood, in a process of its own (`--flood <json>`) so that its work never delays the probes' clock;
 * prints its counts as one line of JSON.
 */
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
  console.log(
    JSON.stringify({
      requests: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / duration,
      statuses: {
        '2xx': result['2xx'],
        '4xx': result['4xx'],
        '5xx': result['5xx'],
        errors: result.errors,
        timeouts: result.timeouts,
      },
    }),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '15' },
      settle: { type: 'string', default: '8' },
      connections: { type: 'string', default: '200' },
      'probe-every': { type: 'string', default: '50' },
      data: { type: 'string' },
      flood: { type: 'string' },
    },
  });
  if (values.flood) return flood(JSON.parse(values.flood));
  const root = resolve(import.meta.dirname, '../..');
  process.chdir(root);
  const log = (...args) => console.error('[flood]', ...args);
  const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'gazette-flood-'));
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const probeEvery = Number(values['probe-every']);
  const settle = Number(values.settle);

  log(`making the demo portal in ${dataDir}`);
  await createDemoSite(dataDir);

  const results = [];
  for (const mode of ['off', 'on']) {
    const env = mode === 'off' ? { GAZETTE_SHED_LAG_MS: '0', GAZETTE_SEARCH_CONCURRENCY: '0' } : {};
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = startGazette(dataDir, port, env);
    try {
      // Until the home page renders: a process just started may still refuse uncached pages (starting
      // lags its event loop).
      const home = await waitFor(`${base}/`, 60_000, 50);
      const articles = [...(await home.text()).matchAll(/href="(\/[^"?]+\/[^"?]+\.html)"/g)]
        .map((m) => m[1])
        .slice(0, 20);
      const page = articles[0];
      for (let i = 0; i < 3; i++) await probe(`${base}${page}`);
      const rssBefore = rss(child.pid);
      log(`${mode}: flooding ${base} for ${duration} s with ${connections} connections`);
      const started = Date.now();
      // The flood runs at the lowest CPU priority: on a machine of a few cores the load generator must not
      // take the CPU from the server it measures.
      const flooder = spawn(
        'nice',
        [
          '-n',
          '19',
          process.execPath,
          import.meta.filename,
          '--flood',
          JSON.stringify({ base, duration, connections, articles }),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      flooder.stdout.on('data', (chunk) => (out += chunk));
      const floodDone = new Promise((done, fail) =>
        flooder.once('exit', (code) =>
          code === 0
            ? done(JSON.parse(out.trim().split('\n').at(-1)))
            : fail(new Error(`flood exited ${code}`)),
        ),
      );
      // The flood's own connections are accepted first: while the loop is busy Node accepts about one
      // connection per turn, so a burst of 200 new connections queues everyone behind it for 200 turns.
      // Probing starts once the listening socket's accept queue is empty (or after --settle seconds).
      const settled = await acceptQueueEmpty(port, settle * 1000);
      log(`${mode}: flood connections accepted after ${settled.toFixed(0)} ms`);
      const probes = [];
      const until = started + (duration - 1) * 1000;
      while (Date.now() < until && probes.length < 2000) {
        probes.push(probe(`${base}${page}`, until + 1000 - Date.now()));
        await sleep(probeEvery);
      }
      const waits = await Promise.all(probes);
      // When the slow ones were sent (ms after the first probe): a burst or spread over the run.
      const slow = waits
        .filter((w) => w.ms > 100)
        .map((w) => `${(w.at - waits[0].at).toFixed(0)}:${w.ms.toFixed(0)}`);
      if (slow.length > 0) log(`${mode}: probes over 100 ms (sent at:waited ms) ${slow.join(' ')}`);
      const flooded = await floodDone;
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
        // A run too short for any probe has no times: a dash, not a crash.
        ...(r.ttfb.length === 0
          ? ['—', '—', '—']
          : [
              `${percentile(r.ttfb, 0.5).toFixed(1)} ms`,
              `**${percentile(r.ttfb, 0.99).toFixed(1)} ms**`,
              `${r.ttfb.at(-1).toFixed(1)} ms`,
            ]),
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
    const finish = (status) => done({ status, at: started, ms: performance.now() - started });
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

/** Waits until the listening socket on `port` has no connection waiting to be accepted; returns the wait. */
async function acceptQueueEmpty(port, limitMs) {
  await sleep(2000); // the flood process starts and connects
  const started = Date.now();
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let quiet = 0;
  while (Date.now() - started < limitMs && quiet < 3) {
    await sleep(100);
    const waiting = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(local) && f[3] === '0A')
      .reduce((sum, f) => sum + parseInt(f[4].split(':')[1], 16), 0);
    quiet = waiting === 0 ? quiet + 1 : 0;
  }
  return Date.now() - started + 2000;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const rss = (pid) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const peakRss = (pid) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

await main();
