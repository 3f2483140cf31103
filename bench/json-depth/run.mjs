#!/usr/bin/env node
// Time to refuse hostile JSON bodies at sign-in (POST /admin/api/session, no session, no authentication):
// bodies nested thousands deep and objects with thousands of keys, up to the 1 MB body limit. Requests are
// injected in-process (no sockets), 20 warm-up requests then N timed ones per body; every answer must be
// 400 GZ_INPUT_TOO_COMPLEX. Also times 8 of the 4,000-deep bodies at once.
//
//   npm run build && node bench/json-depth/run.mjs [--requests 200] [--data /tmp/gazette-bench-json-depth]
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    data: { type: 'string', default: '/tmp/gazette-bench-json-depth' },
  },
});
const dataDir = resolve(values.data);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const { loadConfig } = await import(resolve('dist/config/index.js'));
const { openGazette, createHttpServer } = await import(resolve('dist/boot/index.js'));
const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }));
const server = await createHttpServer(gazette, { countViews: false });

const arrays = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const keys = (count) => `{${Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',')}}`;
const bodies = {
  'arrays-4000-deep (8 KB)': arrays(4000),
  'arrays-2000-deep (4 KB)': arrays(2000),
  'arrays-500000-deep (1 MB)': arrays(500_000),
  'password-wrapping-4000-deep': `{"username":"admin","password":${arrays(4000)}}`,
  'object-100000-keys (1 MB)': keys(100_000).slice(0, 1024 * 1024 - 1),
};

const post = (payload) =>
  server.inject({
    method: 'POST',
    url: '/admin/api/session',
    headers: { 'content-type': 'application/json' },
    payload,
  });

function check(res, name) {
  const code = res.statusCode === 400 ? res.json().error.code : null;
  if (code !== 'GZ_INPUT_TOO_COMPLEX')
    throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
}

const n = Number(values.requests);
const msPerRequest = {};
for (const [name, body] of Object.entries(bodies)) {
  for (let i = 0; i < 20; i++) check(await post(body), name);
  const started = performance.now();
  for (let i = 0; i < n; i++) check(await post(body), name);
  msPerRequest[name] = Number(((performance.now() - started) / n).toFixed(3));
}
const parallelStarted = performance.now();
const answers = await Promise.all(Array.from({ length: 8 }, () => post(bodies['arrays-4000-deep (8 KB)'])));
for (const res of answers) check(res, 'parallel');
const eightAtOnceMs = Number((performance.now() - parallelStarted).toFixed(2));
console.log(JSON.stringify({ msPerRequest, eightAtOnceMs, requests: n }, null, 2));
await server.close();
await gazette.close();
rmSync(dataDir, { recursive: true, force: true });
