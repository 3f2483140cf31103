#!/usr/bin/env node
// Letter-form benchmark: how many letters a second the public form accepts, and whether the public pages keep
// their latency while it does.
//
//   node bench/interact/run.mjs [--duration 10] [--page-connections 8] [--form-connections 16] [--data DIR]
//
// 1. makes the demo portal in a temporary data directory (SQLite) with the built `dist/`, and a letters
//    channel with its department;
// 2. starts `gazette start` on a free loopback port with GAZETTE_TRUST_PROXY=1 (each submission comes from its
//    own X-Forwarded-For address, as many writers would) and GAZETTE_FORM_LIMIT_PER_FORM raised (the default,
//    600 letters a minute per channel, is itself a protection and would cap the figure);
// 3. collects challenges from /api/challenge and answers their text questions (the no-JavaScript path);
// 4. phase "pages": autocannon on a cached article page and the 互动交流 home for --duration seconds → p99;
// 5. phase "pages + form": the same page load, and at once, from a child process at the lowest priority,
//    letters posted through the form with --form-connections connections → accepted (201) letters a second,
//    and the pages' p99 again.
// Loopback only, bounded by --duration. The machine may be shared: report the load average printed with it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoSite } from '../lib/bulk-site.mjs';
import { addChannel, answerOf } from '../lib/challenge.mjs';
import { freePort, startGazette, stop, waitFor } from '../lib/net.mjs';

/** The form load, in a process of its own (`--form <json>`): prints its counts as one line of JSON. */
async function formLoad({ base, duration, connections, channelId, tokensFile }) {
  const { default: autocannon } = await import('autocannon');
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
  let n = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        setupRequest(req) {
          const { token, answer } = tokens[n % tokens.length];
          n++;
          const body = new URLSearchParams({
            name: '测试',
            phone: '13812341234',
            subject: `压力测试留言${n}`,
            body: '这是表单压力测试的留言正文，用于测量每秒接收的留言数。',
            challenge: token,
            answer,
          }).toString();
          return {
            ...req,
            method: 'POST',
            path: `/hudong/write/${channelId}`,
            headers: {
              ...req.headers,
              'content-type': 'application/x-www-form-urlencoded',
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
            body,
          };
        },
      },
    ],
  });
  console.log(
    JSON.stringify({
      accepted: result['2xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
      errors: result.errors,
    }),
  );
}

async function pageLoad(base, paths, duration, connections) {
  const { default: autocannon } = await import('autocannon');
  let n = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: paths[n++ % paths.length] }) }],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      'page-connections': { type: 'string', default: '8' },
      'form-connections': { type: 'string', default: '16' },
      data: { type: 'string' },
      form: { type: 'string' },
    },
  });
  if (values.form) return formLoad(JSON.parse(values.form));
  const root = resolve(import.meta.dirname, '../..');
  process.chdir(root);
  const log = (...args) => console.error('[interact]', ...args);
  const dataDir = values.data ? resolve(values.data) : mkdtempSync(join(tmpdir(), 'gazette-interact-'));
  const duration = Number(values.duration);
  const pageConnections = Number(values['page-connections']);
  const formConnections = Number(values['form-connections']);
  log(`making the demo portal in ${dataDir}`);
  await createDemoSite(dataDir);
  const channelId = await addChannel(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startGazette(dataDir, port, { GAZETTE_FORM_LIMIT_PER_FORM: '10000000' });
  try {
    const home = await waitFor(`${base}/`, 60_000, 50);
    const article = [...(await home.text()).matchAll(/href="(\/[^"?]+\/[^"?]+\.html)"/g)][0][1];
    const paths = [article, '/'];
    for (const path of paths) await fetch(`${base}${path}`).then((r) => r.text());
    // Enough answered challenges for the run (each is accepted once).
    const wanted = Math.max(2000, duration * 600);
    log(`collecting ${wanted} challenges`);
    const tokens = [];
    while (tokens.length < wanted) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${base}/api/challenge?form=interact:${channelId}`).then((r) => r.json()),
        ),
      );
      for (const c of batch) tokens.push({ token: c.token, answer: answerOf(c.question) });
    }
    const tokensFile = join(dataDir, 'bench-tokens.json');
    writeFileSync(tokensFile, JSON.stringify(tokens));
    log(`pages alone for ${duration} s`);
    const alone = await pageLoad(base, paths, duration, pageConnections);
    log(`pages + form for ${duration} s`);
    const loader = spawn(
      'nice',
      [
        '-n',
        '19',
        process.execPath,
        import.meta.filename,
        '--form',
        JSON.stringify({ base, duration, connections: formConnections, channelId, tokensFile }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    loader.stdout.on('data', (chunk) => (out += chunk));
    const formDone = new Promise((done, fail) =>
      loader.once('exit', (code) =>
        code === 0
          ? done(JSON.parse(out.trim().split('\n').at(-1)))
          : fail(new Error(`form load exited ${code}`)),
      ),
    );
    const together = await pageLoad(base, paths, duration, pageConnections);
    const form = await formDone;
    console.log(
      `\n${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}; ${duration} s a phase; pages: ${pageConnections} connections on ${paths.join(' and ')}; form: ${formConnections} connections\n`,
    );
    console.log(
      '| phase | pages req/s | pages p50 ms | pages p99 ms | letters accepted/s | form 4xx / 5xx / errors |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    console.log(`| pages | ${alone.rps.toFixed(0)} | ${alone.p50} | ${alone.p99} | — | — |`);
    console.log(
      `| pages + form | ${together.rps.toFixed(0)} | ${together.p50} | ${together.p99} | ${(form.accepted / duration).toFixed(0)} | ${form['4xx']} / ${form['5xx']} / ${form.errors} |`,
    );
    const change = alone.p99 > 0 ? ((together.p99 - alone.p99) / alone.p99) * 100 : 0;
    console.log(
      `\npages p99 ${change >= 0 ? '+' : ''}${change.toFixed(0)} % with the form load (target: within 20 %)`,
    );
  } finally {
    await stop(child);
    if (!values.data) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
