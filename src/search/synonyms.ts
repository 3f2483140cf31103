import { OFFICIAL_BODIES } from '../core/index.js';
import { gramsOf, type Analyzer } from './analyzer.js';
import { normalise } from './normalise.js';
import type { ParsedQuery, QueryTerm } from './query-parser.js';

/**
 * Synonyms applied at query time: official short forms and full names of bodies find each other (国办 /
 * 国务院办公厅, 人社局 / 人力资源和社会保障局), from the built-in list (src/core/official-bodies.ts) and the
 * site's own pairs. A term containing one form also matches the text with the other form in its place; the
 * caller ranks articles with the words as typed above those found only through a synonym.
 */
export type SynonymPair = readonly [string, string];

/** Short forms too common to expand: every article about China says 中国 without meaning the state's full name. */
const NOT_EXPANDED = new Set(['中国']);

/** At most this many alternative forms per term: enough for a name with two abbreviations in it. */
const MAX_ALTERNATIVES = 6;

export interface SynonymTable {
  /** Each form with the forms it may stand for, longest forms first. */
  readonly forms: readonly (readonly [string, readonly string[]])[];
}

/** The table of the built-in pairs plus `extra` (a site's own), in both directions. */
export function synonymTable(extra: readonly SynonymPair[] = []): SynonymTable {
  const map = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (a === b || a === '' || b === '') return;
    let set = map.get(a);
    if (!set) map.set(a, (set = new Set()));
    set.add(b);
  };
  const pair = (a: string, b: string) => {
    add(a, b);
    add(b, a);
  };
  for (const [x, y] of [...OFFICIAL_BODIES, ...extra]) {
    const a = normalise(x).trim();
    const b = normalise(y).trim();
    if (NOT_EXPANDED.has(a) || NOT_EXPANDED.has(b)) continue;
    pair(a, b);
    // 人力资源社会保障局 is the same body as 人力资源和社会保障局 (and a query drops 和 as a stop word).
    for (const form of [a, b]) {
      const without = form.replace(/(?<!共)和/g, '');
      if (without !== form && without.length >= 4) {
        pair(without, a === form ? b : a);
        pair(without, form);
      }
    }
  }
  return {
    forms: [...map]
      .map(([form, others]) => [form, [...others]] as const)
      .sort((p, q) => q[0].length - p[0].length),
  };
}

let builtIn: SynonymTable | undefined;

/** The built-in table alone (built once). */
export function builtInSynonyms(): SynonymTable {
  return (builtIn ??= synonymTable());
}

/** Whether the occurrence of `form` at `at` lies inside an occurrence of `other` (法院 inside 人民法院). */
function insideOther(text: string, at: number, form: string, other: string): boolean {
  const offset = other.indexOf(form);
  return offset !== -1 && text.startsWith(other, at - offset);
}

/** The other ways of writing `text`: each form it contains replaced by each of its synonyms. */
export function alternativeTexts(text: string, table: SynonymTable): string[] {
  const out = new Set<string>();
  for (const [form, others] of table.forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
      for (const other of others) {
        if (insideOther(text, at, form, other)) continue;
        out.add(text.slice(0, at) + other + text.slice(at + form.length));
        if (out.size >= MAX_ALTERNATIVES) return [...out];
      }
    }
  }
  out.delete(text);
  return [...out];
}

/** Whether some form of the table occurs in `text` across one of the `boundaries` (offsets between terms). */
function formAcross(text: string, boundaries: readonly number[], table: SynonymTable): boolean {
  return table.forms.some(([form]) => {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
      if (boundaries.some((b) => b > at && b < at + form.length)) return true;
    }
    return false;
  });
}

/** Longest run of neighbouring terms merged when the segmenter split a name (卫生健康 + 委员会). */
const MAX_MERGED = 4;

/**
 * Neighbouring unquoted terms that together hold a synonym form across their boundary, merged back into one
 * term: the segmenter splits 卫生健康委员会 into 卫生健康 and 委员会, and the name must be seen whole.
 */
function mergeSplitNames(terms: readonly QueryTerm[], table: SynonymTable): QueryTerm[] {
  const out: QueryTerm[] = [];
  for (let i = 0; i < terms.length; i++) {
    let merged: QueryTerm | null = null;
    for (let j = Math.min(terms.length, i + MAX_MERGED); j > i + 1 && merged === null; j--) {
      const run = terms.slice(i, j);
      if (run.some((t) => t.quoted)) continue;
      const texts = run.map((t) => t.text.replace(/\s+/g, ''));
      const boundaries: number[] = [];
      let length = 0;
      for (const text of texts.slice(0, -1)) boundaries.push((length += text.length));
      const text = texts.join('');
      if (!formAcross(text, boundaries, table)) continue;
      merged = { text, grams: gramsOf(text), words: run.flatMap((t) => t.words) };
      i = j - 1;
    }
    out.push(merged ?? terms[i]!);
  }
  return out;
}

/** The query with each included term also matching its synonyms (a quoted term stays as typed). */
export function expandQuery(query: ParsedQuery, table: SynonymTable, analyzer: Analyzer): ParsedQuery {
  let changed = false;
  const include = mergeSplitNames(query.include, table).map((term): QueryTerm => {
    if (term.quoted) return term;
    const texts = alternativeTexts(term.text.replace(/\s+/g, ''), table);
    const alternatives = texts
      .map((text) => ({ text, grams: gramsOf(text), words: analyzer.queryWords(text) }))
      .filter((alt) => alt.grams.length > 0);
    if (alternatives.length === 0) return term;
    changed = true;
    return { ...term, alternatives };
  });
  return changed ? { include, exclude: query.exclude } : query;
}

/** Whether any term of the query was given alternatives. */
export function isExpanded(query: ParsedQuery): boolean {
  return query.include.some((t) => (t.alternatives?.length ?? 0) > 0);
}
