import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importAccessLog,
  readVisitStats,
  systemPrincipal,
  visitStatsCsv,
  type VisitStats,
} from '../src/app/index.js';
import { createHttpServer } from '../src/boot/index.js';
import { pageOfTarget, parseAccessLogLine, type Site } from '../src/core/index.js';
import { startTestGazette, type TestGazette } from './support/gazette.js';

/**
 * Visit statistics: counted by the server (two servers on one database standing for two processes) and
 * imported from an access log. Every expected figure is counted by hand from the requests made below and
 * from test/fixtures/visits/access.log, not by the code.
 */

const SYSTEM = systemPrincipal('test');
// 10:00 in China on 2026-11-20.
const NOW = '2026-11-20T02:00:00.000Z';
const LOG = join(import.meta.dirname, 'fixtures/visits/access.log');

const byKey = (stats: VisitStats, part: 'pages' | 'columns' | 'referrers' | 'searches' | 'emptySearches') =>
  Object.fromEntries(stats[part].map((t) => [t.key, [t.views, t.visitors]]));

describe('access log lines', () => {
  it('reads the combined format with its time zone, and the common format', () => {
    const line = parseAccessLogLine(
      '198.51.100.7 - - [19/Nov/2026:16:10:00 +0000] "GET /a/?x=1 HTTP/1.1" 304 0 "https://r.example/" "UA \\"q\\""',
    );
    expect(line).toEqual({
      address: '198.51.100.7',
      at: Date.parse('2026-11-19T16:10:00Z'),
      method: 'GET',
      target: '/a/?x=1',
      status: 304,
      referer: 'https://r.example/',
      userAgent: 'UA "q"',
    });
    const common = parseAccessLogLine('::1 - bob [01/Jan/2026:00:00:00 +0800] "GET / HTTP/1.0" 200 -');
    expect(common?.at).toBe(Date.parse('2025-12-31T16:00:00Z'));
    expect(common?.userAgent).toBe('');
    expect(parseAccessLogLine('GET / 200')).toBeNull();
    expect(parseAccessLogLine('1.2.3.4 - - [32/Foo/2026:00:00:00 +0800] "GET / HTTP/1.1" 200 1')).toBeNull();
  });

  it('counts pages only, folding index.html into its directory', () => {
    expect(pageOfTarget('/zwgk/index.html?from=qr')).toBe('/zwgk/');
    expect(pageOfTarget('/%E6%96%B0/')).toBe('/新/');
    expect(pageOfTarget('/assets/site.css')).toBeNull();
    expect(pageOfTarget('/media/2026/a.pdf')).toBeNull();
    expect(pageOfTarget('/admin/')).toBeNull();
    expect(pageOfTarget('/%E0%A4%A')).toBeNull();
  });
});

