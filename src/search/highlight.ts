import { normaliseWithMap } from './normalise.js';

/**
 * Highlighting for result pages: occurrences of the query terms are found in the normalised text (so 發展
 * in the page is marked for a search for 发展, ＡＢＣ for abc) and marked in the original text. Everything
 * else is HTML-escaped: the output is safe to insert as HTML.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Range = readonly [number, number];

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly needle: number;
}

/** Every occurrence of every needle, as ranges of the original text, in text order. */
function occurrences(original: string, needles: readonly string[]): Occurrence[] {
  const { text, origin } = normaliseWithMap(original);
  const found: Occurrence[] = [];
  needles.forEach((needle, index) => {
    if (needle === '') return;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      found.push({ start: origin[at]!, end: origin[at + needle.length]!, needle: index });
    }
  });
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

function merge(found: readonly Occurrence[]): Range[] {
  const merged: [number, number][] = [];
  for (const { start, end } of found) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function mark(original: string, ranges: readonly Range[], from = 0, to = original.length): string {
  let out = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from, at);
    const e = Math.min(end, to);
    if (e <= s) continue;
    out += `${escapeHtml(original.slice(at, s))}<mark>${escapeHtml(original.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(original.slice(at, to));
}

/** The whole text, escaped, with every occurrence of a needle in <mark>. */
export function highlight(text: string, needles: readonly string[]): string {
  return mark(text, merge(occurrences(text, needles)));
}

/**
 * About `size` characters of `text` around the place where the most different needles occur close
 * together, escaped and marked; the start of the text when no needle occurs. Ellipses show cuts.
 */
export function snippet(text: string, needles: readonly string[], size = 110): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const found = occurrences(clean, needles);
  if (found.length === 0)
    return clean.length > size ? `${escapeHtml(clean.slice(0, size))}…` : escapeHtml(clean);
  // Sliding window over the occurrences: the start whose window holds the most distinct needles.
  let best = found[0]!.start;
  let bestScore = 0;
  const inWindow = new Map<number, number>();
  let right = 0;
  for (let left = 0; left < found.length; left++) {
    const start = found[left]!.start;
    while (right < found.length && found[right]!.end <= start + size) {
      const n = found[right]!.needle;
      inWindow.set(n, (inWindow.get(n) ?? 0) + 1);
      right++;
    }
    if (inWindow.size > bestScore) {
      bestScore = inWindow.size;
      best = start;
    }
    const n = found[left]!.needle;
    const leftCount = (inWindow.get(n) ?? 0) - 1;
    if (left < right) {
      if (leftCount <= 0) inWindow.delete(n);
      else inWindow.set(n, leftCount);
    }
  }
  const from = Math.max(0, best - Math.floor(size / 4));
  const to = Math.min(clean.length, from + size);
  return `${from > 0 ? '…' : ''}${mark(clean, merge(found), from, to)}${to < clean.length ? '…' : ''}`;
}
