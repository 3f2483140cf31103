import type { Generated, Selectable } from 'kysely';

export interface InteractChannelsTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  name: string;
  intro: string;
  department_id: number;
  column_id: number;
  deadline_days: number;
  allow_public: number;
  /** JSON: { phone, email, address } */
  fields: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface InteractMessagesTable {
  id: Generated<number>;
  site_id: number;
  channel_id: number;
  number: string;
  code_hash: string;
  subject: string;
  body: string;
  wants_public: number;
  contact_sealed: string;
  has_email: number;
  held: number;
  held_reason: string;
  /** JSON array of { name, url, mime, size } */
  attachments: string;
  department_id: number;
  assignee_id: number | null;
  status: string;
  received_at: string;
  received_on: string;
  deadline_days: number;
  due_on: string;
  reply_text: string;
  reply_by_id: number | null;
  reply_by_name: string;
  reply_department: string;
  review_level: number;
  /** JSON array of { level, userId, name, at } */
  approvals: string;
  answered_at: string | null;
  answered_on: string | null;
  working_days_taken: number | null;
  published: number;
  invalid_kind: string | null;
  invalid_reason: string;
  rating: string | null;
  rated_at: string | null;
  contact_purged_at: string | null;
  version: number;
  updated_at: string;
}

export interface InteractEventsTable {
  id: Generated<number>;
  message_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  note: string;
}

export interface InteractSettingsTable {
  site_id: number;
  retention_days: number;
}

export interface InteractDatabase {
  interact_channels: InteractChannelsTable;
  interact_messages: InteractMessagesTable;
  interact_events: InteractEventsTable;
  interact_settings: InteractSettingsTable;
}

export type InteractChannelRow = Selectable<InteractChannelsTable>;
export type InteractMessageRow = Selectable<InteractMessagesTable>;
