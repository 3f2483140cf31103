import { asciiDigits, isCodeChar } from './number-context.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function plausibleBirthDate(yyyymmdd: string, today: string | undefined): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return today === undefined || iso <= today;
}

/** Whether an 18-character string is a resident ID number: region, birth date and check character. */
export function isResidentId(candidate: string, today?: string): boolean {
  const id = asciiDigits(candidate).toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  // Province codes run from 11 (Beijing) to 82 (Macao).
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return false;
  if (!plausibleBirthDate(id.slice(6, 14), today)) return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

/** The local masking practice: the first 2 and last 3 characters are kept. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 5)}${id.slice(-3)}`;
}

export function findResidentIds(text: string, options: CheckOptions): TextFinding[] {
  const normal = asciiDigits(text);
  const findings: TextFinding[] = [];
  for (const match of normal.matchAll(/\d{17}[\dXx]/g)) {
    const start = match.index;
    const end = start + 18;
    if (isCodeChar(normal[start - 1]) || isCodeChar(normal[end])) continue;
    if (!isResidentId(match[0], options.today)) continue;
    const excerpt = text.slice(start, end);
    findings.push({
      rule: 'personal-id',
      severity: 'block',
      confidence: 'certain',
      message: `未脱敏的居民身份证号码“${maskResidentId(excerpt)}”，发布前须脱敏（保留前2位和后3位）。`,
      messageEn:
        'Unmasked resident ID number: mask it before publishing (keep the first 2 and last 3 characters).',
      start,
      end,
      excerpt,
      suggestion: maskResidentId(excerpt),
    });
  }
  return findings;
}

/** 18-character resident ID numbers with a valid GB 11643 check character and a real birth date. */
export const personalIdRule: TextRule = {
  kind: 'text',
  id: 'personal-id',
  scan: findResidentIds,
};
