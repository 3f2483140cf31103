import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleContent,
  createColumn,
  inspectSite,
  readInspections,
  runDailyInspections,
  runInspection,
  systemPrincipal,
  withdrawArticle,
  type InspectionReport,
  type DistributionTargetState,
  type InteractionReader,
} from '../src/app/index.js';
import { dailyInspectionTask } from '../src/boot/index.js';
import { idCheckChar } from '../src/check/index.js';
import { inspectionText, inspectionWorkbook, inspectWithServer } from '../src/cli/inspect-command.js';
import type { Article, Site } from '../src/core/index.js';
import { checkLinks } from '../src/linkcheck/index.js';
import { createMailer } from '../src/notify/index.js';
import { startTestGazette, type TestGazette } from './support/gazette.js';

/**
 * The self-check on the demo portal: a clean copy passes; a copy with planted problems reports each of them,
 * with the date each at-risk item fails, and nothing else. Expected values are derived from what is planted
 * and from the demo's stored dates, not from the inspection's code.
 */

const NOW = '2026-11-20T02:00:00.000Z';
const DAY = 86_400_000;
const SYSTEM = systemPrincipal('test');
const DEAD_HOST = 'dead.example.net';

/** The network as the test sees it: loopback for real, one host that does not resolve, every other host up. */
const fakeFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname === '127.0.0.1') return fetch(input, init);
  if (url.hostname === DEAD_HOST) {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
  }
  return new Response('', { status: 200 });
};

/** The distribution targets as the journal reports them (planted below). */
let targets: DistributionTargetState[] = [
  { name: 'public', type: 'rsync', lagMs: 0, failures: 0, lastSuccessAt: NOW, lastError: null },
];
const probes = {
  resolveAaaa: () => Promise.resolve(['2001:db8::1']),
  distribution: () => Promise.resolve(targets),
  links: (base: string, sameSite: readonly string[]) =>
    checkLinks({ base, sameSite, fetch: fakeFetch, timeoutMs: 5_000 }),
};

const inspect = (test: TestGazette, site: Site, now = NOW): Promise<InspectionReport> =>
  inspectWithServer(test.gazette, site, { now, offline: false, linkTimeoutMs: 5_000 }, probes);

const veto = (report: InspectionReport, id: string) => {
  const found = report.vetoes.find((v) => v.id === id);
  if (!found) throw new Error(`no veto ${id}`);
  return found;
};

