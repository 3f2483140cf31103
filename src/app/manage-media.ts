import { randomBytes } from 'node:crypto';
import { ATTACHMENT_RULES, runChecks, type Finding } from '../check/index.js';
import { GazetteError, holdsInSite, type Principal } from '../core/index.js';
import {
  blobName,
  cleanDisplayName,
  detectMediaType,
  extractText,
  hashFile,
  mediaTypeOfMime,
  mediaUrl,
  parseMediaFile,
  variantUrl,
  type MediaType,
} from '../media/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { MediaContent, MediaItem, MediaUse, MediaVisibility, StoredVersion } from './ports-media.js';
import type { Store } from './ports.js';
import { audit } from './principal.js';
import { plainText } from './sanitize.js';

/** A library item as the admin API answers it (the editor inserts `url`, `width`, `height`, `variants`). */
export interface MediaView {
  readonly id: number;
  readonly url: string;
  readonly filename: string;
  readonly mime: string;
  /** Short type label: JPEG, PDF, DOCX… */
  readonly typeLabel: string;
  readonly size: number;
  readonly width?: number;
  readonly height?: number;
  readonly variants?: readonly { readonly width: number; readonly url: string; readonly format: string }[];
  readonly sha256: string;
  readonly alt: string;
  readonly kind: 'image' | 'document';
  readonly siteId: number | null;
  readonly version: number;
  /** Whether text was extracted for the checks and search: ok, none, failed, unsupported, image. */
  readonly textStatus: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UploadResult extends MediaView {
  /** Personal data found in the file's text (it is stored all the same; publication is where it stops). */
  readonly findings: readonly Finding[];
  /** The same bytes with the same name were already in the site's library: that item is returned. */
  readonly deduplicated: boolean;
}

/** A file the server has streamed to `tempPath` (under the store's incoming directory). */
export interface IncomingFile {
  readonly tempPath: string;
  /** The name the browser sent, unchecked. */
  readonly filename: string;
}

export function mediaView(item: MediaItem): MediaView {
  const image = item.kind === 'image' && item.width !== null && item.height !== null;
  return {
    id: item.id,
    url: mediaUrl(
      item.key,
      item.ext,
      image ? { width: item.width ?? 0, height: item.height ?? 0 } : undefined,
    ),
    filename: item.name,
    mime: item.mime,
    typeLabel: mediaTypeOfMime(item.mime)?.label ?? item.ext.toUpperCase(),
    size: item.size,
    ...(image
      ? {
          width: item.width ?? 0,
          height: item.height ?? 0,
          variants: item.variants.map((v) => ({
            width: v.width,
            format: v.format,
            url: variantUrl(item.key, v.width, v.format),
          })),
        }
      : {}),
    sha256: item.sha256,
    alt: item.alt,
    kind: item.kind,
    siteId: item.siteId,
    version: item.version,
    textStatus: item.textStatus,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

function mediaDeps(deps: AppDeps): NonNullable<AppDeps['media']> {
  if (!deps.media) throw new GazetteError('GZ_MEDIA_UNAVAILABLE', 'no media store configured');
  return deps.media;
}

/**
 * Uploading to and using the library of a site: anyone who writes articles somewhere in the site (a writer
 * scoped to one column uploads the pictures of that column's articles too).
 */
async function requireSiteWriter(store: Store, principal: Principal, siteId: number | null): Promise<void> {
  if (siteId !== null && !(await store.sites.get(siteId))) {
    throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId), { field: 'siteId' });
  }
  if (principal.kind === 'system') return;
  if (siteId === null || !holdsInSite(principal, 'article.create', siteId)) {
    throw new GazetteError('GZ_FORBIDDEN', 'article.create');
  }
}

/** The site an upload belongs to: the one named, or the first where the principal writes articles. */
async function uploadSite(store: Store, principal: Principal, siteId: number | undefined): Promise<number> {
  if (siteId !== undefined) {
    await requireSiteWriter(store, principal, siteId);
    return siteId;
  }
  const sites = await store.sites.list();
  const site = sites.find((s) => holdsInSite(principal, 'article.create', s.id));
  if (!site) throw new GazetteError('GZ_FORBIDDEN', 'article.create');
  return site.id;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A checked, stored version of an upload, and the files it wrote (to take back if the transaction fails). */
interface Prepared {
  readonly type: MediaType;
  readonly content: MediaContent;
  readonly written: readonly string[];
}

/**
 * Checks an incoming file (name, real type, size, pixels) and stores what readers will get: images
 * stripped, upright and in responsive widths; documents as sent, with their text extracted. Bytes already
 * stored by an earlier upload are reused, not processed again.
 */
async function prepareFile(deps: AppDeps, incoming: IncomingFile, expectedMime?: string): Promise<Prepared> {
  const { files, limits, images } = mediaDeps(deps);
  const name = cleanDisplayName(incoming.filename);
  const type = await detectMediaType(incoming.tempPath, name);
  if (expectedMime !== undefined && type.mime !== expectedMime) {
    throw new GazetteError('GZ_MEDIA_REPLACE_MISMATCH', `${type.label} cannot replace ${expectedMime}`, {
      field: 'file',
    });
  }
  const { sha256, size } = await hashFile(incoming.tempPath);
  const limit = type.kind === 'image' ? limits.imageBytes : limits.documentBytes;
  if (size > limit) {
    throw new GazetteError('GZ_MEDIA_TOO_LARGE', `${type.label} files are at most ${megabytes(limit)}`, {
      field: 'file',
    });
  }
  const base = { name, mime: type.mime, ext: type.ext, sha256 };
  const twin = await deps.store.media.findBySha(sha256);
  if (twin && twin.mime === type.mime && (await files.has(blobName(sha256, type.ext)))) {
    const text = await deps.store.media.text(twin.id);
    return {
      type,
      written: [],
      content: {
        ...base,
        size: twin.size,
        width: twin.width,
        height: twin.height,
        variants: twin.variants,
        text,
        textStatus: twin.textStatus,
      },
    };
  }
  const written: string[] = [];
  try {
    if (type.kind === 'image') {
      const image = await images.process(incoming.tempPath, type, limits.maxPixels);
      const keep = async (file: string, bytes: Uint8Array) => {
        if (await files.write(file, bytes)) written.push(file);
      };
      await keep(blobName(sha256, type.ext), image.original);
      for (const variant of image.variants) {
        await keep(blobName(sha256, variant.format, variant.width), variant.bytes);
      }
      return {
        type,
        written,
        content: {
          ...base,
          size: image.original.byteLength,
          width: image.width,
          height: image.height,
          variants: image.variants.map((v) => ({ width: v.width, format: v.format })),
          text: '',
          textStatus: 'image',
        },
      };
    }
    const text = await extractText(incoming.tempPath, type);
    const file = blobName(sha256, type.ext);
    if (await files.adopt(incoming.tempPath, file)) written.push(file);
    return {
      type,
      written,
      content: {
        ...base,
        size,
        width: null,
        height: null,
        variants: [],
        text: text.text,
        textStatus: text.status,
      },
    };
  } catch (error) {
    await discard(deps, written);
    throw error;
  }
}

/** Removes files an upload wrote, unless another item has come to hold the same bytes meanwhile. */
async function discard(deps: AppDeps, written: readonly string[]): Promise<void> {
  const { files } = mediaDeps(deps);
  for (const file of written) {
    const sha256 = /([0-9a-f]{64})/.exec(file)?.[1];
    if (sha256 && (await deps.store.media.holdsSha(sha256))) continue;
    await files.remove(file);
  }
}

function personalDataIn(name: string, text: string): Finding[] {
  return text === '' ? [] : runChecks({ attachments: [{ name, text }] }, ATTACHMENT_RULES);
}

export interface UploadOptions {
  readonly alt?: string;
  readonly siteId?: number;
}

/**
 * Adds a file to a site's media library. The principal must be able to write articles in the site.
 * The same bytes under the same name return the existing item; the same bytes under another name make a
 * new item (its own name for downloads) pointing at the bytes already stored.
 */
export function uploadMedia(
  deps: AppDeps,
  principal: Principal,
  incoming: IncomingFile,
  options: UploadOptions = {},
): Promise<UploadResult> {
  return auditRefusal(deps, principal, 'media.upload', incoming, options.siteId ?? null, null, () =>
    storeUpload(deps, principal, incoming, options),
  );
}

/**
 * Refused uploads are audited too (等保: every important action with its result): a PHP file dressed as a
 * photo is worth a line in the log. Runs `work`, and on a refusal writes the record in its own transaction.
 */
async function auditRefusal<T>(
  deps: AppDeps,
  principal: Principal,
  action: string,
  incoming: IncomingFile,
  siteId: number | null,
  mediaId: number | null,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GazetteError && (error.kind === 'invalid' || error.kind === 'forbidden')) {
      await deps.store.transaction((store) =>
        audit(store, principal, deps.clock.now(), {
          action,
          targetType: 'media',
          targetId: mediaId === null ? '' : String(mediaId),
          siteId,
          result: error.kind === 'forbidden' ? 'denied' : 'failed',
          summary: {
            name: incoming.filename.slice(0, 200),
            code: error.code,
            detail: error.message.slice(0, 200),
          },
        }),
      );
    }
    throw error;
  }
}

