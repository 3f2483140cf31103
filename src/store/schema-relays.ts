import type { Generated, Selectable } from 'kysely';
import type { RelayStatus } from '../app/index.js';

/** 转载 between the sites of a platform (see Relay). */
export interface ArticleRelaysTable {
  id: Generated<number>;
  source_article_id: number;
  source_site_id: number;
  target_site_id: number;
  column_id: number | null;
  note: string;
  status: RelayStatus;
  copy_article_id: number | null;
  source_digest: string;
  offered_by: string;
  offered_at: string;
  decided_by: string;
  decided_at: string | null;
  reason: string;
  synced_at: string | null;
}

export interface RelaysDatabase {
  article_relays: ArticleRelaysTable;
}

export type RelayRow = Selectable<ArticleRelaysTable>;
