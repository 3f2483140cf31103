import { COMMON_PASSWORDS, WEAK_FRAGMENTS } from './common-passwords.js';

/**
 * The password rule (等保 level 3 as assessors read it): at least 10 characters, at least three of the four
 * character classes, not a well-known password, keyboard walk or the account's own name.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase; short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordProblem = 'too-short' | 'too-long' | 'too-few-classes' | 'common' | 'contains-username';

export const PASSWORD_PROBLEM_TEXT: Readonly<
  Record<PasswordProblem, { readonly zh: string; readonly en: string }>
> = {
  'too-short': { zh: `至少${PASSWORD_MIN_LENGTH}个字符`, en: `at least ${PASSWORD_MIN_LENGTH} characters` },
  'too-long': { zh: `不超过${PASSWORD_MAX_LENGTH}个字符`, en: `at most ${PASSWORD_MAX_LENGTH} characters` },
  'too-few-classes': {
    zh: `小写字母、大写字母、数字、符号中至少包含${['一', '两', '三', '四'][PASSWORD_MIN_CLASSES - 1]}类`,
    en: `at least ${['one', 'two', 'three', 'four'][PASSWORD_MIN_CLASSES - 1]} of: lower-case letters, upper-case letters, digits, symbols`,
  },
  common: { zh: '不能使用常见密码或键盘序列', en: 'not a common password or keyboard pattern' },
  'contains-username': { zh: '不能包含用户名', en: 'must not contain the username' },
};

/** The rule as it is stated to people: by the admin (GET /admin/api/password-policy), the CLI help, the README. */
export interface PasswordRule {
  readonly minLength: number;
  readonly maxLength: number;
  readonly minClasses: number;
  readonly zh: string;
  readonly en: string;
}

const STATED: readonly PasswordProblem[] = ['too-short', 'too-few-classes', 'common', 'contains-username'];

export const PASSWORD_RULE: PasswordRule = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  minClasses: PASSWORD_MIN_CLASSES,
  zh: STATED.map((problem) => PASSWORD_PROBLEM_TEXT[problem].zh).join('，'),
  en: STATED.map((problem) => PASSWORD_PROBLEM_TEXT[problem].en).join('; '),
};

const COMMON = new Set(COMMON_PASSWORDS);

/** Undoes the usual letter-for-symbol swaps, so that `P@ssw0rd` is seen as `password`. */
const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

function unleet(text: string): string {
  return [...text].map((char) => LEET[char] ?? char).join('');
}

/** The word part of a password decorated with digits and symbols at either end: `!!Monkey2026` → `monkey`. */
function core(lower: string): string {
  return lower.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const candidates = [lower, core(lower), unleet(lower), core(unleet(lower))];
  if (candidates.some((candidate) => candidate !== '' && COMMON.has(candidate))) return true;
  // A password that only repeats one or two characters, e.g. `aaaaaaaaaa` or `ababababab`.
  if (new Set(lower).size <= 2) return true;
  return WEAK_FRAGMENTS.some((fragment) => lower.includes(fragment) || unleet(lower).includes(fragment));
}

function classCount(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const char of password) {
    if (/\p{Ll}/u.test(char)) lower = true;
    else if (/\p{Lu}/u.test(char)) upper = true;
    else if (/\p{Nd}/u.test(char)) digit = true;
    else other = true; // symbols, spaces, and letters without case such as Chinese characters
  }
  return [lower, upper, digit, other].filter(Boolean).length;
}

/** Everything wrong with `password` for the account `username`; empty when it is acceptable. */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too-short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too-long');
  if (classCount(password) < PASSWORD_MIN_CLASSES) problems.push('too-few-classes');
  if (isCommon(password)) problems.push('common');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains-username');
  return problems;
}

/** One English line naming every problem, e.g. for an error detail. */
export function describePasswordProblems(problems: readonly PasswordProblem[]): string {
  return problems.map((problem) => PASSWORD_PROBLEM_TEXT[problem].en).join('; ');
}
