import { GazetteError, type Principal } from '../core/index.js';
import { mediaUrl, parseMediaUrl } from '../media/index.js';
import type { MediaItem, MediaText } from './ports-media.js';
import type { AttachmentInput, AttachmentRef, Store } from './ports.js';
import { plainText } from './sanitize.js';

/** An article's attachments: the files of the site's media library it lists, and their text for search. */

/** Text of the files an article links or attaches (for search: the SEARCH index reads it here). */
export function attachmentTexts(store: Store, articleId: number): Promise<MediaText[]> {
  return store.media.textForArticle(articleId);
}

/** A library document as an entry of an article's attachment list (shown with its type and size). */
export function attachmentInputOf(item: MediaItem): AttachmentInput {
  return { name: item.name, url: mediaUrl(item.key, item.ext), mime: item.mime, size: item.size };
}

/**
 * The attachments an editor lists for an article, as stored rows: a file the article already has keeps its
 * record (renamed if the editor changed the name); any other must be a file of the same site's media library.
 * The system (imports) may hand over complete records. Anything else is refused: an attachment is never a
 * link to somewhere we do not hold.
 */
export async function resolveAttachments(
  store: Store,
  principal: Principal,
  siteId: number,
  items: readonly (AttachmentInput | AttachmentRef)[],
  existing: readonly AttachmentInput[],
): Promise<AttachmentInput[]> {
  if (items.length > 50) {
    throw new GazetteError('GZ_INVALID_INPUT', 'at most 50 attachments', { field: 'attachments' });
  }
  const resolved: AttachmentInput[] = [];
  for (const item of items) {
    const name = plainText(item.name).slice(0, 200);
    if ('mime' in item && principal.kind === 'system') {
      resolved.push({ name: name || item.name, url: item.url, mime: item.mime, size: item.size });
      continue;
    }
    const kept = existing.find((a) => a.url === item.url);
    if (kept) {
      resolved.push({ name: name || kept.name, url: kept.url, mime: kept.mime, size: kept.size });
      continue;
    }
    const link = parseMediaUrl(item.url);
    const media = link ? await store.media.getByKey(link.key) : undefined;
    if (!media || (media.siteId !== null && media.siteId !== siteId)) {
      throw new GazetteError('GZ_INVALID_INPUT', `not a file of this site's media library: ${item.url}`, {
        field: 'attachments',
      });
    }
    const input = attachmentInputOf(media);
    resolved.push({ ...input, name: name || input.name });
  }
  return resolved;
}
