/**
 * What changed: a pure function from one content event (and the facts about the site the caller looked up)
 * to the exact static-output URLs whose bytes are now different; the static publisher writes those files.
 * (List pages of the dynamic server are paged differently, newest first: a server cache must not use the
 * list URLs of this plan, see below.)
 *
 * Use:
 *   1. `listsOf(article, columns)` names the lists an article appears on (its column and every ancestor,
 *      its tags, the home headlines, the site feed).
 *   2. The caller finds the article's index in each list, and the list's length, before and after the
 *      change (`Placement`), plus its neighbours and the series it belongs to.
 *   3. `planChange(input)` returns a `PublishPlan`; `publicUrlsOf(plan)` is the flat list of URL paths
 *      (encoded as they appear in links, e.g. `/tags/%E5%8C%BB%E4%BF%9D/`) a static mirror must refresh, or
 *      `null` when everything must go (site settings or the column tree changed).
 *
 * Lists are newest first, `PAGE_SIZE` rows a page; the static output pages them from the oldest
 * (src/publish/archive.ts: the base page `{base}` shows the newest items and the total, archive pages
 * `{base}page/K/` keep their items as new ones arrive), so a publish changes a list's base page and at most
 * its few newest archive pages; a withdrawal or a move of an old article shifts the pages above its place.
 * test/publish/incremental.test.ts checks the plan against the truth: all pages rendered before and after
 * each change. (The dynamic server pages newest first: a page cache of the server must drop every page of
 * a changed list, not just these URLs.)
 */
import type { ContentEvent } from '../app/index.js';
import { PAGE_SIZE, seriesPath, type Column } from '../core/index.js';
import { columnUrl, tagUrl } from '../render/index.js';
import { staticListChanges, staticListUrl } from './archive.js';

/** Rows of the home page blocks (src/app/read-site.ts). */
export const HOME_HEADLINES = 7;
export const HOME_SECTION_ITEMS = 6;
/** Items in every RSS/Atom feed. */
export const FEED_ITEMS = 20;

export type PlanColumn = Pick<Column, 'id' | 'parentId' | 'path' | 'kind' | 'linkUrl'>;

/** A list of published articles, newest first. */
export type ListRef =
  | { readonly kind: 'column'; readonly columnId: number }
  | { readonly kind: 'tag'; readonly tag: string }
  /** Articles of every `news` column: the home page headlines. */
  | { readonly kind: 'news' }
  /** Every published article of the site: the site feed and the site map. */
  | { readonly kind: 'site' };

export function listKey(list: ListRef): string {
  switch (list.kind) {
    case 'column':
      return `column:${list.columnId}`;
    case 'tag':
      return `tag:${list.tag}`;
    case 'news':
    case 'site':
      return list.kind;
  }
}

/** What a list row and the article page show of an article. */
export interface ArticleFacts {
  readonly id: number;
  readonly path: string;
  readonly columnId: number;
  readonly title: string;
  readonly summary: string;
  readonly source: string;
  readonly publishedAt: string;
  readonly tags: readonly string[];
}

/** Where a list holds the article: its 0-based index and the list's length, both in that state. */
export interface Spot {
  readonly index: number;
  readonly total: number;
}

/** Where a published article sits in one state of the site. */
export interface Placement {
  /** By `listKey`; every list of `listsOf(article)` must be present. */
  readonly lists: ReadonlyMap<string, Spot>;
  /** Paths of the newer (`prev`) and older (`next`) published article of the same column. */
  readonly prev: string | null;
  readonly next: string | null;
  /** Slugs of the published series the article belongs to. */
  readonly series: readonly string[];
}

export type ArticleState =
  | { readonly status: 'published'; readonly article: ArticleFacts; readonly placement: Placement }
  /** Withdrawn or archived after publication: the URL answers 410 with the record. */
  | { readonly status: 'gone'; readonly article: ArticleFacts }
  /** Never published (no public URL). */
  | { readonly status: 'none' };

export type PlanInput =
  | {
      readonly event: Extract<
        ContentEvent,
        { type: 'article-published' | 'article-updated' | 'article-withdrawn' }
      >;
      readonly columns: readonly PlanColumn[];
      readonly before: ArticleState;
      readonly after: ArticleState;
      /** Slug of the series shown on the home page (the newest published one), if any. */
      readonly featuredSeries: string | null;
      readonly pageSize?: number;
    }
  | {
      readonly event: Extract<ContentEvent, { type: 'series-published' }>;
      readonly slug: string;
      /** Paths of its published members: their pages link to the series. */
      readonly memberPaths: readonly string[];
    }
  | { readonly event: Extract<ContentEvent, { type: 'site-updated' | 'columns-changed' }> };

