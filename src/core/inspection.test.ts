import { describe, expect, it } from 'vitest';
import { addWorkingDays, deadlineStatus } from './inspection.js';
import { makeCalendar, type CalendarDay } from './workdays.js';

/** National Day 2026 as a calendar would hold it: 1–7 October off, Saturday 10 October worked (调休). */
const days: CalendarDay[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({
    date: `2026-10-0${d}`,
    kind: 'holiday' as const,
    name: '国庆节',
    source: 'test',
  })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休', source: 'test' },
];
const calendar = makeCalendar(days, [2026]);
// Wednesday 30 September, 10:00 in China.
const NOW = '2026-09-30T02:00:00.000Z';

describe('the warning window in working days', () => {
  it('skips the holidays and counts the 调休 Saturday on the official calendar', () => {
    // 8 Oct (Thu) 1, 9 Oct (Fri) 2, 10 Oct (Sat, worked) 3.
    expect(addWorkingDays(NOW, 3, calendar)).toBe('2026-10-10T02:00:00.000Z');
    // Without the calendar: 1 Oct (Thu), 2 Oct (Fri), 5 Oct (Mon).
    expect(addWorkingDays(NOW, 3)).toBe('2026-10-05T02:00:00.000Z');
  });

  it('warns of a deadline after the holiday that the plain week would call far away', () => {
    const failsOn = '2026-10-09T01:00:00.000Z';
    expect(deadlineStatus(failsOn, NOW, calendar)).toBe('at-risk');
    expect(deadlineStatus(failsOn, NOW)).toBe('ok');
    expect(deadlineStatus('2026-10-12T01:00:00.000Z', NOW, calendar)).toBe('ok');
    expect(deadlineStatus('2026-09-30T01:00:00.000Z', NOW, calendar)).toBe('failed');
  });
});
