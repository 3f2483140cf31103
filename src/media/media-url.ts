/**
 * Public addresses of uploaded files. Every library item has a stable key; its link names the key, never the
 * content, so replacing the file keeps every link that points at it:
 *   a document   /media/f/{key}.pdf
 *   an image     /media/f/{key}_{width}x{height}.jpg   (the size it had when inserted: width/height attributes)
 *   a variant    /media/f/{key}_{width}w.webp          (a responsive width, WebP or the original format)
 * The bytes themselves live under their content hash (see `blobName`), stored once however often uploaded.
 */

/** Responsive widths made of every image: never wider than the image itself (nothing is upscaled). */
export const RESPONSIVE_WIDTHS: readonly number[] = [480, 960, 1600];

/** The widths an image `width` pixels wide is offered in: the standard ones below it, and itself up to 1600. */
export function responsiveWidths(width: number): number[] {
  const widths = RESPONSIVE_WIDTHS.filter((w) => w < width);
  const largest = RESPONSIVE_WIDTHS.at(-1) ?? width;
  if (width <= largest) widths.push(width);
  return widths;
}

export interface MediaLink {
  readonly key: string;
  readonly ext: string;
  /** The size in the link of an image, if given. */
  readonly width?: number;
  readonly height?: number;
  /** A responsive variant's width. */
  readonly variantWidth?: number;
}

const FILE = /^([0-9a-f]{20})(?:_(\d{1,5})x(\d{1,5})|_(\d{1,5})w)?\.([a-z0-9]{2,5})$/;

/** Reads the last segment of a /media/f/ link; null when it is not one. */
export function parseMediaFile(file: string): MediaLink | null {
  const match = FILE.exec(file);
  if (!match) return null;
  const [, key = '', width, height, variant, ext = ''] = match;
  return {
    key,
    ext,
    ...(width !== undefined && height !== undefined ? { width: Number(width), height: Number(height) } : {}),
    ...(variant !== undefined ? { variantWidth: Number(variant) } : {}),
  };
}

export const MEDIA_LINK_PREFIX = '/media/f/';

/** Reads a whole /media/f/ URL (as found in an article); null for any other URL. */
export function parseMediaUrl(url: string): MediaLink | null {
  return url.startsWith(MEDIA_LINK_PREFIX) ? parseMediaFile(url.slice(MEDIA_LINK_PREFIX.length)) : null;
}

export function mediaUrl(key: string, ext: string, size?: { width: number; height: number }): string {
  return `${MEDIA_LINK_PREFIX}${key}${size ? `_${size.width}x${size.height}` : ''}.${ext}`;
}

export function variantUrl(key: string, width: number, format: string): string {
  return `${MEDIA_LINK_PREFIX}${key}_${width}w.${format}`;
}

/** Where bytes with this content hash are kept, relative to the media directory: `ab/ab12….jpg`. */
export function blobName(sha256: string, ext: string, variantWidth?: number): string {
  return `${sha256.slice(0, 2)}/${sha256}${variantWidth === undefined ? '' : `_${variantWidth}w`}.${ext}`;
}

/** Every /media/ URL an HTML fragment links or embeds (href, src, srcset). */
export function mediaUrlsIn(html: string): string[] {
  return [...new Set([...html.matchAll(/\/media\/[\w./-]+/g)].map((match) => match[0]))];
}

const BLOB = /^[0-9a-f]{2}\/([0-9a-f]{64})(?:_\d{1,5}w)?\.[a-z0-9]{1,8}$/;

/**
 * What a path under /media/ (without the prefix) refers to, for deciding whether it is public: `f/{key}` for
 * a library link (any size or variant of it), `b/{sha256}` for stored bytes (any variant), `p/{path}` for
 * any other file.
 */
export function mediaRefOfPath(path: string): string {
  if (path.startsWith('f/')) {
    const link = parseMediaFile(path.slice(2));
    return link ? `f/${link.key}` : `p/${path}`;
  }
  const blob = BLOB.exec(path);
  return blob ? `b/${blob[1] ?? ''}` : `p/${path}`;
}

/** The reference of a /media/ URL as found in content or settings (query and fragment ignored); null otherwise. */
export function mediaRef(url: string): string | null {
  if (!url.startsWith('/media/')) return null;
  const path = url.slice('/media/'.length).split(/[?#]/)[0] ?? '';
  return path === '' ? null : mediaRefOfPath(path);
}

/** Every /media/ reference of an article's content: body, cover and attachments. */
export function mediaRefsOf(bodyHtml: string, coverUrl: string, attachmentUrls: readonly string[]): string[] {
  const refs = [...mediaUrlsIn(bodyHtml), coverUrl, ...attachmentUrls].map(mediaRef);
  return [...new Set(refs.filter((ref): ref is string => ref !== null))];
}
