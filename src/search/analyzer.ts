import { createRequire } from 'node:module';
import type { Jieba as JiebaClass } from '@node-rs/jieba';
import { normalise } from './normalise.js';

/**
 * Chinese text analysis, the same at index and at query time. Text is normalised, then split into runs of
 * Han characters and runs of other letters/digits. Two token streams come out of it:
 * - `words`: jieba's search-mode segmentation with the user dictionary (国务院办公厅 also yields 国务院,
 *   办公厅), for ranking: a document that has the query as a word ranks above one that only contains it;
 * - `grams`: overlapping bigrams of every Han run (a run of one character stays one token) and whole
 *   Latin/digit words, in text order, so that any string of two or more characters that occurs in the text
 *   is found as a phrase of its bigrams, however the segmenter split it.
 */

export interface Analysis {
  readonly words: readonly string[];
  readonly grams: readonly string[];
}

interface Segmenter {
  cutForSearch(text: string): string[];
  cut(text: string): string[];
}

const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const TOKEN = /^[\p{L}\p{N}]+$/u;
/**
 * How much of an article body is segmented into words. Bigrams cover the whole body, so every word in it
 * is found; words only add rank, and the opening paragraphs (where a news article states its subject)
 * carry that signal. Segmenting whole bodies doubled the cost of indexing for no measured gain.
 */
export const BODY_WORD_CHARS = 600;

/** Longest stretch of text analysed per field: enough for any article, bounded for pasted books. */
export const MAX_ANALYSED_CHARS = 200_000;

/** Bigram tokens of a normalised text, in order. */
export function gramsOf(normalised: string): string[] {
  const out: string[] = [];
  for (const match of normalised.matchAll(RUN)) {
    const [run, han] = match;
    if (han === undefined) {
      out.push(run);
    } else if (!SURROGATE.test(han)) {
      // The common case: every character is one UTF-16 unit.
      if (han.length === 1) out.push(han);
      for (let i = 0; i + 1 < han.length; i++) out.push(han.slice(i, i + 2));
    } else {
      const chars = [...han];
      if (chars.length === 1) out.push(han);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export class Analyzer {
  readonly #segmenter: Segmenter;
  readonly #terms: ReadonlySet<string>;

  constructor(segmenter: Segmenter, terms: ReadonlySet<string>) {
    this.#segmenter = segmenter;
    this.#terms = terms;
  }

  /** The user dictionary terms this analyzer knows (normalised). */
  get terms(): ReadonlySet<string> {
    return this.#terms;
  }

  /**
   * Tokens of a field's text for the index. `wordChars` limits segmentation to the start of the text
   * (bigrams always cover all of it): see `BODY_WORD_CHARS`.
   */
  analyse(text: string, wordChars = MAX_ANALYSED_CHARS): Analysis {
    const normalised = normalise(text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text);
    const segmented = normalised.length > wordChars ? normalised.slice(0, wordChars) : normalised;
    return {
      words: this.#segmenter.cutForSearch(segmented).filter((t) => TOKEN.test(t)),
      grams: gramsOf(normalised),
    };
  }

  /** Words of a query term (already normalised), as the user most likely meant them: no search-mode extras. */
  queryWords(normalisedTerm: string): string[] {
    return this.#segmenter.cut(normalisedTerm).filter((t) => TOKEN.test(t));
  }
}

let base: { jieba: JiebaClass; loaded: Set<string> } | null | undefined;

function loadJieba(): JiebaClass | null {
  try {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: typeof JiebaClass };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    return Jieba.withDict(dict);
  } catch {
    return null;
  }
}

/** Fallback when the native segmenter cannot load: no words, only bigrams (recall is unchanged). */
const NO_SEGMENTER: Segmenter = { cutForSearch: () => [], cut: (text) => [text] };

/** High enough that jieba keeps a dictionary term whole against its parts. */
const TERM_FREQUENCY = 200_000;

/**
 * The process-wide analyzer with exactly `terms` in its user dictionary. Adding terms extends the loaded
 * dictionary; removing one rebuilds it from the default dictionary (a fraction of a second).
 */
export function analyzerFor(terms: Iterable<string>): Analyzer {
  const wanted = new Set([...terms].map((t) => normalise(t).trim()).filter((t) => TOKEN.test(t)));
  if (base === undefined || (base !== null && [...base.loaded].some((t) => !wanted.has(t)))) {
    const jieba = loadJieba();
    base = jieba ? { jieba, loaded: new Set() } : null;
  }
  if (base === null) return new Analyzer(NO_SEGMENTER, wanted);
  const missing = [...wanted].filter((t) => !base!.loaded.has(t));
  if (missing.length > 0) {
    base.jieba.loadDict(Buffer.from(missing.map((t) => `${t} ${TERM_FREQUENCY} n\n`).join('')));
    for (const t of missing) base.loaded.add(t);
  }
  const { jieba } = base;
  return new Analyzer(
    { cutForSearch: (text) => jieba.cutForSearch(text, false), cut: (text) => jieba.cut(text, false) },
    wanted,
  );
}
