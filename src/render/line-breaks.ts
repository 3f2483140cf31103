import { escapeHtml, segmentWords } from '../app/index.js';

/**
 * Short text (a source, an author, an address) as HTML with `<wbr>` between its words, for a stylesheet
 * that forbids breaks inside words (`word-break: keep-all`): a narrow line then wraps
 * “青川市人民政府/办公室”, never “…办/公室”. Latin text breaks between the segmenter's tokens too
 * (`webmaster@qingchuan.example.gov.cn` after `@` and the dots).
 */
export function breakHintedHtml(text: string): string {
  const words = segmentWords(text);
  return words
    .map((word, i) => {
      const joinsSpace = i === 0 || /^\s/.test(word) || /\s$/.test(words[i - 1]!);
      return `${joinsSpace ? '' : '<wbr>'}${escapeHtml(word)}`;
    })
    .join('');
}
