import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What the wrong-character check (错别字) knows of Chinese: word frequencies from jieba's dictionary (shipped
 * with @node-rs/jieba as `dict.txt`, MIT) and confusion sets of same-sound and look-alike characters
 * (resources/csc/, from shibing624/pycorrector, Apache-2.0). Loaded once, on first use.
 */
export interface TypoLexicon {
  /** Frequency of a dictionary word of two to four characters; absent when it is not a word. */
  readonly words: ReadonlyMap<string, number>;
  /** Frequency of a character used as a word of its own (的, 在, 是 …). */
  readonly singles: ReadonlyMap<string, number>;
  /** Sum of all frequencies, to turn them into probabilities. */
  readonly total: number;
  /** For a character, the characters it is confused with, each with the kind of likeness. */
  readonly confusions: ReadonlyMap<string, ReadonlyMap<string, Confusion['kind']>>;
  /**
   * Words with one character left out, mapping the pattern (`程序正*`) to the characters that complete it
   * into a dictionary word of at least INDEXED_FREQ: finds the words a replaced character can make in one look-up.
   */
  readonly gaps: ReadonlyMap<string, string>;
}

/** Words rarer than this are not suggested as corrections (jieba's dictionary has many one-off entries). */
export const INDEXED_FREQ = 30;

/** Index of words by each character left out. */
export function gapIndex(words: ReadonlyMap<string, number>): Map<string, string> {
  const gaps = new Map<string, string>();
  for (const [word, freq] of words) {
    if (freq < INDEXED_FREQ) continue;
    for (let i = 0; i < word.length; i++) {
      const key = word.slice(0, i) + '*' + word.slice(i + 1);
      gaps.set(key, (gaps.get(key) ?? '') + word[i]!);
    }
  }
  return gaps;
}

export interface Confusion {
  readonly char: string;
  /** `tone`: same pinyin and tone; `sound`: same pinyin, other tone; `shape`: looks alike. */
  readonly kind: 'tone' | 'sound' | 'shape';
}

const HAN = /^\p{Script=Han}+$/u;
/** Longest word the check tries: four characters take in the idioms (成语). */
export const MAX_WORD = 4;

/** Parses jieba's `word freq tag` lines into word and single-character frequencies. */
export function parseWordFrequencies(text: string): {
  words: Map<string, number>;
  singles: Map<string, number>;
  total: number;
} {
  const words = new Map<string, number>();
  const singles = new Map<string, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 1) continue;
    const word = line.slice(0, space);
    const freq = Number.parseInt(line.slice(space + 1), 10);
    if (!Number.isFinite(freq)) continue;
    total += freq;
    if (!HAN.test(word)) continue;
    if (word.length === 1) singles.set(word, Math.max(freq, singles.get(word) ?? 0));
    else if (word.length <= MAX_WORD) words.set(word, Math.max(freq, words.get(word) ?? 0));
  }
  return { words, singles, total };
}

/** Parses the same-pinyin table (`char<TAB>same tone<TAB>other tone`) and the look-alike groups. */
export function parseConfusions(
  samePinyin: string,
  sameStroke: string,
): Map<string, Map<string, Confusion['kind']>> {
  const out = new Map<string, Map<string, Confusion['kind']>>();
  const add = (from: string, to: string, kind: Confusion['kind']) => {
    if (from === to || !HAN.test(from) || !HAN.test(to)) return;
    let entry = out.get(from);
    if (!entry) out.set(from, (entry = new Map<string, Confusion['kind']>()));
    // The strongest likeness wins: same tone over look-alike over another tone.
    const rank = { tone: 0, shape: 1, sound: 2 } as const;
    const had = entry.get(to);
    if (had === undefined || rank[kind] < rank[had]) entry.set(to, kind);
  };
  for (const line of samePinyin.split('\n')) {
    if (line.startsWith('#')) continue;
    const [char, sameTone = '', otherTone = ''] = line.trim().split('\t');
    if (!char) continue;
    for (const c of sameTone) add(char, c, 'tone');
    for (const c of otherTone) add(char, c, 'sound');
  }
  for (const line of sameStroke.split('\n')) {
    const group = line.trim().split(/\s+/).filter(Boolean);
    for (const a of group) for (const b of group) add(a, b, 'shape');
  }
  return out;
}

let loaded: TypoLexicon | undefined;
let confusions: Map<string, Map<string, Confusion['kind']>> | undefined;

/** The shipped confusion sets alone (small: read without the word list). */
export function confusionSets(): ReadonlyMap<string, ReadonlyMap<string, Confusion['kind']>> {
  if (confusions) return confusions;
  const resources = new URL('../../resources/csc/', import.meta.url);
  confusions = parseConfusions(
    readFileSync(new URL('same_pinyin.txt', resources), 'utf8'),
    readFileSync(new URL('same_stroke.txt', resources), 'utf8'),
  );
  return confusions;
}

/** The shipped lexicon, read once per process (measured 2.3–2.4 s and about 125 MB of resident memory on a loaded machine). */
export function typoLexicon(): TypoLexicon {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dictPath = require.resolve('@node-rs/jieba/dict.txt');
  const { words, singles, total } = parseWordFrequencies(readFileSync(dictPath, 'utf8'));
  loaded = { words, singles, total, confusions: confusionSets(), gaps: gapIndex(words) };
  return loaded;
}
