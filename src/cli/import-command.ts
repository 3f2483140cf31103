import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Gazette } from '../boot/index.js';
import { assertSeriesSlug, GazetteError } from '../core/index.js';
import { listFormat, UsageError } from './command.js';
import { siteNamed, unknownSite } from './site-commands.js';
import {
  continuationOf,
  crawl,
  crawledAttachments,
  localAttachments,
  type AttachmentFetcher,
  joinContinuation,
  importPage,
  isPageFile,
  MAX_PAGE_BYTES,
  readPage,
  type FetchedPage,
  type ImportedPage,
  type ImportStatus,
  type PageOutcome,
} from '../import/index.js';

export interface ImportOptions {
  readonly paths: readonly string[];
  /** Crawl this site as well as reading the files named. */
  readonly crawl: string | undefined;
  readonly maxPages: number;
  readonly delayMs: number;
  readonly column: string | undefined;
  readonly site: string | undefined;
  readonly publish: boolean;
  readonly dryRun: boolean;
  readonly format: 'text' | 'json';
  /** The URL name of the series a page makes (`--slug`), instead of its title's pinyin. */
  readonly slug: string | undefined;
}

export function importOptions(
  values: Readonly<Record<string, string | boolean | undefined>>,
  paths: readonly string[],
): ImportOptions {
  const format = listFormat(values);
  const column = values['column'] as string | undefined;
  const dryRun = values['dry-run'] === true;
  if (!dryRun && (column === undefined || column.trim() === '')) {
    throw new GazetteError(
      'GZ_CONFIG_INVALID',
      '--column PATH is required (e.g. --column zwgk/tzgg), or use --dry-run',
    );
  }
  const slug = values['slug'] as string | undefined;
  if (slug !== undefined) {
    try {
      assertSeriesSlug(slug);
    } catch {
      throw new GazetteError(
        'GZ_CONFIG_INVALID',
        `--slug must be lower-case letters, digits and hyphens (at most 64), not ${slug}`,
      );
    }
  }
  const crawlUrl = values['crawl'] as string | undefined;
  if (crawlUrl !== undefined && !/^https?:\/\//.test(crawlUrl)) {
    throw new GazetteError('GZ_CONFIG_INVALID', `--crawl needs an http(s) URL, not ${crawlUrl}`);
  }
  if (crawlUrl === undefined && paths.length === 0) {
    throw new GazetteError('GZ_CONFIG_INVALID', 'name files or directories to import, or --crawl URL');
  }
  const count = (name: string, fallback: number): number => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw new GazetteError('GZ_CONFIG_INVALID', `--${name} must be a whole number`);
    return Number(raw);
  };
  return {
    paths,
    crawl: crawlUrl,
    maxPages: count('max-pages', 100),
    delayMs: count('delay', 1000),
    column: column?.replace(/^\/+|\/+$/g, ''),
    site: values['site'] as string | undefined,
    publish: values['publish'] === true,
    dryRun,
    format,
    slug,
  };
}

/** Files named, and page files under directories named, in a stable order. */
async function listFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isPageFile(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) await walk(path);
    else files.push(path);
  }
  return files;
}

/** Where a page's attachments are: beside its file on disk, or on the crawled site. */
type AttachmentOrigin = { readonly file: string } | { readonly url: string };

/** A page ready to import, or why not: `skip` for crawled pages that are not articles (index, list pages). */
type Read =
  | { readonly file: string; readonly page: ImportedPage; readonly from: AttachmentOrigin }
  | { readonly file: string; readonly refused: string; readonly skip?: boolean };

async function readLocal(file: string, continuations: readonly string[] = []): Promise<Read> {
  const info = await stat(file).catch(() => null);
  if (!info) return { file, refused: 'no such file' };
  if (!info.isFile()) return { file, refused: 'not a regular file' };
  if (info.size > MAX_PAGE_BYTES)
    return { file, refused: `too large (${info.size} bytes, the limit is 20 MB)` };
  const shown = relative(process.cwd(), file) || file;
  const result = readPage(shown, await readFile(file));
  if ('refused' in result) return { file: shown, refused: result.refused };
  let page = result;
  for (const next of continuations) {
    const read = await readLocal(next);
    if ('refused' in read) return { file: shown, refused: `continuation ${read.file}: ${read.refused}` };
    page = joinContinuation(page, read.page);
  }
  return { file: shown, page, from: { file } };
}

/** Files with the continuation pages of a long article (`a_2.html`, `a_3.html`) attached to its first page. */
function withContinuations(files: readonly string[]): { file: string; continuations: string[] }[] {
  const named = new Set(files);
  const continuations = new Map<string, { file: string; number: number }[]>();
  const own: string[] = [];
  for (const file of files) {
    const of = continuationOf(file);
    if (of && named.has(of.base)) {
      continuations.set(of.base, [...(continuations.get(of.base) ?? []), { file, number: of.number }]);
    } else own.push(file);
  }
  return own.map((file) => ({
    file,
    continuations: (continuations.get(file) ?? []).sort((a, b) => a.number - b.number).map((c) => c.file),
  }));
}

