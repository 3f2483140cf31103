import type { Article } from '../core/index.js';
import type { ArticleListItem, Store } from '../app/index.js';
import type { ArticleFacts } from './plan.js';
import { fileOf } from './output.js';
import { renderPage, type PageSource } from './pages.js';
import type { SiteIndex } from './site-index.js';

/**
 * The reads of a full build, answered in bulk. An article page read its article (3 queries), its two
 * neighbours and its series one page at a time: about 0.4 of the 1.5 ms a page cost (bench/build/split.mjs).
 * A build already holds every published article's list row in its index, so neighbours and series come
 * from there, and the articles themselves are fetched a batch of pages at a time (`prefetch`).
 *
 * `store` is the given store with those three reads answered from here for the index's site; anything
 * else (another site, an article not prefetched, a withdrawn one) falls through to the database, so the
 * pages are byte for byte what the live reads give (checked by test/publish/build-reads.test.ts).
 */
export interface BuildReads {
  readonly store: Store;
  /** Fetches the published articles among `urls` in one go, for the pages rendered next. */
  prefetch(urls: readonly string[]): Promise<void>;
}

/** Pages whose articles are fetched in one go. */
export const PREFETCH = 200;

export function buildReads(store: Store, index: SiteIndex): BuildReads {
  const siteId = index.ctx.site.id;
  const byPath = new Map(index.articles.map((a) => [a.path, a]));
  const fetched = new Map<string, Article>();
  // Per column, its articles newest first as the neighbours query orders them (published_at, id desc).
  let columns: Map<number, { readonly list: ArticleFacts[]; readonly at: Map<number, number> }> | null = null;
  const columnOf = (columnId: number) => {
    if (!columns) {
      columns = new Map();
      for (const article of index.articles) {
        let entry = columns.get(article.columnId);
        if (!entry) columns.set(article.columnId, (entry = { list: [], at: new Map() }));
        entry.at.set(article.id, entry.list.length);
        entry.list.push(article);
      }
    }
    return columns.get(columnId);
  };
  const listItem = (a: ArticleFacts | undefined): ArticleListItem | null =>
    a
      ? {
          id: a.id,
          columnId: a.columnId,
          title: a.title,
          summary: a.summary,
          source: a.source,
          path: a.path,
          publishedAt: a.publishedAt,
        }
      : null;

  const articles: Store['articles'] = {
    ...store.articles,
    async getByPath(site, path) {
      const found = site === siteId ? fetched.get(path) : undefined;
      if (!found) return store.articles.getByPath(site, path);
      fetched.delete(path); // each page once: what was fetched does not pile up
      return found;
    },
    async neighbours(article) {
      const entry = article.siteId === siteId ? columnOf(article.columnId) : undefined;
      const at = entry?.at.get(article.id);
      const indexed = at === undefined ? undefined : entry?.list[at];
      // Only an article the index holds as it is (same time): otherwise the database knows better.
      if (!entry || at === undefined || indexed?.publishedAt !== article.publishedAt) {
        return store.articles.neighbours(article);
      }
      return { prev: listItem(entry.list[at - 1]), next: listItem(entry.list[at + 1]) };
    },
  };
  const byId = new Set(index.articles.map((a) => a.id));
  const series: Store['series'] = {
    ...store.series,
    async listPublishedContaining(articleId) {
      if (!byId.has(articleId)) return store.series.listPublishedContaining(articleId);
      return index.series.filter((s) => s.memberIds.includes(articleId));
    },
  };

  return {
    store: { ...store, articles, series },
    async prefetch(urls) {
      const ids: number[] = [];
      for (const url of urls) {
        if (!url.endsWith('.html')) continue;
        const found = byPath.get(decodeURIComponent(url));
        if (found) ids.push(found.id);
      }
      for (const article of await store.articles.listPublishedByIds(ids)) {
        if (article.path !== null) fetched.set(article.path, article);
      }
    },
  };
}

/**
 * Renders `urls` with `source`'s store answered by `reads`, a prefetched batch at a time, and hands each
 * page's file and HTML to `write` (a page the site does not have is skipped). Returns the pages written.
 */
export async function renderInBatches(
  source: PageSource,
  reads: BuildReads,
  urls: readonly string[],
  write: (file: string, html: string) => void,
): Promise<number> {
  const bulk: PageSource = { ...source, store: reads.store };
  let pages = 0;
  for (let i = 0; i < urls.length; i += PREFETCH) {
    const batch = urls.slice(i, i + PREFETCH);
    await reads.prefetch(batch);
    for (const url of batch) {
      const page = await renderPage(bulk, url);
      const file = page && fileOf(url, page.status);
      if (!page || !file) continue;
      write(file, page.html);
      pages++;
    }
  }
  return pages;
}
