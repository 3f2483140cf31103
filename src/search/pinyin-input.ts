import { createRequire } from 'node:module';

/**
 * Pinyin input: a query typed in pinyin without switching the input method (xinzhishengchanli), or as
 * initials (xzscl), is matched against known words (dictionary terms and words of recent titles).
 */

type PinyinFn = (text: string, options: { toneType: 'none'; type: 'array'; pattern?: 'first' }) => string[];

let pinyinFn: PinyinFn | null | undefined;

function load(): PinyinFn | null {
  if (pinyinFn !== undefined) return pinyinFn;
  try {
    const require = createRequire(import.meta.url);
    pinyinFn = (require('pinyin-pro') as { pinyin: PinyinFn }).pinyin;
  } catch {
    pinyinFn = null;
  }
  return pinyinFn;
}

const spelled = new Map<string, { full: string; initials: string }>();

function spell(word: string): { full: string; initials: string } {
  const known = spelled.get(word);
  if (known) return known;
  const fn = load();
  const result = fn
    ? {
        full: fn(word, { toneType: 'none', type: 'array' }).join('').toLowerCase(),
        initials: fn(word, { toneType: 'none', type: 'array', pattern: 'first' }).join('').toLowerCase(),
      }
    : { full: '', initials: '' };
  if (spelled.size > 100_000) spelled.clear();
  spelled.set(word, result);
  return result;
}

/** Toneless pinyin of a Chinese word, syllables joined (新质 → xinzhi); '' when unavailable. */
export function pinyinOf(word: string): string {
  return spell(word).full;
}

function initialsOf(word: string): string {
  return spell(word).initials;
}

export function looksLikePinyin(query: string): boolean {
  return /^[a-z][a-z' ]{1,60}$/i.test(query.trim());
}

/** Words whose full pinyin, or (for 2–8 letters) initials, spell the query; longest words first. */
export function wordsForPinyin(query: string, words: Iterable<string>): string[] {
  const key = query.toLowerCase().replace(/[\s']/g, '');
  if (key.length < 2) return [];
  const found: string[] = [];
  for (const word of words) {
    if (pinyinOf(word) === key || (key.length <= 8 && [...word].length >= 2 && initialsOf(word) === key))
      found.push(word);
  }
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}
