/**
 * Working-day arithmetic on China's official calendar: Monday to Friday are working days, except the public
 * holidays the State Council announces each year, and some Saturdays and Sundays are working days in their
 * place (调休). The calendar is data handed in (the package's days plus the installation's overrides); this
 * module only counts.
 *
 * Deadlines follow the rules of the 政府信息公开条例 and of the letters platforms: day 1 is the first working
 * day after the day of receipt; the time of a pause (a third party consulted) does not count; an extension adds
 * working days to the same count. A restart (补正: the clock runs from the day the completed request arrives)
 * is a new `receivedOn`, decided by the caller.
 */

export type CalendarDayKind = 'holiday' | 'workday';

/** One day that differs from the plain Monday-to-Friday week, or confirms it. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: CalendarDayKind;
  /** The holiday the day belongs to, e.g. 春节, or the local occasion. */
  readonly name: string;
  /** Where the day comes from: `package` (the calendar data package) or the override's own note. */
  readonly source: string;
}

export interface WorkCalendar {
  /** Days that are not what their weekday says (holidays on weekdays, 调休 weekends), by date. */
  readonly days: ReadonlyMap<string, CalendarDay>;
  /** Years whose official holidays the calendar holds; other years count weekends only. */
  readonly knownYears: ReadonlySet<number>;
}

/** A stretch during which the clock stops: from the day after `from` through `to` nothing counts. */
export interface ClockPause {
  /** The day the clock stopped (a consultation sent): it still counts. `YYYY-MM-DD`. */
  readonly from: string;
  /** The day the answer was recorded: it does not count; the clock runs again the working day after. null: still paused. */
  readonly to: string | null;
}

export interface DeadlineInput {
  /** The day of receipt, `YYYY-MM-DD` (after a 补正, the day the completed request arrived). */
  readonly receivedOn: string;
  readonly workingDays: number;
  readonly pauses?: readonly ClockPause[];
  /** Working days added by an extension. */
  readonly extensions?: number;
}

export interface NamedDay {
  readonly date: string;
  readonly name: string;
  readonly source: string;
}

export interface DeadlineExplanation {
  readonly receivedOn: string;
  /** Day 1. */
  readonly startsOn: string;
  readonly workingDays: number;
  readonly extensionDays: number;
  /** Every working day counted, in order (its length is `workingDays + extensionDays`). */
  readonly counted: readonly string[];
  /** Weekdays between day 1 and the due date that were not counted because they are holidays. */
  readonly holidays: readonly NamedDay[];
  /** Saturdays and Sundays between day 1 and the due date that were counted because they are 调休 working days. */
  readonly adjustedWorkdays: readonly NamedDay[];
  /** Each pause with the working days it kept from the count. */
  readonly pauses: readonly {
    readonly from: string;
    readonly to: string | null;
    readonly skipped: readonly string[];
  }[];
  /** Years the deadline crosses whose official holidays the calendar does not hold (weekends only were used). */
  readonly unknownYears: readonly number[];
}