export interface PublishPlan {
  /** Every page of the site changes (navigation, footer, column tree): rebuild everything. */
  readonly full: boolean;
  /** Public URL paths to render again (an article URL that now answers 410 included). */
  readonly pages: readonly string[];
  /** Public URL paths that no longer exist (404 now): a shrunk list's last page, an emptied tag. */
  readonly removed: readonly string[];
  /** Feed URL paths to write again. */
  readonly feeds: readonly string[];
  /** sitemap.xml (and its parts) list another set of URLs. */
  readonly sitemap: boolean;
  /** The list of withdrawn URLs (the nginx 410 map) changed. */
  readonly goneList: boolean;
}

const FULL: PublishPlan = { full: true, pages: [], removed: [], feeds: [], sitemap: true, goneList: true };

export const SITE_FEEDS = ['/feeds/rss.xml', '/feeds/atom.xml'] as const;

/** Feed URLs of a column (its articles and its descendants'). */
export function columnFeedUrls(column: Pick<Column, 'path'>): string[] {
  return [`/feeds/${column.path}/rss.xml`, `/feeds/${column.path}/atom.xml`];
}

/** Columns from `id` up to the root: an article is listed on each of them. */
export function ancestorIds(columns: readonly PlanColumn[], id: number): number[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const trail: number[] = [];
  for (
    let c = byId.get(id);
    c && !trail.includes(c.id);
    c = c.parentId === null ? undefined : byId.get(c.parentId)
  )
    trail.push(c.id);
  return trail;
}

/** The lists an article appears on (a `link` column shows no list, but its ancestors do). */
export function listsOf(
  article: Pick<ArticleFacts, 'columnId' | 'tags'>,
  columns: readonly PlanColumn[],
): ListRef[] {
  const own = columns.find((c) => c.id === article.columnId);
  return [
    { kind: 'site' },
    ...(own?.kind === 'news' ? [{ kind: 'news' } as const] : []),
    ...ancestorIds(columns, article.columnId).map((columnId) => ({ kind: 'column', columnId }) as const),
    ...article.tags.map((tag) => ({ kind: 'tag', tag }) as const),
  ];
}

/**
 * Pages of one list to render again and to remove, from the article's spot before and after: 0 is the
 * list's base page, K ≥ 1 archive page K (src/publish/archive.ts).
 */
export function listPages(
  before: Spot | undefined,
  after: Spot | undefined,
  rowChanged: boolean,
  pageSize: number,
  /** A list that is empty has no page at all (tags); otherwise the base page stays, empty. */
  emptyHasPage: boolean,
): { render: number[]; remove: number[] } {
  return staticListChanges(before, after, rowChanged, pageSize, emptyHasPage);
}

/** Whether a list row (title, summary, source, column, link) of the article looks different. */
function rowChanged(before: ArticleFacts, after: ArticleFacts): boolean {
  return (
    before.title !== after.title ||
    before.summary !== after.summary ||
    before.source !== after.source ||
    before.columnId !== after.columnId ||
    before.path !== after.path ||
    before.publishedAt !== after.publishedAt
  );
}

/** The exact set of public URLs a content event changes. */
export function planChange(input: PlanInput): PublishPlan {
  switch (input.event.type) {
    case 'site-updated':
    case 'columns-changed':
      return FULL;
    case 'series-published': {
      const { slug, memberPaths } = input as Extract<PlanInput, { slug: string }>;
      return {
        full: false,
        // The home page features the newest series; the HTML site map lists every series.
        pages: unique([seriesPath(slug), '/', '/sitemap.html', ...memberPaths]),
        removed: [],
        feeds: [],
        sitemap: true,
        goneList: false,
      };
    }
    case 'article-published':
    case 'article-updated':
    case 'article-withdrawn':
      return planArticle(input as Extract<PlanInput, { before: ArticleState }>);
  }
}

