/**
 * Times are stored as UTC ISO strings and shown in Asia/Shanghai (UTC+8, no daylight saving since 1991),
 * which is what every reader and inspector of a Chinese portal expects.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function shanghaiParts(iso: string): LocalParts {
  const shifted = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** 2024-03-18 */
export function formatDate(iso: string): string {
  const p = shanghaiParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 2024-03-18 10:12 */
export function formatDateTime(iso: string): string {
  const p = shanghaiParts(iso);
  return `${formatDate(iso)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 2024-03-18T10:12:00+08:00, for the PubDate meta tag and <time datetime>. */
export function formatIsoShanghai(iso: string): string {
  const p = shanghaiParts(iso);
  return `${formatDate(iso)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** Parses a Shanghai wall-clock time `YYYY-MM-DD[ HH:MM[:SS]]` to a UTC ISO string, or null. */
export function parseShanghai(text: string): string | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (Number(y) < 1000 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const date = new Date(utc);
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return new Date(utc - SHANGHAI_OFFSET_MS).toISOString();
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an instant written in ISO 8601 with an explicit offset (`2024-03-18T10:12:00+08:00`, `…Z`) to a
 * UTC ISO string, or null. Anything looser (no offset, `2024/3/18`, `2024-02-30`) is refused: a publish
 * date silently read as another one is a serious error on a government site.
 */
export function parseInstant(text: string): string | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)
    return null;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) < 1 || Number(d) > days) return null;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** How much of a publish time is known: the day only, or the time to the minute or the second. */
export type DatePrecision = 'date' | 'minute' | 'second';

/** Reads a stored precision; anything else (NULL: set by the system) is known to the second. */
export const precisionOf = (value: string | null | undefined): DatePrecision =>
  value === 'date' || value === 'minute' ? value : 'second';

/** A publish time as readers see it: the date alone when only the date is known, else date and time. */
export const formatPublished = (iso: string, precision: DatePrecision | null | undefined): string =>
  precision === 'date' ? formatDate(iso) : formatDateTime(iso);
