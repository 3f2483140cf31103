import { createRequire } from 'node:module';
import {
  computeDeadline,
  formatDate,
  GazetteError,
  isIsoDate,
  makeCalendar,
  holdsInSite,
  type CalendarDay,
  type CalendarDayKind,
  type Deadline,
  type Principal,
  type WorkCalendar,
} from '../core/index.js';
import type { AppDeps } from './deps.js';
import type { CalendarOverride } from './ports-calendar.js';
import type { Store } from './ports.js';
import { audit, principalName } from './principal.js';
import { plainText } from './sanitize.js';

/**
 * China's official calendar as Gazette uses it: the days of the `chinese-days` data package (the State
 * Council's yearly holiday notices, 2004 to the last year the package knows), with the installation's own days
 * over them (a holiday announced after the package was released, a local day). Every deadline in working days
 * is computed on it.
 */

interface PackageData {
  readonly holidays: Record<string, string>;
  readonly workdays: Record<string, string>;
}

let packageCache: { days: CalendarDay[]; years: number[] } | undefined;

/** The package's value is "English name,中文名,days"; the Chinese name is what people read. */
const chineseName = (value: string): string => value.split(',')[1] ?? value;

/** The days of the calendar data package and the years it covers. */
export function packageCalendar(): {
  readonly days: readonly CalendarDay[];
  readonly years: readonly number[];
} {
  if (!packageCache) {
    const require = createRequire(import.meta.url);
    const data = require('chinese-days/dist/chinese-days.json') as PackageData;
    const days: CalendarDay[] = [];
    for (const [date, value] of Object.entries(data.holidays)) {
      days.push({ date, kind: 'holiday', name: chineseName(value), source: 'package' });
    }
    for (const [date, value] of Object.entries(data.workdays)) {
      days.push({ date, kind: 'workday', name: `${chineseName(value)}调休`, source: 'package' });
    }
    days.sort((a, b) => a.date.localeCompare(b.date));
    const years = [...new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))].sort();
    packageCache = { days, years };
  }
  return packageCache;
}

/**
 * The calendar from the package and a set of overrides. A year with at least one override holiday counts as
 * known: the office that enters a year's holidays enters all of them.
 */
export function calendarFrom(overrides: readonly CalendarDay[]): WorkCalendar {
  const base = packageCalendar();
  const overrideYears = overrides.filter((d) => d.kind === 'holiday').map((d) => Number(d.date.slice(0, 4)));
  return makeCalendar([...base.days, ...overrides], [...base.years, ...overrideYears]);
}

/** The last calendar built, with the overrides it was built from (as JSON): the same overrides reuse it. */
let lastCalendar: { readonly overrides: string; readonly calendar: WorkCalendar } | undefined;

/**
 * The installation's calendar as it stands in the database. The overrides are read every time (another
 * process may have changed them); the calendar (some 2,000 package days checked and indexed) is rebuilt only
 * when they differ from the last ones.
 */
export async function loadCalendar(store: Store): Promise<WorkCalendar> {
  const overrides = await store.calendar.list();
  const key = JSON.stringify(overrides);
  if (lastCalendar?.overrides !== key) lastCalendar = { overrides: key, calendar: calendarFrom(overrides) };
  return lastCalendar.calendar;
}

/** What a module reports after recomputing its open deadlines on a changed calendar. */
export interface RecomputeResult {
  /** Open deadlines looked at. */
  readonly recomputed: number;
  /** Those whose due date moved. */
  readonly changed: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

/**
 * A module with deadlines in working days (disclosure requests, letters) registers one recomputer: on a calendar
 * change it is called inside the change's transaction with the new calendar, updates its open deadlines and
 * writes its own audit record.
 */
export type CalendarRecomputer = (
  store: Store,
  calendar: WorkCalendar,
  context: { readonly principal: Principal; readonly now: string; readonly reason: string },
) => Promise<RecomputeResult>;

const recomputers = new Map<string, CalendarRecomputer>();

/** Registers (or replaces) the recomputer of `module`. */
export function onCalendarChange(module: string, recompute: CalendarRecomputer): void {
  recomputers.set(module, recompute);
}

/** Who may edit the installation's calendar: anyone who manages a site's settings, and the system. */
function requireCalendarEditor(principal: Principal): void {
  if (principal.kind === 'system') return;
  const allowed = principal.user.grants.some(
    (g) => g.siteId !== null && holdsInSite(principal, 'site.settings', g.siteId),
  );
  if (!allowed) throw new GazetteError('GZ_FORBIDDEN', 'site.settings');
}

export interface CalendarView {
  /** The years the package covers. */
  readonly packageYears: { readonly from: number; readonly to: number };
  readonly packageVersion: string;
  readonly overrides: readonly CalendarOverride[];
  /** The official days of one year, package and overrides merged, for the admin page. */
  readonly year: number;
  readonly days: readonly CalendarDay[];
  /** False when the year is beyond the package and has no override holidays: weekends only are counted. */
  readonly yearKnown: boolean;
}

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('chinese-days/package.json') as { version: string }).version;
}

