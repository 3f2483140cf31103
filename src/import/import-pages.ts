import { createHash } from 'node:crypto';
import {
  afterCommit,
  createArticle,
  createSeries,
  escapeHtml,
  publishArticle,
  publishSeries,
  systemPrincipal,
  updateArticle,
  type AppDeps,
  type ArticleDraft,
  type AttachmentInput,
} from '../app/index.js';
import { GazetteError, seriesPath } from '../core/index.js';
import type { ImportedBlock, ImportedItem, ImportedPage } from './model.js';
import { importAttachments, type AttachmentFetcher } from './attachments.js';
import { isDocumentRelative, segmentRenderer } from './links.js';
import { parsePage, PAGE_EXTENSIONS, refusal } from './parse-page.js';
import { importPolicyFields } from './policy-fields.js';
import { seriesSlugOf, withSuffix } from './series-slug.js';

/** Imports are done by the system and audited as `system:import`; only the system may back-date. */
const IMPORT = systemPrincipal('import');

export interface ImportTarget {
  readonly siteId: number;
  readonly columnId: number;
  /** Publish with the page's original time instead of leaving drafts. */
  readonly publish: boolean;
  /** Where the pages' attachments are read from; without it, attachments are not brought in. */
  readonly attachments?: AttachmentFetcher;
  /** The URL name of the series a page makes, instead of its title's pinyin. */
  readonly slug?: string;
}

export type ImportStatus = 'imported' | 'updated' | 'skipped' | 'failed';

export interface PageOutcome {
  readonly file: string;
  readonly status: ImportStatus;
  /** One line: why it failed or was skipped, or what was created. */
  readonly reason: string;
  readonly articleIds: readonly number[];
  readonly seriesId: number | null;
  /** Site paths of what this import published (the articles, then the series); empty for drafts. */
  readonly paths: readonly string[];
}

/**
 * Where a link of an imported body points on the new site, or null to keep only its text: an attachment
 * brought into the media library points at the library's copy; a link relative to the old page's folder
 * (the page came from a file without its address) has nowhere to point.
 */
export type HrefMapper = (href: string) => string | null;

export const keepLinks: HrefMapper = (href) => (isDocumentRelative(href) ? null : href);

/** Links to attachments the library now holds point there; the rest as `keepLinks`. */
export const mediaLinks =
  (media: ReadonlyMap<string, string>): HrefMapper =>
  (href) =>
    media.get(href) ?? keepLinks(href);

