import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/index.js';
import { buildServer } from '../../src/server/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Under a flood the server renders a few pages at a time, queues a bounded number and refuses
 * the rest at once with 503 and Retry-After; memory stays bounded and it serves normally afterwards.
 */
let t: TestGazette;
let server: FastifyInstance;
let base: string;
let paths: string[];
// A queued render starts a turn of the event loop after the one before it ends: under a flood a turn reads
// every waiting request, so the wait allowed is the production one, not a tight one.
const LIMITS = { maxRunning: 2, maxQueued: 8, maxWaitMs: 5000, retryAfterSeconds: 3 };
const WAVES = 3;
const FLOOD = 300;

interface Answer {
  readonly status: number;
  readonly retryAfter: string | undefined;
}

function fetchStatus(url: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  t = await startTestGazette();
  // A database that takes a few milliseconds to answer, as PostgreSQL under load does: renders then overlap
  // (with in-process SQLite each render runs to completion before the next request is even read).
  const store = t.gazette.deps.store;
  const slowStore: Store = {
    ...store,
    sites: { ...store.sites, list: async () => (await sleep(5), store.sites.list()) },
  };
  // No page cache: every request is a render, the worst case a flood of distinct URLs also produces.
  server = await buildServer({
    deps: { ...t.gazette.deps, store: slowStore },
    theme: t.gazette.theme,
    mediaDir: join(t.dataDir, 'media'),
    logLevel: 'silent',
    trustProxy: false,
    renderLimits: LIMITS,
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const [site] = await t.gazette.deps.store.sites.list();
  const articles = await t.gazette.deps.store.articles.listPublished({ siteId: site!.id }, 50, 0);
  paths = ['/', '/sitemap.html', ...articles.map((a) => encodeURI(a.path))];
});

afterAll(async () => {
  await server.close();
  await t.close();
});

describe('overload', () => {
  it('sheds a flood with 503 and Retry-After, keeps memory bounded, and recovers', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: FLOOD });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);

    const answers: Answer[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: FLOOD }, (_, i) => fetchStatus(`${base}${paths[i % paths.length]}`, agent)),
        )),
      );
    }
    clearInterval(sampler);

    const ok = answers.filter((a) => a.status === 200).length;
    const shed = answers.filter((a) => a.status === 503);
    expect(ok + shed.length).toBe(answers.length); // nothing else: no 500, no dropped connection
    expect(ok).toBeGreaterThanOrEqual(WAVES * (LIMITS.maxRunning + LIMITS.maxQueued));
    expect(shed.length).toBeGreaterThan(answers.length / 2);
    for (const answer of shed) expect(answer.retryAfter).toBe(String(LIMITS.retryAfterSeconds));
    // Hundreds of requests at once: the rendering held at once is bounded by the limiter, not by the flood.
    expect(heapPeak - heapBefore).toBeLessThan(96 * 1024 * 1024);

    // Once the flood is over every page renders again.
    for (const path of paths.slice(0, 5))
      expect((await fetchStatus(`${base}${path}`, agent)).status).toBe(200);
    agent.destroy();
  }, 60_000);

  it('still serves cached pages while rendering is saturated', async () => {
    const cached = t.app; // the test Gazette's own server has a page cache
    await cached.inject({ method: 'GET', url: '/' });
    const hit = await cached.inject({ method: 'GET', url: '/' });
    expect(hit.headers['x-cache']).toBe('hit');
  });
});
