import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArticle,
  createSeries,
  publishSeries,
  publishArticle,
  restoreArticle,
  systemPrincipal,
  updateArticle,
  withdrawArticle,
  type ContentEvent,
} from '../../src/app/index.js';
import type { Article, Column } from '../../src/core/index.js';
import {
  buildSite,
  createStaticPublisher,
  currentBuild,
  loadSiteIndex,
  outputLayout,
  pageUrls,
  renderPage,
  siteContextOf,
  verifyOutput,
  type ApplyReport,
  type StaticPublisher,
} from '../../src/publish/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The incremental plan is checked against the truth: every page of the site is rendered before and after
 * each change, and the pages whose bytes differ must be exactly the pages the plan names. Then the
 * incrementally updated output must equal a fresh full build, file for file.
 */
const SYSTEM = systemPrincipal('test');

let t: TestGazette;
let work: string;
let publisher: StaticPublisher;
const events: ContentEvent[] = [];
let columns: Column[];
let siteId: number;

async function renderAll(): Promise<Map<string, string>> {
  const { store } = t.gazette.deps;
  const index = await loadSiteIndex(store, await siteContextOf(store, siteId));
  const source = { store, theme: t.gazette.theme, now: t.clock.now(), index };
  const pages = new Map<string, string>();
  for (const url of pageUrls(index)) {
    const page = await renderPage(source, url);
    if (page) pages.set(url, `${page.status}\n${page.html}`);
  }
  return pages;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const urls = new Set([...before.keys(), ...after.keys()]);
  return [...urls].filter((url) => before.get(url) !== after.get(url)).sort();
}

/** Runs a change, hands its events to the publisher, and returns the plans and the real differences. */
async function change(work: () => Promise<unknown>): Promise<{ reports: ApplyReport[]; actual: string[] }> {
  const before = await renderAll();
  events.length = 0;
  await work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const reports: ApplyReport[] = [];
  for (const event of events.splice(0)) {
    const report = await publisher.apply(event);
    if (report) reports.push(report);
  }
  return { reports, actual: differences(before, await renderAll()) };
}

const planned = (reports: readonly ApplyReport[]) =>
  [...new Set(reports.flatMap((r) => [...r.plan.pages, ...r.plan.removed]))].sort();

function files(root: string, prefix = ''): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const [p, b] of files(root, path)) found.set(p, b);
    // The manifest's head and shards name the build and its time; verify checks them below.
    else if (path !== '/manifest.json' && !path.startsWith('/_manifest/'))
      found.set(path, readFileSync(join(root, path)));
  }
  return found;
}

/** The incremental output, file for file, against a full build of the same state. */
async function expectSameAsFullBuild(): Promise<void> {
  const fresh = join(work, `fresh-${Date.now()}`);
  await buildSite({
    store: t.gazette.deps.store,
    theme: t.gazette.theme,
    now: t.clock.now(),
    out: fresh,
    mediaDir: join(t.dataDir, 'media'),
  });
  const incremental = files(currentBuild(outputLayout(join(work, 'site')))!.dir);
  const full = files(currentBuild(outputLayout(fresh))!.dir);
  expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
  const differing = [...full].filter(([path, body]) => !incremental.get(path)?.equals(body)).map(([p]) => p);
  expect(differing).toEqual([]);
  const report = verifyOutput(join(work, 'site'));
  expect([...report.changed, ...report.added, ...report.missing]).toEqual([]);
}

async function article(id: number): Promise<Article> {
  return (await t.gazette.deps.store.articles.get(id))!;
}

const draftOf = (a: Article, patch: Partial<Parameters<typeof updateArticle>[4]>) => ({
  columnId: a.columnId,
  title: a.title,
  summary: a.summary,
  bodyHtml: a.bodyHtml,
  source: a.source,
  tags: a.tags,
  ...patch,
});

beforeAll(async () => {
  t = await startTestGazette();
  work = mkdtempSync(join(tmpdir(), 'gazette-publish-'));
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  columns = await t.gazette.deps.store.columns.listBySite(siteId);
  t.gazette.feed.subscribe((event) => events.push(event));
  publisher = await createStaticPublisher({
    store: t.gazette.deps.store,
    theme: t.gazette.theme,
    clock: t.clock,
    out: join(work, 'site'),
    mediaDir: join(t.dataDir, 'media'),
  });
});

afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('incremental publishing (plan against the truth)', () => {
  let fresh: Article;

  it('publishing a new article rewrites exactly the pages it changes: base pages, not the archive', async () => {
    const bmdt = columns.find((c) => c.path === 'xwzx/zwyw')!;
    const { reports, actual } = await change(async () => {
      t.clock.advance(60_000);
      const draft = await createArticle(t.gazette.deps, SYSTEM, siteId, {
        columnId: bmdt.id,
        title: '静态发布测试稿件',
        summary: '一条新发布的稿件',
        bodyHtml: '<p>正文</p>',
        tags: ['静态发布', '新标签甲'],
      });
      fresh = await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    });
    expect(actual).toContain(fresh.path);
    expect(actual).toContain('/xwzx/zwyw/');
    expect(actual).toContain('/xwzx/');
    // Archive pages are numbered from the oldest: only a page the new article fills (and the newest two
    // before it, whose links change) could differ.
    expect(actual.filter((url) => url.includes('/page/')).length).toBeLessThanOrEqual(3 * 3);
    expect(actual).toContain(`/tags/${encodeURIComponent('新标签甲')}/`);
    expect(planned(reports)).toEqual(actual);
    expect(reports[0]!.plan.sitemap).toBe(true);
    await expectSameAsFullBuild();
  });

  it('an edit of the body only rewrites the article page and nothing else', async () => {
    const a = await article(fresh.id);
    const { reports, actual } = await change(() =>
      updateArticle(t.gazette.deps, SYSTEM, a.id, a.version, draftOf(a, { bodyHtml: '<p>改过的正文</p>' })),
    );
    expect(actual).toEqual([fresh.path]);
    expect(planned(reports)).toEqual(actual);
    expect(reports[0]!.plan.feeds).toEqual([]);
    await expectSameAsFullBuild();
  });

  it('a new title reaches the lists, the neighbours, the home page and the feeds', async () => {
    const a = await article(fresh.id);
    const { reports, actual } = await change(() =>
      updateArticle(t.gazette.deps, SYSTEM, a.id, a.version, draftOf(a, { title: '改过标题的测试稿件' })),
    );
    expect(actual).toContain('/');
    expect(planned(reports)).toEqual(actual);
    expect(reports[0]!.plan.feeds).toContain('/feeds/rss.xml');
    await expectSameAsFullBuild();
  });

  it('changing tags empties one tag (its pages go) and fills another', async () => {
    const a = await article(fresh.id);
    const { reports, actual } = await change(() =>
      updateArticle(t.gazette.deps, SYSTEM, a.id, a.version, draftOf(a, { tags: ['静态发布', '新标签乙'] })),
    );
    expect(reports[0]!.plan.removed).toContain(`/tags/${encodeURIComponent('新标签甲')}/`);
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });

  it('moving an article to another column updates both columns and their ancestors', async () => {
    const a = await article(fresh.id);
    const target = columns.find((c) => c.kind === 'notice')!;
    const { reports, actual } = await change(() =>
      updateArticle(t.gazette.deps, SYSTEM, a.id, a.version, draftOf(a, { columnId: target.id })),
    );
    expect(actual).toContain(`/${target.path}/`);
    expect(actual).toContain('/xwzx/zwyw/');
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });

  it('withdrawing turns the URL into a 410 record and takes the article out of every list', async () => {
    const { reports, actual } = await change(() =>
      withdrawArticle(t.gazette.deps, SYSTEM, fresh.id, '测试撤稿'),
    );
    expect(planned(reports)).toEqual(actual);
    expect(reports[0]!.plan.goneList).toBe(true);
    const root = currentBuild(outputLayout(join(work, 'site')))!.dir;
    expect(readFileSync(join(root, '_gone', fresh.path!), 'utf8')).toContain('测试撤稿');
    expect(() => readFileSync(join(root, fresh.path!))).toThrow();
    expect(readFileSync(join(root, '_gone/gone.map'), 'utf8')).toContain(`${fresh.path} 1;`);
    expect(readFileSync(join(root, 'feeds/rss.xml'), 'utf8')).not.toContain(fresh.path);
    await expectSameAsFullBuild();
  });

  it('restoring a withdrawn article brings its page and list rows back', async () => {
    const { reports, actual } = await change(() => restoreArticle(t.gazette.deps, SYSTEM, fresh.id));
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });

  it('a newly published series: its page, the home page it now features, the site map, its members', async () => {
    const { store } = t.gazette.deps;
    const members = await store.articles.listPublished({ siteId }, 2, 5);
    const { reports, actual } = await change(async () => {
      t.clock.advance(60_000);
      const series = await createSeries(t.gazette.deps, SYSTEM, {
        siteId,
        columnId: null,
        slug: 'jingtai-ceshi',
        title: '静态发布测试专题',
        label: '合集',
        leadHtml: '<p>导语</p>',
        source: '本站',
        editor: '编辑',
        memberIds: members.map((m) => m.id),
      });
      await publishSeries(t.gazette.deps, SYSTEM, series.id);
    });
    expect(actual).toContain('/series/jingtai-ceshi/');
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });

  it('withdrawing an old article shifts the later pages of its lists', async () => {
    const { store } = t.gazette.deps;
    const list = await store.articles.listPublished(
      { siteId, columnIds: [columns.find((c) => c.path === 'xwzx/zwyw')!.id] },
      100,
      0,
    );
    const old = list[list.length - 1]!;
    const { reports, actual } = await change(() => withdrawArticle(t.gazette.deps, SYSTEM, old.id, '过期'));
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });

  it('the article that fills a new archive page writes it and the two before it, no older page', async () => {
    const { store } = t.gazette.deps;
    const column = columns.find((c) => c.path === 'xwzx/zwyw')!;
    const publishOne = async (title: string) => {
      t.clock.advance(60_000);
      const draft = await createArticle(t.gazette.deps, SYSTEM, siteId, {
        columnId: column.id,
        title,
        summary: '',
        bodyHtml: '<p>正文</p>',
        tags: [],
      });
      await publishArticle(t.gazette.deps, SYSTEM, draft.id);
    };
    // Publish until the column is one article short of a full archive page (applied as they come).
    const count = await store.articles.countPublished({ siteId, columnIds: [column.id] });
    const short = (19 - (count % 20) + 20) % 20;
    events.length = 0;
    for (let i = 0; i < short; i++) await publishOne(`补足分页的稿件${i + 1}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const event of events.splice(0)) await publisher.apply(event);
    const { reports, actual } = await change(() => publishOne('填满一页的稿件'));
    const pages = (count + short + 1) / 20;
    const archive = actual.filter((url) => url.startsWith(`/${column.path}/page/`)).sort();
    expect(archive).toEqual(
      [pages - 2, pages - 1, pages]
        .filter((n) => n >= 1)
        .map((n) => `/${column.path}/page/${n}/`)
        .sort(),
    );
    expect(planned(reports)).toEqual(actual);
    await expectSameAsFullBuild();
  });
});
