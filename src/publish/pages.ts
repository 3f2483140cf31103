import { readArticle, readHome, readSeries, readSitemap, type ListData, type Store } from '../app/index.js';
import { isGazetteError, paginate, PAGE_SIZE, seriesPath, type Column } from '../core/index.js';
import {
  columnUrl,
  listPageUrl,
  presentArticle,
  presentColumn,
  presentError,
  presentHome,
  presentSeries,
  presentSitemap,
  presentTag,
  tagUrl,
  type PageView,
  type PresentContext,
  type Theme,
} from '../render/index.js';
import { allTags, listArticles, type SiteIndex } from './site-index.js';
import type { ArticleFacts } from './plan.js';

/**
 * Public pages of one site as the static build writes them: the same read side (src/app/read-site.ts) and
 * the same presenters and theme as src/server/public-routes.ts, so a file and the server's answer for a URL
 * are the same bytes. List pages are cut from the in-memory index (same order as the store's lists).
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
    if (!isSafeTag(tag)) continue;
    urls.push(...listUrls(tagUrl(tag), listArticles(index, { kind: 'tag', tag }).length));
  }
  urls.push(...index.series.map((s) => seriesPath(s.slug)));
  urls.push(...index.articles.map((a) => a.path));
  urls.push(...index.gone.map((a) => a.path));
  return urls;
}

function listUrls(base: string, total: number): string[] {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return Array.from({ length: pages }, (_, i) => listPageUrl(base, i + 1));
}

/** A tag that can be a directory name: `.` and `..` cannot, control characters should not. */
export function isSafeTag(tag: string): boolean {
  // eslint-disable-next-line no-control-regex
  return tag !== '.' && tag !== '..' && !/[\u0000-\u001f\u007f\\]/.test(tag);
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
    if (url === '/') return await page(presentHome(pc, await readHome(store, index.ctx)));
    if (url === '/sitemap.html') return await page(presentSitemap(pc, await readSitemap(store, index.ctx)));
    if (url === NOT_FOUND_URL) return await page(presentError(pc, 404), 404);
    const series = /^\/series\/([^/]+)\/$/.exec(path);
    if (series?.[1]) return await page(presentSeries(pc, await readSeries(store, index.ctx, series[1])));
    const tag = /^\/tags\/([^/]+)\/(?:page\/(\d+)\/)?$/.exec(path);
    if (tag?.[1]) {
      const items = listArticles(index, { kind: 'tag', tag: tag[1] });
      if (items.length === 0 || !isSafeTag(tag[1])) return null;
      return await page(presentTag(pc, tag[1], listData(items, tag[2])));
    }
    if (path.endsWith('.html')) {
      const data = await readArticle(store, index.ctx, path);
      if (data.kind === 'withdrawn') return await page(presentError(pc, 410, data.article), 410);
      return await page(presentArticle(pc, data));
    }
    const match = /^\/(.+?)\/(?:page\/(\d+)\/)?$/.exec(path);
    const column = match?.[1] ? listedColumns(index.ctx.columns).find((c) => c.path === match[1]) : undefined;
    if (!column || match?.[2] === '1') return null;
    const items = listArticles(index, { kind: 'column', columnId: column.id });
    return await page(presentColumn(pc, column, listData(items, match?.[2])));
  } catch (error) {
    // A page the site does not have (a series withdrawn meanwhile, a page past the end) is no file.
    if (isGazetteError(error) && (error.kind === 'not-found' || error.code === 'GZ_INVALID_PAGE'))
      return null;
    throw error;
  }
}

/** The same `ListData` as readColumn/readTag, cut from the index instead of queried. */
function listData(items: readonly ArticleFacts[], rawPage: string | undefined): ListData {
  const pagination = paginate(rawPage, items.length);
  return { items: items.slice(pagination.offset, pagination.offset + pagination.pageSize), pagination };
}
