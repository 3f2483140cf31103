import { createWriteStream } from 'node:fs';
import { copyFile, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { attachmentInputOf, uploadMedia, type AppDeps, type AttachmentInput } from '../app/index.js';
import type { Principal } from '../core/index.js';
import type { ImportedAttachment } from './model.js';

/**
 * Where an imported page's attachments come from: files beside the page on disk (an export of the old site), or
 * the old site itself while crawling. Gives the path of a local copy of the bytes, or why there is none.
 */
export type AttachmentFetcher = (
  attachment: ImportedAttachment,
  into: string,
) => Promise<{ readonly ok: true } | { readonly refused: string }>;

/** How far up from a page's folder a site-root link (`/zcwj/…/a.pdf`) is looked for: the export's root. */
const MAX_LEVELS_UP = 8;

const pathOfLink = (url: string): string | null => {
  if (/^https?:\/\//i.test(url)) {
    try {
      return decodeURIComponent(new URL(url).pathname);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
  try {
    return decodeURIComponent(url.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
};

/**
 * Attachments of a page exported to disk: a relative link is read beside the page; a site-root link
 * (`/zcwj/202312/P0201.pdf`) is looked for under each folder above the page, since the export's root is where
 * the old site's root was. Nothing outside those folders is read.
 */
export function localAttachments(pageFile: string, maxBytes: number): AttachmentFetcher {
  const pageDir = dirname(resolve(pageFile));
  return async (attachment, into) => {
    const path = pathOfLink(attachment.url);
    if (path === null || path === '' || path.includes('\0')) return { refused: 'not a file link' };
    const candidates: string[] = [];
    if (path.startsWith('/')) {
      let dir = pageDir;
      for (let level = 0; level <= MAX_LEVELS_UP; level++) {
        candidates.push(join(dir, path));
        const up = dirname(dir);
        if (up === dir) break;
        dir = up;
      }
    } else {
      const beside = resolve(pageDir, path);
      // `../../etc/passwd` from a hostile page stays refused: only the page's own folder tree.
      if (beside.startsWith(pageDir)) candidates.push(beside);
    }
    for (const candidate of candidates) {
      const info = await stat(candidate).catch(() => null);
      if (!info?.isFile()) continue;
      if (info.size > maxBytes) return { refused: `too large (${info.size} bytes)` };
      await copyFile(candidate, into);
      return { ok: true };
    }
    return { refused: 'file not found beside the page' };
  };
}

/** Attachments fetched from the crawled site (same origin only), with a size cap and a timeout. */
export function crawledAttachments(
  startUrl: string,
  maxBytes: number,
  get: typeof fetch = fetch,
): AttachmentFetcher {
  const origin = new URL(startUrl).origin;
  return async (attachment, into) => {
    let url: URL;
    try {
      url = new URL(attachment.url, startUrl);
    } catch {
      return { refused: 'not a file link' };
    }
    if (url.origin !== origin) return { refused: `on another site (${url.host}), left as it is` };
    try {
      const response = await get(url, {
        headers: { 'user-agent': 'Gazette-Import/1' },
        signal: AbortSignal.timeout(60_000),
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return { refused: `HTTP ${response.status}` };
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > maxBytes) {
        await response.body.cancel();
        return { refused: `too large (${declared} bytes)` };
      }
      let seen = 0;
      const capped = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>).map((chunk: Buffer) => {
        seen += chunk.length;
        if (seen > maxBytes) throw new Error(`too large (over ${maxBytes} bytes)`);
        return chunk;
      });
      await pipeline(capped, createWriteStream(into));
      return { ok: true };
    } catch (error) {
      return { refused: (error as Error).message.split('\n')[0] ?? 'fetch failed' };
    }
  };
}

/** A download name with the file's extension: link texts often leave it out (“附件1：申报表”). */
export function attachmentFileName(attachment: ImportedAttachment): string {
  const path = pathOfLink(attachment.url) ?? '';
  const extension = extname(path).toLowerCase();
  const name = attachment.name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  const base = name === '' ? 'attachment' : name;
  return extension !== '' && !base.toLowerCase().endsWith(extension) ? `${base}${extension}` : base;
}

export interface ImportedFiles {
  readonly inputs: readonly AttachmentInput[];
  /** The library's address of each attachment brought in, by its address on the old page. */
  readonly mediaUrls: ReadonlyMap<string, string>;
  /** One line per attachment that could not be brought in. */
  readonly problems: readonly string[];
}

/**
 * Brings a page's attachments into the site's media library through the same use case as an upload (type from
 * the bytes, size limits, text extraction, personal-data findings, one copy of the same bytes), each in its own
 * transaction before the page's. An attachment that cannot be brought in is reported, not fatal: the article
 * is still imported. Files of a page that then fails stay in the library unused (listed there, deletable).
 */
export async function importAttachments(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  attachments: readonly ImportedAttachment[],
  fetcher: AttachmentFetcher,
): Promise<ImportedFiles> {
  const media = deps.media;
  const mediaUrls = new Map<string, string>();
  if (!media || attachments.length === 0) return { inputs: [], mediaUrls, problems: [] };
  const inputs: AttachmentInput[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const attachment of attachments) {
    if (seen.has(attachment.url)) continue;
    seen.add(attachment.url);
    const tempPath = media.files.incomingPath();
    try {
      const fetched = await fetcher(attachment, tempPath);
      if ('refused' in fetched) {
        problems.push(`attachment ${attachment.name}: ${fetched.refused}`);
        continue;
      }
      const uploaded = await uploadMedia(
        deps,
        principal,
        { tempPath, filename: attachmentFileName(attachment) },
        { siteId },
      );
      const item = await deps.store.media.get(uploaded.id);
      if (item) {
        const input = attachmentInputOf(item);
        inputs.push({ ...input, name: attachment.name || item.name });
        mediaUrls.set(attachment.url, input.url);
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      problems.push(`attachment ${attachment.name}: ${code ? `${code} ` : ''}${(error as Error).message}`);
    } finally {
      await rm(tempPath, { force: true });
    }
  }
  return { inputs, mediaUrls, problems };
}
