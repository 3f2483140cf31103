#!/usr/bin/env node
// Serving benchmark: Gazette against nginx serving the same page bytes as files, in one run.
//
//   node bench/serve/run.mjs [--data DIR] [--articles 100000] [--duration 10] [--connections 32]
//                            [--build bench/serve/.build] [--regenerate] [--workers N]
//
// 1. generates the site (bench/serve/generate.mjs) unless DIR already holds one of that size;
// 2. starts Gazette (`gazette start`, SQLite) and times the cold start (spawn to first article page);
// 3. saves the bytes Gazette answers for each page to files and starts nginx (Debian, non-daemon, temporary
//    prefix, free port) on them;
// 4. runs wrk (2 threads, 32 connections) on each page: nginx, Gazette with its page cache warm, then
//    Gazette restarted with GAZETTE_PAGE_CACHE_MB=0 (every request rendered); besides the named pages, the
//    article as a browser asks for it (Accept-Encoding: br) and 1,000 articles in turn (a wrk script);
// 5. prints a Markdown table (requests/s, p50, p99, ratio to nginx) and Gazette's peak RSS (VmHWM) per
//    process: with `--workers N` (gazette start --workers N, as nginx runs a worker per core) the primary
//    and each worker.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitFor } from '../lib/net.mjs';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '/tmp/gazette-bench-serve' },
    articles: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    build: { type: 'string', default: 'bench/serve/.build' },
    regenerate: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
  },
});
const root = resolve(import.meta.dirname, '../..');
process.chdir(root);
const dataDir = resolve(values.data);
const build = resolve(values.build);
const articles = Number(values.articles);
const log = (...args) => console.error('[bench]', ...args);

