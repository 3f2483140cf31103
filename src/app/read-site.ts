import {
  columnTrail,
  descendantIds,
  GazetteError,
  paginate,
  type Article,
  type Column,
  type Pagination,
  type Series,
  type Site,
  seriesPath,
  siteAnsweringHost,
} from '../core/index.js';
import type { ContentEvent } from './deps.js';
import type { ArticleListItem, PictureListItem, Store } from './ports.js';
import { readPolicyPage, type PolicyPageData } from './read-policy.js';

/**
 * The read side of the public site: what each page shows, as domain data. Rendering it is the
 * theme's job (src/render); the server and the static build both call these.
 */
export interface SiteContext {
  readonly site: Site;
  readonly columns: readonly Column[];
}

/**
 * The site answering to `host` (any port and letter case, as a reader's browser sends it): the active site
 * listing it, otherwise the active site that lists no host at all, which answers every host. Once every
 * site lists its hosts, a host none of them lists has no site (GZ_SITE_NOT_FOUND), except the loopback
 * names, which get the first active site. A host of a disabled site has no site either (see
 * `siteAnsweringHost`).
 */
export function siteForHost(sites: readonly Site[], host: string | undefined): Site {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  const site = siteAnsweringHost(sites, name);
  if (site) return site;
  throw new GazetteError(
    'GZ_SITE_NOT_FOUND',
    sites.length === 0 ? 'no site has been created yet' : `no site answers to ${name.slice(0, 100)}`,
  );
}

export async function loadSiteContext(store: Store, host: string | undefined): Promise<SiteContext> {
  const site = siteForHost(await store.sites.list(), host);
  return { site, columns: await store.columns.listBySite(site.id) };
}

export interface ColumnBlock {
  readonly column: Column;
  readonly items: readonly ArticleListItem[];
}

export interface HomeData {
  readonly headlines: readonly ArticleListItem[];
  readonly notices: ColumnBlock | null;
  readonly featuredSeries: { readonly series: Series; readonly members: readonly ArticleListItem[] } | null;
  readonly sections: readonly ColumnBlock[];
  /** 图片新闻: the newest articles with a cover image. */
  readonly pictures: readonly PictureListItem[];
}

const HOME_HEADLINES = 7;
const HOME_SECTION_ITEMS = 6;
const HOME_PICTURES = 4;

export async function readHome(store: Store, ctx: SiteContext): Promise<HomeData> {
  const siteId = ctx.site.id;
  const listed = ctx.columns.filter((c) => c.kind !== 'link' && c.kind !== 'page');
  const newsIds = listed.filter((c) => c.kind === 'news').map((c) => c.id);
  const noticeColumn = listed.find((c) => c.kind === 'notice') ?? null;
  const topLevel = listed.filter((c) => c.parentId === null);

  const [headlines, notices, seriesList, sections, pictures] = await Promise.all([
    newsIds.length ? store.articles.listPublished({ siteId, columnIds: newsIds }, HOME_HEADLINES, 0) : [],
    noticeColumn
      ? store.articles
          .listPublished({ siteId, columnIds: [noticeColumn.id] }, HOME_SECTION_ITEMS, 0)
          .then((items) => ({ column: noticeColumn, items }))
      : null,
    store.series.listPublished(siteId, 1),
    Promise.all(
      topLevel.map(async (column) => ({
        column,
        items: await store.articles.listPublished(
          { siteId, columnIds: descendantIds(ctx.columns, column.id) },
          HOME_SECTION_ITEMS,
          0,
        ),
      })),
    ),
    store.articles.listPublishedWithCover(siteId, HOME_PICTURES),
  ]);
  const series = seriesList[0];
  // The home tile shows the members' titles only: list rows, not whole articles with their bodies.
  const featuredSeries = series
    ? { series, members: await store.articles.listItemsByIds(series.memberIds) }
    : null;
  return {
    headlines,
    notices,
    featuredSeries,
    sections: sections.filter((s) => s.items.length > 0),
    pictures,
  };
}

export interface ListData {
  readonly items: readonly ArticleListItem[];
  readonly pagination: Pagination;
}

export async function readColumn(
  store: Store,
  ctx: SiteContext,
  column: Column,
  rawPage: string | undefined,
): Promise<ListData> {
  const query = { siteId: ctx.site.id, columnIds: descendantIds(ctx.columns, column.id) };
  const pagination = paginate(rawPage, await store.articles.countPublished(query));
  return {
    items: await store.articles.listPublished(query, pagination.pageSize, pagination.offset),
    pagination,
  };
}

