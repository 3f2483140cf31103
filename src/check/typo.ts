import { MAX_WORD, typoLexicon, type Confusion, type TypoLexicon } from './typo-lexicon.js';
import type { CheckOptions, TextFinding, TextRule } from './types.js';

/**
 * Wrong characters in ordinary words and idioms (错别字): a character that no word of the dictionary covers,
 * which becomes part of a common word when replaced by a character that sounds or looks like it
 * (程序正档原则 → 正当, 不认醉 → 认罪). Dictionary evidence only, no statistics over sentences, so it runs at
 * thousands of sentences a second; the thresholds below were tuned on the development part of the public
 * CSC sets (bench/check).
 */
export interface TypoThresholds {
  /** A word at least this frequent makes its characters "covered" (not suspected). */
  readonly cover: number;
  /** Least frequency of the corrected word, by its length (index 2, 3, 4). */
  readonly minFreq: readonly number[];
  /** Least gain in log-probability of the segmented context that a correction must bring. */
  readonly margin: number;
  /** Dictionary words rarer than this do not count as words when segmenting (jieba lists misspellings too). */
  readonly junkBelow: number;
  /** Added to the margin when the character already belongs to a dictionary word (a rare or newer word). */
  readonly inWordMargin: number;
  /** Likeness kinds tried. */
  readonly kinds: readonly Confusion['kind'][];
  /** Subtracted from the gain by likeness: another tone or a look-alike is a less likely slip than a homophone. */
  readonly penalty: Readonly<Record<Confusion['kind'], number>>;
}

export const DEFAULT_TYPO_THRESHOLDS: TypoThresholds = {
  cover: 3000,
  minFreq: [0, 0, 30, 100, 100],
  margin: 5,
  inWordMargin: 0,
  junkBelow: 0,
  kinds: ['tone', 'shape', 'sound'],
  penalty: { tone: 0, shape: 0, sound: 2 },
};

export interface TypoCorrection {
  /** Offset (UTF-16) of the wrong character. */
  readonly at: number;
  readonly wrong: string;
  readonly right: string;
  /** The word the correction makes, with its offset. */
  readonly word: string;
  readonly wordStart: number;
  readonly score: number;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Strongest frequency of a dictionary word covering each character of a run. */
function coverage(run: string, words: ReadonlyMap<string, number>): number[] {
  const cover = new Array<number>(run.length).fill(0);
  for (let a = 0; a < run.length; a++) {
    for (let len = 2; len <= MAX_WORD && a + len <= run.length; len++) {
      const freq = words.get(run.slice(a, a + len));
      if (freq === undefined) continue;
      for (let i = a; i < a + len; i++) if (cover[i]! < freq) cover[i] = freq;
    }
  }
  return cover;
}

/** How far on each side of a suspect the segmentation is compared. */
const CONTEXT = 4;

/**
 * Log-probability of the best segmentation of `text` into dictionary words (unigram model, as jieba's own
 * segmenter): how plausible a stretch of text is as a sequence of words.
 */
function segmentScore(
  text: string,
  lexicon: TypoLexicon,
  logTotal: number,
  unknown: number,
  junk: number,
): number {
  const best = new Array<number>(text.length + 1).fill(-Infinity);
  best[0] = 0;
  for (let end = 1; end <= text.length; end++) {
    const single = lexicon.singles.get(text[end - 1]!);
    let score = best[end - 1]! + (single === undefined ? unknown : Math.log(single) - logTotal);
    for (let len = 2; len <= MAX_WORD && len <= end; len++) {
      const freq = lexicon.words.get(text.slice(end - len, end));
      // jieba's one-off entries (峻工 7, 再接再励 3) are often misspellings themselves: not words here.
      if (freq !== undefined && freq >= junk) {
        score = Math.max(score, best[end - len]! + Math.log(freq) - logTotal);
      }
    }
    best[end] = score;
  }
  return best[text.length]!;
}

/** Corrections for one run of Han characters (offsets within the run). */
function correctRun(
  run: string,
  lexicon: TypoLexicon,
  thresholds: TypoThresholds,
  allowed: ReadonlySet<number>,
): TypoCorrection[] {
  if (run.length < 2) return [];
  const cover = coverage(run, lexicon.words);
  const logTotal = Math.log(lexicon.total);
  const unknown = Math.log(0.5) - logTotal;
  const found: TypoCorrection[] = [];
  for (let i = 0; i < run.length; i++) {
    if (cover[i]! >= thresholds.cover || allowed.has(i)) continue;
    const wrong = run[i]!;
    const likeness = lexicon.confusions.get(wrong);
    if (!likeness) continue;
    // The corrected character must make a word with a neighbour, frequent enough for its length; the
    // longest such word is shown as the suggestion.
    const made = new Map<string, { word: string; start: number; freq: number }>();
    for (let len = 2; len <= MAX_WORD; len++) {
      for (let a = Math.max(0, i - len + 1); a <= i && a + len <= run.length; a++) {
        const head = run.slice(a, i);
        const tail = run.slice(i + 1, a + len);
        const chars = lexicon.gaps.get(head + '*' + tail);
        if (chars === undefined) continue;
        for (const char of chars) {
          const kind = likeness.get(char);
          if (kind === undefined || !thresholds.kinds.includes(kind)) continue;
          const word = head + char + tail;
          const freq = lexicon.words.get(word) ?? 0;
          if (freq < thresholds.minFreq[len]!) continue;
          const had = made.get(char);
          if (!had || len > had.word.length || (len === had.word.length && freq > had.freq)) {
            made.set(char, { word, start: a, freq });
          }
        }
      }
    }
    if (made.size === 0) continue;
    const from = Math.max(0, i - CONTEXT);
    const to = Math.min(run.length, i + CONTEXT + 1);
    const before = run.slice(from, i);
    const after = run.slice(i + 1, to);
    const original = segmentScore(run.slice(from, to), lexicon, logTotal, unknown, thresholds.junkBelow);
    let best: TypoCorrection | undefined;
    for (const [char, { word, start }] of made) {
      const kind = likeness.get(char)!;
      const gain =
        segmentScore(before + char + after, lexicon, logTotal, unknown, thresholds.junkBelow) -
        original -
        thresholds.penalty[kind];
      if (gain < thresholds.margin + (cover[i]! > 0 ? thresholds.inWordMargin : 0)) continue;
      if (!best || gain > best.score)
        best = { at: i, wrong, right: char, word, wordStart: start, score: gain };
    }
    if (best) found.push(best);
  }
  // Two neighbouring suspects usually come from one word; keep the stronger.
  return found.filter((c) => !found.some((o) => o !== c && Math.abs(o.at - c.at) === 1 && o.score > c.score));
}

/** Positions of a text inside a term the site allows. */
function allowedPositions(text: string, terms: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const term of terms) {
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
      for (let i = at; i < at + term.length; i++) out.add(i);
    }
  }
  return out;
}