/** The calendar for the admin page: what the package says for `year`, and the installation's overrides. */
export async function readCalendar(deps: AppDeps, principal: Principal, year: number): Promise<CalendarView> {
  requireCalendarEditor(principal);
  const overrides = await deps.store.calendar.list();
  const calendar = calendarFrom(overrides);
  const base = packageCalendar();
  const prefix = `${year}-`;
  return {
    packageYears: { from: base.years[0] ?? 0, to: base.years[base.years.length - 1] ?? 0 },
    packageVersion: packageVersion(),
    overrides,
    year,
    days: [...calendar.days.values()].filter((d) => d.date.startsWith(prefix)),
    yearKnown: calendar.knownYears.has(year),
  };
}

export interface CalendarDayCommand {
  readonly date: string;
  readonly kind: CalendarDayKind;
  readonly name: string;
  /** The notice the day comes from (e.g. 国办发明电〔2026〕5号) or why it is local. */
  readonly source: string;
}

function cleanDay(command: CalendarDayCommand): CalendarDayCommand {
  if (!isIsoDate(command.date)) {
    throw new GazetteError('GZ_INVALID_INPUT', '日期格式应为 YYYY-MM-DD', { field: 'date' });
  }
  if (command.kind !== 'holiday' && command.kind !== 'workday') {
    throw new GazetteError('GZ_INVALID_INPUT', 'kind must be holiday or workday', { field: 'kind' });
  }
  const name = plainText(command.name).trim();
  if (name === '' || [...name].length > 40) {
    throw new GazetteError('GZ_INVALID_INPUT', '名称应为1至40个字', { field: 'name' });
  }
  const source = plainText(command.source).trim();
  if ([...source].length > 200) {
    throw new GazetteError('GZ_INVALID_INPUT', '依据不超过200个字', { field: 'source' });
  }
  return { date: command.date, kind: command.kind, name, source };
}

export interface CalendarChangeResult {
  readonly modules: Readonly<Record<string, RecomputeResult>>;
}

/** Runs every registered recomputer on the new calendar; their results go into the change's audit record. */
async function recomputeAll(
  store: Store,
  principal: Principal,
  now: string,
  reason: string,
): Promise<Record<string, RecomputeResult>> {
  const calendar = await loadCalendar(store);
  const results: Record<string, RecomputeResult> = {};
  for (const [module, recompute] of recomputers) {
    results[module] = await recompute(store, calendar, { principal, now, reason });
  }
  return results;
}

const summaryOf = (results: Record<string, RecomputeResult>) =>
  Object.fromEntries(
    Object.entries(results).map(([module, r]) => [
      module,
      { recomputed: r.recomputed, changed: r.changed.length },
    ]),
  );

/** Adds or replaces a day of the installation's calendar, then recomputes every open deadline. Audited. */
export async function setCalendarDay(
  deps: AppDeps,
  principal: Principal,
  command: CalendarDayCommand,
): Promise<CalendarChangeResult> {
  requireCalendarEditor(principal);
  const day = cleanDay(command);
  return deps.store.transaction(async (store) => {
    const before = await store.calendar.get(day.date);
    const now = deps.clock.now();
    await store.calendar.put(day, principalName(principal), now);
    const reason = `日历 ${day.date} 设为${day.kind === 'holiday' ? '节假日' : '工作日'}（${day.name}）`;
    const modules = await recomputeAll(store, principal, now, reason);
    await audit(store, principal, now, {
      action: 'calendar.set-day',
      targetType: 'calendar-day',
      targetId: day.date,
      siteId: null,
      result: 'ok',
      summary: {
        ...day,
        ...(before ? { before: { kind: before.kind, name: before.name, source: before.source } } : {}),
        recomputed: summaryOf(modules),
      },
    });
    return { modules };
  });
}

/** Removes a day of the installation's calendar (the package's day, if any, applies again). Audited. */
export async function removeCalendarDay(
  deps: AppDeps,
  principal: Principal,
  date: string,
): Promise<CalendarChangeResult> {
  requireCalendarEditor(principal);
  return deps.store.transaction(async (store) => {
    const before = await store.calendar.get(date);
    if (!before) throw new GazetteError('GZ_CALENDAR_DAY_NOT_FOUND', date, { field: 'date' });
    const now = deps.clock.now();
    await store.calendar.remove(date);
    const modules = await recomputeAll(store, principal, now, `日历 ${date} 的本地设置已删除`);
    await audit(store, principal, now, {
      action: 'calendar.remove-day',
      targetType: 'calendar-day',
      targetId: date,
      siteId: null,
      result: 'ok',
      summary: { date, kind: before.kind, name: before.name, recomputed: summaryOf(modules) },
    });
    return { modules };
  });
}

/** Today in Beijing, `YYYY-MM-DD`. */
export const todayIn = (now: string): string => formatDate(now);

/** The statutory reply limit for a request received today: 20 working days (the public calculator). */
export async function latestReplyDate(store: Store, now: string, workingDays = 20): Promise<Deadline> {
  return computeDeadline({ receivedOn: todayIn(now), workingDays }, await loadCalendar(store));
}