// ---- the site -------------------------------------------------------------------------------------------
const marker = join(dataDir, 'bench-site.json');
let site = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null;
if (values.regenerate || !site || site.articles !== articles) {
  log(`generating ${articles} articles in ${dataDir}`);
  const generated = spawnSync(
    'node',
    ['bench/serve/generate.mjs', '--data', dataDir, '--articles', String(articles), '--build', build],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (generated.status !== 0) throw new Error('generation failed');
  site = JSON.parse(generated.stdout.trim().split('\n').at(-1));
  writeFileSync(marker, JSON.stringify(site));
}

// ---- helpers --------------------------------------------------------------------------------------------
function startGazette(port, env = {}) {
  const child = spawn(
    'node',
    [
      join(build, 'cli/main.js'),
      'start',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--no-demo',
      '--workers',
      values.workers,
    ],
    {
      env: {
        ...process.env,
        GAZETTE_DATA_DIR: dataDir,
        GAZETTE_THEME_DIR: join(root, 'themes/default'),
        GAZETTE_LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/** Peak resident set (VmHWM) of a process and of each of its children (the workers), in MiB. */
function peakRss(pid) {
  const of = (p) =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // no children
  }
  return { main: of(pid), workers: children.map(of) };
}
const rssText = (rss) =>
  rss.workers.length === 0
    ? `${rss.main.toFixed(1)} MiB`
    : `primary ${rss.main.toFixed(1)} MiB, workers ${rss.workers.map((w) => w.toFixed(1)).join(' / ')} MiB (largest process ${Math.max(rss.main, ...rss.workers).toFixed(1)} MiB)`;

const DURATION = `${values.duration}s`;
const CONNECTIONS = values.connections;
function wrk(url, { headers = [], script } = {}) {
  const args = [
    '-t2',
    `-c${CONNECTIONS}`,
    `-d${DURATION}`,
    '--latency',
    ...headers.flatMap((h) => ['-H', h]),
    ...(script ? ['-s', script] : []),
    url,
  ];
  const run = spawnSync('wrk', args, { encoding: 'utf8' });
  const out = run.stdout;
  const unit = (value, suffix) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[suffix] ?? 1);
  const pct = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? unit(m[1], m[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: pct(50),
    p99: pct(99),
    non2xx,
    errors: /Socket errors: (.*)/.exec(out)?.[1] ?? '',
  };
}

// ---- the pages ------------------------------------------------------------------------------------------
const enc = (path) => encodeURI(path);
const pages = [
  { name: 'article', path: site.article },
  { name: 'home', path: '/' },
  { name: 'column p1', path: site.column },
  { name: 'column p2000', path: `${site.column}page/2000/` },
  { name: 'tag p1 (50k)', path: site.tag },
];

// Also 1,000 different articles in turn (a wrk script), so that a miss is not the same rows and fragments
// every time: every 100th published article, spread over the whole site.
const ROTATING = 1000;
const { default: Database } = await import('better-sqlite3');
const sample = new Database(join(dataDir, 'gazette.db'), { readonly: true });
const rotating = sample
  .prepare("SELECT path FROM articles WHERE status = 'published' AND path IS NOT NULL ORDER BY id LIMIT ? ")
  .all(ROTATING * 100)
  .filter((_, i) => i % 100 === 0)
  .map((row) => row.path);
sample.close();
const rotatingScript = join(mkdtempSync(join(tmpdir(), 'gazette-bench-wrk-')), 'rotate.lua');
writeFileSync(
  rotatingScript,
  `local paths = {\n${rotating.map((p) => `  ${JSON.stringify(enc(p))},`).join('\n')}\n}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
);
// What a browser asks for: the article compressed (brotli), made once per page in the cache, per miss without.
pages.push({
  name: 'article, Accept-Encoding br',
  path: site.article,
  headers: ['Accept-Encoding: br, gzip'],
  noNginx: true,
});
pages.push({
  name: `${rotating.length} articles in turn`,
  path: rotating[0],
  script: rotatingScript,
  noNginx: true,
});

const load = () =>
  `load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
const results = [];
log(load());

// Gazette, cold start then warm cache.
const gazettePort = await freePort();
const spawnedAt = performance.now();
let gazette = startGazette(gazettePort);
let nginx;
process.on('exit', () => {
  gazette.kill('SIGKILL');
  nginx?.kill('SIGKILL');
});
await waitFor(`http://127.0.0.1:${gazettePort}${enc(site.article)}`);
const coldStartMs = performance.now() - spawnedAt;
log(`cold start ${coldStartMs.toFixed(0)} ms`);

// The same bytes as files for nginx.
const prefix = mkdtempSync(join(tmpdir(), 'gazette-bench-nginx-'));
chmodSync(prefix, 0o755); // nginx workers run as nobody
const docroot = join(prefix, 'html');
mkdirSync(join(prefix, 'logs'), { recursive: true });
mkdirSync(docroot, { recursive: true });
for (const [i, page] of pages.entries()) {
  const body = Buffer.from(
    await (await waitFor(`http://127.0.0.1:${gazettePort}${enc(page.path)}`)).arrayBuffer(),
  );
  page.file = `/p${i}.html`;
  page.bytes = body.length;
  writeFileSync(join(docroot, page.file), body);
}
const search = await fetch(`http://127.0.0.1:${gazettePort}/api/search?q=${encodeURIComponent('城市更新')}`);
if (search.status === 200)
  pages.push({
    name: 'search /api/search',
    path: `/api/search?q=${encodeURIComponent('城市更新')}`,
    noNginx: true,
  });
else log(`/api/search answers ${search.status}: not benchmarked`);

const nginxPort = await freePort();
writeFileSync(
  join(prefix, 'nginx.conf'),
  `daemon off;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  types { text/html html; }
  client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp; fastcgi_temp_path ${prefix}/tmp;
  uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${docroot};
    etag on;
  }
}
`,
);
mkdirSync(join(prefix, 'tmp'));
nginx = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
  stdio: 'inherit',
});
await waitFor(`http://127.0.0.1:${nginxPort}${pages[0].file}`);

try {
  for (const page of pages) {
    const row = { page: page.name, bytes: page.bytes ?? 0 };
    if (!page.noNginx) row.nginx = wrk(`http://127.0.0.1:${nginxPort}${page.file}`);
    await fetch(`http://127.0.0.1:${gazettePort}${enc(page.path)}`); // warm
    row.warm = wrk(`http://127.0.0.1:${gazettePort}${enc(page.path)}`, page);
    results.push(row);
    log(page.name, JSON.stringify(row));
  }
  const rssWarm = peakRss(gazette.pid);
  await stop(gazette);

  gazette = startGazette(gazettePort, { GAZETTE_PAGE_CACHE_MB: '0' });
  await waitFor(`http://127.0.0.1:${gazettePort}/`);
  for (const [i, page] of pages.entries()) {
    results[i].uncached = wrk(`http://127.0.0.1:${gazettePort}${enc(page.path)}`, page);
    log(page.name, 'cache off', JSON.stringify(results[i].uncached));
  }
  const rssUncached = peakRss(gazette.pid);
  await stop(gazette);

  // ---- report -------------------------------------------------------------------------------------------
  const f = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const lines = [
    `Run ${new Date().toISOString()}, ${articles} articles, Gazette --workers ${values.workers}, wrk -t2 -c${CONNECTIONS} -d${DURATION}, ${load()} (after the run)`,
    '',
    '| page | bytes | nginx req/s | nginx p50/p99 ms | Gazette warm req/s | warm p50/p99 ms | warm / nginx | cache off req/s | cache off p50/p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const ratio = r.nginx ? `${f((100 * r.warm.rps) / r.nginx.rps, 1)}%` : '–';
    const bad = (m) => (m && (m.non2xx || m.errors) ? ` ⚠ non-2xx ${m.non2xx} ${m.errors}` : '');
    lines.push(
      `| ${r.page} | ${r.bytes} | ${r.nginx ? f(r.nginx.rps) : '–'} | ${r.nginx ? `${f(r.nginx.p50, 2)} / ${f(r.nginx.p99, 2)}` : '–'} | ${f(r.warm.rps)}${bad(r.warm)} | ${f(r.warm.p50, 2)} / ${f(r.warm.p99, 2)} | ${ratio} | ${f(r.uncached.rps)}${bad(r.uncached)} | ${f(r.uncached.p50, 2)} / ${f(r.uncached.p99, 2)} |`,
    );
  }
  lines.push(
    '',
    `Cold start (spawn to first article page at ${articles} articles): ${f(coldStartMs)} ms`,
    `Peak RSS (VmHWM): warm-cache run ${rssText(rssWarm)}; cache-off run ${rssText(rssUncached)}`,
  );
  console.log(lines.join('\n'));
} finally {
  await stop(gazette);
  nginx.kill('SIGQUIT');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(prefix, { recursive: true, force: true });
  rmSync(dirname(rotatingScript), { recursive: true, force: true });
}
