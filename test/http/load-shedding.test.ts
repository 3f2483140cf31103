import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps, Store } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { buildServer, createPageCache, type ServerOptions } from '../../src/server/index.js';
import { monitorLoad } from '../../src/server/load-shedding.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * Expensive work is bounded and shed first: searches run a few at a time with a bounded queue, and while
 * the event loop lags, searches, uncached renders and admin writes are refused with 503 and Retry-After
 * while cached pages are still served.
 */
let t: TestGazette;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  t = await startTestGazette();
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await t.close();
});

async function server(options: Partial<ServerOptions>, deps: AppDeps = t.gazette.deps) {
  const built = await buildServer({
    deps,
    theme: t.gazette.theme,
    mediaDir: join(t.dataDir, 'media'),
    logLevel: 'silent',
    trustProxy: false,
    ...options,
  });
  servers.push(built);
  await built.ready();
  return built;
}

/** Holds the event loop, as a burst of synchronous work does. */
function block(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

const busyBody = (body: string) => JSON.parse(body) as { error: { code: string; messageZh: string } };

describe('bounded search', () => {
  it('runs a few searches at a time, queues a few, and refuses the rest at once with 503 and Retry-After', async () => {
    // Searches that take a while, as on a busy database: they overlap.
    const store = t.gazette.deps.store;
    const slow: Store = {
      ...store,
      search: { ...store.search, find: async (query) => (await sleep(100), store.search.find(query)) },
    };
    const app = await server(
      { searchLimits: { maxRunning: 1, maxQueued: 2, maxWaitMs: 5000, retryAfterSeconds: 7 } },
      { ...t.gazette.deps, store: slow },
    );
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.inject({ method: 'GET', url: '/api/search?q=政府' })),
    );
    const ok = answers.filter((a) => a.statusCode === 200);
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(ok).toHaveLength(3);
    expect(busy).toHaveLength(5);
    for (const answer of busy) {
      expect(answer.headers['retry-after']).toBe('7');
      expect(busyBody(answer.body).error.code).toBe('GZ_SERVER_BUSY');
      expect(busyBody(answer.body).error.messageZh).toMatch(/繁忙/);
    }
    // The queue empties and searches run again.
    expect((await app.inject({ method: 'GET', url: '/api/search?q=政府' })).statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: '/search?q=政府' });
    expect(page.statusCode).toBe(200);
  });
});

describe('shedding while the event loop lags', () => {
  it('refuses search, uncached renders and admin writes but serves cached pages, then recovers', async () => {
    const app = await server({
      cache: createPageCache(16 * 1024 * 1024),
      loadShedding: { maxLagMs: 50, sampleMs: 20, holdMs: 1500, graceMs: 0, retryAfterSeconds: 4 },
    });
    // Until the page is cached: a busy machine may lag the loop (and shed the render) now and then.
    const until = Date.now() + 15_000;
    let state: unknown;
    while (state !== 'hit' && Date.now() < until) {
      state = (await app.inject({ method: 'GET', url: '/sitemap.html' })).headers['x-cache'];
      if (state !== 'hit') await sleep(100);
    }
    expect(state).toBe('hit');

    block(300);
    await sleep(60);

    const cached = await app.inject({ method: 'GET', url: '/sitemap.html' });
    expect(cached.statusCode).toBe(200);
    expect(cached.headers['x-cache']).toBe('hit');
    for (const url of ['/api/search?q=政府', '/search?q=政府', '/', '/zwgk/']) {
      const refused = await app.inject({ method: 'GET', url });
      expect(refused.statusCode, url).toBe(503);
      expect(refused.headers['retry-after'], url).toBe('4');
      expect(refused.headers['cache-control'], url).toBe('no-store');
    }
    const write = await app.inject({
      method: 'POST',
      url: '/admin/api/session',
      payload: { username: 'nobody', password: 'not-this-one' },
    });
    expect(write.statusCode).toBe(503);
    expect(write.headers['retry-after']).toBe('4');
    expect(busyBody(write.body).error.code).toBe('GZ_SERVER_BUSY');
    // Reading the admin is not shed: it is what an operator needs during an incident.
    expect((await app.inject({ method: 'GET', url: '/admin/api/session' })).statusCode).not.toBe(503);

    // Once the loop keeps time again for the hold period (a busy test machine may lag now and then).
    const again = Date.now() + 15_000;
    let search = 0;
    while (search !== 200 && Date.now() < again) {
      await sleep(200);
      search = (await app.inject({ method: 'GET', url: '/api/search?q=政府' })).statusCode;
    }
    expect(search).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
  });
});

describe('configuration', () => {
  it('reads the limits from the environment, with defaults, and refuses nonsense', () => {
    const defaults = loadConfig({});
    expect(defaults.shedLagMs).toBe(100);
    expect(defaults.searchConcurrency).toBeNull(); // by database: 1 on SQLite, 4 on PostgreSQL
    expect(defaults.searchQueue).toBe(32);
    const off = loadConfig({ GAZETTE_SHED_LAG_MS: '0', GAZETTE_SEARCH_CONCURRENCY: '0' });
    expect(off.shedLagMs).toBe(0);
    expect(off.searchConcurrency).toBe(0);
    expect(() => loadConfig({ GAZETTE_SHED_LAG_MS: 'soon' })).toThrow(/shedLagMs/);
    expect(() => loadConfig({ GAZETTE_SEARCH_QUEUE: '-1' })).toThrow(/searchQueue/);
  });
});

describe('the start of a process', () => {
  it('does not take the one-off lag of starting (and of the first renders) for overload', async () => {
    const starting = monitorLoad({ maxLagMs: 50, sampleMs: 20, holdMs: 1500, graceMs: 10_000 });
    const running = monitorLoad({ maxLagMs: 50, sampleMs: 20, holdMs: 1500, graceMs: 0 });
    try {
      block(300);
      await sleep(60);
      expect(starting.overloaded).toBe(false);
      expect(running.overloaded).toBe(true);
    } finally {
      starting.close();
      running.close();
    }
  });
});
