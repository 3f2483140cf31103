import { assemble } from './assemble.js';
import { footerStart, isChromeLine, normaliseSpace, readChrome, readFieldLine } from './fields.js';
import { emptyFields, type ImportedBlock, type ImportedItem, type SiteChrome } from './model.js';

export interface ParsedContent {
  readonly items: ImportedItem[];
  readonly chrome: SiteChrome;
  readonly warnings: string[];
  readonly url: string;
}

const SITE_SUFFIX =
  /\s*[-_|｜—–]+\s*[^-_|｜—–]*(网|网站|门户|政府|人民政府|委员会|局|厅|办公室|日报|新闻|Portal)\s*$/i;

/** Splits `合集|六论…` or `【系列评论】…` into its label and the headline, and drops a site-name suffix. */
export function splitTitleLine(line: string): { label: string; title: string } {
  const text = normaliseSpace(line);
  const bracket = /^【([^】]{1,8})】\s*(.+)$/.exec(text);
  if (bracket) return { label: bracket[1] ?? '', title: bracket[2] ?? '' };
  const bar = /^([^|｜]{1,6})\s*[|｜]\s*(.+)$/.exec(text);
  if (bar && /合集|系列|组稿|专题|专栏|评论|社论|要闻|速览/.test(bar[1] ?? '')) {
    return { label: (bar[1] ?? '').trim(), title: (bar[2] ?? '').trim() };
  }
  return { label: '', title: text.replace(SITE_SUFFIX, '') };
}

const indented = (line: string): boolean => /^[ \u3000\u00a0\t]/.test(line);
const ENDS_SENTENCE = /[。！？!?；;…，,：:”"’）)]$/;

/**
 * Parses a page saved as text by a browser: the headline, then byline lines, then the body, then the footer.
 * Paragraphs are the indented lines (or, when nothing is indented, the long ones); a short line standing on
 * its own without closing punctuation is a heading.
 */
export function parseTextPage(text: string): ParsedContent {
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+$/, ''));
  const fields = emptyFields();
  const chromeLines: string[] = [];
  // The headline is the line just above the first byline line near the top, else the first line not chrome.
  const firstField = lines.findIndex((line, index) => index < 30 && readFieldLine(line, emptyFields()));
  let titleIndex = -1;
  for (
    let i = firstField > 0 ? firstField - 1 : 0;
    i >= 0 && i < lines.length;
    i += firstField > 0 ? -1 : 1
  ) {
    const candidate = normaliseSpace(lines[i] ?? '');
    if (candidate !== '' && !isChromeLine(candidate) && !readFieldLine(candidate, emptyFields())) {
      titleIndex = i;
      break;
    }
  }
  for (const line of lines.slice(0, Math.max(titleIndex, 0))) chromeLines.push(line);
  const { label, title } =
    titleIndex >= 0 ? splitTitleLine(lines[titleIndex] ?? '') : { label: '', title: '' };

  const bodyLines: string[] = [];
  const rest = lines.slice(titleIndex + 1);
  const footer = footerStart(rest);
  if (footer >= 0) chromeLines.push(...rest.splice(footer));
  for (const line of rest) {
    const plain = normaliseSpace(line);
    if (plain === '') bodyLines.push('');
    else if (isChromeLine(plain)) chromeLines.push(plain);
    else bodyLines.push(line);
  }
  // Byline lines are read above and below the body only: a notice's own `时间：…` line stays in its text.
  const isBlank = (line: string | undefined) => line !== undefined && normaliseSpace(line) === '';
  while (bodyLines.length > 0 && (isBlank(bodyLines[0]) || readFieldLine(bodyLines[0] ?? '', fields))) {
    bodyLines.shift();
  }
  while (
    bodyLines.length > 0 &&
    (isBlank(bodyLines[bodyLines.length - 1]) || readFieldLine(bodyLines[bodyLines.length - 1] ?? '', fields))
  ) {
    bodyLines.pop();
  }

  const long = bodyLines.filter((l) => normaliseSpace(l).length > 40);
  const indentMode = long.length > 0 && long.filter(indented).length / long.length >= 0.6;
  const blocks: ImportedBlock[] = [];
  bodyLines.forEach((line, index) => {
    const plain = normaliseSpace(line);
    if (plain === '') return;
    const alone =
      normaliseSpace(bodyLines[index - 1] ?? '') === '' && normaliseSpace(bodyLines[index + 1] ?? '') === '';
    const heading =
      plain.length <= 40 && !ENDS_SENTENCE.test(plain) && (indentMode ? !indented(line) : alone);
    blocks.push({ type: heading ? 'heading' : 'paragraph', text: plain });
  });

  const { items, warnings } = assemble({
    title,
    label,
    kicker: '',
    subtitle: '',
    fields,
    blocks,
    attachments: [],
  });
  return { items, chrome: readChrome(chromeLines), warnings, url: '' };
}
