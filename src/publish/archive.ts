/**
 * How the STATIC output pages a list: archive pages are numbered from the OLDEST, so that their
 * content never changes when new articles arrive, and a publish rewrites the list's base page and at most
 * the few newest archive pages instead of every page of the list.
 *
 * A list of N items (newest first), S items a page, F = floor(N / S) full archive pages:
 *   - archive page K (1 ≤ K ≤ F), at `{base}page/K/`, holds the items K·S−S … K·S−1 counted from the oldest
 *     (K = 1: the oldest S items), shown newest first;
 *   - the base page, at `{base}`, holds the items no full archive page holds (N − F·S, fewer than S) plus
 *     the newest full archive page's items: between S and 2S − 1 items once the list has a full page, so
 *     that it never looks nearly empty. Its "older" link goes to archive page F − 1.
 *   - the list's total (共 N 条) is printed on the base page only.
 * An archive page's links: newer (K + 1, or the base page from F), older (K − 1), newest (base), oldest
 * (page 1) and the numbers K + 2 … K − 2 and 1, newest first (no number nor gap for pages newer than
 * K + 2: 首页 reaches them). All an archive page shows of the list's length is min(F, K + 2) and whether
 * K = F, so a new full page changes pages F − 1 and F and no older one (`archiveLinkKey`).
 *
 * The dynamic server keeps its newest-first `?page` paging (src/core/pagination.ts); this is the static
 * build's alone. Everything here is pure: the plan (src/publish/plan.ts) and the page renderer
 * (src/publish/pages.ts) share it.
 */
import type { PageLinkView, PaginationView } from '../render/index.js';

/** Page 0 is the list's base page; 1 … F are archive pages. */
export type ListPage = number;

/** Full archive pages of a list of `total` items. */
export const archiveCount = (total: number, size: number): number => Math.floor(total / size);

/** The URL of a static list page: the base page for 0, `{base}page/K/` otherwise. */
export function staticListUrl(base: string, page: ListPage): string {
  return page === 0 ? base : `${base}page/${page}/`;
}

/** Every page of a list of `total` items: the base page and archive pages 1 … F. */
export function staticListPages(total: number, size: number): ListPage[] {
  return Array.from({ length: archiveCount(total, size) + 1 }, (_, i) => i);
}

/** Positions (counted from the OLDEST, 0-based, end exclusive) a page shows. */
export function pageSlice(page: ListPage, total: number, size: number): { from: number; to: number } {
  const pages = archiveCount(total, size);
  if (page === 0) return { from: Math.max(0, (pages - 1) * size), to: total };
  return { from: (page - 1) * size, to: page * size };
}

/** The items of a page, from a list given newest first (as the store and the site index order it). */
export function pageItems<T>(items: readonly T[], page: ListPage, size: number): readonly T[] {
  const { from, to } = pageSlice(page, items.length, size);
  return items.slice(items.length - to, items.length - from);
}

/** Whether `page` is a page of a list of `total` items (a number from a URL, already parsed). */
export function hasPage(page: ListPage, total: number, size: number): boolean {
  return Number.isInteger(page) && page >= 0 && page <= archiveCount(total, size);
}

/**
 * All an archive page shows of the list's length. Two lengths with the same key give the page the same
 * links: the plan rewrites an archive page for a new length only when its key changes.
 */
export function archiveLinkKey(page: ListPage, total: number, size: number): string {
  const pages = archiveCount(total, size);
  return `${Math.min(pages, page + 2)}|${page === pages}`;
}

/** Numbered links, newest first: `top` down to `bottom`, then page 1 (a single hidden page is shown). */
function numbers(base: string, current: ListPage, top: number, bottom: number) {
  const links: PageLinkView[] = [];
  const gap: PageLinkView = { kind: 'gap', page: 0, url: '', current: false };
  const link = (n: number): PageLinkView => ({
    kind: 'page',
    page: n,
    url: staticListUrl(base, n),
    current: n === current,
  });
  if (top < 1) return links;
  for (let n = top; n >= Math.max(1, bottom); n--) links.push(link(n));
  if (bottom > 3) links.push(gap);
  else if (bottom === 3) links.push(link(2));
  if (bottom > 1) links.push(link(1));
  return links;
}

