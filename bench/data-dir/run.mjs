#!/usr/bin/env node
// How fast a data directory that cannot be created is reported: `gazette migrate --data-dir DIR` run N times
// (default 5) for each DIR, wall-clock per run, median and slowest. Needs a build (npm run build).
//   node bench/data-dir/run.mjs [N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 5);
const dirs = [
  ...(existsSync('/proc/self') ? ['/proc/gazette-bench/data'] : []),
  // Below a file.
  '/etc/passwd/data',
];

for (const dir of dirs) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    last = spawnSync(process.execPath, [main, 'migrate', '--data-dir', dir], {
      encoding: 'utf8',
      env: { ...process.env, GAZETTE_DATABASE_URL: '' },
      timeout: 60_000,
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${dir}: exit ${last.status ?? last.signal}, median ${Math.round(times[Math.floor(times.length / 2)])} ms, slowest ${Math.round(times.at(-1))} ms over ${runs} runs`,
  );
  console.log(`  ${last.stderr.trim()}`);
}