/** The pages to import: the files named, then the pages of a crawl. */
async function* sources(options: ImportOptions): AsyncGenerator<Read> {
  for (const { file, continuations } of withContinuations(await listFiles(options.paths))) {
    yield await readLocal(file, continuations);
  }
  if (options.crawl === undefined) return;
  for await (const fetched of crawl(options.crawl, {
    maxPages: options.maxPages,
    delayMs: options.delayMs,
  })) {
    if ('refused' in fetched) {
      yield { file: fetched.url, refused: fetched.refused, skip: true };
      continue;
    }
    const read = (page: FetchedPage) =>
      readPage(page.url, page.bytes, {
        url: page.url,
        ...(page.charset === undefined ? {} : { charset: page.charset }),
      });
    let result = read(fetched);
    if ('refused' in result) {
      yield { file: fetched.url, refused: result.refused, skip: true };
      continue;
    }
    for (const continuation of fetched.continuations) {
      const more = read(continuation);
      if (!('refused' in more)) result = joinContinuation(result, more);
    }
    const item = result.items[0];
    // Index and list pages have no date of their own: a crawl passes through them without importing them.
    if (item?.kind !== 'series' && item?.publishedAt === null) {
      yield { file: fetched.url, refused: 'not an article page (no publish date)', skip: true };
    } else yield { file: fetched.url, page: result, from: { url: fetched.url } };
  }
}

const fetcherFor = (from: AttachmentOrigin, maxBytes: number): AttachmentFetcher =>
  'file' in from ? localAttachments(from.file, maxBytes) : crawledAttachments(from.url, maxBytes);

const summaryLine = (counts: Readonly<Record<ImportStatus, number>>): string =>
  `imported ${counts.imported}, updated ${counts.updated}, skipped ${counts.skipped}, failed ${counts.failed}`;

const refusedStatus = (read: Extract<Read, { refused: string }>): ImportStatus =>
  read.skip === true ? 'skipped' : 'failed';

/**
 * `gazette import PATH... [--crawl URL --max-pages N] [--column PATH] [--publish] [--dry-run] [--format json]`:
 * exit code 1 when any page failed.
 */
export async function runImport(
  open: () => Promise<Gazette>,
  options: ImportOptions,
  out: (line: string) => void = console.log,
): Promise<number> {
  const counts: Record<ImportStatus, number> = { imported: 0, updated: 0, skipped: 0, failed: 0 };
  if (options.dryRun) {
    const pages = [];
    for await (const result of sources(options)) {
      if ('refused' in result) {
        const status = refusedStatus(result);
        counts[status] += 1;
        pages.push({ file: result.file, refused: result.refused });
        if (options.format === 'text') out(`${status.padEnd(9)} ${result.file}: ${result.refused}`);
      } else {
        counts.imported += 1;
        pages.push(result.page);
        if (options.format === 'text') {
          const item = result.page.items[0];
          const kind =
            item?.kind === 'series' ? `series of ${item.members.length}` : (item?.kind ?? 'article');
          out(`would import ${result.file}: ${kind} “${item?.title ?? ''}” ${item?.publishedAt ?? ''}`);
        }
      }
    }
    if (options.format === 'json') out(JSON.stringify(pages, null, 2));
    else {
      out(
        `dry run, nothing written: ${counts.imported} pages readable, ${counts.skipped} skipped, ${counts.failed} refused`,
      );
    }
    return counts.failed > 0 ? 1 : 0;
  }
  const gazette = await open();
  const outcomes: (PageOutcome & { readonly urls: readonly string[] })[] = [];
  try {
    const sites = await gazette.deps.store.sites.list();
    const site =
      options.site === undefined
        ? sites.length === 1
          ? sites[0]
          : undefined
        : siteNamed(sites, options.site);
    if (!site && options.site !== undefined) throw new UsageError(unknownSite('--site', options.site));
    if (!site) {
      throw new GazetteError(
        'GZ_CONFIG_INVALID',
        sites.length === 0
          ? 'the database holds no site to import into'
          : 'several sites: say which with --site ID',
      );
    }
    const column = await gazette.deps.store.columns.getByPath(site.id, options.column ?? '');
    if (!column) {
      throw new GazetteError('GZ_COLUMN_NOT_FOUND', options.column ?? '', { path: options.column ?? '' });
    }
    for await (const result of sources(options)) {
      const outcome: PageOutcome =
        'refused' in result
          ? {
              file: result.file,
              status: refusedStatus(result),
              reason: result.refused,
              articleIds: [],
              seriesId: null,
              paths: [],
            }
          : await importPage(gazette.deps, result.page, {
              siteId: site.id,
              columnId: column.id,
              publish: options.publish,
              attachments: fetcherFor(result.from, gazette.deps.media?.limits.documentBytes ?? 0),
              ...(options.slug === undefined ? {} : { slug: options.slug }),
            });
      const urls = outcome.paths.map((path) => `${site.baseUrl.replace(/\/+$/, '')}${path}`);
      counts[outcome.status] += 1;
      outcomes.push({ ...outcome, urls });
      if (options.format === 'text') {
        out(`${outcome.status.padEnd(9)} ${outcome.file}: ${outcome.reason}`);
        for (const url of urls) out(`          published ${url}`);
      }
    }
  } finally {
    await gazette.close();
  }
  if (options.format === 'json') out(JSON.stringify({ outcomes, summary: counts }, null, 2));
  else out(summaryLine(counts));
  return counts.failed > 0 ? 1 : 0;
}
