import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { Site } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * With GAZETTE_ADMIN_HOST the admin (its pages and /admin/api) answers only on that host, so no script of
 * the public site's origin can read its session or CSRF token; the admin host serves nothing of the public
 * site.
 */
const ADMIN = 'admin.example.gov.cn';
const PUBLIC = 'www.example.gov.cn';
let t: TestGazette;
let site: Site;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestGazette();
  site = (await t.gazette.deps.store.sites.list())[0]!;
  app = await buildServer({
    deps: t.gazette.deps,
    theme: t.gazette.theme,
    mediaDir: join(t.dataDir, 'media'),
    logLevel: 'silent',
    trustProxy: 1,
    adminHost: ADMIN,
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const call = (method: 'GET' | 'POST', url: string, host: string, headers: Record<string, string> = {}) =>
  app.inject({
    method,
    url,
    headers: { host, ...headers },
    ...(method === 'POST' ? { payload: { username: 'nobody', password: 'not-this-one' } } : {}),
  });

describe('the admin on a host of its own', () => {
  it('is not there on the public host', async () => {
    for (const url of [
      '/admin',
      '/admin/',
      '/admin/articles/12',
      '/admin/api/session',
      '/admin/api/openapi.json',
    ]) {
      const answer = await call('GET', url, PUBLIC);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body, url).not.toMatch(/csrf/i);
    }
    expect((await call('POST', '/admin/api/session', PUBLIC)).statusCode).toBe(404);
    // A header a script may set does not make the public host the admin's.
    const forwarded = await call('GET', '/admin/api/session', PUBLIC, { 'x-forwarded-host': ADMIN });
    expect(forwarded.statusCode).toBe(404);
    expect((await call('GET', '/sitemap.html', PUBLIC)).statusCode).toBe(200);
  });

  it('answers on the admin host, whatever the letter case and port', async () => {
    expect((await call('GET', '/admin/api/session', ADMIN)).statusCode).toBe(401);
    expect((await call('GET', '/admin/api/session', 'Admin.Example.gov.cn:8443')).statusCode).toBe(401);
    expect((await call('POST', '/admin/api/session', ADMIN)).statusCode).toBe(401);
    expect((await call('GET', '/admin/api/openapi.json', ADMIN)).statusCode).toBe(200);
    expect((await call('GET', '/admin/', ADMIN)).statusCode).not.toBe(404);
    const home = await call('GET', '/', ADMIN);
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/admin/');
  });

  it('serves nothing of the public site on the admin host', async () => {
    for (const url of [
      '/sitemap.html',
      '/zwgk/',
      '/search?q=政府',
      '/api/search?q=政府',
      '/tags/通知/',
      '/_prefs?elder=1',
    ]) {
      const answer = await call('GET', url, ADMIN);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body, url).not.toContain(site.name);
    }
  });
});

describe('GAZETTE_ADMIN_HOST', () => {
  it('is a host name, kept in lower case; unset, the admin answers on every host', async () => {
    expect(loadConfig({ GAZETTE_ADMIN_HOST: 'Admin.Example.gov.cn' }).adminHost).toBe(ADMIN);
    expect(loadConfig({}).adminHost).toBeNull();
    expect(() => loadConfig({ GAZETTE_ADMIN_HOST: 'https://admin.example.gov.cn/' })).toThrow(/adminHost/);
    // Without it (the test Gazette's own server) the admin answers on any host, as before.
    const anyHost = await t.app.inject({
      method: 'GET',
      url: '/admin/api/session',
      headers: { host: PUBLIC },
    });
    expect(anyHost.statusCode).toBe(401);
  });
});