/** Body HTML of imported blocks, with their links; the sanitiser in the use cases still has the last word. */
export function blocksToHtml(blocks: readonly ImportedBlock[], hrefFor: HrefMapper = keepLinks): string {
  return blocks
    .map((block) => {
      // One renderer per block: its links are found in order across the block's items or cells.
      const linked = segmentRenderer(block.links ?? [], hrefFor);
      switch (block.type) {
        case 'heading':
          return `<h2>${linked(block.text)}</h2>`;
        case 'paragraph':
          return `<p>${linked(block.text)}</p>`;
        case 'list':
          return `<ul>${block.text
            .split('\n')
            .map((item) => `<li>${linked(item)}</li>`)
            .join('')}</ul>`;
        case 'table':
          return `<table><tbody>${block.text
            .split('\n')
            .map(
              (row) =>
                `<tr>${row
                  .split(' | ')
                  .map((cell) => `<td>${linked(cell)}</td>`)
                  .join('')}</tr>`,
            )
            .join('')}</tbody></table>`;
        case 'image': {
          const img = `<img src="${escapeHtml(block.src ?? '')}" alt="${escapeHtml(block.alt ?? '')}">`;
          return block.text && block.text !== block.alt
            ? `<figure>${img}<figcaption>${linked(block.text)}</figcaption></figure>`
            : `<figure>${img}</figure>`;
        }
      }
    })
    .join('\n');
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A page's identity: its original URL when known, else its site, kind, title and date. */
export function fingerprintOf(page: ImportedPage, item: ImportedItem, index: number, siteId: number): string {
  const suffix = page.items.length > 1 ? `#${index}` : '';
  if (page.url !== '') return `url:${page.url}${suffix}`;
  return `page:${sha256(JSON.stringify([siteId, item.kind, item.title, item.publishedAt]))}${suffix}`;
}

/**
 * A member of a series is a piece the page reprints under the title it was first published with: that title is
 * its 原标题 too.
 */
function draftOf(item: ImportedItem, columnId: number, hrefFor: HrefMapper, member = false): ArticleDraft {
  return {
    columnId,
    title: item.title,
    ...(member ? { originalTitle: item.title } : {}),
    kicker: item.kicker,
    subtitle: item.subtitle,
    bodyHtml: blocksToHtml(item.blocks, hrefFor),
    source: item.source,
    author: item.author,
    editor: item.editor,
  };
}

/** An imported page's attachments in the media library: the files of each item, the library's address of each link. */
interface ImportedPageFiles {
  readonly byItem: ReadonlyMap<ImportedItem, readonly AttachmentInput[]>;
  readonly mediaUrls: ReadonlyMap<string, string>;
}

/**
 * On re-import the files are already the article's (they are not brought in again): the page's attachment
 * links find them by the name the first import gave them.
 */
function knownMediaUrls(
  item: ImportedItem,
  files: readonly { readonly name: string; readonly url: string }[],
): Map<string, string> {
  const byName = new Map(files.map((file) => [file.name, file.url]));
  const urls = new Map<string, string>();
  for (const attachment of item.attachments) {
    const url = byName.get(attachment.name);
    if (url !== undefined) urls.set(attachment.url, url);
  }
  return urls;
}

/** The page's time as a UTC instant, for back-dated publishing; undefined publishes now. */
const instantOf = (item: ImportedItem): string | undefined =>
  item.publishedAt === null ? undefined : new Date(item.publishedAt).toISOString();

/** Why a parsed page cannot be imported, or null. */
function unusable(page: ImportedPage): string | null {
  const item = page.items[0];
  if (!item) return 'nothing to import';
  if (item.title === '') return 'malformed: no headline found';
  if (item.kind !== 'series' && item.blocks.length === 0) return 'malformed: no article body found';
  return null;
}

async function importItem(
  deps: AppDeps,
  page: ImportedPage,
  item: ImportedItem,
  index: number,
  target: ImportTarget,
  files: ImportedPageFiles = { byItem: new Map(), mediaUrls: new Map() },
): Promise<Omit<PageOutcome, 'file'>> {
  const fingerprint = fingerprintOf(page, item, index, target.siteId);
  const contentHash = sha256(JSON.stringify(item));
  return afterCommit(deps, async (store, emit) => {
    // The use cases join this transaction: the whole page lands, or none of it.
    const inner: AppDeps = { ...deps, store, events: { emit } };
    const known = await store.imports.getByFingerprint(fingerprint);
    if (known && known.contentHash === contentHash) {
      return {
        status: 'skipped',
        reason: 'already imported, unchanged',
        articleIds: known.articleId === null ? known.memberIds : [known.articleId],
        seriesId: known.seriesId,
        paths: [],
      };
    }
    if (known) {
      const pairs: [number, ImportedItem][] =
        known.articleId !== null
          ? [[known.articleId, item]]
          : known.memberIds.flatMap((id, i) =>
              item.members[i] ? [[id, item.members[i]] as [number, ImportedItem]] : [],
            );
      for (const [id, content] of pairs) {
        const current = await store.articles.get(id);
        if (!current) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id));
        const hrefFor = mediaLinks(knownMediaUrls(content, current.attachments));
        const draft = draftOf(content, current.columnId, hrefFor, known.articleId === null);
        await updateArticle(inner, IMPORT, id, current.version, draft, { note: '重新导入' });
      }
      await store.imports.save({ ...known, contentHash, file: page.file }, deps.clock.now());
      return {
        status: 'updated',
        reason:
          item.kind === 'series' && item.members.length !== known.memberIds.length
            ? `updated ${pairs.length} members; the page now has ${item.members.length}`
            : 'content changed since the last import',
        articleIds: pairs.map(([id]) => id),
        seriesId: known.seriesId,
        paths: [],
      };
    }
    const at = instantOf(item);
    const paths: string[] = [];
    const create = async (content: ImportedItem, member = false): Promise<number> => {
      const article = await createArticle(
        inner,
        IMPORT,
        target.siteId,
        draftOf(content, target.columnId, mediaLinks(files.mediaUrls), member),
        files.byItem.get(content) ?? [],
      );
      if (content.policy) await importPolicyFields(inner, IMPORT, article.id, content.policy);
      const when = instantOf(content);
      // The page's own time, with how much of it the page gave: a date-only page is never shown at "00:00".
      if (content.publishedAt !== null)
        await store.articles.setPublishedPrecision(article.id, content.datePrecision);
      if (target.publish) {
        const published = await publishArticle(inner, IMPORT, article.id, {
          ...(when === undefined ? {} : { at: when }),
          reason: '导入：原发布时间',
        });
        if (published.path !== null) paths.push(published.path);
      }
      return article.id;
    };
    if (item.kind !== 'series') {
      const id = await create(item);
      await store.imports.save(
        {
          fingerprint,
          siteId: target.siteId,
          contentHash,
          articleId: id,
          seriesId: null,
          memberIds: [],
          file: page.file,
        },
        deps.clock.now(),
      );
      return { status: 'imported', reason: `article ${id}`, articleIds: [id], seriesId: null, paths };
    }
    const memberIds: number[] = [];
    for (const member of item.members) memberIds.push(await create(member, true));
    const slug = target.slug ?? (await freeSeriesSlug(inner, target.siteId, seriesSlugOf(item.title)));
    const series = await createSeries(inner, IMPORT, {
      siteId: target.siteId,
      columnId: target.columnId,
      slug,
      title: item.title,
      label: item.label || '合集',
      leadHtml: blocksToHtml(item.blocks, mediaLinks(files.mediaUrls)),
      source: item.source,
      editor: item.editor,
      memberIds,
    });
    if (item.publishedAt !== null) await store.series.setPublishedPrecision(series.id, item.datePrecision);
    if (target.publish) {
      await publishSeries(inner, IMPORT, series.id, at);
      paths.push(seriesPath(series.slug));
    }
    await store.imports.save(
      {
        fingerprint,
        siteId: target.siteId,
        contentHash,
        articleId: null,
        seriesId: series.id,
        memberIds,
        file: page.file,
      },
      deps.clock.now(),
    );
    return {
      status: 'imported',
      reason: `series ${series.id} with ${memberIds.length} articles`,
      articleIds: memberIds,
      seriesId: series.id,
      paths,
    };
  });
}

