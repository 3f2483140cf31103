import type { Generated, Selectable } from 'kysely';

export interface ConsultationsTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  title: string;
  drafter: string;
  summary: string;
  body_html: string;
  /** JSON array of { mediaId, name, url, mime, size } */
  attachments: string;
  opens_on: string;
  closes_on: string;
  feedback: string;
  feedback_at: string | null;
  feedback_by_id: number | null;
  feedback_by_name: string;
  withdrawn: number;
  created_by_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ConsultationCommentsTable {
  id: Generated<number>;
  consultation_id: number;
  site_id: number;
  display_name: string;
  contact_sealed: string;
  body: string;
  flagged: number;
  flagged_reason: string;
  status: string;
  moderated_by_id: number | null;
  moderated_by_name: string;
  moderated_at: string | null;
  moderation_note: string;
  received_at: string;
  version: number;
}

export interface ConsultationSettingsTable {
  site_id: number;
  show_comments: number;
  feedback_days: number;
}

export interface ConsultationDatabase {
  consultations: ConsultationsTable;
  consultation_comments: ConsultationCommentsTable;
  consultation_settings: ConsultationSettingsTable;
}

export type ConsultationRow = Selectable<ConsultationsTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentsTable>;
