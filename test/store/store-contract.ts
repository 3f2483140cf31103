import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createListCounts,
  type ArticleContent,
  type ColumnInput,
  type SiteInput,
  type Store,
} from '../../src/app/index.js';
import { GazetteError, type Article } from '../../src/core/index.js';
import { createStore, migrateToLatest, type OpenedDatabase } from '../../src/store/index.js';

/** A database for one run of the contract, and how to get rid of it afterwards. */
export interface ContractDatabase {
  readonly database: OpenedDatabase;
  close(): Promise<void>;
}

const NOW = '2026-11-20T02:00:00.000Z';
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}`;

export const siteInput = (slug: string, accounts: SiteInput['accounts'] = []): SiteInput => ({
  slug,
  name: `站点 ${slug}`,
  baseUrl: `https://${slug}.example.gov.cn`,
  hosts: [`${slug}.example.gov.cn`],
  sponsor: {
    name: '青川市人民政府办公室',
    address: '青川市',
    phone: '0000-0000000',
    email: '',
    postcode: '',
  },
  icpRecord: '',
  policeRecord: '',
  policeRecordCode: '',
  siteCode: '',
  footerNotice: '',
  language: 'zh-CN',
  accounts,
});

const columnInput = (
  siteId: number,
  slug: string,
  parent: { id: number; path: string } | null,
  position = 0,
) =>
  ({
    siteId,
    parentId: parent?.id ?? null,
    slug,
    path: parent ? `${parent.path}/${slug}` : slug,
    name: `栏目 ${slug}`,
    kind: 'news',
    position,
    description: '',
    keywords: '',
    freshnessDays: 14,
    linkUrl: null,
    reviewLevels: 1,
  }) satisfies ColumnInput;

export const content = (columnId: number, title: string, tags: readonly string[] = []): ArticleContent => ({
  columnId,
  title,
  kicker: '',
  subtitle: '',
  summary: `${title} 摘要`,
  bodyHtml: `<p>${title}</p>`,
  source: '青川日报',
  originalAuthor: '',
  originalTitle: '',
  author: '',
  editor: '张三',
  coverUrl: '',
  coverAlt: '',
  showCoverInBody: false,
  tags,
});

/**
 * The behaviour every store must have, whatever database is under it. Called once per dialect
 * inside a `describe` (Hono-style shared test cases); `open` gives a fresh, empty database.
 */
