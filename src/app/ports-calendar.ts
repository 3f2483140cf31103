import type { CalendarDay, CalendarDayKind } from '../core/index.js';

/** A day of the installation's own calendar table, overriding the calendar data package. */
export interface CalendarOverride extends CalendarDay {
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface CalendarRepo {
  list(): Promise<CalendarOverride[]>;
  get(date: string): Promise<CalendarOverride | undefined>;
  /** Adds the day or replaces the one with the same date. */
  put(
    day: { date: string; kind: CalendarDayKind; name: string; source: string },
    by: string,
    now: string,
  ): Promise<void>;
  remove(date: string): Promise<void>;
}

/** A group of accounts of one site that handles something together (disclosure requests, letters). */
export interface Department {
  readonly id: number;
  readonly siteId: number;
  readonly name: string;
  readonly memberIds: readonly number[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DepartmentRepo {
  listBySite(siteId: number): Promise<Department[]>;
  get(id: number): Promise<Department | undefined>;
  findByName(siteId: number, name: string): Promise<Department | undefined>;
  create(siteId: number, name: string, now: string): Promise<Department>;
  rename(id: number, name: string, now: string): Promise<void>;
  setMembers(id: number, userIds: readonly number[], now: string): Promise<void>;
  remove(id: number): Promise<void>;
  /** The departments of the site the user belongs to. */
  listForUser(siteId: number, userId: number): Promise<Department[]>;
}