export async function readTag(
  store: Store,
  ctx: SiteContext,
  tag: string,
  rawPage: string | undefined,
): Promise<ListData> {
  const query = { siteId: ctx.site.id, tag };
  const total = await store.articles.countPublished(query);
  if (total === 0) throw new GazetteError('GZ_PAGE_NOT_FOUND', `tag ${tag}`);
  const pagination = paginate(rawPage, total);
  return {
    items: await store.articles.listPublished(query, pagination.pageSize, pagination.offset),
    pagination,
  };
}

export type ArticleData =
  | {
      readonly kind: 'published';
      readonly article: Article;
      readonly column: Column;
      readonly prev: ArticleListItem | null;
      readonly next: ArticleListItem | null;
      readonly series: Series | null;
      /** Its policy-document side: the metadata box, 有效性 and its replacement, 解读 links. */
      readonly policy: PolicyPageData;
    }
  | { readonly kind: 'withdrawn'; readonly article: Article };

/** The article at a public path; a withdrawn one is returned as such (the page answers 410). */
export async function readArticle(store: Store, ctx: SiteContext, path: string): Promise<ArticleData> {
  const article = await store.articles.getByPath(ctx.site.id, path);
  // Withdrawn and archived articles keep their URL: it answers 410 with the record, never 404.
  if (!article || article.path === null || article.publishedAt === null) {
    throw new GazetteError('GZ_ARTICLE_NOT_FOUND', path);
  }
  if (article.status === 'withdrawn' || article.status === 'archived') return { kind: 'withdrawn', article };
  if (article.status !== 'published') throw new GazetteError('GZ_ARTICLE_NOT_FOUND', path);
  const column = ctx.columns.find((c) => c.id === article.columnId);
  if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(article.columnId));
  const [neighbours, containing, policy] = await Promise.all([
    store.articles.neighbours(article),
    store.series.listPublishedContaining(article.id),
    readPolicyPage(store, article.id),
  ]);
  const series = containing[0] ?? null;
  const { prev, next } = (series && (await seriesNeighbours(store, series, article.id))) ?? neighbours;
  return { kind: 'published', article, column, prev, next, series, policy };
}

/**
 * A member of a series is read in the series' order: 上一篇 is the member before it (none for the first), 下一篇
 * the one after it, whatever their publication times.
 */
async function seriesNeighbours(
  store: Store,
  series: Series,
  articleId: number,
): Promise<{ prev: ArticleListItem | null; next: ArticleListItem | null } | null> {
  const members = await store.articles.listItemsByIds(series.memberIds);
  const at = members.findIndex((m) => m.id === articleId);
  if (at === -1) return null;
  return { prev: members[at - 1] ?? null, next: members[at + 1] ?? null };
}

export interface SeriesData {
  readonly series: Series;
  readonly members: readonly Article[];
}

export async function readSeries(store: Store, ctx: SiteContext, slug: string): Promise<SeriesData> {
  const series = await store.series.getBySlug(ctx.site.id, slug);
  if (!series || series.status !== 'published') throw new GazetteError('GZ_SERIES_NOT_FOUND', slug);
  return { series, members: await membersInOrder(store, series) };
}

/** Published members in the series' order (a member withdrawn later leaves the page). */
async function membersInOrder(store: Store, series: Series): Promise<Article[]> {
  const found = new Map((await store.articles.listPublishedByIds(series.memberIds)).map((a) => [a.id, a]));
  return series.memberIds.flatMap((id) => found.get(id) ?? []);
}

export interface SitemapData {
  readonly counts: ReadonlyMap<number, number>;
  readonly series: readonly Series[];
}

export async function readSitemap(store: Store, ctx: SiteContext): Promise<SitemapData> {
  const [counts, series] = await Promise.all([
    store.articles.countByColumn(ctx.site.id),
    store.series.listPublished(ctx.site.id, 1000),
  ]);
  return { counts, series };
}

/**
 * The public pages a content event changes, as paths, or `'all'` for the whole site (see `PagePlan` in
 * src/server/page-cache.ts: a listing's first page stands for all its numbered pages; `labels` name pages
 * by what they show). A cache drops exactly these; the static build rewrites exactly these.
 */
export type PagePlan = 'all' | { readonly paths: readonly string[]; readonly labels?: readonly string[] };