function planArticle(input: Extract<PlanInput, { before: ArticleState }>): PublishPlan {
  const { before, after, columns } = input;
  const size = input.pageSize ?? PAGE_SIZE;
  const pages: string[] = [];
  const removed: string[] = [];
  const feeds: string[] = [];
  const was = before.status === 'published' ? before : null;
  const now = after.status === 'published' ? after : null;
  const facts = now?.article ?? was?.article ?? (after.status === 'gone' ? after.article : null);
  if (!facts) return { full: false, pages, removed, feeds, sitemap: false, goneList: false };

  // The article's own URL: its page, or the 410 record once withdrawn.
  if (after.status !== 'none') pages.push(after.article.path);
  if (before.status !== 'none' && (after.status === 'none' || before.article.path !== after.article.path))
    removed.push(before.article.path);

  const changed = was && now ? rowChanged(was.article, now.article) : true;
  const byId = new Map(columns.map((c) => [c.id, c]));
  const refs = new Map<string, ListRef>();
  for (const state of [was, now]) {
    if (state) for (const ref of listsOf(state.article, columns)) refs.set(listKey(ref), ref);
  }
  const firstNotice = columns.find((c) => c.kind === 'notice');
  let home = false;
  for (const [key, ref] of refs) {
    const b = was?.placement.lists.get(key);
    const a = now?.placement.lists.get(key);
    // A list is touched when the article enters, leaves or moves in it, or its row looks different.
    const touched = Boolean(b) !== Boolean(a) || b?.index !== a?.index || changed;
    const within = (n: number) =>
      touched && ((b !== undefined && b.index < n) || (a !== undefined && a.index < n));
    if (ref.kind === 'site' || ref.kind === 'news') {
      if (ref.kind === 'site' && within(FEED_ITEMS)) feeds.push(...SITE_FEEDS);
      if (ref.kind === 'news' && within(HOME_HEADLINES)) home = true;
      continue;
    }
    let base: string;
    if (ref.kind === 'tag') {
      base = tagUrl(ref.tag);
    } else {
      const column = byId.get(ref.columnId);
      if (!column || column.kind === 'link') continue;
      base = columnUrl(column);
      if (within(FEED_ITEMS)) feeds.push(...columnFeedUrls(column));
      const listedOnHome = column.kind !== 'page';
      if (listedOnHome && column.parentId === null && within(HOME_SECTION_ITEMS)) home = true;
      if (column.id === firstNotice?.id && within(HOME_SECTION_ITEMS)) home = true;
    }
    const { render, remove } = listPages(b, a, changed, size, ref.kind !== 'tag');
    pages.push(...render.map((n) => staticListUrl(base, n)));
    removed.push(...remove.map((n) => staticListUrl(base, n)));
  }

  // Neighbouring articles link to this one by title: their pages change when it arrives, leaves or is renamed.
  const titleChanged =
    !was || !now || was.article.title !== now.article.title || was.article.path !== now.article.path;
  const neighbours = new Set<string>();
  const addNeighbours = (p: Placement | undefined) => {
    for (const path of [p?.prev, p?.next]) if (path) neighbours.add(path);
  };
  const sameNeighbours =
    was && now && was.placement.prev === now.placement.prev && was.placement.next === now.placement.next;
  if (titleChanged || !sameNeighbours) {
    addNeighbours(was?.placement);
    addNeighbours(now?.placement);
  }
  neighbours.delete(facts.path);
  pages.push(...neighbours);

  // Series pages print their members in full; the featured one is also listed on the home page.
  const series = new Set([...(was?.placement.series ?? []), ...(now?.placement.series ?? [])]);
  for (const slug of series) {
    pages.push(seriesPath(slug));
    if (slug === input.featuredSeries && (titleChanged || !was || !now)) home = true;
  }
  if (home) pages.push('/');

  const entersOrLeaves = Boolean(was) !== Boolean(now);
  const moved = Boolean(was && now && was.article.columnId !== now.article.columnId);
  // The HTML site map shows how many articles each column holds.
  if (entersOrLeaves || moved) pages.push('/sitemap.html');
  const goneBefore = before.status === 'gone';
  const goneAfter = after.status === 'gone';
  return {
    full: false,
    pages: unique(pages),
    removed: unique(removed).filter((url) => !pages.includes(url)),
    feeds: unique(feeds),
    // sitemap.xml lists each article's URL and date (lastmod).
    sitemap:
      entersOrLeaves ||
      Boolean(
        was &&
        now &&
        (was.article.path !== now.article.path || was.article.publishedAt !== now.article.publishedAt),
      ),
    goneList: goneBefore !== goneAfter,
  };
}

/** Every public URL path the plan changes, for a page cache; `null` means the whole site. */
export function publicUrlsOf(plan: PublishPlan): string[] | null {
  if (plan.full) return null;
  return unique([...plan.pages, ...plan.removed, ...plan.feeds, ...(plan.sitemap ? ['/sitemap.xml'] : [])]);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
