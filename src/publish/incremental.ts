import { phaseClock } from './phases.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveMediaFile, type Clock, type ContentEvent } from '../app/index.js';
import { MEDIA_LINK_PREFIX } from '../media/index.js';
import { buildSite, siteContextOf, type BuildOptions } from './build.js';
import { renderPage, type PageSource } from './pages.js';
import {
  feedFiles,
  fileOf,
  GONE_MAP,
  goneMapOf,
  sitemapOf,
  sitemapPartCount,
  type SitemapScope,
} from './output.js';
import {
  planChange,
  type ArticleFacts,
  type ArticleState,
  type PlanInput,
  type PublishPlan,
} from './plan.js';
import { mediaRefOfPath } from '../media/index.js';
import { articleState, loadSiteIndex, withArticle, type SiteIndex } from './site-index.js';
import {
  currentBuild,
  FileSet,
  outputLayout,
  readManifestFile,
  saveManifest,
  type OutputLayout,
} from './writer.js';

export type PublisherOptions = Omit<BuildOptions, 'now' | 'onProgress'> & {
  /** Each write is stamped with the time it was made. */
  readonly clock: Clock;
};

export interface ApplyReport {
  readonly event: ContentEvent['type'] | 'full';
  readonly plan: PublishPlan;
  readonly written: number;
  readonly removed: number;
  /** Until the article, the home page, the first page of each list and the feeds were written. */
  readonly visibleMs: number;
  /** Until everything, the manifest included, was written. */
  readonly ms: number;
  /** Where the time went (ms): plan, pages, feeds, sitemap, manifest. */
  readonly phases: Readonly<Record<string, number>>;
}

/**
 * Keeps a static build up to date: each content event is turned into a plan (src/publish/plan.ts) and only
 * the planned files are written, each through a temporary file and a rename, then the manifest shards
 * naming them and its head. Site settings and column changes rebuild everything (atomically, as
 * `gazette build`). Events are applied one at a time in the order they arrive.
 *
 * Atomic per file, not per publish: a reader can see the new article a few milliseconds before the list
 * pages naming it, never half a file. A crash in the middle leaves files the manifest does not name yet:
 * `gazette verify` reports them as changed until the next publish of them or a rebuild.
 */
export interface StaticPublisher {
  readonly siteId: number;
  apply(event: ContentEvent): Promise<ApplyReport | null>;
  /** Rebuilds everything (after lost events, or on demand). */
  rebuild(): Promise<ApplyReport>;
  /** Resolves when every event handed over so far has been applied. */
  idle(): Promise<void>;
}