export function storeContract(open: () => Promise<ContractDatabase>): void {
  let handle: ContractDatabase;
  let store: Store;

  beforeAll(async () => {
    handle = await open();
    const migrated = await migrateToLatest(handle.database.db, handle.database.dialect);
    expect(migrated.error).toBeUndefined();
    store = createStore(handle.database.db, handle.database.dialect);
  });

  afterAll(async () => {
    await handle.close();
  });

  /** A site with a column `news` and a child column `news/local`. */
  const siteWithColumns = async () => {
    const site = await store.sites.create(siteInput(unique('site')), NOW);
    const news = await store.columns.create(columnInput(site.id, 'news', null, 1), NOW);
    const local = await store.columns.create(columnInput(site.id, 'local', news, 0), NOW);
    return { site, news, local };
  };

  const publish = (article: Article, at: string, path = `news/t${article.id}.html`) =>
    store.articles.setPublication(
      article.id,
      article.version,
      {
        status: 'published',
        reviewLevel: 0,
        reviewRound: 0,
        scheduledAt: null,
        path,
        publishedAt: at,
        withdrawnAt: null,
        withdrawnReason: '',
      },
      at,
    );

  it('creates and updates a site with its new-media accounts in order', async () => {
    const accounts = [
      { name: '青川发布', kind: 'wechat', qrUrl: '/media/qr.png' },
      { name: '青川微博', kind: 'weibo', qrUrl: null },
    ] as const;
    const created = await store.sites.create(siteInput(unique('site'), accounts), NOW);
    expect(typeof created.id).toBe('number');
    expect(created.accounts).toEqual(accounts);
    expect(created.createdAt).toBe(NOW);

    const updated = await store.sites.update(
      created.id,
      siteInput(created.slug, [{ name: '青川 App', kind: 'app', qrUrl: null }]),
      '2026-11-21T00:00:00.000Z',
    );
    expect(updated.accounts.map((a) => a.name)).toEqual(['青川 App']);
    expect(updated.updatedAt).toBe('2026-11-21T00:00:00.000Z');
    expect((await store.sites.get(created.id))?.accounts).toHaveLength(1);
    const listed = await store.sites.list();
    expect(listed.map((s) => s.id)).toEqual([...listed.map((s) => s.id)].sort((a, b) => a - b));
  });

  it('keeps a column tree and finds columns by id and by path', async () => {
    const { site, news, local } = await siteWithColumns();
    const first = await store.columns.create(columnInput(site.id, 'about', null, 0), NOW);
    expect(typeof news.id).toBe('number');
    expect(local.parentId).toBe(news.id);
    expect(local.path).toBe('news/local');
    expect(await store.columns.get(local.id)).toEqual(local);
    expect(await store.columns.getByPath(site.id, 'news/local')).toEqual(local);
    expect(await store.columns.getByPath(site.id, 'nowhere')).toBeUndefined();
    const listed = await store.columns.listBySite(site.id);
    // position first, then id: `local` (0) was made before `about` (0), `news` has position 1
    expect(listed.map((c) => c.path)).toEqual(['news/local', 'about', 'news']);
    expect(listed[1]?.id).toBe(first.id);
  });

  it('creates an article with tags and replaces the tags on update, bumping the version', async () => {
    const { site, news } = await siteWithColumns();
    const created = await store.articles.create(
      site.id,
      content(news.id, '标题', ['政策', '民生']),
      null,
      NOW,
    );
    expect(typeof created.id).toBe('number');
    expect(created.version).toBe(1);
    expect(created.status).toBe('draft');
    expect(created.tags).toEqual(['政策', '民生']);

    const updated = await store.articles.updateContent(
      created.id,
      1,
      content(news.id, '新标题', ['民生', '教育']),
      '2026-11-20T03:00:00.000Z',
    );
    expect(updated.version).toBe(2);
    const stored = await store.articles.get(created.id);
    expect(stored?.title).toBe('新标题');
    expect(stored?.tags).toEqual(['民生', '教育']);
    expect(stored?.updatedAt).toBe('2026-11-20T03:00:00.000Z');
  });

  it('refuses a save from a stale version with GZ_VERSION_CONFLICT and loses nothing', async () => {
    const { site, news } = await siteWithColumns();
    const article = await store.articles.create(site.id, content(news.id, '原稿'), null, NOW);
    await store.articles.updateContent(article.id, 1, content(news.id, '甲的修改'), NOW);
    await expect(
      store.articles.updateContent(article.id, 1, content(news.id, '乙的修改'), NOW),
    ).rejects.toMatchObject({ code: 'GZ_VERSION_CONFLICT' });
    expect((await store.articles.get(article.id))?.title).toBe('甲的修改');
    await expect(store.articles.updateContent(999_999, 1, content(news.id, '无'), NOW)).rejects.toMatchObject(
      { code: 'GZ_ARTICLE_NOT_FOUND' },
    );
  });

  it('publishes an article at a path and finds it there', async () => {
    const { site, news } = await siteWithColumns();
    const article = await store.articles.create(site.id, content(news.id, '签发'), null, NOW);
    const published = await publish(article, '2026-11-20T04:00:00.000Z', 'news/202611/t20261120_1.html');
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBe('2026-11-20T04:00:00.000Z');
    expect(published.version).toBe(2);
    const found = await store.articles.getByPath(site.id, 'news/202611/t20261120_1.html');
    expect(found?.id).toBe(article.id);
  });

  it('fails a transaction that breaks a uniqueness rule as GZ_SAVE_CONFLICT, not a database error', async () => {
    const { site } = await siteWithColumns();
    await expect(store.transaction((s) => s.sites.create(siteInput(site.slug), NOW))).rejects.toMatchObject({
      code: 'GZ_SAVE_CONFLICT',
    });
  });

  it('lets one of two people creating the same username at the same moment through, and tells the other', async () => {
    const username = unique('same');
    // Each checks first and finds the name free, then both insert (on SQLite the second transaction waits
    // for the first, so it sees the name taken at its check).
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothChecked = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => release(), 300);
    const create = () =>
      store.transaction(async (s) => {
        if (await s.users.getByUsername(username)) throw new GazetteError('GZ_USERNAME_TAKEN', username);
        if (++arrived === 2) release();
        await bothChecked;
        return s.users.create(
          { username, displayName: '同名', passwordHash: 'x', mustChangePassword: false },
          NOW,
        );
      });
    const results = await Promise.allSettled([create(), create()]);
    clearTimeout(timer);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as GazetteError).code).toBe(
      handle.database.dialect.name === 'postgres' ? 'GZ_SAVE_CONFLICT' : 'GZ_USERNAME_TAKEN',
    );
  });

  it('lists several columns in one order, within the first 200 rows and past them', async () => {
    const { site, news, local } = await siteWithColumns();
    const other = await store.columns.create(columnInput(site.id, 'other', null, 2), NOW);
    const published: { id: number; at: string }[] = [];
    // 230 articles over three columns, with ties on the time inside and across columns, and drafts.
    for (let i = 0; i < 230; i++) {
      const columnId = [news.id, local.id, other.id][i % 3] as number;
      const article = await store.articles.create(site.id, content(columnId, `第${i}篇`), null, NOW);
      if (i % 11 === 5) continue; // a draft: never listed
      const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 4) * 3_600_000).toISOString();
      await publish(article, at, `news/m-${article.id}.html`);
      if (columnId !== other.id) published.push({ id: article.id, at });
    }
    const expected = published
      .sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1))
      .map((a) => a.id);
    const query = { siteId: site.id, columnIds: [local.id, news.id, local.id] };
    for (const [limit, offset] of [
      [7, 0],
      [20, 20],
      [20, 180],
      [20, 190],
      [20, 200],
      [50, 150],
    ] as const) {
      const ids = (await store.articles.listPublished(query, limit, offset)).map((i) => i.id);
      expect([limit, offset, ids]).toEqual([limit, offset, expected.slice(offset, offset + limit)]);
    }
    // Positions, and lists that start at one (deep pages seek from a kept position, see createListCounts).
    const at = await store.articles.positionIn(query, 100);
    expect(at?.id).toBe(expected[100]);
    expect((await store.articles.positionIn(query, 30, at))?.id).toBe(expected[130]);
    expect(await store.articles.positionIn(query, expected.length)).toBeUndefined();
    const fromHere = await store.articles.listPublished(query, 20, 5, at);
    expect(fromHere.map((i) => i.id)).toEqual(expected.slice(105, 125));
    // Kept positions every 7 rows give every page exactly as the plain lists do, after a change too.
    const lists = createListCounts(store, { positionStep: 7 });
    const pages = async (s: Store) => {
      const all: number[][] = [];
      for (let offset = 0; offset < expected.length + 20; offset += 20)
        all.push((await s.articles.listPublished(query, 20, offset)).map((i) => i.id));
      return all;
    };
    expect(await pages(lists.store)).toEqual(await pages(store));
    const late = await store.articles.create(site.id, content(local.id, '后发'), null, NOW);
    await publish(late, '2026-06-01T00:00:00.000Z', `news/m-${late.id}.html`);
    lists.invalidate({ type: 'article-published', siteId: site.id, articleId: late.id });
    const after = await pages(lists.store);
    expect(after).toEqual(await pages(store));
    expect(after[0]?.[0]).toBe(late.id);
  });

  it('lists published articles newest first, equal times by id descending, and counts them as numbers', async () => {
    const { site, news, local } = await siteWithColumns();
    const make = async (title: string, at: string | null, columnId = news.id, tags: string[] = []) => {
      const article = await store.articles.create(site.id, content(columnId, title, tags), null, NOW);
      return at === null ? article : publish(article, at, `news/t-${article.id}.html`);
    };
    const old = await make('旧', '2026-01-05T00:00:00.000Z', news.id, ['专题']);
    const tieA = await make('同时甲', '2026-11-01T08:00:00.000Z');
    const tieB = await make('同时乙', '2026-11-01T08:00:00.000Z', local.id, ['专题']);
    // ISO strings sort as times: a later millisecond is newer
    const newest = await make('最新', '2026-11-01T08:00:00.001Z');
    const draft = await make('草稿', null, news.id, ['专题', '草稿标签']);

    const items = await store.articles.listPublished({ siteId: site.id }, 10, 0);
    expect(items.map((i) => i.id)).toEqual([newest.id, tieB.id, tieA.id, old.id]);
    expect(items[0]).toMatchObject({
      columnId: news.id,
      title: '最新',
      publishedAt: '2026-11-01T08:00:00.001Z',
    });
    expect(await store.articles.listPublished({ siteId: site.id }, 2, 1)).toMatchObject([
      { id: tieB.id },
      { id: tieA.id },
    ]);

    const count = await store.articles.countPublished({ siteId: site.id });
    expect(count).toBe(4);
    expect(typeof count).toBe('number');
    expect(await store.articles.countPublished({ siteId: site.id, columnIds: [local.id] })).toBe(1);

    const tagged = await store.articles.listPublished({ siteId: site.id, tag: '专题' }, 10, 0);
    expect(tagged.map((i) => i.id)).toEqual([tieB.id, old.id]);
    expect(await store.articles.countPublished({ siteId: site.id, tag: '专题' })).toBe(2);
    expect(await store.articles.countPublished({ siteId: site.id, tag: '没有' })).toBe(0);

    const byColumn = await store.articles.countByColumn(site.id);
    expect(byColumn.get(news.id)).toBe(3);
    expect(byColumn.get(local.id)).toBe(1);
    expect([...byColumn.keys()].every((key) => typeof key === 'number')).toBe(true);

    const byIds = await store.articles.listPublishedByIds([old.id, newest.id, 999_999]);
    expect(byIds.map((a) => a.id).sort((a, b) => a - b)).toEqual([old.id, newest.id]);

    const rows = await store.articles.listItemsByIds([newest.id, 999_999, old.id]);
    expect(rows.map((a) => a.id)).toEqual([newest.id, old.id]); // in the order asked, missing left out
    expect(rows[0]).toMatchObject({ id: newest.id, title: newest.title, path: newest.path });
    expect(rows[0]).not.toHaveProperty('bodyHtml');

    const tags = await store.articles.publishedTags(site.id);
    expect(tags.get(old.id)).toEqual(['专题']);
    expect(tags.get(tieB.id)).toEqual(['专题']);
    expect(tags.has(newest.id)).toBe(false); // published without tags
    expect(tags.has(draft.id)).toBe(false); // tagged but not published
    expect([...tags.keys()].sort((a, b) => a - b)).toEqual([old.id, tieB.id].sort((a, b) => a - b));
  });

  it('finds the newer and older neighbours in the same column', async () => {
    const { site, news, local } = await siteWithColumns();
    const at = async (title: string, time: string, columnId = news.id) =>
      publish(await store.articles.create(site.id, content(columnId, title), null, NOW), time);
    const first = await at('一', '2026-10-01T00:00:00.000Z');
    const second = await at('二', '2026-10-02T00:00:00.000Z');
    const third = await at('三', '2026-10-02T00:00:00.000Z');
    await at('别的栏目', '2026-10-01T12:00:00.000Z', local.id);

    const middle = await store.articles.neighbours(second);
    expect(middle.prev?.id).toBe(third.id); // same time, higher id: newer
    expect(middle.next?.id).toBe(first.id);
    expect((await store.articles.neighbours(first)).next).toBeNull();
    expect((await store.articles.neighbours(third)).prev).toBeNull();
  });

  it('keeps attachments in the order they were added', async () => {
    const { site, news } = await siteWithColumns();
    const article = await store.articles.create(site.id, content(news.id, '附件'), null, NOW);
    await store.articles.addAttachment(article.id, {
      name: '一.pdf',
      url: '/media/1.pdf',
      mime: 'application/pdf',
      size: 10,
    });
    await store.articles.addAttachment(article.id, {
      name: '二.pdf',
      url: '/media/2.pdf',
      mime: 'application/pdf',
      size: 20,
    });
    const stored = await store.articles.get(article.id);
    expect(stored?.attachments.map((a) => [a.name, a.size])).toEqual([
      ['一.pdf', 10],
      ['二.pdf', 20],
    ]);
  });

  it('keeps a series with its members in reading order', async () => {
    const { site, news } = await siteWithColumns();
    const articles: Article[] = [];
    for (const title of ['第一篇', '第二篇', '第三篇']) {
      const article = await store.articles.create(site.id, content(news.id, title), null, NOW);
      articles.push(await publish(article, '2026-11-02T00:00:00.000Z'));
    }
    const [a, b, c] = articles.map((x) => x.id) as [number, number, number];
    const series = await store.series.create(
      {
        siteId: site.id,
        columnId: news.id,
        slug: unique('series'),
        title: '系列评论',
        label: '系列',
        leadHtml: '<p>导语</p>',
        source: '',
        editor: '',
        memberIds: [c, a, b],
      },
      NOW,
    );
    expect(series.memberIds).toEqual([c, a, b]);
    expect(series.status).toBe('draft');
    expect(await store.series.getBySlug(site.id, series.slug)).toEqual(series);
    expect(await store.series.listPublished(site.id, 10)).toEqual([]);

    const published = await store.series.setPublication(
      series.id,
      'published',
      '2026-11-03T00:00:00.000Z',
      NOW,
    );
    expect(published.version).toBe(series.version + 1);
    expect((await store.series.listPublished(site.id, 10)).map((s) => s.id)).toEqual([series.id]);
    expect((await store.series.listPublishedContaining(a)).map((s) => s.id)).toEqual([series.id]);
  });

  it('rolls a failed transaction back completely', async () => {
    const slug = unique('rolled-back');
    await expect(
      store.transaction(async (trx) => {
        const site = await trx.sites.create(siteInput(slug), NOW);
        const column = await trx.columns.create(columnInput(site.id, 'news', null), NOW);
        await trx.articles.create(site.id, content(column.id, '不应留下'), null, NOW);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await store.sites.list()).some((s) => s.slug === slug)).toBe(false);
    // and a transaction that succeeds keeps every write
    const kept = await store.transaction(async (trx) => {
      const site = await trx.sites.create(siteInput(unique('kept')), NOW);
      await trx.columns.create(columnInput(site.id, 'news', null), NOW);
      return site;
    });
    expect(await store.columns.getByPath(kept.id, 'news')).toBeDefined();
  });

  it('reports unique violations so that callers can tell them apart', async () => {
    const { site } = await siteWithColumns();
    const dialect = handle.database.dialect;
    const duplicateSite = await store.sites
      .create(siteInput(site.slug), NOW)
      .catch((error: unknown) => error);
    expect(dialect.isUniqueViolation(duplicateSite)).toBe(true);
    const duplicatePath = await store.columns
      .create(columnInput(site.id, 'news', null), NOW)
      .catch((error: unknown) => error);
    expect(dialect.isUniqueViolation(duplicatePath)).toBe(true);
    expect(dialect.isUniqueViolation(new Error('something else'))).toBe(false);
    expect(dialect.isConnectionError(duplicatePath)).toBe(false);
    // the failed statements left the store usable
    expect(await store.columns.getByPath(site.id, 'news')).toBeDefined();
  });
}