/** The pager of a static list page (`archive` set: pagination.liquid's static variant). */
export function staticPagination(base: string, page: ListPage, total: number, size: number): PaginationView {
  const pages = archiveCount(total, size);
  const url = (n: number) => staticListUrl(base, n);
  if (page === 0) {
    // The base page shows archive page F's items too: older starts at F − 1.
    const older = pages - 1;
    return {
      page: 0,
      pages,
      total,
      prevUrl: null,
      nextUrl: older >= 1 ? url(older) : null,
      firstUrl: base,
      lastUrl: url(1),
      links: numbers(base, 0, older, older - 2),
      archive: { total: total > 0 ? total : null, newestUrl: null, oldestUrl: older >= 1 ? url(1) : null },
    };
  }
  const top = Math.min(pages, page + 2);
  return {
    page,
    pages: top,
    total: 0,
    prevUrl: page === pages ? base : url(page + 1),
    nextUrl: page > 1 ? url(page - 1) : null,
    firstUrl: base,
    lastUrl: url(1),
    links: numbers(base, page, top, page - 2),
    archive: { total: null, newestUrl: base, oldestUrl: page > 1 ? url(1) : null },
  };
}

/** Where an article sits in a list in one state: 0-based index newest first, and the list's length. */
export interface ListSpot {
  readonly index: number;
  readonly total: number;
}

/**
 * Pages of one list to render again and to remove when one article enters, leaves, moves in or changes its
 * row in it (spots before and after; `rowChanged`: its row looks different). Exact: a page is named when
 * an item it shows, its total (base page) or its links change.
 */
export function staticListChanges(
  before: ListSpot | undefined,
  after: ListSpot | undefined,
  rowChanged: boolean,
  size: number,
  /** A list that is empty has no page at all (tags); otherwise the base page stays, empty. */
  emptyHasPage: boolean,
): { render: ListPage[]; remove: ListPage[] } {
  if (!before && !after) return { render: [], remove: [] };
  const totalBefore = before?.total ?? (after ? after.total - 1 : 0);
  const totalAfter = after?.total ?? totalBefore - 1;
  // Positions counted from the oldest whose item changed, in either state.
  const oldBefore = before ? totalBefore - 1 - before.index : undefined;
  const oldAfter = after ? totalAfter - 1 - after.index : undefined;
  let lo: number;
  let hi: number;
  if (oldBefore !== undefined && oldAfter !== undefined && totalBefore === totalAfter) {
    if (oldBefore === oldAfter && !rowChanged) return { render: [], remove: [] };
    // Moving from one place to another shifts the items between by one.
    lo = Math.min(oldBefore, oldAfter);
    hi = Math.max(oldBefore, oldAfter);
  } else {
    // Entering or leaving shifts every item above it.
    lo = Math.min(oldBefore ?? Infinity, oldAfter ?? Infinity);
    hi = Math.max(totalBefore, totalAfter) - 1;
  }
  const touches = (page: ListPage, total: number) => {
    const { from, to } = pageSlice(page, total, size);
    return from <= hi && lo < to;
  };
  const pagesBefore = archiveCount(totalBefore, size);
  const pagesAfter = archiveCount(totalAfter, size);
  const render: ListPage[] = [];
  const remove: ListPage[] = [];
  const baseBefore = totalBefore > 0 || emptyHasPage;
  const baseAfter = totalAfter > 0 || emptyHasPage;
  if (baseAfter) {
    const baseChanged =
      !baseBefore || totalBefore !== totalAfter || touches(0, totalBefore) || touches(0, totalAfter);
    if (baseChanged) render.push(0);
  } else if (baseBefore) remove.push(0);
  for (let page = 1; page <= Math.max(pagesBefore, pagesAfter); page++) {
    if (page > pagesAfter) remove.push(page);
    else if (
      page > pagesBefore ||
      touches(page, totalAfter) ||
      archiveLinkKey(page, totalBefore, size) !== archiveLinkKey(page, totalAfter, size)
    )
      render.push(page);
  }
  return { render, remove };
}