async function storeUpload(
  deps: AppDeps,
  principal: Principal,
  incoming: IncomingFile,
  options: UploadOptions,
): Promise<UploadResult> {
  const siteId = await uploadSite(deps.store, principal, options.siteId);
  const prepared = await prepareFile(deps, incoming);
  const { content } = prepared;
  const findings = personalDataIn(content.name, content.text);
  try {
    return await deps.store.transaction(async (store) => {
      const now = deps.clock.now();
      const same = await store.media.findSame(siteId, content.sha256, content.name);
      const item =
        same ??
        (await store.media.create(
          {
            ...content,
            siteId,
            key: randomBytes(10).toString('hex'),
            alt: plainText(options.alt ?? '').slice(0, 500),
            kind: prepared.type.kind,
            uploadedBy: principal.kind === 'user' ? principal.user.id : null,
          },
          now,
        ));
      await audit(store, principal, now, {
        action: 'media.upload',
        targetType: 'media',
        targetId: String(item.id),
        siteId,
        result: 'ok',
        summary: {
          name: item.name,
          mime: item.mime,
          size: item.size,
          sha256: item.sha256,
          deduplicated: same !== undefined,
          findings: findings.length,
        },
      });
      return { ...mediaView(item), findings, deduplicated: same !== undefined };
    });
  } catch (error) {
    await discard(deps, prepared.written);
    throw error;
  }
}