/** Suspected wrong characters of a text with their corrections (offsets into the text). */
export function findTypos(
  text: string,
  options: { allowedWords?: readonly string[]; thresholds?: TypoThresholds; lexicon?: TypoLexicon } = {},
): TypoCorrection[] {
  const lexicon = options.lexicon ?? typoLexicon();
  const thresholds = options.thresholds ?? DEFAULT_TYPO_THRESHOLDS;
  const allowed = allowedPositions(text, options.allowedWords ?? []);
  const out: TypoCorrection[] = [];
  for (const match of text.matchAll(HAN_RUN)) {
    const offset = match.index;
    const inRun = new Set<number>();
    for (const p of allowed) if (p >= offset && p < offset + match[0].length) inRun.add(p - offset);
    for (const c of correctRun(match[0], lexicon, thresholds, inRun)) {
      out.push({ ...c, at: c.at + offset, wordStart: c.wordStart + offset });
    }
  }
  return out;
}

/** The text with every suggested correction applied. */
export function correctTypos(text: string, corrections: readonly TypoCorrection[]): string {
  const chars = text.split('');
  for (const c of corrections) chars[c.at] = c.right;
  return chars.join('');
}

/** 错别字: a warning with the corrected word as the suggestion; the editor decides. */
export const typoRule: TextRule = {
  kind: 'text',
  id: 'typo',
  scan(text: string, options: CheckOptions): TextFinding[] {
    return findTypos(text, { allowedWords: options.allowedWords ?? [] }).map((c) => {
      const start = c.wordStart;
      const end = c.wordStart + c.word.length;
      const excerpt = text.slice(start, end);
      return {
        rule: 'typo',
        severity: 'warn',
        confidence: 'possible',
        message: `疑似错别字：“${excerpt}”可能应为“${c.word}”（“${c.wrong}”→“${c.right}”）。`,
        messageEn: `Possible wrong character: "${excerpt}" may be "${c.word}".`,
        start,
        end,
        excerpt,
        suggestion: c.word,
      };
    });
  },
};