const MEDIA_REF = /["'(](\/media\/[A-Za-z0-9._/-]{1,200})["')]/g;

export async function createStaticPublisher(options: PublisherOptions): Promise<StaticPublisher> {
  const layout = outputLayout(options.out);
  const { store, theme } = options;
  let index: SiteIndex;
  let files: FileSet;
  /** Parts of the current sitemap index (0: a single sitemap.xml). */
  let sitemapParts = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const full = async (): Promise<ApplyReport> => {
    const report = await buildSite({ ...options, now: options.clock.now() });
    await load();
    return {
      event: 'full',
      plan: planChange({ event: { type: 'site-updated', siteId: index.ctx.site.id } }),
      written: report.files,
      removed: 0,
      visibleMs: report.ms,
      ms: report.ms,
      phases: report.phases,
    };
  };

  const load = async () => {
    index = await loadSiteIndex(store, await siteContextOf(store, options.siteId));
    files = openCurrent(layout);
    sitemapParts = 0;
    while (files.files[`/sitemap-${sitemapParts + 1}.xml`]) sitemapParts++;
  };

  if (currentBuild(layout)) await load();
  else await full();

  const apply = async (event: ContentEvent): Promise<ApplyReport | null> => {
    if (event.siteId !== index.ctx.site.id) return null;
    const { phases, mark, elapsed } = phaseClock();
    const input = await planInput(event);
    if (!input) return null;
    const plan = planChange(input);
    mark('plan');
    if (plan.full) return full();
    const now = options.clock.now();
    const source: PageSource = { store, theme, now, index };
    let written = 0;
    let removed = 0;
    const writePage = async (url: string) => {
      const page = await renderPage(source, url);
      const file = page ? fileOf(url, page.status) : null;
      // Whichever of the page and its 410 record is not the answer now goes away.
      for (const status of [200, 410]) {
        const other = fileOf(url, status);
        if (other && other !== file && files.files[other]) {
          files.remove(other);
          removed++;
        }
      }
      if (!page || !file) return;
      files.write(file, page.html, { atomic: true });
      written++;
      await copyMedia(page.html);
    };
    // What readers reach first goes first: the article, the home page, the first page of each list and the
    // feeds; numbered pages deep in a list (all of which shift on a publish) follow.
    const deep = (url: string) => /\/page\/\d+\/$/.test(url);
    for (const url of plan.pages.filter((u) => !deep(u))) await writePage(url);
    mark('pages');
    for (const [path, body] of feedFiles(index, now, new Set(plan.feeds))) {
      files.write(path, body, { atomic: true });
      written++;
    }
    mark('feeds');
    const visibleMs = elapsed();
    for (const url of plan.pages.filter(deep)) await writePage(url);
    mark('pages');
    for (const url of plan.removed) {
      for (const status of [200, 410]) {
        const file = fileOf(url, status);
        if (file && files.files[file] && !plan.pages.includes(url)) {
          files.remove(file);
          removed++;
        }
      }
    }
    if (plan.sitemap) {
      // Articles are listed oldest first: only the parts from the changed article's place on are written.
      const parts = sitemapPartCount(index);
      const relayout = parts === 0 || parts !== sitemapParts;
      const scope: SitemapScope | undefined =
        relayout || input.event.type === 'series-published' || !('before' in input)
          ? undefined
          : { fromArticle: Math.min(oldestPlace(input.before), oldestPlace(input.after)), pages: false };
      for (const [path, body] of sitemapOf(index, scope)) {
        files.write(path, body, { atomic: true });
        written++;
      }
      for (let part = Math.max(parts, 1) + (parts === 0 ? 0 : 1); part <= sitemapParts; part++)
        files.remove(`/sitemap-${part}.xml`);
      sitemapParts = parts;
    }
    if (plan.goneList) {
      files.write(GONE_MAP, goneMapOf(index), { atomic: true });
      written++;
    }
    mark('sitemap');
    if (event.type === 'article-withdrawn' || event.type === 'article-updated') removed += await pruneMedia();
    saveManifest(layout, files, now);
    mark('manifest');
    return { event: event.type, plan, written, removed, visibleMs, ms: elapsed(), phases };
  };

  /** Removes copied files nothing public uses any more (an article withdrawn, an image taken out). */
  const pruneMedia = async (): Promise<number> => {
    const copied = Object.keys(files.files).filter((path) => path.startsWith('/media/'));
    if (copied.length === 0) return 0;
    const refs = await store.media.publicRefs();
    let pruned = 0;
    for (const path of copied) {
      if (refs.has(mediaRefOfPath(path.slice('/media/'.length)))) continue;
      files.remove(path);
      pruned++;
    }
    return pruned;
  };

  const copyMedia = async (html: string) => {
    if (!options.mediaDir) return;
    for (const match of html.matchAll(MEDIA_REF)) {
      const url = match[1] ?? '';
      if (files.files[url] || url.includes('..')) continue;
      // A library link names the item's key: the server looks up its current file, the build copies it.
      const library = url.startsWith(MEDIA_LINK_PREFIX)
        ? await resolveMediaFile({ store }, url.slice(MEDIA_LINK_PREFIX.length))
        : null;
      const source = join(options.mediaDir, library ? library.blob : url.slice('/media/'.length));
      if (existsSync(source)) files.write(url, readFileSync(source), { atomic: true });
    }
  };

  /** Moves the index to the state after `event` and returns what the plan needs, or null to ignore it. */
  const planInput = async (event: ContentEvent): Promise<PlanInput | null> => {
    switch (event.type) {
      case 'site-updated':
      case 'columns-changed':
        return { event };
      case 'series-published': {
        const series = await store.series.get(event.seriesId);
        index = { ...index, series: await store.series.listPublished(index.ctx.site.id, 1_000_000_000) };
        if (!series) return { event: { type: 'site-updated', siteId: event.siteId } };
        const members = new Set(series.memberIds);
        return {
          event,
          slug: series.slug,
          memberPaths: index.articles.filter((a) => members.has(a.id)).map((a) => a.path),
        };
      }
      case 'article-published':
      case 'article-updated':
      case 'article-withdrawn': {
        const article = await store.articles.get(event.articleId);
        const before = articleState(index, event.articleId);
        let next: Parameters<typeof withArticle>[2] = null;
        if (article && article.path !== null && article.publishedAt !== null) {
          const facts: ArticleFacts = {
            id: article.id,
            path: article.path,
            columnId: article.columnId,
            title: article.title,
            summary: article.summary,
            source: article.source,
            publishedAt: article.publishedAt,
            tags: article.tags,
          };
          if (article.status === 'published') next = { status: 'published', article: facts };
          else if (article.status === 'withdrawn' || article.status === 'archived')
            next = { status: 'gone', article: facts };
        }
        const featuredSeries = index.series[0]?.slug ?? null;
        index = withArticle(index, event.articleId, next);
        return {
          event,
          columns: index.ctx.columns,
          before,
          after: articleState(index, event.articleId),
          featuredSeries,
        };
      }
    }
  };

  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    get siteId() {
      return index.ctx.site.id;
    },
    apply: (event) => enqueue(() => apply(event)),
    rebuild: () => enqueue(full),
    idle: () => enqueue(() => Promise.resolve()),
  };
}

/** Where an article sits in the site's list counted from the oldest (Infinity when it is not listed). */
function oldestPlace(state: ArticleState): number {
  const spot = state.status === 'published' ? state.placement.lists.get('site') : undefined;
  return spot ? spot.total - 1 - spot.index : Infinity;
}

/** The current build with its trusted manifest, ready for incremental writes. */
function openCurrent(layout: OutputLayout): FileSet {
  const current = currentBuild(layout);
  if (!current) throw new Error(`no build at ${layout.link}`);
  const manifest = readManifestFile(join(layout.manifestsDir, `${current.id}.json`));
  const set = new FileSet(layout, current.dir);
  if (manifest) set.adopt(manifest);
  return set;
}
