import { describe, expect, it } from 'vitest';
import { calendarFrom, packageCalendar } from '../app/calendar.js';
import {
  computeDeadline,
  describeDeadline,
  isWorkingDay,
  makeCalendar,
  nextWorkingDay,
  type CalendarDay,
} from './workdays.js';

/*
 * Expected dates are counted by hand from the State Council's notices, not from this code:
 * - 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12): 春节 1月28日至2月4日放假调休, 1月26日(周日)、
 *   2月8日(周六)上班; 劳动节 5月1日至5日, 4月27日(周日)上班; 国庆节、中秋节 10月1日至8日放假调休,
 *   9月28日(周日)、10月11日(周六)上班.
 * - 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 元旦 1月1日至3日, 1月4日(周日)上班; 春节 2月15日
 *   至23日放假调休, 2月14日(周六)、2月28日(周六)上班; 清明节 4月4日至6日; 劳动节 5月1日至5日, 5月9日(周六)
 *   上班; 中秋节 9月25日至27日; 国庆节 10月1日至7日放假调休, 9月20日(周日)、10月10日(周六)上班.
 */
const official = calendarFrom([]);

describe('the calendar data package', () => {
  it('holds the 2025 and 2026 notices as published', () => {
    // 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked.
    expect(isWorkingDay(official, '2026-02-14')).toBe(true);
    expect(isWorkingDay(official, '2026-02-16')).toBe(false);
    expect(isWorkingDay(official, '2026-02-23')).toBe(false);
    expect(isWorkingDay(official, '2026-02-24')).toBe(true);
    expect(isWorkingDay(official, '2026-02-28')).toBe(true);
    // 2025 National Day and Mid-autumn: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    expect(isWorkingDay(official, '2025-09-28')).toBe(true);
    expect(isWorkingDay(official, '2025-10-08')).toBe(false);
    expect(isWorkingDay(official, '2025-10-11')).toBe(true);
    expect(isWorkingDay(official, '2026-09-20')).toBe(true);
    expect(isWorkingDay(official, '2026-10-10')).toBe(true);
  });

  it('covers 2004 to 2026 in chinese-days 1.5.7; later years need overrides', () => {
    const { years } = packageCalendar();
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
  });
});