async function itemOf(store: Store, id: number): Promise<MediaItem> {
  const item = await store.media.get(id);
  if (!item) throw new GazetteError('GZ_MEDIA_NOT_FOUND', String(id));
  return item;
}

/** Changing or deleting an item: its uploader, or someone who edits any article of the site. */
function requireOwnerOrEditor(principal: Principal, item: MediaItem): void {
  if (principal.kind === 'system') return;
  const own = item.uploadedBy === principal.user.id;
  if (item.siteId !== null && (own || holdsInSite(principal, 'article.edit-any', item.siteId))) return;
  throw new GazetteError('GZ_FORBIDDEN', 'article.edit-any');
}

/**
 * Replaces the file behind an item with a new version of the same type. The link stays the same: it names
 * the item's key, and the server looks up the current version for every request, so pages that embed or
 * link it show the new file without being edited. The earlier version is kept in the item's history.
 */
export async function replaceMedia(
  deps: AppDeps,
  principal: Principal,
  id: number,
  incoming: IncomingFile,
): Promise<MediaView> {
  const before = await itemOf(deps.store, id);
  return auditRefusal(deps, principal, 'media.replace', incoming, before.siteId, id, () =>
    storeReplacement(deps, principal, before, incoming),
  );
}

async function storeReplacement(
  deps: AppDeps,
  principal: Principal,
  before: MediaItem,
  incoming: IncomingFile,
): Promise<MediaView> {
  const id = before.id;
  await requireSiteWriter(deps.store, principal, before.siteId);
  requireOwnerOrEditor(principal, before);
  const prepared = await prepareFile(deps, incoming, before.mime);
  try {
    return await afterCommit(deps, async (store, emit) => {
      const current = await itemOf(store, id);
      const now = deps.clock.now();
      const item = await store.media.replace(
        id,
        prepared.content,
        principal.kind === 'user' ? principal.user.id : null,
        now,
      );
      await audit(store, principal, now, {
        action: 'media.replace',
        targetType: 'media',
        targetId: String(id),
        siteId: item.siteId,
        result: 'ok',
        summary: {
          from: { name: current.name, sha256: current.sha256, version: current.version },
          to: { name: item.name, sha256: item.sha256, version: item.version },
        },
      });
      // Published pages that show the file (its size in the attachment list) are drawn again.
      for (const use of await store.media.usage(item.key)) {
        if (use.current && use.status === 'published' && item.siteId !== null) {
          emit({ type: 'article-updated', siteId: item.siteId, articleId: use.articleId });
        }
      }
      return mediaView(item);
    });
  } catch (error) {
    await discard(deps, prepared.written);
    throw error;
  }
}

export interface MediaListQuery {
  readonly siteId: number;
  readonly name?: string;
  readonly kind?: 'image' | 'document';
  readonly page: number;
  readonly pageSize: number;
}

