import type { Generated, Selectable, Updateable } from 'kysely';

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string;
  source: string;
  updated_by: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface DepartmentMembersTable {
  department_id: number;
  user_id: number;
}

export interface CalendarDatabase {
  calendar_days: CalendarDaysTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
}

export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;

export interface DisclosureSettingsTable {
  site_id: number;
  department_id: number | null;
  retention_days: number;
  updated_at: string;
}

export interface DisclosureRequestsTable {
  id: Generated<number>;
  site_id: number;
  number: string;
  query_code_hash: string;
  state: string;
  requester_kind: string;
  organisation_type: string | null;
  delivery: string;
  sealed: string | null;
  submitted_at: string;
  registered_on: string | null;
  received_on: string | null;
  pauses: Generated<string>;
  extension_days: Generated<number>;
  extension_reason: Generated<string>;
  extension_approver: Generated<string>;
  due_on: string | null;
  draft_revision: Generated<number>;
  reply_type: string | null;
  reply_reason: string | null;
  reply_text: Generated<string>;
  reply_attachments: Generated<string>;
  review: string | null;
  answered_at: string | null;
  closed_at: string | null;
  purge_after: string | null;
  purged_at: string | null;
  version: Generated<number>;
  updated_at: string;
}

export interface DisclosureEventsTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  actor_name: string;
  step: string;
  details: string;
}

export interface DisclosureFilesTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  mime: string;
  size: number;
  sealed: string;
  created_at: string;
}

export interface XxgkReportTextsTable {
  site_id: number;
  year: number;
  texts: string;
  updated_at: string;
}

export interface DisclosureDatabase {
  xxgk_report_texts: XxgkReportTextsTable;
  disclosure_settings: DisclosureSettingsTable;
  disclosure_requests: DisclosureRequestsTable;
  disclosure_events: DisclosureEventsTable;
  disclosure_files: DisclosureFilesTable;
}

export type DisclosureRequestRow = Selectable<DisclosureRequestsTable>;
export type DisclosureRequestUpdate = Updateable<DisclosureRequestsTable>;