describe('visit statistics', () => {
  let test: TestGazette;
  let site: Site;

  beforeAll(async () => {
    test = await startTestGazette({ now: NOW });
    site = (await test.gazette.deps.store.sites.list())[0] as Site;
  }, 60_000);
  afterAll(() => test.close());

  const get = (
    app: Awaited<ReturnType<typeof createHttpServer>>,
    url: string,
    address: string,
    userAgent: string,
    referer?: string,
  ) =>
    app.inject({
      method: 'GET',
      url,
      remoteAddress: address,
      headers: { 'user-agent': userAgent, ...(referer ? { referer } : {}) },
    });

  it('counts views, daily unique visitors across processes, referrers and search terms; no address is kept', async () => {
    const one = await createHttpServer(test.gazette);
    const two = await createHttpServer(test.gazette);
    const X = ['10.0.0.1', 'Mozilla/5.0 (Windows NT 10.0) X'] as const;
    const Y = ['10.0.0.2', 'Mozilla/5.0 (iPhone) Y'] as const;
    expect((await get(one, '/', ...X)).statusCode).toBe(200);
    expect((await get(one, '/xwzx/zwyw/', ...X)).statusCode).toBe(200);
    // The same reader answered by the other process: still one visitor.
    expect((await get(two, '/', ...X)).statusCode).toBe(200);
    expect((await get(one, '/', ...Y, 'https://www.baidu.com/s?wd=1')).statusCode).toBe(200);
    // The page cache answers this one: counted all the same, and a link from the site itself is no referrer.
    expect((await get(one, '/', ...Y, 'https://www.qingchuan.example.gov.cn/xwzx/')).statusCode).toBe(200);
    // Not counted: a robot, a missing page, an asset, a POST.
    expect((await get(one, '/', '10.0.0.3', 'Mozilla/5.0 (compatible; Baiduspider/2.0)')).statusCode).toBe(
      200,
    );
    expect((await get(one, '/nope.html', ...X)).statusCode).toBe(404);
    expect(
      (await one.inject({ method: 'GET', url: '/assets/site.css', remoteAddress: X[0] })).statusCode,
    ).toBeLessThan(500);
    // Searches: one that finds the demo's news, one that finds nothing, and page 2 (not counted again).
    expect((await get(one, '/search?q=%E9%9D%92%E5%B7%9D', ...Y)).statusCode).toBe(200);
    expect((await get(one, '/search?q=%E9%9D%92%E5%B7%9D&page=2', ...Y)).statusCode).toBe(200);
    expect((await get(two, '/search?q=qqzzxxjjkk', ...X)).statusCode).toBe(200);
    await one.close();
    await two.close();

    const stats = await readVisitStats(test.gazette.deps, SYSTEM, site.id, {
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(stats.days).toEqual([{ day: '2026-11-20', views: 5, visitors: 2 }]);
    expect(byKey(stats, 'pages')).toEqual({ '/': [4, 2], '/xwzx/zwyw/': [1, 1] });
    expect(byKey(stats, 'columns')).toEqual({ '/xwzx/zwyw/': [1, 1] });
    expect(byKey(stats, 'referrers')).toEqual({ 'www.baidu.com': [1, 0] });
    expect(byKey(stats, 'searches')).toEqual({ 青川: [1, 0], qqzzxxjjkk: [1, 0] });
    expect(byKey(stats, 'emptySearches')).toEqual({ qqzzxxjjkk: [1, 0] });

    const db = test.gazette.database.db;
    const seen = await db.selectFrom('visit_seen').selectAll().execute();
    // site: X, Y; page /: X, Y; page /xwzx/zwyw/: X; column /xwzx/zwyw/: X.
    expect(seen.length).toBe(6);
    for (const row of seen) {
      expect(row.visitor).toMatch(/^[\w-]{22}$/);
      expect(JSON.stringify(row)).not.toMatch(/10\.0\.0|Mozilla/);
    }

    // The next day the same reader is a new visitor of that day (a new salt); the day before last is forgotten.
    test.clock.set('2026-11-22T02:00:00.000Z');
    const three = await createHttpServer(test.gazette);
    await get(three, '/', ...X);
    await three.close();
    const later = await readVisitStats(test.gazette.deps, SYSTEM, site.id, {
      from: '2026-11-20',
      to: '2026-11-22',
    });
    expect(later.days.map((d) => [d.day, d.views, d.visitors])).toEqual([
      ['2026-11-20', 5, 2],
      ['2026-11-22', 1, 1],
    ]);
    expect(later.views).toBe(6);
    const salts = await db.selectFrom('visit_salts').select('day').orderBy('day').execute();
    expect(salts.map((s) => s.day)).toEqual(['2026-11-22']);
    expect(await db.selectFrom('visit_seen').select('day').where('day', '<', '2026-11-21').execute()).toEqual(
      [],
    );

    const csv = visitStatsCsv(later);
    expect(csv.startsWith('\uFEFF日期 day,')).toBe(true);
    expect(csv).toContain('\r\n2026-11-20,5,2\r\n');
    expect(csv).toContain('\r\n合计 total,6,3\r\n');
    test.clock.set(NOW);
  });

  it('imports an nginx access log once, counted as the server counts', async () => {
    // Hand count of test/fixtures/visits/access.log (12 lines, China time):
    //  2026-11-19: 203.0.113.5 `/` (23:59:58); 198.51.100.7 `/xwzx/zwyw/index.html` 304 at 16:10Z = 00:10 on
    //  the 20th, so the 19th has 1 view, 1 visitor.
    //  2026-11-20: 203.0.113.5 /xwzx/zwyw/, the article, `/` at 09:30 (3 views); 198.51.100.7
    //  /xwzx/zwyw/ (1 view, referrer www.baidu.com) and a search for 公示; 203.0.113.9 `/` from
    //  mp.weixin.qq.com (1 view). Not counted: the css, the POST, Googlebot, the 404, the bad line.
    const stats0 = await readVisitStats(test.gazette.deps, SYSTEM, site.id, {
      from: '2026-11-19',
      to: '2026-11-20',
    });
    const lines = readFileSync(LOG, 'utf8').split('\n');
    const result = await importAccessLog(test.gazette.deps, SYSTEM, site.id, {
      digest: 'fixture-digest',
      name: 'access.log',
      lines,
    });
    expect(result).toMatchObject({
      lines: 12,
      pageViews: 6,
      searches: 1,
      robots: 1,
      skipped: 3,
      malformed: 1,
    });
    const stats = await readVisitStats(test.gazette.deps, SYSTEM, site.id, {
      from: '2026-11-19',
      to: '2026-11-20',
    });
    const before = new Map(stats0.days.map((d) => [d.day, d]));
    const added = stats.days.map((d) => [
      d.day,
      d.views - (before.get(d.day)?.views ?? 0),
      d.visitors - (before.get(d.day)?.visitors ?? 0),
    ]);
    expect(added).toEqual([
      ['2026-11-19', 1, 1],
      ['2026-11-20', 5, 3],
    ]);
    // The salts of the days read are gone with the import, as the live counter forgets them: none is older
    // than yesterday, so no address can be tested against the kept hashes later.
    const salts = await test.gazette.database.db.selectFrom('visit_salts').select('day').execute();
    const yesterday = new Date(Date.parse(NOW) + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    expect(salts.filter((row) => row.day < yesterday)).toEqual([]);
    expect(byKey(stats, 'referrers')).toMatchObject({ 'www.baidu.com': [2, 0], 'mp.weixin.qq.com': [1, 0] });
    expect(byKey(stats, 'searches')).toMatchObject({ 公示: [1, 0] });
    expect(byKey(stats, 'pages')['/xwzx/zwyw/t20261101_7.html']).toEqual([1, 1]);

    await expect(
      importAccessLog(test.gazette.deps, SYSTEM, site.id, {
        digest: 'fixture-digest',
        name: 'access.log',
        lines,
      }),
    ).rejects.toThrow(/imported already/);
  });

  it('refuses a malformed or too long period', async () => {
    const read = (from: string, to: string) =>
      readVisitStats(test.gazette.deps, SYSTEM, site.id, { from, to });
    await expect(read('2026-13-01', '2026-12-01')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(read('2026-12-01', '2026-11-01')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(read('2020-01-01', '2026-11-01')).rejects.toThrow(/三年/);
  });
});
