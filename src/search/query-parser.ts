import { gramsOf, type Analyzer } from './analyzer.js';
import { normalise } from './normalise.js';

/**
 * What a citizen typed, turned into terms. Syntax: words separated by spaces (all must match),
 * "a quoted phrase" (also “…” and 「…」), and -word to exclude. Everything else is text: FTS operators
 * (`NEAR(`, `AND`, `*`, `:`, `^`) are never passed to the database, they are punctuation or plain words.
 * An unquoted run of Chinese is split into words by the segmenter and common question words (怎么, 如何,
 * 哪里…) are dropped, so that 怎么办理居住证 finds pages about 办理 and 居住证.
 */

export interface QueryTerm {
  /** The normalised text the term stands for (shown and highlighted). */
  readonly text: string;
  /** Bigram tokens in order: the term matches where they occur as a phrase. */
  readonly grams: readonly string[];
  /** Segmenter words of the term: hits on them rank higher. */
  readonly words: readonly string[];
  /** Typed in quotation marks: matched as written, never through synonyms. */
  readonly quoted?: boolean;
  /** Other ways of writing the term (synonyms): the term matches where any of them does. */
  readonly alternatives?: readonly QueryTerm[];
}

export interface ParsedQuery {
  readonly include: readonly QueryTerm[];
  readonly exclude: readonly QueryTerm[];
}

/** Longest query read; the rest is ignored (a pasted paragraph is not a search). */
export const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 12;

/** Words that carry no meaning in a question to a government site. */
const QUESTION_WORDS = new Set(
  (
    '怎么 怎样 怎么样 如何 哪里 哪儿 在哪 在哪里 哪些 哪个 什么 多少 几 吗 呢 吧 啊 的 了 地 得 和 与 及 或 是 有 ' +
    '在 我 我们 你 您 请问 请 想 想要 要 需要 可以 能 能否 能不能 可不可以 关于 有关 一下 办法 去 到 给 被 把 都 ' +
    'the a an of to in and or for is are how what where'
  ).split(' '),
);

const QUOTES = /["“”「」『』]/;

interface RawPart {
  readonly text: string;
  readonly quoted: boolean;
  readonly negated: boolean;
}

function split(input: string): RawPart[] {
  const parts: RawPart[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const negated = ch === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!);
    const start = negated ? i + 1 : i;
    if (QUOTES.test(input[start] ?? '')) {
      // A quote without its closing mate runs to the end of the query.
      let end = start + 1;
      while (end < input.length && !QUOTES.test(input[end]!)) end++;
      parts.push({ text: input.slice(start + 1, end), quoted: true, negated });
      i = end + 1;
      continue;
    }
    let end = start;
    while (end < input.length && !/\s/.test(input[end]!) && !QUOTES.test(input[end]!)) end++;
    parts.push({ text: input.slice(start, end), quoted: false, negated });
    i = Math.max(end, i + 1);
  }
  return parts;
}

export function parseQuery(raw: string, analyzer: Analyzer): ParsedQuery {
  const input = normalise(raw.slice(0, MAX_QUERY_CHARS * 2))
    .trim()
    .slice(0, MAX_QUERY_CHARS);
  const include: QueryTerm[] = [];
  const exclude: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (target: QueryTerm[], text: string, words: readonly string[], quoted = false) => {
    const grams = gramsOf(text);
    const key = grams.join(' ');
    if (grams.length === 0 || seen.has(key) || include.length + exclude.length >= MAX_TERMS) return;
    seen.add(key);
    target.push({ text: text.trim(), grams, words, ...(quoted ? { quoted } : {}) });
  };
  for (const part of split(input)) {
    if (part.quoted || part.negated) {
      add(part.negated ? exclude : include, part.text, analyzer.queryWords(part.text), part.quoted);
      continue;
    }
    const words = analyzer.queryWords(part.text);
    if (words.every((w) => QUESTION_WORDS.has(w))) {
      // A term made only of question words (有什么) is still a search for those words.
      for (const word of words) add(include, word, [word]);
      continue;
    }
    for (const group of meaningfulGroups(words)) add(include, group.join(''), group);
  }
  return { include, exclude };
}

/**
 * The words of an unquoted run without question words, each a term of its own, except that a single
 * character sticks to the word before it (or after it) when they were adjacent: 2026年 and 以旧还新 stay
 * together, where 年 or 还 alone would match almost anything.
 */
function meaningfulGroups(words: readonly string[]): string[][] {
  const groups: string[][] = [];
  let previous: string[] | null = null;
  let pendingSingle: string[] | null = null;
  for (const word of words) {
    if (QUESTION_WORDS.has(word)) {
      previous = null;
      continue;
    }
    const single = [...word].length === 1;
    if (single && previous) {
      previous.push(word);
      continue;
    }
    const group: string[] = pendingSingle ? [...pendingSingle, word] : [word];
    pendingSingle = null;
    if (single && !previous) {
      pendingSingle = group;
      continue;
    }
    groups.push(group);
    previous = group;
  }
  if (pendingSingle) groups.push(pendingSingle);
  return groups;
}

/** The query written back in a canonical form (for the "searched for" line and suggestion links). */
export function queryText(query: ParsedQuery): string {
  const show = (t: QueryTerm) => (/\s/.test(t.text) ? `"${t.text}"` : t.text);
  return [...query.include.map(show), ...query.exclude.map((t) => `-${show(t)}`)].join(' ');
}

/** The Han character a one-character term stands for (it matches as a prefix of bigrams), or null. */
export function singleCharacter(term: QueryTerm): string | null {
  const [first] = term.grams;
  return term.grams.length === 1 &&
    first !== undefined &&
    [...first].length === 1 &&
    /\p{Script=Han}/u.test(first)
    ? first
    : null;
}