describe('computeDeadline', () => {
  it('skips the 2026 Spring Festival and counts both 调休 Saturdays', () => {
    // Received Tuesday 10 Feb: day 1 Wed 11, 2 Thu 12, 3 Fri 13, 4 Sat 14 (调休); 15–23 off; 5 Tue 24 … 8 Fri 27,
    // 9 Sat 28 (调休), 10 Mon 2 Mar … 14 Fri 6, 15 Mon 9 … 19 Fri 13, 20 Mon 16 March.
    const deadline = computeDeadline({ receivedOn: '2026-02-10', workingDays: 20 }, official);
    expect(deadline.explanation.startsOn).toBe('2026-02-11');
    expect(deadline.dueOn).toBe('2026-03-16');
    expect(deadline.explanation.holidays.map((d) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-23',
    ]);
    expect(deadline.explanation.adjustedWorkdays.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28']);
    expect(deadline.explanation.adjustedWorkdays[0]?.name).toBe('春节调休');
    expect(deadline.explanation.unknownYears).toEqual([]);
  });

  it('starts on a 调休 Sunday right after receipt (2025 Spring Festival)', () => {
    // Received Fri 24 Jan 2025; Sat 25 off; day 1 Sun 26 (调休), 2 Mon 27; 28 Jan–4 Feb off; 3 Wed 5 Feb, 4 Thu 6,
    // 5 Fri 7, 6 Sat 8 (调休), 7–11 Mon 10–Fri 14, 12–16 Mon 17–Fri 21, 17 Mon 24, 18 Tue 25, 19 Wed 26, 20 Thu 27.
    const deadline = computeDeadline({ receivedOn: '2025-01-24', workingDays: 20 }, official);
    expect(deadline.explanation.startsOn).toBe('2025-01-26');
    expect(deadline.dueOn).toBe('2025-02-27');
  });

  it('skips National Day 2025 (merged with Mid-autumn) and counts its two 调休 days', () => {
    // Received Fri 26 Sep 2025: 1 Sun 28 (调休), 2 Mon 29, 3 Tue 30; 1–8 Oct off; 4 Thu 9, 5 Fri 10, 6 Sat 11 (调休),
    // 7–11 Mon 13–Fri 17, 12–16 Mon 20–Fri 24, 17 Mon 27, 18 Tue 28, 19 Wed 29, 20 Thu 30 October.
    const deadline = computeDeadline({ receivedOn: '2025-09-26', workingDays: 20 }, official);
    expect(deadline.dueOn).toBe('2025-10-30');
    expect(deadline.explanation.holidays.map((d) => d.date)).toEqual([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
    expect(deadline.explanation.adjustedWorkdays.map((d) => d.date)).toEqual(['2025-09-28', '2025-10-11']);
  });

  it('adds an extension of 20 working days across Mid-autumn and National Day 2026', () => {
    // Received Thu 10 Sep 2026: 1 Fri 11, 2–6 Mon 14–Fri 18, 7 Sun 20 (调休), 8–11 Mon 21–Thu 24, Fri 25 中秋 off,
    // 12 Mon 28, 13 Tue 29, 14 Wed 30; 1–7 Oct off; 15 Thu 8, 16 Fri 9, 17 Sat 10 (调休), 18 Mon 12, 19 Tue 13,
    // 20 Wed 14 October. Extended: 21 Thu 15, 22 Fri 16, 23–27 Mon 19–Fri 23, 28–32 Mon 26–Fri 30,
    // 33–37 Mon 2–Fri 6 Nov, 38 Mon 9, 39 Tue 10, 40 Wed 11 November.
    const plain = computeDeadline({ receivedOn: '2026-09-10', workingDays: 20 }, official);
    expect(plain.dueOn).toBe('2026-10-14');
    const extended = computeDeadline({ receivedOn: '2026-09-10', workingDays: 20, extensions: 20 }, official);
    expect(extended.dueOn).toBe('2026-11-11');
    expect(extended.explanation.counted).toHaveLength(40);
    expect(extended.explanation.holidays.map((d) => d.name)).toContain('中秋');
  });

  it('stops the clock while a third party is consulted and resumes after the recorded answer', () => {
    // Received Mon 2 Mar 2026: 1 Tue 3, 2 Wed 4, 3 Thu 5 (consultation sent that day). Answer recorded Thu 12:
    // Fri 6, Mon 9–Thu 12 do not count (5 working days). 4 Fri 13, 5–9 Mon 16–Fri 20, 10–14 Mon 23–Fri 27,
    // 15 Mon 30, 16 Tue 31, 17 Wed 1 Apr, 18 Thu 2, 19 Fri 3; 4–6 Apr 清明 off; 20 Tue 7 April.
    const deadline = computeDeadline(
      { receivedOn: '2026-03-02', workingDays: 20, pauses: [{ from: '2026-03-05', to: '2026-03-12' }] },
      official,
    );
    expect(deadline.dueOn).toBe('2026-04-07');
    expect(deadline.explanation.pauses[0]?.skipped).toEqual([
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
    ]);
    expect(deadline.explanation.holidays.map((d) => d.date)).toEqual(['2026-04-06']);
    // The working day number stands still during the pause.
    expect(deadline.dayNumber('2026-03-05')).toBe(3);
    expect(deadline.dayNumber('2026-03-11')).toBe(3);
    expect(deadline.dayNumber('2026-03-13')).toBe(4);
  });

  it('treats an open pause as lasting until the day given', () => {
    const open = computeDeadline(
      { receivedOn: '2026-03-02', workingDays: 20, pauses: [{ from: '2026-03-05', to: null }] },
      official,
      '2026-03-12',
    );
    expect(open.paused).toBe(true);
    expect(open.dueOn).toBe('2026-04-07');
  });

  it('moves when the calendar changes: a holiday announced after the package was released', () => {
    // Received Mon 28 Dec 2026. 2027 is beyond the package: Fri 1 Jan 2027 counts as a working day:
    // 1 Tue 29, 2 Wed 30, 3 Thu 31, 4 Fri 1 Jan, 5–9 Mon 4–Fri 8, 10–14 Mon 11–Fri 15, 15–19 Mon 18–Fri 22, 20 Mon 25.
    const before = computeDeadline({ receivedOn: '2026-12-28', workingDays: 20 }, official);
    expect(before.dueOn).toBe('2027-01-25');
    expect(before.explanation.unknownYears).toEqual([2027]);
    // The office enters 1 January 2027 as 元旦: one working day fewer in the span, due one day later.
    const override: CalendarDay = { date: '2027-01-01', kind: 'holiday', name: '元旦', source: '本地录入' };
    const after = computeDeadline({ receivedOn: '2026-12-28', workingDays: 20 }, calendarFrom([override]));
    expect(after.dueOn).toBe('2027-01-26');
    expect(after.explanation.unknownYears).toEqual([]);
    expect(after.explanation.holidays).toEqual([{ date: '2027-01-01', name: '元旦', source: '本地录入' }]);
  });

  it('lets a local working day override the package', () => {
    const local = calendarFrom([{ date: '2026-02-16', kind: 'workday', name: '本地值班', source: '本地' }]);
    expect(isWorkingDay(local, '2026-02-16')).toBe(true);
    expect(nextWorkingDay(local, '2026-02-13')).toBe('2026-02-14');
    expect(nextWorkingDay(local, '2026-02-14')).toBe('2026-02-16');
  });

  it('gives the working day number and the days left, and counts on past the due date', () => {
    const deadline = computeDeadline({ receivedOn: '2026-02-10', workingDays: 20 }, official);
    expect(deadline.dayNumber('2026-02-10')).toBe(0);
    expect(deadline.dayNumber('2026-02-11')).toBe(1);
    expect(deadline.dayNumber('2026-02-18')).toBe(4); // a holiday keeps the last number
    expect(deadline.daysLeft('2026-02-10')).toBe(20);
    expect(deadline.daysLeft('2026-03-12')).toBe(2); // Fri 13 and Mon 16 left
    expect(deadline.daysLeft('2026-03-16')).toBe(0);
    expect(deadline.daysLeft('2026-03-18')).toBe(-2);
    expect(deadline.dayNumber('2026-03-18')).toBe(22);
  });

  it('explains itself in Chinese', () => {
    const text = describeDeadline(computeDeadline({ receivedOn: '2026-02-10', workingDays: 20 }, official));
    expect(text).toContain('第1个工作日为 2026-02-11');
    expect(text).toContain('2026-02-16（春节）');
    expect(text).toContain('2026-02-14（周六，春节调休）');
    expect(text).toContain('截止日期 2026-03-16');
  });

  it('refuses nonsense', () => {
    expect(() => computeDeadline({ receivedOn: '2026-02-30', workingDays: 20 }, official)).toThrow(
      RangeError,
    );
    expect(() => computeDeadline({ receivedOn: '2026-02-10', workingDays: 0 }, official)).toThrow(RangeError);
    expect(() =>
      computeDeadline(
        { receivedOn: '2026-02-10', workingDays: 20, pauses: [{ from: '2026-02-12', to: '2026-02-11' }] },
        official,
      ),
    ).toThrow(RangeError);
    expect(() => makeCalendar([{ date: 'x', kind: 'holiday', name: '', source: '' }], [])).toThrow(
      RangeError,
    );
  });
});
