import { createRequire } from 'node:module';

/**
 * The one text normalisation used at index time, at query time and for highlighting: compatibility forms
 * folded (NFKC: full-width Ａ１ → a1, half-width katakana, ligatures), letters lower-cased, traditional
 * Chinese characters folded to simplified (發展 → 发展). `normaliseWithMap` does the same character by
 * character so that every
 * normalised character can be traced back to where it came from in the original text (for <mark>).
 */

type Convert = (text: string) => string;

interface Folding {
  /** Traditional character → simplified, for every character opencc changes on its own. */
  readonly map: ReadonlyMap<string, string>;
  /**
   * The same as a table over the ideographs (U+3400–U+9FFF, where every key lies): slot 0 when the
   * character stays, else 1 + its index in `replacements`. A scan through it is several times faster
   * than a regular expression of 2,000 alternatives, on every article indexed and every result ranked.
   */
  readonly table: Uint16Array;
  readonly replacements: readonly string[];
}

const FIRST = 0x3400;
const LAST = 0x9fff;

let folding: Folding | undefined;

/**
 * The traditional→simplified table, built once from opencc-js by converting every CJK ideograph alone
 * (a fraction of a second). Character by character on purpose: index and query must fold the same way
 * whatever the surrounding text, and highlighting needs a one-to-one mapping.
 */
function traditional(): Folding {
  if (folding) return folding;
  const map = new Map<string, string>();
  try {
    // opencc-js ships ESM and UMD builds; the UMD one loads synchronously.
    const require = createRequire(import.meta.url);
    const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): Convert };
    const convert = OpenCC.Converter({ from: 't', to: 'cn' });
    for (let code = 0x3400; code <= 0x9fff; code++) {
      const ch = String.fromCodePoint(code);
      const simplified = convert(ch);
      if (simplified !== ch) map.set(ch, simplified);
    }
  } catch {
    // Without opencc, traditional characters stay as they are.
  }
  const table = new Uint16Array(LAST - FIRST + 1);
  const replacements: string[] = [];
  for (const [from, to] of map) {
    replacements.push(to);
    table[from.charCodeAt(0) - FIRST] = replacements.length;
  }
  folding = { map, table, replacements };
  return folding;
}

/** One character (code point) normalised; may be empty or longer than one character. */
const folded = new Map<string, string>();

function foldChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  const known = folded.get(ch);
  if (known !== undefined) return known;
  const { map } = traditional();
  const out = [...ch.normalize('NFKC').toLowerCase()].map((c) => map.get(c) ?? c).join('');
  if (folded.size < 50_000) folded.set(ch, out);
  return out;
}

export function normalise(text: string): string {
  const out = text.normalize('NFKC').toLowerCase();
  const { table, replacements } = traditional();
  let folded = '';
  let from = 0;
  for (let i = 0; i < out.length; i++) {
    const code = out.charCodeAt(i);
    // Surrogate halves (U+D800–U+DFFF) lie outside the table's range: astral characters stay.
    if (code < FIRST || code > LAST) continue;
    const slot = table[code - FIRST]!;
    if (slot === 0) continue;
    folded += out.slice(from, i) + replacements[slot - 1]!;
    from = i + 1;
  }
  return from === 0 ? out : folded + out.slice(from);
}

export interface MappedText {
  /** The normalised text. */
  readonly text: string;
  /** For each UTF-16 index of `text` (and one past its end): the index in the original text it came from. */
  readonly origin: readonly number[];
}

export function normaliseWithMap(original: string): MappedText {
  let text = '';
  const origin: number[] = [];
  let at = 0;
  for (const ch of original) {
    const out = foldChar(ch);
    for (let i = 0; i < out.length; i++) origin.push(at);
    text += out;
    at += ch.length;
  }
  origin.push(at);
  return { text, origin };
}
