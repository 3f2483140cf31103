import type { Generated, Selectable } from 'kysely';
import type { ArticleContentColumns } from './schema.js';

/**
 * The audit trail. Rows are only ever inserted: no repository method updates or deletes one. Anyone with
 * direct database access still can; `audit verify` is what tells.
 */
export interface AuditLogTable {
  /** Assigned by the chain head (last id + 1), not by a sequence, so that it is part of the hashed content. */
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  site_id: number | null;
  ip: string;
  result: string;
  /** Canonical JSON of the before/after summary. */
  summary: string;
  prev_hash: string;
  hash: string;
}

/**
 * One row (id 1): the id and hash of the last record appended. Every append updates it first, which
 * serialises appends on both dialects, and verify compares it with the chain's end to notice records
 * deleted from, or forged onto, the end of the log.
 */
export interface AuditChainHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

/** Every saved state of an article's content. */
export interface ArticleRevisionsTable extends ArticleContentColumns {
  id: Generated<number>;
  article_id: number;
  /** The article's version after the save that this revision records. */
  version: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  /** JSON array of strings. */
  tags: string;
  note: string;
}

export interface AuditDatabase {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  article_revisions: ArticleRevisionsTable;
  urgent_corrections: UrgentCorrectionsTable;
}

/** 紧急更正: corrections put online before review, until someone reviews them afterwards. */
export interface UrgentCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  site_id: number;
  /** The revision that went online. */
  revision_id: number;
  user_id: number | null;
  actor_name: string;
  reason: string;
  at: string;
  reviewed_by: number | null;
  reviewed_by_name: string;
  reviewed_at: string | null;
  note: string;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>;
export type UrgentCorrectionRow = Selectable<UrgentCorrectionsTable>;