/** `slug`, or `slug-2`, `slug-3`… whichever the site's series do not use yet. */
async function freeSeriesSlug(deps: AppDeps, siteId: number, slug: string): Promise<string> {
  let candidate = slug;
  for (let n = 2; await deps.store.series.getBySlug(siteId, candidate); n++) candidate = withSuffix(slug, n);
  return candidate;
}

const oneLine = (error: unknown): string =>
  (error instanceof GazetteError
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error)
  ).split('\n')[0] ?? 'failed';

export const isPageFile = (file: string): boolean =>
  PAGE_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension));

/**
 * Parses a file's bytes into the import shape, or says in one line why it cannot be: not a page, binary, empty,
 * too large, or without a headline or body.
 */
export function readPage(
  file: string,
  bytes: Uint8Array,
  options: { readonly url?: string; readonly charset?: string } = {},
): ImportedPage | { readonly refused: string } {
  if (options.url === undefined && !isPageFile(file)) {
    return { refused: `not a page (${PAGE_EXTENSIONS.join(', ')})` };
  }
  const refused = refusal(bytes);
  if (refused !== null) return { refused };
  const page = parsePage(file, bytes, options);
  const problem = unusable(page);
  return problem === null ? page : { refused: problem };
}

/**
 * The attachments of a page not imported before (a re-import keeps the files the articles already have), brought
 * into the media library: for an article its own, for a series each member's.
 */
