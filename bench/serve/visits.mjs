#!/usr/bin/env node
// The visit counter's cost on the page path: the same Gazette, the same pages, with the counter on
// (GAZETTE_VISIT_STATS=1, the default) and off (=0), in alternating rounds so that the machine's load
// drifts over both alike.
//
//   node bench/serve/visits.mjs [--data DIR] [--articles 10000] [--duration 10] [--connections 32]
//                               [--rounds 3] [--build bench/serve/.build]
//
// Load from autocannon (in node_modules; wrk is not on every machine) in this process. Two loads, each with
// the page cache warm (the counter counts cached answers too, where its share of the
// work is largest): the article page from one visitor, and 1,000 articles in turn each from its own
// visitor (a distinct User-Agent per request: the worst case for the counter's maps). After the "on" rounds
// the database must hold as many counted views as were answered 2xx (checked, printed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitFor } from '../lib/net.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-visits' },
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    build: { type: 'string', default: 'bench/serve/.build' },
  },
});
const root = resolve(import.meta.dirname, '../..');
process.chdir(root);
const dataDir = resolve(values.data);
const build = resolve(values.build);
const log = (...args) => console.error('[bench]', ...args);
const load = () =>
  `load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;

const marker = join(dataDir, 'bench-site.json');
let site = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null;
if (!site || site.articles !== Number(values.articles)) {
  log(`generating ${values.articles} articles in ${dataDir}`);
  const generated = spawnSync(
    'node',
    ['bench/serve/generate.mjs', '--data', dataDir, '--articles', values.articles, '--build', build],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (generated.status !== 0) throw new Error('generation failed');
  site = JSON.parse(generated.stdout.trim().split('\n').at(-1));
  site.articles = Number(values.articles);
  writeFileSync(marker, JSON.stringify(site));
}

const { default: Database } = await import('better-sqlite3');
const readDb = () => new Database(join(dataDir, 'gazette.db'), { readonly: true });
const sample = readDb();
const rotating = sample
  .prepare("SELECT path FROM articles WHERE status = 'published' AND path IS NOT NULL ORDER BY id LIMIT 1000")
  .all()
  .map((row) => row.path);
sample.close();
// Each request from its own visitor (a distinct User-Agent) over 1,000 articles, or one visitor on one page.
let serial = 0;
const rotatingRequest = (request) => {
  serial += 1;
  request.path = encodeURI(rotating[serial % rotating.length]);
  request.headers = { ...request.headers, 'user-agent': `Mozilla/5.0 reader ${serial}` };
  return request;
};
const oneRequest = (request) => {
  request.path = encodeURI(site.article);
  request.headers = { ...request.headers, 'user-agent': 'Mozilla/5.0 one reader' };
  return request;
};

function startGazette(port, counting) {
  return spawn(
    'node',
    [join(build, 'cli/main.js'), 'start', '--port', String(port), '--host', '127.0.0.1', '--no-demo'],
    {
      env: {
        ...process.env,
        GAZETTE_DATA_DIR: dataDir,
        GAZETTE_THEME_DIR: join(root, 'themes/default'),
        GAZETTE_LOG_LEVEL: 'warn',
        GAZETTE_VISIT_STATS: counting ? '1' : '0',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

const { default: autocannon } = await import('autocannon');
async function bench(url, setupRequest) {
  const result = await autocannon({
    url,
    connections: Number(values.connections),
    duration: Number(values.duration),
    requests: [{ method: 'GET', setupRequest }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
  };
}

const counted = () => {
  const db = readDb();
  const row = db
    .prepare("SELECT COALESCE(SUM(views), 0) AS views FROM visit_counts WHERE scope = 'site'")
    .get();
  db.close();
  return Number(row.views);
};

const loads = [
  { name: 'article, one visitor', setup: oneRequest },
  { name: '1,000 articles, a visitor per request', setup: rotatingRequest },
];
const rows = Object.fromEntries(loads.map((l) => [l.name, { on: [], off: [] }]));
const loadsSeen = [load()];
log(loadsSeen[0]);
let sent = 0;
let before = counted();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const counting of round % 2 === 0 ? [true, false] : [false, true]) {
    const port = await freePort();
    const child = startGazette(port, counting);
    try {
      await waitFor(`http://127.0.0.1:${port}${encodeURI(site.article)}`, 120_000);
      // Warm the page cache: every page of both loads once.
      for (const path of [site.article, ...rotating])
        await fetch(`http://127.0.0.1:${port}${encodeURI(path)}`);
      for (const l of loads) {
        const result = await bench(`http://127.0.0.1:${port}`, l.setup);
        rows[l.name][counting ? 'on' : 'off'].push(result);
        if (counting) sent += result.ok;
        log(`round ${round + 1} ${counting ? 'on ' : 'off'} ${l.name}: ${result.rps} req/s`);
      }
    } finally {
      await stop(child);
    }
    if (counting) sent += 1 + rotating.length; // the warming requests (Node's fetch sends a User-Agent)
  }
}
loadsSeen.push(load());
const views = counted() - before;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (n) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 2) : '–');
console.log(
  `\n${new Date().toISOString()} — ${values.rounds} rounds, ${values.duration} s each, ${values.connections} connections`,
);
console.log(`before: ${loadsSeen[0]}; after: ${loadsSeen[1]}\n`);
console.log('| load | counter | req/s (median) | p50 ms | p99 ms | req/s of each round |');
console.log('| --- | --- | ---: | ---: | ---: | --- |');
for (const l of loads) {
  for (const side of ['off', 'on']) {
    const r = rows[l.name][side];
    console.log(
      `| ${l.name} | ${side} | ${f(median(r.map((x) => x.rps)))} | ${f(median(r.map((x) => x.p50)))} | ${f(median(r.map((x) => x.p99)))} | ${r.map((x) => f(x.rps)).join(' / ')} |`,
    );
  }
  const on = median(rows[l.name].on.map((x) => x.rps));
  const off = median(rows[l.name].off.map((x) => x.rps));
  console.log(`| ${l.name} | on/off | ${((on / off) * 100).toFixed(1)} % | | | |`);
}
console.log(`\nviews written by the counter during the "on" runs: ${views} (2xx answered: ${sent})`);
