import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatIsoShanghai, parseShanghai, shanghaiParts } from './time.js';

describe('shanghaiParts', () => {
  it('gives the wall-clock parts in Shanghai, eight hours ahead of UTC', () => {
    expect(shanghaiParts('2024-03-18T02:12:05.000Z')).toEqual({
      year: 2024,
      month: 3,
      day: 18,
      hour: 10,
      minute: 12,
      second: 5,
    });
  });

  it('reads a time written with an offset', () => {
    expect(shanghaiParts('2024-03-18T10:12:05+08:00')).toMatchObject({ day: 18, hour: 10, minute: 12 });
  });

  it('has no daylight saving in summer', () => {
    expect(shanghaiParts('2024-07-01T00:00:00Z').hour).toBe(8);
  });
});

describe('formatDate', () => {
  it('formats the Shanghai date with padded month and day', () => {
    expect(formatDate('2024-01-05T04:00:00Z')).toBe('2024-01-05');
  });

  it('is already the next day in Shanghai from 16:00 UTC', () => {
    expect(formatDate('2024-03-17T15:59:59Z')).toBe('2024-03-17');
    expect(formatDate('2024-03-17T16:00:00Z')).toBe('2024-03-18');
    expect(formatDate('2024-03-17T20:00:00Z')).toBe('2024-03-18');
  });

  it('crosses into the new year at Shanghai midnight', () => {
    expect(formatDate('2023-12-31T16:00:00Z')).toBe('2024-01-01');
  });

  it('knows 29 February in a leap year', () => {
    expect(formatDate('2024-02-28T16:00:00Z')).toBe('2024-02-29');
  });
});

describe('formatDateTime', () => {
  it('formats the Shanghai date and time to the minute', () => {
    expect(formatDateTime('2024-03-18T02:12:59Z')).toBe('2024-03-18 10:12');
  });

  it('shows the next day just after Shanghai midnight', () => {
    expect(formatDateTime('2024-03-17T16:05:00Z')).toBe('2024-03-18 00:05');
    expect(formatDateTime('2024-03-17T15:59:00Z')).toBe('2024-03-17 23:59');
  });
});

describe('formatIsoShanghai', () => {
  it('formats ISO 8601 with the +08:00 offset, to the second', () => {
    expect(formatIsoShanghai('2024-03-18T02:12:00.000Z')).toBe('2024-03-18T10:12:00+08:00');
  });

  it('carries the date across the UTC day boundary', () => {
    expect(formatIsoShanghai('2024-03-17T20:00:07Z')).toBe('2024-03-18T04:00:07+08:00');
  });

  it('denotes the same instant it was given', () => {
    const iso = '2024-03-17T20:00:07.000Z';
    expect(new Date(formatIsoShanghai(iso)).toISOString()).toBe(iso);
  });
});

describe('parseShanghai', () => {
  it('reads a date as Shanghai midnight', () => {
    expect(parseShanghai('2024-03-18')).toBe('2024-03-17T16:00:00.000Z');
  });

  it('reads a date and time, with or without seconds', () => {
    expect(parseShanghai('2024-03-18 10:12')).toBe('2024-03-18T02:12:00.000Z');
    expect(parseShanghai('2024-03-18 10:12:30')).toBe('2024-03-18T02:12:30.000Z');
    expect(parseShanghai('2024-03-18T10:12')).toBe('2024-03-18T02:12:00.000Z');
  });

  it('reads single-digit months, days and hours, and ignores surrounding spaces', () => {
    expect(parseShanghai(' 2024-3-8 9:05 ')).toBe('2024-03-08T01:05:00.000Z');
  });

  it('round-trips with the formatters', () => {
    for (const iso of ['2024-03-17T20:00:00.000Z', '2023-12-31T16:00:00.000Z', '2024-02-28T23:59:00.000Z']) {
      expect(parseShanghai(formatDateTime(iso))).toBe(iso);
      expect(parseShanghai(formatDate(iso))).toBe(
        new Date(`${formatDate(iso)}T00:00:00+08:00`).toISOString(),
      );
    }
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-03-18 24:00'])(
    'rejects the impossible date %j',
    (text) => {
      expect(parseShanghai(text)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseShanghai('2024-02-29')).toBe('2024-02-28T16:00:00.000Z');
  });

  it.each(['2024-03-18 10:60', '2024-03-18 10:12:60', '2024-03-18 10:99'])(
    'rejects the impossible time %j instead of rolling it over',
    (text) => {
      expect(parseShanghai(text)).toBeNull();
    },
  );

  it.each([
    '',
    'yesterday',
    '2024/03/18',
    '18-03-2024',
    '2024-03-18Z',
    '2024-03-18 10',
    '2024-03-18T10:12:00+08:00',
  ])('rejects %j', (text) => {
    expect(parseShanghai(text)).toBeNull();
  });
});
