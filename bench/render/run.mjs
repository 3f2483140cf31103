#!/usr/bin/env node
// Render cost of one page with the page cache off: the demo portal in a fresh data directory, requests
// injected in-process (no sockets), 50 warm-up requests then N timed ones per page. Measures the work behind
// every cache miss: database reads, view models and the LiquidJS render.
//
//   npm run build && node bench/render/run.mjs [--requests 2000] [--data /tmp/gazette-bench-render]
import { rmSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    data: { type: 'string', default: '/tmp/gazette-bench-render' },
  },
});
const dataDir = resolve(values.data);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const { loadConfig } = await import(resolve('dist/config/index.js'));
const { openGazette, ensureDemo, createHttpServer } = await import(resolve('dist/boot/index.js'));
const gazette = await openGazette(
  loadConfig({ GAZETTE_LOG_LEVEL: 'silent', GAZETTE_PAGE_CACHE_MB: '0' }, { dataDir }),
);
await ensureDemo(gazette);
const server = await createHttpServer(gazette, { countViews: false });
const [site] = await gazette.deps.store.sites.list();
const [row] = await gazette.deps.store.articles.listPublished({ siteId: site.id }, 1, 0);
const article = await gazette.deps.store.articles.get(row.id);
const n = Number(values.requests);
const results = {};
for (const [name, url] of [
  ['article', article.path],
  ['home', '/'],
]) {
  for (let i = 0; i < 50; i++) await server.inject({ url });
  const started = performance.now();
  for (let i = 0; i < n; i++) await server.inject({ url });
  results[name] = Number(((performance.now() - started) / n).toFixed(2));
}
console.log(JSON.stringify({ msPerPage: results, requests: n }));
await server.close();
await gazette.close();
