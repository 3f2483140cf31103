import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal, updateSite } from '../../src/app/index.js';
import type { Site } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The host a reader names picks the site; it is not part of what a page is cached under, so a flood of
 * made-up Host headers neither renders pages nor fills the page cache.
 */
let t: TestGazette;
let site: Site;

const get = (url: string, host: string) => t.app.inject({ method: 'GET', url, headers: { host } });
const randomHost = (i: number) => `x${i}-${Math.random().toString(36).slice(2, 10)}.example`;

beforeAll(async () => {
  t = await startTestGazette();
  site = (await t.gazette.deps.store.sites.list())[0]!;
});

afterAll(async () => {
  await t.close();
});

describe('sites picked by host', () => {
  it('answers every host from one cached page while the site has no host of its own', async () => {
    expect(site.hosts).toEqual([]);
    const first = await get('/sitemap.html', 'www.example.gov.cn');
    expect(first.statusCode).toBe(200);
    for (let i = 0; i < 40; i++) {
      const page = await get('/sitemap.html', randomHost(i));
      expect(page.statusCode).toBe(200);
      expect(page.headers['x-cache']).toBe('hit');
      expect(page.body).toBe(first.body);
    }
  });

  it('once every site has a host, answers an unknown host with a bare 404 and renders nothing', async () => {
    await updateSite(t.gazette.deps, systemPrincipal('test'), site.id, {
      ...site,
      hosts: ['www.qc.gov.cn'],
    });
    const known = await get('/sitemap.html', 'www.qc.gov.cn');
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain(site.name);
    // A port and letter case do not change the host.
    expect((await get('/sitemap.html', 'WWW.QC.gov.cn:8080')).statusCode).toBe(200);
    // The machine itself (health checks, gazette check links) still reaches the first site.
    expect((await get('/sitemap.html', '127.0.0.1:3000')).statusCode).toBe(200);
    expect((await get('/sitemap.html', 'localhost')).statusCode).toBe(200);
    for (const url of ['/', '/sitemap.html', '/no/such/page/', '/search?q=政府', '/api/search?q=政府']) {
      const unknown = await get(url, randomHost(0));
      expect(unknown.statusCode, url).toBe(404);
      expect(unknown.headers['x-cache'], url).toBeUndefined();
      expect(unknown.body, url).not.toContain(site.name);
      expect(unknown.headers['cache-control'], url).toBe('no-store');
    }
  });
});