export interface Deadline {
  readonly dueOn: string;
  /** True while a pause is open: the due date then assumes the clock runs again tomorrow. */
  readonly paused: boolean;
  readonly explanation: DeadlineExplanation;
  /**
   * The working day `today` is on (第 N 个工作日): 0 before day 1; a day off or a paused day keeps the last number;
   * past the due date the count goes on (21, 22…) so an overdue request shows how late it is.
   */
  dayNumber(today: string): number;
  /** Working days left after `today` up to and including the due date; negative: working days overdue. */
  daysLeft(today: string): number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function assertDate(text: string, what: string): void {
  if (!isIsoDate(text)) throw new RangeError(`${what} must be a date YYYY-MM-DD, got ${text}`);
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const isWeekend = (date: string): boolean => {
  const day = weekday(date);
  return day === 0 || day === 6;
};

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/**
 * A calendar from its days. Later days win over earlier ones with the same date, so pass the package's days
 * first and the installation's overrides after them.
 */
export function makeCalendar(days: readonly CalendarDay[], knownYears: Iterable<number>): WorkCalendar {
  const map = new Map<string, CalendarDay>();
  for (const day of days) {
    assertDate(day.date, 'a calendar day');
    // A holiday on a weekend or a workday on a weekday changes nothing; keep it for the explanation anyway.
    map.set(day.date, day);
  }
  return { days: map, knownYears: new Set(knownYears) };
}

export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  const special = calendar.days.get(date);
  if (special) return special.kind === 'workday';
  return !isWeekend(date);
}

/** The first working day after `date`. */
export function nextWorkingDay(calendar: WorkCalendar, date: string): string {
  let day = addDays(date, 1);
  for (let guard = 0; !isWorkingDay(calendar, day); guard += 1) {
    if (guard > 366) throw new RangeError(`no working day within a year after ${date}`);
    day = addDays(day, 1);
  }
  return day;
}

function isPausedOn(pauses: readonly ClockPause[], date: string, openUntil: string): boolean {
  return pauses.some((pause) => date > pause.from && date <= (pause.to ?? openUntil));
}

const MAX_WORKING_DAYS = 400;

/**
 * The due date of a time limit of `workingDays` (+ `extensions`) working days received on `receivedOn`, and how
 * it was reached. An open pause (no `to`) is taken to end on `openPauseUntil` (today, for the inbox), so the
 * due date shown is the earliest it can be.
 */
export function computeDeadline(
  input: DeadlineInput,
  calendar: WorkCalendar,
  openPauseUntil?: string,
): Deadline {
  assertDate(input.receivedOn, 'receivedOn');
  const extensionDays = input.extensions ?? 0;
  const total = input.workingDays + extensionDays;
  if (!Number.isInteger(total) || input.workingDays < 1 || extensionDays < 0 || total > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be a whole number from 1 to ${MAX_WORKING_DAYS}`);
  }
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (const pause of pauses) {
    assertDate(pause.from, 'a pause start');
    if (pause.to !== null) assertDate(pause.to, 'a pause end');
    if (pause.to !== null && pause.to < pause.from) throw new RangeError('a pause ends before it starts');
  }
  const openUntil = openPauseUntil ?? pauses.find((p) => p.to === null)?.from ?? input.receivedOn;
  const paused = pauses.some((p) => p.to === null);

  const counted: string[] = [];
  const holidays: NamedDay[] = [];
  const adjusted: NamedDay[] = [];
  const skippedByPause = pauses.map(() => [] as string[]);
  const years = new Set<number>();
  let day = input.receivedOn;
  while (counted.length < total) {
    day = addDays(day, 1);
    years.add(Number(day.slice(0, 4)));
    const special = calendar.days.get(day);
    const working = isWorkingDay(calendar, day);
    if (!working) {
      if (special && special.kind === 'holiday' && !isWeekend(day)) {
        holidays.push({ date: day, name: special.name, source: special.source });
      }
      continue;
    }
    if (isPausedOn(pauses, day, openUntil)) {
      const index = pauses.findIndex((p) => day > p.from && day <= (p.to ?? openUntil));
      skippedByPause[index]?.push(day);
      continue;
    }
    if (special && special.kind === 'workday' && isWeekend(day)) {
      adjusted.push({ date: day, name: special.name, source: special.source });
    }
    counted.push(day);
  }
  const startsOn = counted[0] as string;
  const dueOn = counted[counted.length - 1] as string;
  const explanation: DeadlineExplanation = {
    receivedOn: input.receivedOn,
    startsOn,
    workingDays: input.workingDays,
    extensionDays,
    counted,
    holidays,
    adjustedWorkdays: adjusted,
    pauses: pauses.map((pause, index) => ({
      from: pause.from,
      to: pause.to,
      skipped: skippedByPause[index] ?? [],
    })),
    unknownYears: [...years].filter((year) => !calendar.knownYears.has(year)).sort(),
  };
  return {
    dueOn,
    paused,
    explanation,
    dayNumber: (today) =>
      today > dueOn
        ? total + workingDaysBetween(calendar, dueOn, today)
        : counted.filter((d) => d <= today).length,
    daysLeft: (today) => {
      if (today < dueOn) return counted.filter((d) => d > today).length;
      return today === dueOn ? 0 : -workingDaysBetween(calendar, dueOn, today);
    },
  };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count += 1;
  }
  return count;
}

/** The explanation in one paragraph of Chinese, for the inbox and the public calculator. */
export function describeDeadline(deadline: Deadline): string {
  const e = deadline.explanation;
  const parts = [
    `收到日期 ${e.receivedOn}，第1个工作日为 ${e.startsOn}，共计 ${e.workingDays} 个工作日` +
      (e.extensionDays > 0 ? `，延长 ${e.extensionDays} 个工作日` : '') +
      `，截止日期 ${deadline.dueOn}。`,
  ];
  if (e.holidays.length > 0) {
    parts.push(`期间不计算的法定节假日：${e.holidays.map((d) => `${d.date}（${d.name}）`).join('、')}。`);
  }
  if (e.adjustedWorkdays.length > 0) {
    parts.push(
      `期间计入的调休工作日：${e.adjustedWorkdays.map((d) => `${d.date}（${WEEKDAY_NAMES[weekday(d.date)]}，${d.name}）`).join('、')}。`,
    );
  }
  for (const pause of e.pauses) {
    parts.push(
      `${pause.from} 至 ${pause.to ?? '今日'} 征求第三方意见，所需时间不计算在期限内（${pause.skipped.length} 个工作日）。`,
    );
  }
  if (deadline.paused) parts.push('目前计时暂停，截止日期按明日恢复计时估算。');
  if (e.unknownYears.length > 0) {
    parts.push(
      `日历未包含 ${e.unknownYears.join('、')} 年的节假日安排，该年仅按周末计算，请在日历设置中补充。`,
    );
  }
  return parts.join('');
}