async function attachmentsOf(
  deps: AppDeps,
  page: ImportedPage,
  item: ImportedItem,
  index: number,
  target: ImportTarget,
): Promise<ImportedPageFiles & { problems: string[] }> {
  const byItem = new Map<ImportedItem, readonly AttachmentInput[]>();
  const mediaUrls = new Map<string, string>();
  const problems: string[] = [];
  const fetcher = target.attachments;
  if (!fetcher) return { byItem, mediaUrls, problems };
  if (await deps.store.imports.getByFingerprint(fingerprintOf(page, item, index, target.siteId))) {
    return { byItem, mediaUrls, problems };
  }
  for (const content of item.kind === 'series' ? item.members : [item]) {
    const files = await importAttachments(deps, IMPORT, target.siteId, content.attachments, fetcher);
    byItem.set(content, files.inputs);
    for (const [url, media] of files.mediaUrls) mediaUrls.set(url, media);
    problems.push(...files.problems);
  }
  return { byItem, mediaUrls, problems };
}

/** Imports one parsed page in one transaction; a failure is reported as a value, never thrown. */
export async function importPage(
  deps: AppDeps,
  page: ImportedPage,
  target: ImportTarget,
): Promise<PageOutcome> {
  try {
    const outcomes = [];
    const problems: string[] = [];
    for (const [index, item] of page.items.entries()) {
      const files = await attachmentsOf(deps, page, item, index, target);
      problems.push(...files.problems);
      outcomes.push(await importItem(deps, page, item, index, target, files));
    }
    const first = outcomes[0];
    return {
      file: page.file,
      status: first?.status ?? 'skipped',
      reason: [...outcomes.map((o) => o.reason), ...problems].join('; '),
      articleIds: outcomes.flatMap((o) => o.articleIds),
      seriesId: first?.seriesId ?? null,
      paths: outcomes.flatMap((o) => o.paths),
    };
  } catch (error) {
    return {
      file: page.file,
      status: 'failed',
      reason: oneLine(error),
      articleIds: [],
      seriesId: null,
      paths: [],
    };
  }
}

/** `news_2.html` continues `news.html`: the same article split over several pages by the old CMS. */
const CONTINUATION = /^(.*)_(\d+)(\.(?:s?html?))$/i;

/** The page a continuation file belongs to and its number, or null for a page of its own. */
export function continuationOf(file: string): { readonly base: string; readonly number: number } | null {
  const match = CONTINUATION.exec(file);
  if (!match) return null;
  return { base: `${match[1] ?? ''}${match[3] ?? ''}`, number: Number(match[2]) };
}

/** Appends the body of a continuation page to the page it continues (to the last member of a series). */
export function joinContinuation(page: ImportedPage, next: ImportedPage): ImportedPage {
  const [first, ...others] = page.items;
  const more = next.items[0]?.blocks ?? [];
  if (!first) return page;
  const lastMember = first.members[first.members.length - 1];
  const joined: ImportedItem =
    first.kind === 'series' && lastMember
      ? {
          ...first,
          members: [
            ...first.members.slice(0, -1),
            { ...lastMember, blocks: [...lastMember.blocks, ...more] },
          ],
        }
      : { ...first, blocks: [...first.blocks, ...more] };
  return {
    ...page,
    items: [joined, ...others],
    warnings: [...page.warnings, `joined the continuation page ${next.file}`],
  };
}