/** Works out which pages an event affects; called after the event's transaction has committed. */
export type AffectedPages = (event: ContentEvent) => Promise<PagePlan>;

/** The label of every page that names series `id` (an article page shows the series it belongs to). */
export const seriesLabel = (id: number): string => `series:${id}`;

/**
 * Plans from the database as it is after the change. What a page showed before the change is found where
 * it is kept: an edited article's previous column and tags in its previous revision, the neighbours that
 * linked to a withdrawn article by their dates, former series members by the series label on their pages.
 * Events it does not know (a newer process during a rolling upgrade), site settings and column changes
 * affect every page: `'all'`.
 */
export function pagesAffectedBy(store: Store): AffectedPages {
  return async (event) => {
    switch (event.type) {
      case 'article-published':
      case 'article-updated':
      case 'article-withdrawn':
        return articlePages(store, event.siteId, event.articleId);
      case 'series-published':
        return seriesPages(store, event.seriesId);
      case 'site-updated':
      case 'columns-changed':
        return 'all';
      default:
        // an event type this process does not know yet (a newer process during a rolling upgrade)
        return 'all';
    }
  };
}

const listingPath = (column: Column): string => `/${column.path}/`;
const tagPath = (tag: string): string => `/tags/${tag}/`;

async function articlePages(store: Store, siteId: number, articleId: number): Promise<PagePlan> {
  const article = await store.articles.get(articleId);
  if (!article || article.siteId !== siteId) return 'all';
  const columns = await store.columns.listBySite(siteId);
  const before = await previousContent(store, articleId);
  const columnIds = new Set([article.columnId, ...(before ? [before.columnId] : [])]);
  const tags = new Set([...article.tags, ...(before?.tags ?? [])]);
  const paths = new Set(['/', '/sitemap.html']);
  if (article.path !== null) paths.add(article.path);
  for (const columnId of columnIds) {
    for (const column of columnTrail(columns, columnId)) paths.add(listingPath(column));
    // The articles that link to this one as previous/next, in each column it was or is in.
    const { prev, next } = await store.articles.neighbours({ ...article, columnId });
    for (const neighbour of [prev, next]) if (neighbour) paths.add(neighbour.path);
  }
  for (const tag of tags) paths.add(tagPath(tag));
  for (const series of await store.series.listPublishedContaining(articleId)) {
    paths.add(seriesPath(series.slug));
  }
  return { paths: [...paths] };
}

/** The content of the revision before the newest: where an edited article was listed until now. */
async function previousContent(
  store: Store,
  articleId: number,
): Promise<{ readonly columnId: number; readonly tags: readonly string[] } | undefined> {
  const [, previous] = await store.revisions.list(articleId);
  if (!previous) return undefined;
  return (await store.revisions.get(previous.id))?.content;
}

async function seriesPages(store: Store, seriesId: number): Promise<PagePlan> {
  const series = await store.series.get(seriesId);
  if (!series) return 'all';
  const members = await store.articles.listPublishedByIds(series.memberIds);
  return {
    paths: [
      '/',
      '/sitemap.html',
      seriesPath(series.slug),
      ...members.flatMap((member) => (member.path === null ? [] : [member.path])),
    ],
    labels: [seriesLabel(seriesId)],
  };
}

/** The public pages' reads bound to one store: what the server's public routes call. */
export interface SiteReader {
  home(ctx: SiteContext): Promise<HomeData>;
  column(ctx: SiteContext, column: Column, rawPage: string | undefined): Promise<ListData>;
  tag(ctx: SiteContext, tag: string, rawPage: string | undefined): Promise<ListData>;
  article(ctx: SiteContext, path: string): Promise<ArticleData>;
  series(ctx: SiteContext, slug: string): Promise<SeriesData>;
  sitemap(ctx: SiteContext): Promise<SitemapData>;
}

/**
 * The public reads over `source`: the installation's store (`deps`), or a store that keeps list counts
 * between requests (`createListCounts(...).store`).
 */
export function siteReader(source: { readonly store: Store }): SiteReader {
  const { store } = source;
  return {
    home: (ctx) => readHome(store, ctx),
    column: (ctx, column, rawPage) => readColumn(store, ctx, column, rawPage),
    tag: (ctx, tag, rawPage) => readTag(store, ctx, tag, rawPage),
    article: (ctx, path) => readArticle(store, ctx, path),
    series: (ctx, slug) => readSeries(store, ctx, slug),
    sitemap: (ctx) => readSitemap(store, ctx),
  };
}
