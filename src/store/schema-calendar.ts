import type { Generated, Selectable } from 'kysely';

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
