import { phaseClock } from './phases.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteContext, Store } from '../app/index.js';
import { GazetteError } from '../core/index.js';
import { blobName, mediaUrl, variantUrl } from '../media/index.js';
import type { Theme } from '../render/index.js';
import { mediaRefOfPath } from '../media/index.js';
import { buildReads, renderInBatches } from './build-reads.js';
import { pageUrls, type PageSource } from './pages.js';
import { siteFiles } from './output.js';
import { catalogueFiles } from './catalogue-files.js';
import { disclosurePageFiles } from './disclosure-page.js';
import { searchPageFiles } from './search-page.js';
import { loadSiteIndex, type SiteIndex } from './site-index.js';
import { renderInWorkers, workersAvailable, type BuildWorkers } from './parallel.js';
import {
  abandonBuild,
  outputLayout,
  pruneBuilds,
  saveManifest,
  startBuild,
  switchTo,
  type FileSet,
  type Manifest,
} from './writer.js';

export interface BuildOptions {
  readonly store: Store;
  readonly theme: Theme;
  /** One instant for the whole build. */
  readonly now: string;
  /** The symlink to (re)point at the new build. */
  readonly out: string;
  /** Which site; the first one when absent. */
  readonly siteId?: number | undefined;
  /** Uploaded files (served at /media/), copied into the build. */
  readonly mediaDir?: string | undefined;
  /**
   * Base URL of a Gazette server the static search page and request form (/ysqgk/) send readers to; none: the
   * search page says there is no search, and the form posts to the same host.
   */
  readonly searchUrl?: string | null | undefined;
  /** Called every 1,000 pages or so. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Render on worker threads (src/publish/parallel.ts): each opens the database and the theme directory
   * itself. Ignored when running from TypeScript sources (no compiled worker) or for a small site.
   */
  readonly workers?: BuildWorkers | undefined;
}

export interface BuildReport {
  readonly manifest: Manifest;
  readonly dir: string;
  readonly pages: number;
  readonly files: number;
  readonly bytes: number;
  /** Until the new build was live (switched to); dropping older builds comes after (`phases.cleanup`). */
  readonly ms: number;
  /** Where the time went (ms): index, pages, other files, manifest, switch, cleanup. */
  readonly phases: Readonly<Record<string, number>>;
}

/** The site a build or the publisher works on, by id or the first one. */
export async function siteContextOf(store: Store, siteId: number | undefined): Promise<SiteContext> {
  const sites = await store.sites.list();
  const site = siteId === undefined ? sites[0] : sites.find((s) => s.id === siteId);
  if (!site)
    throw new GazetteError('GZ_SITE_NOT_FOUND', siteId === undefined ? 'no site yet' : String(siteId));
  return { site, columns: await store.columns.listBySite(site.id) };
}

/**
 * `gazette build`: the whole site as files in a new build directory, then `out` switched to it. Any error
 * removes the half-written build and leaves the previous one serving.
 */
export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const { phases, mark, elapsed } = phaseClock();
  const index = await loadSiteIndex(options.store, await siteContextOf(options.store, options.siteId));
  mark('index');
  const layout = outputLayout(options.out);
  const set = startBuild(layout, options.now);
  let pages: number;
  let manifest: Manifest;
  let previous: string | undefined;
  try {
    pages = await writeEverything(set, index, options, mark);
    manifest = saveManifest(layout, set, options.now);
    mark('manifest');
    previous = switchTo(layout, set).previous;
    mark('switch');
  } catch (error) {
    abandonBuild(layout, set);
    throw error;
  }
  // The new site is live: `ms` ends here. Dropping older builds (tens of thousands of files) follows, outside
  // the try: the build it serves must not be abandoned if that fails.
  const ms = elapsed();
  pruneBuilds(layout, set, previous);
  mark('cleanup');
  return {
    phases,
    manifest,
    dir: set.root,
    pages,
    files: Object.keys(manifest.files).length,
    bytes: set.size,
    ms,
  };
}

/** Below this many pages, starting threads (each loading the theme, opening the database) costs more. */
const MIN_PARALLEL = 2_000;

async function writeEverything(
  set: FileSet,
  index: SiteIndex,
  options: BuildOptions,
  mark: (phase: string) => void,
): Promise<number> {
  const source: PageSource = { store: options.store, theme: options.theme, now: options.now, index };
  const urls = pageUrls(index);
  const workers = options.workers;
  let written = 0;
  const pages =
    workers && workers.count > 1 && urls.length >= MIN_PARALLEL && workersAvailable()
      ? await renderInWorkers(set, index, urls, { ...options, workers })
      : await renderInBatches(source, buildReads(options.store, index), urls, (file, html) => {
          set.write(file, html);
          written++;
          if (options.onProgress && written % 1000 === 0) options.onProgress(written, urls.length);
        });
  mark('pages');
  for (const [path, body] of await searchPageFiles(source, options.searchUrl ?? null)) set.write(path, body);
  for (const [path, body] of await disclosurePageFiles(source, options.searchUrl ?? null))
    set.write(path, body);
  for (const [path, body] of await catalogueFiles(source)) set.write(decodeURIComponent(path), body);
  for (const asset of options.theme.assets) set.write(asset.url, asset.body);
  for (const [path, body] of siteFiles(index, options.now)) set.write(path, body);
  if (options.mediaDir) {
    // Only files something public uses: an upload waiting for review stays off the static site.
    const refs = await options.store.media.publicRefs();
    copyTree(set, options.mediaDir, '/media', (path) => refs.has(mediaRefOfPath(path)));
    await copyLibrary(set, options.store, index.ctx.site.id, options.mediaDir, refs);
  }
  mark('other');
  return pages;
}

/**
 * The site's media-library files at the addresses pages link (`/media/f/{key}…`, which the server resolves by
 * key): the original, under its plain and its sized name, and every responsive rendition.
 */
async function copyLibrary(
  set: FileSet,
  store: Store,
  siteId: number,
  mediaDir: string,
  refs: ReadonlySet<string>,
): Promise<void> {
  const read = (blob: string) => {
    const path = join(mediaDir, blob);
    return existsSync(path) ? readFileSync(path) : null;
  };
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const items = await store.media.list({ siteId }, page, offset);
    for (const item of items) {
      if (!refs.has(`f/${item.key}`)) continue;
      const original = read(blobName(item.sha256, item.ext));
      if (original) {
        set.write(mediaUrl(item.key, item.ext), original);
        if (item.width !== null && item.height !== null)
          set.write(mediaUrl(item.key, item.ext, { width: item.width, height: item.height }), original);
      }
      for (const variant of item.variants) {
        const body = read(blobName(item.sha256, variant.format, variant.width));
        if (body) set.write(variantUrl(item.key, variant.width, variant.format), body);
      }
    }
    if (items.length < page) break;
  }
}

/** Copies the files under `dir` that `keep` accepts (given their path below the top `dir`). */
function copyTree(
  set: FileSet,
  dir: string,
  prefix: string,
  keep: (path: string) => boolean,
  below = '',
): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.endsWith('.tmp')) continue;
    const full = join(dir, name);
    const stat = statSync(full);
    const path = `${below}${name}`;
    if (stat.isDirectory()) copyTree(set, full, `${prefix}/${name}`, keep, `${path}/`);
    else if (stat.isFile() && keep(path)) set.write(`${prefix}/${name}`, readFileSync(full));
  }
}
