import { asciiDigits, isCodeChar, labelledAsNonPersonal } from './number-context.js';
import { isResidentId } from './personal-id.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

/** Whether a digit string passes the Luhn (mod 10) check used by payment cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Keeps the first 6 and last 4 digits, the mask banks print. */
export function maskBankCard(digits: string): string {
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

// 16–19 digits written whole, or in groups of 4 separated by one space or hyphen (a last group of 1–3).
const CARD = /\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?/g;

// Issuer prefixes of cards used in China: 3 (JCB, Amex), 4 (Visa), 5 (Mastercard), 6 (UnionPay), 9 (domestic debit).
// Order numbers and timestamps typically start with 1 or 2.
const ISSUER = /^[3-69]/;

export function findBankCards(text: string, options: CheckOptions): TextFinding[] {
  const normal = asciiDigits(text);
  const findings: TextFinding[] = [];
  for (const match of normal.matchAll(CARD)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = normal[start - 1];
    const after = normal[end];
    if (isCodeChar(before) || isCodeChar(after) || before === '.' || before === '-') continue;
    if ((after === '-' || after === ' ') && /\d/.test(normal[end + 1] ?? '')) continue;
    if ((before === ' ' || before === '-') && /\d/.test(normal[start - 2] ?? '')) continue;
    const digits = match[0].replace(/\D/g, '');
    if (digits.length < 16 || digits.length > 19 || !ISSUER.test(digits) || !luhnValid(digits)) continue;
    // An 18-digit resident ID number is reported by personal-id, not as a card.
    if (digits.length === 18 && isResidentId(digits, options.today)) continue;
    if (labelledAsNonPersonal(normal, start)) continue;
    const excerpt = text.slice(start, end);
    findings.push({
      rule: 'bank-card',
      severity: 'block',
      confidence: 'likely',
      message: `疑似未脱敏的银行卡号“${maskBankCard(digits)}”，发布前须脱敏。`,
      messageEn: 'Possibly an unmasked bank card number: mask it before publishing.',
      start,
      end,
      excerpt,
      suggestion: maskBankCard(digits),
    });
  }
  return findings;
}

/** Bank card numbers: 16–19 digits with a valid Luhn check digit. */
export const bankCardRule: TextRule = {
  kind: 'text',
  id: 'bank-card',
  scan: findBankCards,
};
