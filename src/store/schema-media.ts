import type { Generated, Selectable } from 'kysely';

/** One version of a file: the same columns in the library row and in its history. */
export interface MediaFileColumns {
  name: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  /** JSON array of { width, format } */
  variants: string;
}

/**
 * The media library: one row per uploaded item (a display name with a stable key), pointing at bytes stored
 * under their content hash. Two items may point at the same bytes; the bytes are kept once.
 */
export interface MediaTable extends MediaFileColumns {
  id: Generated<number>;
  /** null: uploaded outside any site (the system). */
  site_id: number | null;
  /** Random, stable: the public link /media/f/{key}… never changes, even when the file is replaced. */
  key: string;
  alt: string;
  /** 'image' or 'document' */
  kind: string;
  /** Extracted text (documents), for the checks and search. */
  text: string;
  /** 'ok' | 'none' | 'failed' | 'unsupported' | 'image' */
  text_status: string;
  version: number;
  uploaded_by: number | null;
  /** 'content' (public once something public uses it) or 'private' (never served under /media). */
  purpose: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** What each article's live content refers to under /media/ (`mediaRefOfPath`): whether a file is public. */
export interface MediaRefsTable {
  article_id: number;
  ref: string;
}

/** Earlier versions of replaced items: kept, never served by the item's link again. */
export interface MediaVersionsTable extends MediaFileColumns {
  id: Generated<number>;
  media_id: number;
  version: number;
  replaced_at: string;
  replaced_by: number | null;
}

export interface MediaDatabase {
  media: MediaTable;
  media_versions: MediaVersionsTable;
  media_refs: MediaRefsTable;
}

export type MediaRow = Selectable<MediaTable>;
