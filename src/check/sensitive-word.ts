import { ALLOWED_WORDS, SENSITIVE_WORDS } from './data/sensitive-words.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

const LATIN = /[A-Za-z0-9]/;

/** An occurrence covered by an allowed term (敏感 inside 非敏感…) is fine. */
function allowedAt(text: string, start: number, end: number, allowed: readonly string[]): boolean {
  return allowed.some((term) => {
    for (let from = Math.max(0, end - term.length); from <= start; from++) {
      if (text.startsWith(term, from) && from + term.length >= end) return true;
    }
    return false;
  });
}

/** A Latin word matches only whole (`ass` is not found in `class`); Chinese words match anywhere not allowed. */
function partOfLatinWord(text: string, start: number, end: number, word: string): boolean {
  const first = word[0] ?? '';
  const last = word[word.length - 1] ?? '';
  return (
    (LATIN.test(first) && LATIN.test(text[start - 1] ?? '')) ||
    (LATIN.test(last) && LATIN.test(text[end] ?? ''))
  );
}

export function findSensitiveWords(text: string, options: CheckOptions): TextFinding[] {
  const words = [...new Set([...SENSITIVE_WORDS, ...(options.sensitiveWords ?? [])])].filter((w) => w !== '');
  const allowed = [...ALLOWED_WORDS, ...(options.allowedWords ?? [])];
  const lower = text.toLowerCase();
  const findings: TextFinding[] = [];
  for (const word of words) {
    const needle = word.toLowerCase();
    for (
      let start = lower.indexOf(needle);
      start !== -1;
      start = lower.indexOf(needle, start + needle.length)
    ) {
      const end = start + needle.length;
      if (partOfLatinWord(text, start, end, word) || allowedAt(text, start, end, allowed)) continue;
      findings.push({
        rule: 'sensitive-word',
        severity: 'warn',
        confidence: 'possible',
        message: `含敏感词“${text.slice(start, end)}”，请核实。`,
        messageEn: `Contains a sensitive word ("${text.slice(start, end)}"): check it.`,
        start,
        end,
        excerpt: text.slice(start, end),
        suggestion: null,
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** Words from a configurable list, whole-word, with an allow-list. */
export const sensitiveWordRule: TextRule = {
  kind: 'text',
  id: 'sensitive-word',
  scan: findSensitiveWords,
};
