#!/usr/bin/env node
// Lighthouse (npm lighthouse 12.2.3, mobile preset) against the demo portal: accessibility, best practices,
// SEO and performance for the home page and an article, in normal and elder mode (长者模式 by its cookie).
//
//   npm run build && node bench/lighthouse/run.mjs            # starts its own demo server on a free port
//   node bench/lighthouse/run.mjs --url http://127.0.0.1:8080  # or measures a running server
//
// Prints one line per page and writes the full JSON reports to bench/results/lighthouse/ (ignored by git).
// Exits 1 when a score is under its target (accessibility 100, SEO 100, best practices 95, performance 95).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.GAZETTE_CHROMIUM ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 };
const MODES = { normal: '', elder: 'gz_elder=1' };

const { values } = parseArgs({
  options: { url: { type: 'string' }, runs: { type: 'string', default: '1' } },
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`no answer from ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A demo portal of its own: a fresh data directory, the built CLI, a free port. */
async function startDemo() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-lighthouse-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'dist/cli/main.js'),
      'start',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, GAZETTE_LOG_LEVEL: 'error' } },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/`, 60_000);
  return {
    base,
    stop() {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function firstArticle(base) {
  const html = await (await fetch(`${base}/`)).text();
  const path = /<a class="row-title" href="([^"]+\.html)"/.exec(html)?.[1];
  if (!path) throw new Error('no article link on the home page');
  return path;
}

const server = values.url ? { base: values.url.replace(/\/$/, ''), stop() {} } : await startDemo();
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
const outDir = join(ROOT, 'bench', 'results', 'lighthouse');
mkdirSync(outDir, { recursive: true });
let failed = false;
try {
  const pages = { home: '/', article: await firstArticle(server.base) };
  console.log(
    `lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, ${server.base}`,
  );
  for (const [modeName, cookie] of Object.entries(MODES)) {
    for (const [pageName, path] of Object.entries(pages)) {
      const runs = [];
      for (let i = 0; i < Number(values.runs); i++) {
        const result = await lighthouse(`${server.base}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
        });
        runs.push(result.lhr);
        writeFileSync(join(outDir, `${pageName}-${modeName}-${i + 1}.json`), result.report);
      }
      // The median run by performance (the only score that varies between runs).
      runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
      const lhr = runs[Math.floor(runs.length / 2)];
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]),
      );
      const below = CATEGORIES.filter((c) => scores[c] < TARGETS[c]);
      if (below.length > 0) failed = true;
      const audits = below.flatMap((c) =>
        lhr.categories[c].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
          .map((ref) => `${ref.id} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`),
      );
      const metrics = [
        'first-contentful-paint',
        'largest-contentful-paint',
        'total-blocking-time',
        'cumulative-layout-shift',
      ]
        .map(
          (id) =>
            `${id
              .split('-')
              .map((w) => w[0])
              .join('')
              .toUpperCase()} ${lhr.audits[id].displayValue}`,
        )
        .join(', ');
      console.log(
        `${pageName.padEnd(8)} ${modeName.padEnd(6)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  seo ${scores.seo}   (${metrics})${audits.length ? `\n    below target: ${audits.join(', ')}` : ''}`,
      );
    }
  }
} finally {
  await chrome.kill();
  server.stop();
}
process.exit(failed ? 1 : 0);