export interface MediaList {
  readonly items: readonly MediaView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The site's library, newest first, optionally filtered by part of the name. */
export async function listMedia(
  deps: AppDeps,
  principal: Principal,
  query: MediaListQuery,
): Promise<MediaList> {
  await requireSiteWriter(deps.store, principal, query.siteId);
  const filter = {
    siteId: query.siteId,
    ...(query.name ? { name: query.name } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const [items, total] = await Promise.all([
    deps.store.media.list(filter, query.pageSize, (query.page - 1) * query.pageSize),
    deps.store.media.count(filter),
  ]);
  return { items: items.map(mediaView), total, page: query.page, pageSize: query.pageSize };
}

export async function getMedia(deps: AppDeps, principal: Principal, id: number): Promise<MediaView> {
  const item = await itemOf(deps.store, id);
  await requireSiteWriter(deps.store, principal, item.siteId);
  return mediaView(item);
}

/** Where an item is used: articles (any status) whose body, cover or attachments link it, or did in a revision. */
export async function mediaUsage(deps: AppDeps, principal: Principal, id: number): Promise<MediaUse[]> {
  const item = await itemOf(deps.store, id);
  await requireSiteWriter(deps.store, principal, item.siteId);
  return deps.store.media.usage(item.key);
}

function storedFiles(version: StoredVersion): string[] {
  return [
    blobName(version.sha256, version.ext),
    ...version.variants.map((v) => blobName(version.sha256, v.format, v.width)),
  ];
}

/**
 * Deletes an item nobody uses (no article, and no revision an editor could restore). Its files go too,
 * unless another item holds the same bytes.
 */
export async function deleteMedia(deps: AppDeps, principal: Principal, id: number): Promise<void> {
  const stored = await deps.store.transaction(async (store) => {
    const item = await itemOf(store, id);
    await requireSiteWriter(store, principal, item.siteId);
    requireOwnerOrEditor(principal, item);
    const uses = await store.media.usage(item.key);
    if (uses.length > 0) {
      throw new GazetteError(
        'GZ_MEDIA_IN_USE',
        `used by article ${uses.map((u) => u.articleId).join(', ')}`,
        {
          articles: uses.map((u) => u.articleId),
        },
      );
    }
    const versions = await store.media.remove(id);
    const now = deps.clock.now();
    await audit(store, principal, now, {
      action: 'media.delete',
      targetType: 'media',
      targetId: String(id),
      siteId: item.siteId,
      result: 'ok',
      summary: { name: item.name, sha256: item.sha256, versions: versions.length },
    });
    return versions;
  });
  const { files } = mediaDeps(deps);
  for (const version of stored) {
    if (await deps.store.media.holdsSha(version.sha256)) continue;
    for (const file of storedFiles(version)) await files.remove(file);
  }
}

/** A public request for /media/f/…, resolved to the stored file of the item's current version. */
export interface ResolvedMediaFile {
  /** Relative to the media directory. */
  readonly blob: string;
  readonly mime: string;
  /** Download name (the editor's name, Chinese kept). */
  readonly filename: string;
  /** Shown in the browser (images, PDF, text) rather than saved. */
  readonly inline: boolean;
  /** Entity tag: the content hash and the rendition. */
  readonly etag: string;
}

const INLINE = new Set(['application/pdf', 'text/plain']);

/**
 * Resolves a public link. A variant link asks for a width: the nearest stored rendition at least that wide
 * (or the widest) is served, so a link written for an earlier version of a replaced image still works.
 */
export async function resolveMediaFile(
  source: { readonly store: Store },
  file: string,
): Promise<ResolvedMediaFile | null> {
  const { store } = source;
  const link = parseMediaFile(file);
  if (!link) return null;
  const item = await store.media.getByKey(link.key);
  if (!item) return null;
  const original: ResolvedMediaFile = {
    blob: blobName(item.sha256, item.ext),
    mime: item.mime,
    filename: item.name,
    inline: item.kind === 'image' || INLINE.has(item.mime),
    etag: item.sha256,
  };
  if (link.variantWidth === undefined) return link.ext === item.ext ? original : null;
  if (item.kind !== 'image') return null;
  const wanted = link.variantWidth;
  const candidates = item.variants.filter((v) => v.format === link.ext).sort((a, b) => a.width - b.width);
  const chosen = candidates.find((v) => v.width >= wanted) ?? candidates.at(-1);
  if (link.ext === item.ext && (chosen === undefined || wanted >= (item.width ?? 0))) return original;
  if (chosen === undefined) return null;
  const stem = item.name.replace(/\.[^.]+$/, '');
  return {
    blob: blobName(item.sha256, chosen.format, chosen.width),
    mime: chosen.format === 'webp' ? 'image/webp' : item.mime,
    filename: `${stem}-${chosen.width}.${chosen.format}`,
    inline: true,
    etag: `${item.sha256}-${chosen.width}-${chosen.format}`,
  };
}

/**
 * Who may have a file under /media/ (the path without the prefix): anyone, signed-in editors, or nobody
 * (a private purpose, or no such file). Names with a control character (NUL above all) name no stored file
 * and never reach the database (PostgreSQL refuses NUL in text).
 */
export async function mediaVisibility(deps: Pick<AppDeps, 'store'>, path: string): Promise<MediaVisibility> {
  if ([...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'never';
  return deps.store.media.visibility(path);
}
