// The no-JavaScript path of the public forms, as a person takes it.

const NUMERALS = '零一二三四五六七八九十';

/** The answer to a challenge's question (`三加五等于几？`), as a person would give it. */
export function answerOf(question) {
  const [, x, op, y] = /^(.+?)(加|减)(.+?)等于几？$/.exec(question);
  const value = (text) => NUMERALS.indexOf(text);
  return String(op === '加' ? value(x) + value(y) : value(x) - value(y));
}
