import type { MediaType, ProcessedImage } from '../media/index.js';

/** One responsive rendition of an image, as stored. */
export interface MediaVariant {
  readonly width: number;
  /** `webp` or the original's extension. */
  readonly format: string;
}

/** One version of a file as stored: the same in a library item and in its history. */
export interface MediaFile {
  /** The name the editor gave the file (Chinese kept); used in Content-Disposition. */
  readonly name: string;
  readonly mime: string;
  readonly ext: string;
  /** Bytes of the stored file (for images: the metadata-stripped original). */
  readonly size: number;
  /** SHA-256 of the uploaded bytes: the content address of everything stored for this version. */
  readonly sha256: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly variants: readonly MediaVariant[];
}

/** A media library item: a display name and a stable link, pointing at bytes stored under their hash. */
export interface MediaItem extends MediaFile {
  readonly id: number;
  readonly siteId: number | null;
  /** Random and stable: the public link is /media/f/{key}…, the same across replacements. */
  readonly key: string;
  readonly alt: string;
  readonly kind: 'image' | 'document';
  /** Whether text was extracted: 'ok', 'none', 'failed', 'unsupported', or 'image'. */
  readonly textStatus: string;
  readonly version: number;
  readonly uploadedBy: number | null;
  readonly purpose: MediaPurpose;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The files one version of an item left in storage. */
export interface StoredVersion {
  readonly sha256: string;
  readonly ext: string;
  readonly variants: readonly MediaVariant[];
}

/** What a new version of an item consists of (an upload, or a replacement). */
export interface MediaContent extends MediaFile {
  readonly text: string;
  readonly textStatus: string;
}

/**
 * What a file is for: 'content' (articles, pages, site settings) is served under /media once something public
 * uses it; 'private' (what citizens send with messages and requests, private replies) never is.
 */
export type MediaPurpose = 'content' | 'private';

/** Whether a path under /media/ may be served: to anyone, to signed-in editors only, or never. */
export type MediaVisibility = 'public' | 'editors' | 'never';

export interface NewMediaItem extends MediaContent {
  readonly siteId: number | null;
  readonly key: string;
  readonly alt: string;
  readonly kind: 'image' | 'document';
  readonly uploadedBy: number | null;
  /** 'content' unless given. */
  readonly purpose?: MediaPurpose;
}

export interface MediaFilter {
  readonly siteId: number;
  /** Part of the display name. */
  readonly name?: string;
  readonly kind?: 'image' | 'document';
}

/** An article that links or embeds a media item (in its body, as cover, or as an attachment). */
export interface MediaUse {
  readonly articleId: number;
  readonly title: string;
  readonly status: string;
  readonly path: string | null;
  /** false: only an earlier revision uses it (restoring that revision would bring the link back). */
  readonly current: boolean;
}

/** Text extracted from a file an article links: what the checks and search read of its attachments. */
export interface MediaText {
  readonly mediaId: number;
  readonly name: string;
  readonly url: string;
  readonly text: string;
}

export interface MediaRepo {
  create(item: NewMediaItem, now: string): Promise<MediaItem>;
  get(id: number): Promise<MediaItem | undefined>;
  getByKey(key: string): Promise<MediaItem | undefined>;
  /** An item of the site with these bytes and this name: uploading it again returns it instead of a copy. */
  findSame(siteId: number | null, sha256: string, name: string): Promise<MediaItem | undefined>;
  /** Any item whose current version has these bytes (to reuse its processing). */
  findBySha(sha256: string): Promise<MediaItem | undefined>;
  /** The stored text of an item's current version. */
  text(id: number): Promise<string>;
  list(filter: MediaFilter, limit: number, offset: number): Promise<MediaItem[]>;
  count(filter: MediaFilter): Promise<number>;
  /** Keeps the current version in the history and makes `content` the current one (same key). */
  replace(id: number, content: MediaContent, replacedBy: number | null, now: string): Promise<MediaItem>;
  /** Removes an item and its history (only ever called for unused items); returns what each version stored. */
  remove(id: number): Promise<StoredVersion[]>;
  /** Whether any item or earlier version still holds these bytes. */
  holdsSha(sha256: string): Promise<boolean>;
  /** Articles (any status) whose body, cover or attachments refer to the item's link. */
  usage(key: string): Promise<MediaUse[]>;
  /** Text of every library file the article links, embeds or attaches (for the checks and for search). */
  textForArticle(articleId: number): Promise<MediaText[]>;
  /**
   * Who may see a path under /media/ (without the prefix): anyone once a published article or the site
   * settings use the file, signed-in editors before that, nobody for a file of a private purpose.
   */
  visibility(path: string): Promise<MediaVisibility>;
  /** Every `mediaRefOfPath` reference that is public now (for copying only those files into a static build). */
  publicRefs(): Promise<Set<string>>;
}

/** Upload limits (from Config). */
/**
 * Turns an uploaded image into what readers get: upright, stripped of metadata, in its own format and in the
 * responsive widths (src/media/process-image.ts, with sharp; the composition root hands it over, so the use
 * cases never load an image library themselves).
 */
export interface ImageProcessor {
  /** Refuses a broken image (GZ_MEDIA_IMAGE_BROKEN) or one over `maxPixels` (GZ_MEDIA_IMAGE_TOO_LARGE). */
  process(path: string, type: MediaType, maxPixels: number): Promise<ProcessedImage>;
}

export interface MediaLimits {
  readonly imageBytes: number;
  readonly documentBytes: number;
  /** Largest image, in pixels (width × height × frames): a decompression bomb is refused before decoding. */
  readonly maxPixels: number;
}
