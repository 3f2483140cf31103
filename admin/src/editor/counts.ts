/**
 * 字数 and 字符数 of a text, as Chinese word processors count them: each Chinese character is a word and
 * each run of Latin letters or digits (with inner apostrophes, hyphens or points: don't, COVID-19, 3.5)
 * is one; characters are every character but white space.
 */
export interface TextCounts {
  readonly words: number;
  readonly characters: number;
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[\p{Script=Latin}\d]+(?:['’.-][\p{Script=Latin}\d]+)*/gu;

export function countText(text: string): TextCounts {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  const characters = Array.from(text.replace(/\s+/gu, '')).length;
  return { words: han + latin, characters };
}
