import { confusionSets } from './typo-lexicon.js';

/**
 * Protected names (the country, the party, national bodies, places, fixed formulations) written with one
 * character wrong, added or missing: 中华人民大和国, 中国人民共和国, 齐齐哈市. Any character may be the wrong
 * one inside the name; at its first or last character only a same-sound or look-alike character counts,
 * because there the text more often simply goes on with other words (中国共产主义 is not 中国共产党 misspelt).
 */
export interface NearMiss {
  readonly start: number;
  readonly end: number;
  readonly found: string;
  readonly name: string;
}

/**
 * Shortest protected name compared: a four-character name only with a same-sound or look-alike character
 * (张家口市 and 张家港市 are both cities), from five characters any edit.
 */
export const MIN_PROTECTED = 4;
const MIN_ANY_EDIT = 5;

/** Whether `a` (found) is `b` (right) with one character added (not at either end). */
function insertedInside(found: string, right: string): boolean {
  if (found.length !== right.length + 1) return false;
  for (let i = 1; i < found.length - 1; i++) {
    if (found.slice(0, i) + found.slice(i + 1) === right) return true;
  }
  return false;
}

/**
 * Whether `found` is `right` with one inner character left out. Leaving out the 和 that joins two fields of
 * a body's name (人力资源社会保障部, 国家发展改革委) is the bodies' own short usage, not an error; 共和 is not such a 和.
 */
function deletedInside(found: string, right: string): boolean {
  if (found.length !== right.length - 1) return false;
  // Not the second character either: the first one found may end the word before (广西自治区 is not 西藏自治区).
  for (let i = 2; i < right.length - 1; i++) {
    if (right[i] === '和' && right[i - 1] !== '共') continue;
    if (right.slice(0, i) + right.slice(i + 1) === found) return true;
  }
  return false;
}

/** The position where `found` differs from `right` (same length, exactly one difference), or -1. */
function oneSubstitution(found: string, right: string): number {
  if (found.length !== right.length) return -1;
  let at = -1;
  for (let i = 0; i < found.length; i++) {
    if (found[i] === right[i]) continue;
    if (at !== -1) return -1;
    at = i;
  }
  return at;
}

const HAN = /\p{Script=Han}/u;

/** Near misses of the names in `text`; a span that is part of a correct occurrence of the name is left alone. */
export function findNearMisses(text: string, names: readonly string[]): NearMiss[] {
  const confusions = confusionSets();
  const out: NearMiss[] = [];
  // Correct occurrences of any of the names: a span overlapping one is part of a right name (高人民法院 in 最高人民法院).
  const correct: [number, number][] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      correct.push([at, at + name.length]);
    }
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (name.length < MIN_PROTECTED) continue;
    const half = Math.floor(name.length / 2);
    // One edit leaves the first half or the second half intact: anchor on both.
    const anchors: [string, number][] = [
      [name.slice(0, half), 0],
      [name.slice(half + 1), half + 1],
    ];
    for (const [anchor, offsetInName] of anchors) {
      if (anchor.length < 2) continue;
      for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) {
        const base = at - offsetInName;
        for (const length of [name.length, name.length - 1, name.length + 1]) {
          for (const shift of offsetInName === 0 ? [0] : [0, -1, 1]) {
            const start = base + shift;
            const end = start + length;
            if (start < 0 || end > text.length) continue;
            const found = text.slice(start, end);
            if (found === name || found.includes(name)) continue;
            let hit: boolean;
            if (length === name.length) {
              const i = oneSubstitution(found, name);
              if (i === -1 || !HAN.test(found[i]!)) continue;
              const inner = i > 0 && i < name.length - 1 && name.length >= MIN_ANY_EDIT;
              hit = inner || confusions.get(name[i]!)?.has(found[i]!) === true;
            } else if (name.length < MIN_ANY_EDIT) {
              continue;
            } else if (length < name.length) {
              hit = deletedInside(found, name);
            } else {
              hit = insertedInside(found, name) && HAN.test(found);
            }
            if (!hit) continue;
            if (correct.some(([s, e]) => start < e && end > s)) continue;
            const key = `${start}:${end}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ start, end, found, name });
          }
        }
      }
    }
  }
  // Overlapping misses of different names: keep the longest name.
  out.sort((a, b) => b.name.length - a.name.length || a.start - b.start);
  const kept: NearMiss[] = [];
  for (const miss of out) {
    if (kept.some((k) => miss.start < k.end && miss.end > k.start)) continue;
    kept.push(miss);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Words around a quotation that show the text is reporting or correcting a wrong form, not making it. */
const CORRECTING =
  /错写|写成|写为|误写|误作|打成|错成|错为|错字|错别字|应为|应是|改为|更正|纠正|订正|勘误|变成了|写错|不是“|而非/;

/**
 * Whether the span stands in quotation marks in a sentence about a wrong form (将“攻府”错写为…, “扫黑险恶”应为
 * “扫黑除恶”): quoting a mistake to correct it is not the mistake.
 */
export function quotedAsWrongForm(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('“', start);
  const close = text.indexOf('”', end);
  if (open === -1 || close === -1) return false;
  const between = text.slice(open + 1, close);
  if (between.includes('”') || between.includes('“') || close - open > 40) return false;
  const sentenceStart = Math.max(
    0,
    ...['。', '！', '？', '\n'].map((mark) => text.lastIndexOf(mark, open) + 1),
  );
  const stops = ['。', '！', '？', '\n'].map((mark) => text.indexOf(mark, close)).filter((i) => i !== -1);
  const sentenceEnd = stops.length > 0 ? Math.min(...stops) : text.length;
  return CORRECTING.test(text.slice(sentenceStart, sentenceEnd));
}
