import type { Generated, Selectable } from 'kysely';

/** Pages brought in by `gazette import`, by fingerprint (see ImportRecord). */
export interface ImportsTable {
  id: Generated<number>;
  fingerprint: string;
  site_id: number;
  content_hash: string;
  article_id: number | null;
  series_id: number | null;
  /** JSON array of member article ids. */
  member_ids: string;
  file: string;
  imported_at: string;
  updated_at: string;
}

export interface ImportsDatabase {
  imports: ImportsTable;
}

export type ImportRow = Selectable<ImportsTable>;
