import { asciiDigits, isCodeChar, labelledAsNonPersonal } from './number-context.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

/** The usual mask: the first 3 and last 4 digits kept (`138****5678`). */
export function maskMobile(digits: string): string {
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// 11 digits from 13x to 19x, written whole or grouped 3-4-4 with one kind of separator.
const MOBILE = /1[3-9]\d(?:(\d{8})|-(\d{4})-(\d{4})| (\d{4}) (\d{4}))/g;

/** Characters after a number that make it an amount or a count. */
const UNIT = /[元万亿千百吨米克斤升亩个人户次件台辆套座家项条份笔股张只头册本篇名位支批箱袋瓶盒年%‰]/;

/** +86, 0086 or (+86) just before the number: a mobile written for callers from abroad. */
const COUNTRY_CODE = /(?:\+86|0086|[(（]\+?86[)）])[ -]?$/;

export function findMobileNumbers(text: string, _options: CheckOptions): TextFinding[] {
  const normal = asciiDigits(text);
  const findings: TextFinding[] = [];
  for (const match of normal.matchAll(MOBILE)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = normal[start - 1];
    const after = normal[end];
    const countryCode = COUNTRY_CODE.test(normal.slice(Math.max(0, start - 8), start));
    // Part of a longer number or code, a decimal, or a number continued with a separator (an order or card number).
    if (isCodeChar(after) || (!countryCode && isCodeChar(before))) continue;
    if (before === '.' || before === '_' || (before === '-' && !countryCode)) continue;
    // A path segment in a URL (…cn/13812345678); a slash between two numbers is a list.
    if (before === '/' && /[A-Za-z./]/.test(normal[start - 2] ?? '')) continue;
    if ((after === '-' || after === ' ' || after === '.') && /\d/.test(normal[end + 1] ?? '')) continue;
    if (!countryCode && (before === '-' || before === ' ') && /\d/.test(normal[start - 2] ?? '')) continue;
    // 第13812345678号: a serial or document number.
    if (after === '号' && normal[end + 1] !== '码') continue;
    // 13812345678元, …吨, …人次: an amount, not a phone number.
    if (after !== undefined && UNIT.test(after)) continue;
    if (labelledAsNonPersonal(normal, start)) continue;
    const digits = match[0].replace(/\D/g, '');
    const excerpt = text.slice(start, end);
    findings.push({
      rule: 'mobile-number',
      severity: 'block',
      confidence: 'likely',
      message: `疑似未脱敏的手机号码“${maskMobile(digits)}”，发布前须脱敏（如 ${maskMobile(digits)}）。`,
      messageEn:
        'Possibly an unmasked mobile number: mask it before publishing (keep the first 3 and last 4 digits).',
      start,
      end,
      excerpt,
      suggestion: maskMobile(digits),
    });
  }
  return findings;
}

/** 11-digit mainland mobile numbers outside order, document and filing numbers. */
export const mobileNumberRule: TextRule = {
  kind: 'text',
  id: 'mobile-number',
  scan: findMobileNumbers,
};
