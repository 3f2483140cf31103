import { readArticle, readHome, readSeries, readSitemap, type ListData, type Store } from '../app/index.js';
import {
  isGazetteError,
  PAGE_SIZE,
  publicPageOf,
  seriesPath,
  tagProblem,
  type Column,
} from '../core/index.js';
import {
  columnUrl,
  presentArticle,
  presentColumn,
  presentError,
  presentHome,
  presentSeries,
  presentSitemap,
  presentTag,
  tagUrl,
  type PageView,
  type PaginationView,
  type PresentContext,
  type Theme,
} from '../render/index.js';
import { allTags, listArticles, type SiteIndex } from './site-index.js';
import type { ArticleFacts } from './plan.js';
import { hasPage, pageItems, staticListPages, staticListUrl, staticPagination } from './archive.js';

/**
 * Public pages of one site as the static build writes them: the same read side (src/app/read-site.ts) and
 * the same presenters and theme as src/server/public-routes.ts, so a file and the server's answer for a URL
 * are the same bytes, except list pages: they are cut from the in-memory index and paged from the oldest
 * (src/publish/archive.ts), so that a publish does not shift every page of a list.
 */
export interface RenderedPage {
  readonly url: string;
  /** 200 for pages, 404 for the not-found page, 410 for a withdrawn article's record. */
  readonly status: 200 | 404 | 410;
  readonly html: string;
}

export interface PageSource {
  readonly store: Store;
  readonly theme: Theme;
  /** Render time (footer year, fallbacks): one instant for a whole build. */
  readonly now: string;
  readonly index: SiteIndex;
}

/** Where the static site shows "page not found"; nginx's `error_page 404` points here. */
export const NOT_FOUND_URL = '/404.html';

const listedColumns = (columns: readonly Column[]) => columns.filter((c) => c.kind !== 'link');

/** Every URL of the site's pages, in a stable order (home first). */
export function pageUrls(index: SiteIndex): string[] {
  const urls = ['/', '/sitemap.html', NOT_FOUND_URL];
  for (const column of listedColumns(index.ctx.columns)) {
    const total = listArticles(index, { kind: 'column', columnId: column.id }).length;
    urls.push(...listUrls(columnUrl(column), total));
  }
  for (const tag of allTags(index)) {
    if (tagProblem(tag) !== null) continue;
    urls.push(...listUrls(tagUrl(tag), listArticles(index, { kind: 'tag', tag }).length));
  }
  urls.push(...index.series.map((s) => seriesPath(s.slug)));
  urls.push(...index.articles.map((a) => a.path));
  urls.push(...index.gone.map((a) => a.path));
  return urls;
}

function listUrls(base: string, total: number): string[] {
  return staticListPages(total, PAGE_SIZE).map((page) => staticListUrl(base, page));
}

/** A path segment that can be a file or directory name: `.` and `..` cannot, control characters should not. */
export function isSafeSegment(segment: string): boolean {
  // eslint-disable-next-line no-control-regex
  return segment !== '.' && segment !== '..' && !/[\u0000-\u001f\u007f\\]/.test(segment);
}

/** Renders the page at `url`, or null when the site has no such page. */
export async function renderPage(source: PageSource, url: string): Promise<RenderedPage | null> {
  const { store, theme, index } = source;
  const path = decodeURIComponent(url);
  const pc: PresentContext = { ctx: index.ctx, theme, now: source.now, path };
  const page = async (view: PageView, status: RenderedPage['status'] = 200): Promise<RenderedPage> => ({
    url,
    status,
    html: await theme.render(view),
  });
  try {
    if (url === NOT_FOUND_URL) return await page(presentError(pc, 404), 404);
    const target = publicPageOf(path);
    switch (target.kind) {
      case 'home':
        return await page(presentHome(pc, await readHome(store, index.ctx)));
      case 'sitemap':
        return await page(presentSitemap(pc, await readSitemap(store, index.ctx)));
      case 'series':
        return await page(presentSeries(pc, await readSeries(store, index.ctx, target.slug)));
      case 'tag': {
        const items = listArticles(index, { kind: 'tag', tag: target.tag });
        if (items.length === 0 || tagProblem(target.tag) !== null) return null;
        const list = staticList(tagUrl(target.tag), items, target.page);
        if (!list) return null;
        const view = presentTag(pc, target.tag, list.data);
        return await page({ ...view, pagination: list.pagination });
      }
      case 'article': {
        const data = await readArticle(store, index.ctx, path);
        if (data.kind === 'withdrawn') return await page(presentError(pc, 410, data.article), 410);
        return await page(presentArticle(pc, data));
      }
      case 'column': {
        const column = listedColumns(index.ctx.columns).find((c) => c.path === target.columnPath);
        if (!column) return null;
        const items = listArticles(index, { kind: 'column', columnId: column.id });
        const list = staticList(columnUrl(column), items, target.page);
        if (!list) return null;
        const view = presentColumn(pc, column, list.data);
        // Archive pages are titled by their number as the server titles its pages (presentColumn's format).
        const head =
          list.page > 0
            ? { ...view.head, title: `${column.name}（第${list.page}页） - ${index.ctx.site.name}` }
            : view.head;
        return await page({ ...view, head, pagination: list.pagination });
      }
      case 'none':
        return null;
    }
  } catch (error) {
    // A page the site does not have (a series withdrawn meanwhile, a page past the end) is no file.
    if (isGazetteError(error) && (error.kind === 'not-found' || error.code === 'GZ_INVALID_PAGE'))
      return null;
    throw error;
  }
}

/**
 * One static list page (src/publish/archive.ts): its items as `ListData` for the presenters, and the pager
 * that replaces the server's. Null for a page the list does not have.
 */
function staticList(
  base: string,
  items: readonly ArticleFacts[],
  rawPage: string | undefined,
): { page: number; data: ListData; pagination: PaginationView } | null {
  const page = rawPage === undefined ? 0 : Number(rawPage);
  if (rawPage !== undefined && !/^[1-9]\d*$/.test(rawPage)) return null;
  if (!hasPage(page, items.length, PAGE_SIZE)) return null;
  const shown = pageItems(items, page, PAGE_SIZE);
  const pagination = staticPagination(base, page, items.length, PAGE_SIZE);
  return {
    page,
    // The presenters read the page number for the title only (the pager is replaced); 1 keeps it plain.
    data: {
      items: shown,
      pagination: { page: 1, pages: 1, total: items.length, pageSize: PAGE_SIZE, offset: 0 },
    },
    pagination,
  };
}
