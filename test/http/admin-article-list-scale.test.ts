import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArticlesForAdmin, systemPrincipal, type AppDeps } from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/** The admin list over 100,000 articles: a page deep in the list costs what the first one does. */
const ARTICLES = 100_000;
const BATCH = 500;
const EMPTY_TEXT = {
  kicker: '',
  subtitle: '',
  summary: '',
  body_html: '',
  source: '',
  original_author: '',
  original_title: '',
  author: '',
  editor: '',
  cover_url: '',
  cover_alt: '',
  withdrawn_at: null,
  scheduled_at: null,
};

let t: TestGazette;
let deps: AppDeps;
let siteId: number;
let columnIds: number[];

beforeAll(async () => {
  t = await startTestGazette({ demo: false });
  deps = t.gazette.deps;
  const { createSite, createColumn } = await import('../../src/app/index.js');
  const system = systemPrincipal('test');
  const site = await createSite(deps, system, {
    slug: 'scale',
    name: '压力测试网',
    baseUrl: 'https://www.example.gov.cn',
    hosts: [],
    sponsor: { name: '测试', address: '', phone: '', email: '', postcode: '' },
    icpRecord: '',
    policeRecord: '',
    policeRecordCode: '',
    siteCode: '',
    footerNotice: '',
    language: 'zh-CN',
    accounts: [],
  });
  siteId = site.id;
  columnIds = [];
  for (const slug of ['a', 'b', 'c', 'd']) {
    columnIds.push(
      (await createColumn(deps, system, { siteId, parentId: null, slug, name: slug, kind: 'news' })).id,
    );
  }
  const db = t.gazette.database.db;
  const start = Date.parse('2020-01-01T00:00:00.000Z');
  const statuses = ['published', 'published', 'published', 'draft', 'in-review', 'withdrawn'] as const;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ARTICLES; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(ARTICLES, i + BATCH); j++) {
        const at = new Date(start + j * 60_000).toISOString();
        const status = statuses[j % statuses.length]!;
        const live = status === 'published' || status === 'withdrawn';
        rows.push({
          ...EMPTY_TEXT,
          site_id: siteId,
          column_id: columnIds[j % columnIds.length]!,
          status,
          title: `第${j}号测试稿件`,
          path: live ? `/a/t${j}.html` : null,
          published_at: live ? at : null,
          author_id: (j % 50) + 1,
          withdrawn_reason: '',
          view_count: 0,
          version: 1,
          review_level: status === 'in-review' ? 1 : 0,
          review_round: 0,
          created_at: at,
          updated_at: at,
        });
      }
      await trx.insertInto('articles').values(rows).execute();
    }
  });
  // Fresh statistics, as a database that has been in use for a while has them.
  await sql`analyze`.execute(db);
}, 300_000);

afterAll(async () => {
  await t.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  await work(); // warm up
  const runs: number[] = [];
  let result!: T;
  for (let i = 0; i < 5; i++) {
    const begin = performance.now();
    result = await work();
    runs.push(performance.now() - begin);
  }
  return { ms: runs.sort((a, b) => a - b)[2]!, result };
}

describe(`the admin list over ${ARTICLES} articles`, () => {
  it('reads a page far down the list by cursor as fast as the first page', async () => {
    const system = systemPrincipal('test');
    const first = await timed(() => listArticlesForAdmin(deps, system, { siteId }));
    expect(first.result.total).toBe(ARTICLES);
    // The cursor of the row 20 before the end: the last page.
    const deepRow = (
      await deps.store.articles.listForAdmin({ siteId }, { limit: 1, offset: ARTICLES - 21 })
    )[0]!;
    const { encodeCursor } = await import('../../src/app/index.js');
    const cursor = encodeCursor({ at: deepRow.updatedAt, id: deepRow.id });
    const deep = await timed(() =>
      deps.store.articles.listForAdmin(
        { siteId, sort: 'updated' },
        {
          limit: 20,
          after: { at: deepRow.updatedAt, id: deepRow.id },
        },
      ),
    );
    expect(deep.result).toHaveLength(20);
    const offsetDeep = await timed(() =>
      deps.store.articles.listForAdmin({ siteId }, { limit: 20, offset: ARTICLES - 20 }),
    );
    const filtered = await timed(() =>
      listArticlesForAdmin(deps, system, { siteId, status: 'published', columnId: columnIds[1]!, cursor }),
    );
    const titled = await timed(() => listArticlesForAdmin(deps, system, { siteId, title: '第99999号' }));
    expect(titled.result.items.map((r) => r.title)).toEqual(['第99999号测试稿件']);
    const report = {
      firstPageWithCount: first.ms,
      deepPageByCursor: deep.ms,
      deepPageByOffset: offsetDeep.ms,
      filteredByCursorWithCount: filtered.ms,
      titleSearchWithCount: titled.ms,
    };
    console.log(`admin list, ${ARTICLES} articles, median ms:`, JSON.stringify(report));
    // Generous bounds for a shared CI machine; the point is that depth does not matter.
    expect(deep.ms).toBeLessThan(50);
    expect(first.ms).toBeLessThan(500);
  }, 120_000);
});