describe('gazette inspect on the demo portal', () => {
  let test: TestGazette;
  let site: Site;

  beforeAll(async () => {
    test = await startTestGazette({ now: NOW });
    site = (await test.gazette.deps.store.sites.list())[0] as Site;
  }, 60_000);
  afterAll(() => test.close());

  const store = () => test.gazette.deps.store;
  const column = async (path: string) => {
    const found = await store().columns.getByPath(site.id, path);
    if (!found) throw new Error(`no column ${path}`);
    return found;
  };
  const published = async (path: string): Promise<Article[]> => {
    const c = await column(path);
    const rows = await store().articles.listPublished({ siteId: site.id, columnIds: [c.id] }, 500, 0);
    const articles = await store().articles.listPublishedByIds(rows.map((r) => r.id));
    return articles.filter((a) => a.columnId === c.id);
  };

  it('passes the clean demo portal with every veto ok and no deduction', async () => {
    const report = await inspect(test, site);
    expect(report.vetoes.map((v) => [v.id, v.status])).toEqual([
      ['V1', 'ok'],
      ['V2', 'ok'],
      ['V3', 'ok'],
      ['V4', 'ok'],
      ['V5', 'ok'],
      ['V6', 'ok'],
    ]);
    expect(report.deductions).toEqual([]);
    expect(report.verdict).toBe('pass');
    expect(report.score).toBe(100);
  }, 60_000);

  it('finds every planted problem, with failsOn dates, and nothing else', async () => {
    const deps = test.gazette.deps;
    const fourteenDaysAgo = Date.parse(NOW) - 14 * DAY;

    // 1. Two news columns made stale: their articles of the last two weeks withdrawn.
    const staleColumns = ['xwzx/bmdt', 'xwzx/qxdt'];
    for (const path of staleColumns) {
      for (const article of await published(path)) {
        if (Date.parse(article.publishedAt as string) > fourteenDaysAgo) {
          await withdrawArticle(deps, SYSTEM, article.id, '测试：让栏目过期');
        }
      }
    }
    // 2. A blank news column.
    const xwzx = await column('xwzx');
    await createColumn(deps, SYSTEM, {
      siteId: site.id,
      parentId: xwzx.id,
      slug: 'kbl',
      name: '空白栏目',
      kind: 'news',
    });

    // 3. Personal data in a published article's body (a valid resident ID number).
    const news = (await published('xwzx/zwyw')).sort((a, b) =>
      (a.publishedAt as string).localeCompare(b.publishedAt as string),
    );
    const withId = news[news.length - 1] as Article;
    const idStem = '11010119900307851';
    const residentId = `${idStem.slice(0, 17)}${idCheckChar(idStem.slice(0, 17))}`;
    await store().articles.updateContent(
      withId.id,
      withId.version,
      { ...articleContent(withId), bodyHtml: `${withId.bodyHtml}<p>联系人身份证号：${residentId}</p>` },
      NOW,
    );

    // 4. Two broken links in another article: a missing internal page and a host that does not resolve.
    const withLinks = news[news.length - 2] as Article;
    const missingPath = '/xwzx/zwyw/202001/t20200101_99999.html';
    const deadUrl = `https://${DEAD_HOST}/page`;
    await store().articles.updateContent(
      withLinks.id,
      withLinks.version,
      {
        ...articleContent(withLinks),
        bodyHtml: `${withLinks.bodyHtml}<p><a href="${missingPath}">旧文章</a> <a href="${deadUrl}">外部链接</a></p>`,
      },
      NOW,
    );

    // 5. An old notice re-dated to look new, behind Gazette's back.
    const notices = (await published('zwgk/tzgg')).sort((a, b) =>
      (a.publishedAt as string).localeCompare(b.publishedAt as string),
    );
    const redated = notices[0] as Article;
    const newDate = new Date(Date.parse(NOW) - 2 * 3_600_000).toISOString();
    await test.gazette.database.db
      .updateTable('articles')
      .set({ published_at: newDate })
      .where('id', '=', redated.id)
      .execute();

    // 6. The copy on the public node behind for 2 hours (its transfer failing), a second one up to date.
    targets = [
      {
        name: 'public',
        type: 'rsync',
        lagMs: 2 * 3_600_000,
        failures: 4,
        lastSuccessAt: new Date(Date.parse(NOW) - 2 * 3_600_000).toISOString(),
        lastError: 'connection refused',
      },
      {
        name: 'backup',
        type: 'directory',
        lagMs: 5 * 60_000,
        failures: 0,
        lastSuccessAt: NOW,
        lastError: null,
      },
    ];

    // Expected, from what was planted and the stored dates:
    // V1: the newest publication is the re-dated notice (2 h ago): fails 14 days after it.
    const v1FailsOn = new Date(Date.parse(newDate) + 14 * DAY).toISOString();
    // V2: stale news columns bmdt and qxdt and the blank one, below the counts: at risk. Of the news and
    // notice columns, the fifth to go stale is the 专栏's 年报 column (zfxxgk/gknb, notice class, newest 30 days
    // ago, 180 days): the two other news columns go stale in 13 days, and every other notice column
    // (政策文件 newest 9 days ago, the 专栏's 制度 and 财政预决算 newer still) later than 年报.
    const reports = await published('zfxxgk/gknb');
    const newestReport = reports
      .map((a) => a.publishedAt as string)
      .sort()
      .at(-1) as string;
    const v2FailsOn = new Date(Date.parse(newestReport) + 180 * DAY).toISOString();

    const report = await inspect(test, site);

    expect(veto(report, 'V1')).toMatchObject({ status: 'ok', failsOn: v1FailsOn });
    const v2 = veto(report, 'V2');
    expect(v2.status).toBe('at-risk');
    expect(v2.failsOn).toBe(v2FailsOn);
    expect(v2.evidence.map((e) => [e['path'], e['state']])).toEqual([
      ['xwzx/bmdt', 'stale'],
      ['xwzx/qxdt', 'stale'],
      ['xwzx/kbl', 'blank'],
    ]);
    const v3 = veto(report, 'V3');
    expect(v3.status).toBe('failed');
    expect(v3.evidence.map((e) => [e['articleId'], e['rule'], e['where']])).toEqual([
      [withId.id, 'personal-id', 'body'],
    ]);
    // The evidence shows the masked number, never the number itself.
    expect(JSON.stringify(report)).not.toContain(residentId);
    const v4 = veto(report, 'V4');
    expect(v4.status).toBe('failed');
    expect(v4.evidence).toEqual([
      {
        kind: 'redated',
        articleId: redated.id,
        title: redated.title,
        path: redated.path,
        recordedPublishedAt: redated.publishedAt,
        shownPublishedAt: newDate,
      },
    ]);
    expect(veto(report, 'V5').status).toBe('ok');
    expect(veto(report, 'V6').status).toBe('ok');

    expect(report.deductions.map((d) => [d.id, d.points])).toEqual([
      ['D-dead-links', 1],
      ['D-distribution', 2],
    ]);
    const dead = report.deductions[0]?.evidence ?? [];
    expect(dead.map((e) => e['url']).sort()).toEqual([deadUrl, missingPath].sort());
    for (const e of dead) expect(e['foundOn']).toContain(withLinks.path);
    expect(report.deductions[1]?.evidence).toEqual([
      {
        target: 'public',
        type: 'rsync',
        behindMinutes: 120,
        failures: 4,
        lastSuccessAt: new Date(Date.parse(NOW) - 2 * 3_600_000).toISOString(),
        lastError: 'connection refused',
      },
    ]);

    expect(report.verdict).toBe('fail');
    // 100 − 1 (two dead links) − 2 (one target behind).
    expect(report.score).toBe(97);
    expect(Object.keys(report)).toEqual(['site', 'checkedAt', 'verdict', 'score', 'vetoes', 'deductions']);

    // Twelve days on, the home page is three working days or less from its deadline: at risk.
    const later = await inspectSite(
      deps,
      SYSTEM,
      site.id,
      {},
      new Date(Date.parse(NOW) + 12 * DAY).toISOString(),
    );
    expect(veto(later, 'V1')).toMatchObject({ status: 'at-risk', failsOn: v1FailsOn });
    // And past it, failed.
    const past = await inspectSite(
      deps,
      SYSTEM,
      site.id,
      {},
      new Date(Date.parse(v1FailsOn) + 1).toISOString(),
    );
    expect(veto(past, 'V1').status).toBe('failed');

    expect(inspectionText(report)).toContain('V3 [否决]');
    const xlsx = await inspectionWorkbook(report);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  it('crawls the links in the scheduled daily run too, and keeps what it found', async () => {
    const deps = test.gazette.deps;
    const task = dailyInspectionTask(test.gazette, {
      crawl: { maxPages: 2_000, concurrency: 2, timeoutMs: 5_000, external: true, fetch: fakeFetch },
      distribution: () => Promise.resolve(targets),
    });
    expect(await task.run(deps)).toBe(1);
    const kept = await readInspections(deps, SYSTEM, site.id);
    expect(kept.runs[0]?.trigger).toBe('schedule');
    const dead = kept.latest?.deductions.find((d) => d.id === 'D-dead-links');
    expect(dead?.evidence.map((e) => e['url']).sort()).toEqual(
      [`https://${DEAD_HOST}/page`, '/xwzx/zwyw/202001/t20200101_99999.html'].sort(),
    );
    expect(kept.latest?.deductions.map((d) => d.id)).toEqual(['D-dead-links', 'D-distribution']);
    // Asked again the same day: already run.
    expect(await task.run(deps)).toBe(0);
  }, 120_000);

  it('reads the interaction platform through its reader: no working channel fails, an old message has a date', async () => {
    const none: InteractionReader = {
      channels: () =>
        Promise.resolve([{ id: 'c1', name: '市长信箱', working: false, oldestUnanswered: null }]),
    };
    const r1 = await inspectSite(test.gazette.deps, SYSTEM, site.id, { interaction: none }, NOW);
    expect(veto(r1, 'V5').status).toBe('failed');
    const receivedAt = new Date(Date.parse(NOW) - 88 * DAY).toISOString();
    const old: InteractionReader = {
      channels: () =>
        Promise.resolve([
          { id: 'c1', name: '市长信箱', working: true, oldestUnanswered: { id: 'm7', receivedAt } },
        ]),
    };
    const r2 = await inspectSite(test.gazette.deps, SYSTEM, site.id, { interaction: old }, NOW);
    expect(veto(r2, 'V5')).toMatchObject({
      status: 'at-risk',
      failsOn: new Date(Date.parse(receivedAt) + 90 * DAY).toISOString(),
    });
  }, 60_000);
});

describe('kept and scheduled inspections', () => {
  let test: TestGazette;
  beforeAll(async () => {
    test = await startTestGazette({ now: NOW });
  }, 60_000);
  afterAll(() => test.close());

  it('runs the day’s self-check of each site once, however many processes ask, and keeps the trend', async () => {
    const deps = test.gazette.deps;
    const sites = await deps.store.sites.list();
    // Two schedulers at the same moment (two processes on one database): each site's day is run once.
    const ran = await Promise.all([runDailyInspections(deps), runDailyInspections(deps)]);
    expect(ran[0] + ran[1]).toBe(sites.length);
    expect(await runDailyInspections(deps)).toBe(0);
    // The next day runs again.
    test.clock.advance(DAY);
    expect(await runDailyInspections(deps)).toBe(sites.length);
    const site = sites[0] as Site;
    const view = await readInspections(deps, SYSTEM, site.id);
    expect(view.runs.map((r) => [r.trigger, r.verdict, r.runKey])).toEqual([
      ['schedule', 'pass', '2026-11-21'],
      ['schedule', 'pass', '2026-11-20'],
    ]);
    expect(view.latest?.verdict).toBe('pass');
    expect(view.digest).toEqual([]);
    const audits = await deps.store.audit.list({ action: 'inspection.run', siteId: site.id }, 10, 0);
    expect(audits).toHaveLength(2);
  }, 120_000);

  it('lists in the digest what fails within three working days', async () => {
    const deps = test.gazette.deps;
    const site = (await deps.store.sites.list())[0] as Site;
    // Twelve days after the newest publication, the home page is due within three working days.
    test.clock.set(new Date(Date.parse(NOW) + 12 * DAY).toISOString());
    const outcome = await runInspection(deps, SYSTEM, site.id, {}, 'manual');
    expect(outcome.report?.verdict).toBe('at-risk');
    const view = await readInspections(deps, SYSTEM, site.id);
    expect(view.digest.map((d) => [d.id, d.status])).toContainEqual(['V1', 'at-risk']);
  }, 60_000);
});

describe('inspection bad input', () => {
  it('answers for a site with thousands of columns in bounded time, evidence capped', async () => {
    const test = await startTestGazette({ now: NOW });
    try {
      const { store } = test.gazette.deps;
      const site = (await store.sites.list())[0] as Site;
      const base = {
        siteId: site.id,
        kind: 'news' as const,
        position: 0,
        description: '',
        keywords: '',
        freshnessDays: 14,
        linkUrl: null,
        reviewLevels: 1 as const,
      };
      const parent = await store.columns.create(
        { ...base, parentId: null, slug: 'many', path: 'many', name: '大量栏目' },
        NOW,
      );
      await store.transaction(async (tx) => {
        for (let i = 0; i < 3000; i++) {
          await tx.columns.create(
            { ...base, parentId: parent.id, slug: `c${i}`, path: `many/c${i}`, name: `栏目${i}` },
            NOW,
          );
        }
      });
      const started = performance.now();
      const report = await inspectSite(test.gazette.deps, SYSTEM, site.id, {}, NOW);
      const ms = performance.now() - started;
      const v2 = veto(report, 'V2');
      expect(v2.status).toBe('failed');
      expect(v2.evidence.length).toBe(50);
      expect(ms).toBeLessThan(30_000);
    } finally {
      await test.close();
    }
  }, 120_000);
});

describe('gazette inspect usage', () => {
  const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [MAIN, 'inspect', ...args], { encoding: 'utf8', timeout: 30_000 });

  it('refuses a bad format, a bad --now and xlsx without a file, with exit 2', () => {
    for (const [args, message] of [
      [['--format', 'pdf'], '--format must be text, json or xlsx'],
      [['--now', 'yesterday'], '--now must be ISO 8601'],
      [['--format', 'xlsx'], '--format xlsx needs --out FILE'],
      [['--link-timeout', '0'], '--link-timeout must be'],
    ] as const) {
      const result = run([...args]);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('the daily digest by email', () => {
  const received: { to: string[]; raw: string }[] = [];
  let smtp: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('mails what fails within three working days once a day, to the site’s contact address', async () => {
    const test = await startTestGazette({ now: NOW });
    try {
      const mailer = createMailer({
        url: `smtp://127.0.0.1:${port}`,
        from: 'Gazette <no-reply@example.gov.cn>',
      });
      const deps = { ...test.gazette.deps, mailer };
      const site = (await deps.store.sites.list())[0] as Site;
      expect(site.sponsor.email).toMatch(/@/);
      // A clean day: nothing to say, nothing sent.
      expect(await runDailyInspections(deps)).toBeGreaterThan(0);
      expect(received).toHaveLength(0);
      // Twelve days on, the home page fails within three working days: one mail, and one only that day.
      test.clock.set(new Date(Date.parse(NOW) + 12 * DAY).toISOString());
      await Promise.all([runDailyInspections(deps), runDailyInspections(deps)]);
      expect(received).toHaveLength(1);
      expect(received[0]?.to).toEqual([site.sponsor.email]);
      const body = Buffer.from(
        (received[0]?.raw ?? '')
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('')
          .replace(/\s+/g, ''),
        'base64',
      ).toString('utf8');
      expect(received[0]?.raw).toMatch(/Subject: /);
      expect(body + (received[0]?.raw ?? '')).toContain('V1');
    } finally {
      await test.close();
    }
  }, 120_000);
});
