/**
 * 互动交流: citizens' letters to the government (领导信箱, 咨询, 投诉, 建议, 纠错), as pure rules: the kinds of
 * channel and their default reply deadlines in working days, the states of a letter, the overdue marks of the
 * inspection (flagged after 60 calendar days without a reply, failing after three months: the veto line), the
 * public numbers and query codes, and the masking of personal data in a published question.
 */

export const CHANNEL_KINDS = ['leader', 'consult', 'complaint', 'suggestion', 'correction'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_KIND_LABELS: Readonly<Record<ChannelKind, string>> = {
  leader: '领导信箱',
  consult: '咨询',
  complaint: '投诉',
  suggestion: '建议',
  correction: '纠错',
};

/** Reply deadline in working days when the site sets none: 咨询 5, 纠错 3, the others 15. */
export const DEFAULT_DEADLINE_DAYS: Readonly<Record<ChannelKind, number>> = {
  leader: 15,
  consult: 5,
  complaint: 15,
  suggestion: 15,
  correction: 3,
};

/**
 * A letter's life: received (in the department's inbox), drafted (a reply being written), reviewing (the reply
 * passes the column's review levels), approved (every level passed, waiting to be published), answered (the
 * reply published to the writer), invalid (spam, abuse, duplicate, outside remit: with a reason).
 */
export const MESSAGE_STATUSES = [
  'received',
  'drafted',
  'reviewing',
  'approved',
  'answered',
  'invalid',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_STATUS_LABELS: Readonly<Record<MessageStatus, string>> = {
  received: '待办理',
  drafted: '答复拟稿',
  reviewing: '答复审核中',
  approved: '待发布',
  answered: '已答复',
  invalid: '无效',
};

export const INVALID_KINDS = ['spam', 'abuse', 'duplicate', 'outside-remit'] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];
export const INVALID_KIND_LABELS: Readonly<Record<InvalidKind, string>> = {
  spam: '垃圾信息',
  abuse: '恶意攻击',
  duplicate: '重复留言',
  'outside-remit': '不属于受理范围',
};

export const RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

/** Open: a reply is still owed (the deadline runs). */
export const isOpenStatus = (status: MessageStatus): boolean => status !== 'answered' && status !== 'invalid';

/** Calendar days without a reply after which the platform flags a letter, and the months after which it fails. */
export const OVERDUE_FLAG_DAYS = 60;
export const OVERDUE_FAIL_MONTHS = 3;

/** `YYYY-MM-DD` plus whole months (the last day of a shorter month when the day does not exist). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The platform's mark for a letter still owed a reply on `today`: `fail` from three months after receipt (the
 * inspection's veto), `flag` from 60 calendar days, `overdue` past its due date, `due-soon` within 3 working
 * days of it, else `ok`.
 */
export type OverdueMark = 'ok' | 'due-soon' | 'overdue' | 'flag' | 'fail';

export function overdueMark(receivedOn: string, today: string, daysLeft: number): OverdueMark {
  if (today >= addMonths(receivedOn, OVERDUE_FAIL_MONTHS)) return 'fail';
  if (dayNumber(today) - dayNumber(receivedOn) >= OVERDUE_FLAG_DAYS) return 'flag';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 3) return 'due-soon';
  return 'ok';
}

/** Crockford's base 32 without I, L, O, U: no letters read as digits, nothing rude. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters of a random value in Crockford's base 32, from random bytes (one byte a character, 5 bits used). */
export function base32(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += ALPHABET[byte & 31] as string;
  return text;
}

/**
 * 留言编号: `HD` + the receipt date + 6 random characters (30 bits). Random, so that numbers neither reveal how
 * many letters came in nor let anyone guess the next one; reading a letter also needs its 查询码.
 */
export function messageNumber(receivedOn: string, random: Uint8Array): string {
  return `HD${receivedOn.replaceAll('-', '')}${base32(random.subarray(0, 6))}`;
}

export const MESSAGE_NUMBER = /^HD\d{8}[0-9A-HJKMNP-TV-Z]{6}$/;
/** 查询码: 10 random characters (50 bits), shown once to the writer, stored only as a hash. */
export const QUERY_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A number or code as people type it: upper case, spaces and dashes dropped, O read as 0 and I/L as 1. */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * A private person's name in a published text: the surname and 某 (`张某`, `欧阳某`), so that a writer who
 * signed a letter with their name is not named on the site.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  const compound = [
    '欧阳',
    '司马',
    '诸葛',
    '上官',
    '东方',
    '皇甫',
    '尉迟',
    '公孙',
    '慕容',
    '令狐',
    '司徒',
    '夏侯',
  ];
  const head = chars.slice(0, 2).join('');
  const surname = chars.length > 2 && compound.includes(head) ? head : (chars[0] as string);
  return `${surname}某`;
}

/** Every occurrence of the writer's own name in `text` replaced by its mask. */
export function maskNameIn(text: string, name: string): string {
  const trimmed = name.trim();
  if ([...trimmed].length < 2) return text;
  return text.split(trimmed).join(maskName(trimmed));
}

/** An email address in a published text: the first character and the domain (`z***@example.cn`). */
export function maskEmailsIn(text: string): string {
  return text.replace(
    /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g,
    (_all, first: string, domain: string) => `${first}***@${domain}`,
  );
}
