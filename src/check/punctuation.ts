import type { TextFinding, TextRule } from './types.js';

/** Half-width marks that Chinese text writes full-width, and their full-width forms. */
const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：' };

/** A Chinese character, or a mark that closes (before) or opens (after) a stretch of Chinese text. */
const HAN = /\p{Script=Han}/u;
const CLOSES = /[”’）》」』】〕]/;
const OPENS = /[“‘（《「『【〔]/;

/** URLs and e-mail-like runs: nothing inside them is punctuation of the text. */
const URL_LIKE = /(?:https?:\/\/|www\.)[^\s，。；：、“”（）《》]*/giu;

const chineseBefore = (ch: string | undefined) => ch !== undefined && (HAN.test(ch) || CLOSES.test(ch));
const chineseAfter = (ch: string | undefined) => ch !== undefined && (HAN.test(ch) || OPENS.test(ch));

/**
 * Half-width `,` `;` `:` with Chinese text on both sides (春回大地,万物竞长): typed with the wrong input mode or
 * left by an old page. Each is reported with its full-width form as the fix. A mark between digits (1,000, 08:30,
 * 3:2), in Latin text or inside a URL is left alone: only a Chinese character (or a closing quote or bracket)
 * before and a Chinese character (or an opening one) after count.
 */
export function findHalfWidthPunctuation(text: string): TextFinding[] {
  const skipped: [number, number][] = [];
  for (const match of text.matchAll(URL_LIKE)) skipped.push([match.index, match.index + match[0].length]);
  const findings: TextFinding[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = text[i] ?? '';
    const fix = FULL_WIDTH[mark];
    if (fix === undefined) continue;
    if (!chineseBefore(text[i - 1]) || !chineseAfter(text[i + 1])) continue;
    if (skipped.some(([start, end]) => i >= start && i < end)) continue;
    findings.push({
      rule: 'punctuation',
      severity: 'warn',
      confidence: 'likely',
      message: `中文之间使用了半角标点“${mark}”，应为全角“${fix}”。`,
      messageEn: `A half-width "${mark}" between Chinese characters: use the full-width "${fix}".`,
      start: i,
      end: i + 1,
      excerpt: mark,
      suggestion: fix,
    });
  }
  return findings;
}

/** Half-width , ; : between Chinese characters (a warning with the full-width fix). */
export const punctuationRule: TextRule = {
  kind: 'text',
  id: 'punctuation',
  scan: (text) => findHalfWidthPunctuation(text),
};
