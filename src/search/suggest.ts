import { pinyinOf } from './pinyin-input.js';

/**
 * Suggestions when nothing was found: a known slip (the input-method errors that inspectors report, such
 * as 攻府 for 政府), a dictionary word that sounds the same (以旧还新 → 以旧换新), or one that differs by
 * one character (新质生产利 → 新质生产力).
 */

/** Common wrong forms and what was meant; checked as substrings. */
export const COMMON_SLIPS: Readonly<Record<string, string>> = {
  攻府: '政府',
  共合国: '共和国',
  扫黑险恶: '扫黑除恶',
  以旧还新: '以旧换新',
  新制生产力: '新质生产力',
  营商还境: '营商环境',
  放管服务: '放管服',
  一网通半: '一网通办',
  申领居住正: '申领居住证',
  居住正: '居住证',
  公基金: '公积金',
  医疗报销: '医保报销',
  社宝: '社保',
  户藉: '户籍',
  帐户: '账户',
  既使: '即使',
  渡假: '度假',
  部署安排: '安排部署',
};

function editDistanceAtMostOne(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Words that `term` was probably meant to be, best first. */
export function correctionsFor(term: string, words: Iterable<string>): string[] {
  const out: string[] = [];
  for (const [slip, meant] of Object.entries(COMMON_SLIPS)) {
    if (term.includes(slip)) out.push(term.replace(slip, meant));
  }
  const chars = [...term];
  if (chars.length < 2 || !/\p{Script=Han}/u.test(term)) return out;
  const sound = pinyinOf(term);
  const sameSound: string[] = [];
  const oneOff: string[] = [];
  for (const word of words) {
    if (word === term) continue;
    const wc = [...word];
    if (sound !== '' && wc.length === chars.length && pinyinOf(word) === sound) sameSound.push(word);
    else if (chars.length >= 3 && editDistanceAtMostOne(chars, wc)) oneOff.push(word);
  }
  return [...new Set([...out, ...sameSound, ...oneOff])];
}
