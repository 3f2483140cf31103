import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { assemble } from './assemble.js';
import {
  footerStart,
  isChromeLine,
  isEndMark,
  isFooterLine,
  isFurniture,
  isSourceName,
  normaliseSpace,
  offerDate,
  readChrome,
  readDate,
  readDateline,
  readFieldLine,
  sourceName,
  withoutPromotion,
  type ReadDate,
} from './fields.js';
import { safeHref } from './links.js';
import {
  emptyFields,
  type ImportedAttachment,
  type ImportedBlock,
  type ImportedLink,
  type PageFields,
} from './model.js';
import { splitTitleLine, type ParsedContent } from './parse-text.js';

/** Containers that old CMSs (TRS, JCMS, DedeCMS, 通用政府网站模板) put the article body in. */
const BODY_SELECTORS = [
  '.TRS_Editor',
  '.TRS_UEDITOR',
  '#zoom',
  '#UCAP-CONTENT',
  '.article-content',
  '.article_content',
  '.pages_content',
  '.content_text',
  '#content_text',
  '.news_content',
  '.detail-content',
  '.xxgk_content',
  '#fontzoom',
  'article',
];

/** Elements that are never content, and class or id words that mark site chrome. */
const NEVER = 'script, style, noscript, template, iframe, form, button, input, select, nav, footer';
const CHROME_WORDS =
  /(^|[-_\s])(nav|navbar|menu|footer|foot|bottom|breadcrumbs?|crumbs?|position|location|share|bdsharebuttonbox|bshare|related|xgwz|xglj|copyright|banner|topbar|top-bar|sidebar|side|print|fontsize|font-size|pager|pagination|page-nav|toolbar|search|login|links?)([-_\s]|$)/i;

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'blockquote',
  'center',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'br',
  'hr',
  'pre',
  'address',
]);
const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|txt|csv)(\?|#|$)/i;

/** The node's type as plain text (domhandler types it with an enum of the same strings). */
const typeOf = (node: AnyNode): string => String(node.type);
const isElement = (node: AnyNode): node is Element => ['tag', 'script', 'style'].includes(typeOf(node));
/** The text of a text node, '' for any other node. */
const dataOf = (node: AnyNode): string =>
  typeOf(node) === 'text' ? (node as unknown as { data: string }).data : '';

/** A line of text with the links inside it (their text occurs in the line). */
interface RichLine {
  readonly text: string;
  readonly links: readonly ImportedLink[];
}

/** Which address a link element keeps in the body, or null when it is not kept. */
type LinkReader = (a: Element) => string | null;

/**
 * Lines of a node, with block elements and <br> as line breaks, and, when `linkOf` is given, the links each
 * line holds.
 */
function richLinesOf(node: AnyNode, linkOf?: LinkReader): RichLine[] {
  const out: { text: string; links: ImportedLink[] }[] = [{ text: '', links: [] }];
  const last = () => out[out.length - 1] as { text: string; links: ImportedLink[] };
  const walk = (current: AnyNode): void => {
    if (typeOf(current) === 'text') {
      last().text += dataOf(current);
      return;
    }
    if (!isElement(current)) return;
    const block = BLOCK_TAGS.has(current.name);
    if (block) out.push({ text: '', links: [] });
    const href = linkOf !== undefined && current.name === 'a' ? linkOf(current) : null;
    const line = last();
    const start = line.text.length;
    for (const child of current.children) walk(child);
    // A link broken over lines (a <br> inside the anchor) stays text: it is not one run of a line.
    if (href !== null && last() === line) {
      const text = normaliseSpace(line.text.slice(start));
      if (text !== '') line.links.push({ text, href });
    }
    if (block) out.push({ text: '', links: [] });
  };
  walk(node);
  return out
    .map((line) => ({ text: normaliseSpace(line.text), links: line.links }))
    .filter((line) => line.text !== '');
}

/** Text of a node, with block elements, <br> and the line breaks its source kept as line breaks. */
const linesOf = (node: AnyNode): string[] =>
  richLinesOf(node)
    .flatMap((line) => line.text.split('\n'))
    .map(normaliseSpace)
    .filter((line) => line !== '');

const CJK_EDGE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]/;

/** Lines joined: without a space between Chinese text (a headline broken by <br>), with one otherwise. */
const joinLines = (lines: readonly string[]): string =>
  lines.reduce((text, line) => {
    if (text === '') return line;
    const gap = CJK_EDGE.test(text.slice(-1)) && CJK_EDGE.test(line.slice(0, 1)) ? '' : ' ';
    return text + gap + line;
  }, '');

const textOf = (node: AnyNode): string => joinLines(linesOf(node));

/** Lines joined as `joinLines` does, with their links. */
const joinRich = (lines: readonly RichLine[]): RichLine => ({
  text: joinLines(lines.map((line) => line.text)),
  links: lines.flatMap((line) => line.links),
});

function metaContent($: CheerioAPI, ...names: string[]): string {
  for (const name of names) {
    const value = $(`meta[name="${name}" i], meta[property="${name}" i]`).attr('content');
    if (value !== undefined && normaliseSpace(value) !== '') return normaliseSpace(value);
  }
  return '';
}

/** The container holding the most paragraph text, when no known body container is present. */
function densestContainer($: CheerioAPI): Element | undefined {
  const scores = new Map<Element, number>();
  $('body p, body br').each((_, el) => {
    const parent = el.parent;
    if (!parent || !isElement(parent)) return;
    // An unclosed <p> that swallowed the layout around it (tables, other paragraphs) is not a paragraph.
    if (el.name === 'p' && $(el).find('table, div, p').length > 0) return;
    const length =
      el.name === 'br' ? normaliseSpace($(parent).text()).length / 8 : normaliseSpace($(el).text()).length;
    scores.set(parent, (scores.get(parent) ?? 0) + length);
  });
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

const HEADING_TAG = /^h[1-6]$/;
const ENDS_SENTENCE = /[。！？!?；;…，,：:”"）)]$/;

/** A paragraph that is all bold and short, without closing punctuation: a sub-heading in TRS bodies. */
function isBoldHeading($: CheerioAPI, el: Element, text: string): boolean {
  if (text.length > 40 || ENDS_SENTENCE.test(text)) return false;
  const bold = normaliseSpace($(el).find('strong, b').text());
  return bold === text;
}

interface BodyResult {
  readonly blocks: ImportedBlock[];
  readonly attachments: ImportedAttachment[];
  /** Paragraphs that open with a bold run, and that run's text: a round-up's item titles, perhaps. */
  readonly leadIns: ReadonlyMap<ImportedBlock, string>;
}

/** The bold run a paragraph opens with (`<p><strong>1. 标题。</strong>正文</p>`), or null. */
function boldLeadIn(el: Element): string | null {
  const first = el.children.find(
    (child) => !(typeOf(child) === 'text' && normaliseSpace(dataOf(child)) === ''),
  );
  if (first === undefined || !isElement(first) || !['strong', 'b'].includes(first.name)) return null;
  const lead = textOf(first);
  return lead === '' || lead.length > 60 ? null : lead;
}

const linksOf = (links: readonly ImportedLink[]): { links?: readonly ImportedLink[] } =>
  links.length > 0 ? { links } : {};

/**
 * A line split at the newlines the page's source kept inside it (each its own paragraph, as old CMSs meant),
 * each piece with the links found in it, in order. A link whose text spans two pieces stays text.
 */
function splitLine(line: RichLine): RichLine[] {
  const pieces = line.text.split('\n').map(normaliseSpace);
  let next = 0;
  return pieces
    .map((text, index) => {
      const links: ImportedLink[] = [];
      let position = 0;
      while (next < line.links.length) {
        const link = line.links[next] as ImportedLink;
        const at = text.indexOf(link.text, position);
        if (at >= 0) {
          links.push(link);
          position = at + link.text.length;
        } else if (pieces.slice(index + 1).some((later) => later.includes(link.text))) break;
        next += 1;
      }
      return { text, links };
    })
    .filter((piece) => piece.text !== '');
}

function bodyBlocks($: CheerioAPI, container: Element, baseUrl: string): BodyResult {
  const blocks: ImportedBlock[] = [];
  const attachments: ImportedAttachment[] = [];
  const leadIns = new Map<ImportedBlock, string>();
  const resolve = (href: string): string => {
    try {
      return baseUrl ? new URL(href, baseUrl).toString() : href;
    } catch {
      return href;
    }
  };
  const linkOf: LinkReader = (a) => safeHref(a.attribs['href'] ?? '', baseUrl);
  $(container)
    .find('a[href]')
    .each((_, a) => {
      const href = linkOf(a);
      if (href !== null && ATTACHMENT.test(href)) {
        attachments.push({
          name: normaliseSpace($(a).text()) || href.split('/').pop() || href,
          url: href,
        });
      }
    });
  const rich = (node: AnyNode): RichLine => joinRich(richLinesOf(node, linkOf));
  const centred = new Set<ImportedBlock>();
  const paragraph = (lines: readonly RichLine[], from?: Element) => {
    const caption =
      from !== undefined &&
      (/text-align\s*:\s*center/i.test($(from).attr('style') ?? '') ||
        ($(from).attr('align') ?? '').toLowerCase() === 'center' ||
        /caption|pic|img|photo|tuzhu|center|centre/i.test($(from).attr('class') ?? ''));
    for (const line of lines.flatMap(splitLine)) {
      const block: ImportedBlock = { type: 'paragraph', text: line.text, ...linksOf(line.links) };
      if (caption) centred.add(block);
      blocks.push(block);
    }
  };
  const image = (img: Element, caption?: RichLine) => {
    const alt = normaliseSpace($(img).attr('alt') ?? '');
    const src = resolve($(img).attr('src') ?? '');
    const text = caption?.text ?? '';
    blocks.push({
      type: 'image',
      text: text || alt,
      src,
      alt,
      ...(text ? linksOf(caption?.links ?? []) : {}),
    });
  };
  /** Lines of cells or items: text on lines, links in order. */
  const joinedBlock = (type: 'list' | 'table', lines: readonly RichLine[]) => {
    if (lines.length === 0) return;
    blocks.push({
      type,
      text: lines.map((line) => line.text).join('\n'),
      ...linksOf(lines.flatMap((line) => line.links)),
    });
  };
  const visit = (el: Element): void => {
    const name = el.name;
    if (HEADING_TAG.test(name)) {
      const heading = rich(el);
      if (heading.text !== '')
        blocks.push({ type: 'heading', text: heading.text, ...linksOf(heading.links) });
      return;
    }
    if (name === 'table') {
      // Old templates lay the whole body out in a one-column table: its cells are content, not data.
      const ownRows = $(el)
        .children('tr')
        .add($(el).children('thead, tbody, tfoot').children('tr'))
        .toArray();
      if (ownRows.every((tr) => $(tr).children('td, th').length <= 1)) {
        for (const cell of $(ownRows).children('td, th').toArray()) visit(cell);
        return;
      }
      const rows = $(el)
        .find('tr')
        .toArray()
        .map((tr) => {
          const cells = $(tr).children('td, th').toArray().map(rich);
          return {
            text: cells.map((cell) => cell.text).join(' | '),
            links: cells.flatMap((cell) => cell.links),
          };
        })
        .filter((row) => row.text.replace(/[\s|]/g, '') !== '');
      joinedBlock('table', rows);
      return;
    }
    if (name === 'ul' || name === 'ol') {
      const items = $(el)
        .children('li')
        .toArray()
        .map(rich)
        .filter((item) => item.text !== '');
      joinedBlock('list', items);
      return;
    }
    if (name === 'figure') {
      const img = $(el).find('img').get(0);
      const figcaption = $(el).find('figcaption').get(0);
      const caption = figcaption ? rich(figcaption) : { text: '', links: [] };
      if (img) image(img, caption);
      else if (caption.text) paragraph([caption]);
      return;
    }
    if (name === 'img') {
      if (!isIcon(el)) image(el);
      return;
    }
    const hasBlockChild = el.children.some((c) => isElement(c) && BLOCK_TAGS.has(c.name) && c.name !== 'br');
    const imgs = $(el).find('img').toArray();
    const text = textOf(el);
    if (!hasBlockChild && imgs.length === 0) {
      if (text === '') return;
      if ((name === 'p' || name === 'div') && isBoldHeading($, el, text)) {
        blocks.push({ type: 'heading', text, ...linksOf(rich(el).links) });
        return;
      }
      const at = blocks.length;
      paragraph(richLinesOf(el, linkOf), el);
      const lead = boldLeadIn(el);
      const first = blocks[at];
      if (lead !== null && first?.text.startsWith(lead) === true && first.text.length > lead.length) {
        leadIns.set(first, lead);
      }
      return;
    }
    if (!hasBlockChild && imgs.length > 0) {
      const pictures = imgs.filter((img) => !isIcon(img));
      // An end-mark icon after the text (`…报道）<img src="b.gif">`) comes after it, not as its picture.
      const textFirst = text !== '' && normaliseSpace($(el).text()) !== '' && isTrailing($, el, imgs);
      if (textFirst) paragraph(richLinesOf(el, linkOf));
      for (const img of pictures) image(img);
      if (text !== '' && !textFirst) paragraph(richLinesOf(el, linkOf));
      return;
    }
    // Mixed content: text runs between block children are paragraphs of their own.
    let run = { text: '', links: [] as ImportedLink[] };
    const flush = () => {
      if (normaliseSpace(run.text) !== '') paragraph([run]);
      run = { text: '', links: [] };
    };
    for (const child of el.children) {
      if (typeOf(child) === 'text') run.text += dataOf(child);
      else if (isElement(child)) {
        if (child.name === 'br') run.text += '\n';
        else if (BLOCK_TAGS.has(child.name) || child.name === 'img' || $(child).find('img').length > 0) {
          flush();
          visit(child);
        } else {
          const lines = richLinesOf(child, linkOf);
          run.text += lines.map((line) => line.text).join('\n');
          run.links.push(...lines.flatMap((line) => line.links));
        }
      }
    }
    flush();
  };
  for (const child of container.children) {
    if (isElement(child)) visit(child);
    else if (normaliseSpace(dataOf(child)) !== '') {
      paragraph([{ text: dataOf(child), links: [] }]);
    }
  }
  return { blocks: captioned(blocks, centred), attachments, leadIns };
}

/** An icon or spacer (`width="18" height="18"`): page decoration, never a picture of the article. */
const isIcon = (img: Element): boolean => {
  const size = (name: string) => Number.parseInt(img.attribs[name] ?? '', 10);
  return (size('width') > 0 && size('width') <= 30) || (size('height') > 0 && size('height') <= 30);
};

/** True when every image of `el` comes after all of its text. */
function isTrailing($: CheerioAPI, el: Element, imgs: readonly Element[]): boolean {
  const html = $(el).html() ?? '';
  const firstImg = html.search(/<img\b/i);
  return firstImg > 0 && normaliseSpace(load(html.slice(firstImg)).text()) === '' && imgs.length > 0;
}

/** A short paragraph right after an image, centred like a caption or not a sentence, is the image's caption. */
function captioned(blocks: readonly ImportedBlock[], centred: ReadonlySet<ImportedBlock>): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      block.type === 'paragraph' &&
      !isFurniture(block.text) &&
      previous?.type === 'image' &&
      previous.text === previous.alt &&
      block.text.length <= 80 &&
      (centred.has(block) ||
        /^(资料图|图为|图片|图)\s*[:：]/.test(block.text) ||
        !/[。！？]$/.test(withoutPromotion(block.text).replace(/[（(][^）)]*[）)]$/, '')))
    ) {
      out[out.length - 1] = { ...previous, text: block.text, ...linksOf(block.links ?? []) };
    } else out.push(block);
  }
  return out;
}

/** `（责任编辑：` / `黄帅` / `）` broken over paragraphs by the template: read as one line. */
function joinBrokenBrackets(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as ImportedBlock;
    if (block.type === 'paragraph' && /^[（(【[]\s*[\u4e00-\u9fa5]{1,6}[:：]?$/.test(block.text)) {
      const end = blocks.findIndex((b, j) => j > i && j <= i + 3 && /[）)】\]]$/.test(b.text));
      const parts = end < 0 ? [] : blocks.slice(i, end + 1);
      if (parts.length > 0 && parts.every((b) => b.type === 'paragraph' && b.text.length <= 12)) {
        out.push({ type: 'paragraph', text: parts.map((b) => b.text).join('') });
        i = end;
        continue;
      }
    }
    out.push(block);
  }
  return out;
}

/**
 * A layout table at the top of a body that holds the headline and its byline (yahoo.cn's
 * `标题 / 2005-04-05 06:40更新 来源：… | 第1页/共1页`): its fields are read and it goes.
 */
function bylineTable(text: string, title: string, fields: PageFields): boolean {
  const cells = text
    .split(/\n|\s\|\s/)
    .map(normaliseSpace)
    .filter((cell) => cell !== '' && cell !== '|');
  if (cells.length === 0 || cells.some((cell) => cell.length > 60)) return false;
  const trial = emptyFields();
  const bylines = cells.filter((cell) => readFieldLine(cell, trial) || readDateline(cell, trial));
  if (bylines.length === 0 && !cells.includes(title)) return false;
  if (
    !cells.every(
      (cell) => cell === title || bylines.includes(cell) || isFurniture(cell) || isChromeLine(cell),
    )
  )
    return false;
  for (const cell of bylines) if (!readFieldLine(cell, fields)) readDateline(cell, fields);
  return true;
}

/** `《光明日报》（ 2022年02月13日 02版）` closing a reprint: the paper it was first printed in. */
const PRINT_EDITION =
  /^《([^《》]{2,20})》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:第?\s*\d+\s*版)?\s*[)）]$/;

/** A table whose every cell is page furniture (`发送给朋友 | 打印本文`, `共找到 13,046 个相关新闻`). */
function furnitureTable(text: string): boolean {
  const cells = text
    .split(/\n|\|/)
    .map(normaliseSpace)
    .filter((cell) => cell !== '' && cell !== '·');
  return (
    cells.length > 0 && cells.every((cell) => isFurniture(cell) || isChromeLine(cell) || isEndMark(cell))
  );
}

/** `整合 新华日报·交汇点记者 徐睿翔`, `素材来源 …`, `校对：…`: the credits closing a piece, not its text. */
const CREDIT_LINE =
  /^[[【(（]?(整合|素材来源|素材|校对|审核|审校|制图|统筹|监制|策划|出品|摄影|摄像|剪辑|海报|设计|图片说明\d*)[\s:：]\S/;

/** `转自《北京科技报》`, `摘自人民日报` closing a reprint: where it was first published. */
const REPRINTED_FROM = /^(?:转自|转载自|摘自|选自)\s*《?([^《》\s]{2,20}?)》?[。.]?$/;

/** `（袁源）` at an article's end: its author. */
/** A translation's or reprint's note of where the text first appeared (`本文最先用英文出版，题为 …`). */
const FIRST_PUBLISHED =
  /^(本文(最先|最早|原|首先|首)(用\S{1,4})?(出版|发表|刊载|刊登|刊发|载于|发表于|发布)|原文(刊|载|发表|发布)于)/;
const BRACKETED_AUTHOR = /^[（(]\s*([\u4e00-\u9fa5·]{2,4}(?:[\s、][\u4e00-\u9fa5·]{2,4})*)\s*[)）]$/;
const ENDS_CLAUSE = /[。，,；;：:、]$/;
const NOT_HEADING = /^(——|记者|本报|本台|通讯员|资料图|图|摄|文|来源|作者|编辑|责任编辑|附件|附|执笔)/;

/** A short line that can head a section: no sentence or clause ends it, no byline opens it. */
const headingLike = (text: string, max: number): boolean =>
  text.length >= 2 &&
  text.length <= max &&
  !ENDS_CLAUSE.test(text) &&
  !/[。；;]/.test(text) &&
  !NOT_HEADING.test(text) &&
  readDate(text) === null;

/**
 * Section headings written as paragraphs: numbered round-up lines (`1.某某部召开部务会议`) and short lines without
 * closing punctuation between paragraphs (`妻子变成替代母亲`, `数百万巨奖如何花？`), each followed by its paragraph.
 */
function markHeadings(blocks: readonly ImportedBlock[]): ImportedBlock[] {
  const long = (b: ImportedBlock | undefined) =>
    b !== undefined && b.type === 'paragraph' && b.text.length >= 30;
  // A shorter paragraph that ends a sentence still closes a section (`…成为“水乡的刘老根”。`).
  const closes = (b: ImportedBlock) =>
    b.type === 'paragraph' && b.text.length >= 12 && /[。！？]["”」』]?$/.test(b.text);
  return blocks.map((block, index) => {
    if (block.type !== 'paragraph' || block.links !== undefined) return block;
    const next = blocks[index + 1];
    const previous = blocks[index - 1];
    const numbered = /^\d{1,2}[.．、]\s*\S/.test(block.text) && headingLike(block.text, 40);
    const fits = numbered
      ? next?.type === 'paragraph' && next.text.length > block.text.length
      : headingLike(block.text, 24) &&
        long(next) &&
        (previous === undefined ||
          long(previous) ||
          closes(previous) ||
          previous.type === 'image' ||
          previous.type === 'table');
    return fits ? { type: 'heading', text: block.text } : block;
  });
}

/** A block's text without promotions glued to it; its links are kept where their text still occurs. */
function unpromoted(block: ImportedBlock): ImportedBlock {
  if (block.type !== 'paragraph') return block;
  const text = withoutPromotion(block.text);
  if (text === block.text) return block;
  const links = (block.links ?? []).filter((link) => text.includes(link.text));
  return { type: block.type, text, ...linksOf(links) };
}

/**
 * Removes chrome and byline lines from the body's edges and its chrome lines anywhere, cuts what follows an
 * article's end marks, drops a repeat of the headline at the top, and reads section headings. Gives the body's
 * first short line as the headline when the page gave none.
 */
function cleanBody(
  blocks: readonly ImportedBlock[],
  fields: PageFields,
  chromeLines: string[],
  title: string,
): { blocks: ImportedBlock[]; title: string } {
  const joined = joinBrokenBrackets(blocks.map(unpromoted));
  const furniture = (b: ImportedBlock): boolean =>
    b.type === 'table'
      ? furnitureTable(b.text) || linkBox(b)
      : b.type === 'paragraph' || b.type === 'heading'
        ? isFurniture(b.text)
        : false;
  // What follows an end mark (相关报道, 发送给朋友…) once the article has said something belongs to the page.
  const end = joined.findIndex((b, i) =>
    ((b.type === 'paragraph' || b.type === 'heading') && isEndMark(b.text)) ||
    (b.type === 'table' && furnitureTable(b.text) && i > 0 && i === joined.length - 1)
      ? joined.slice(0, i).some((p) => p.type === 'paragraph' && p.text.length >= 40)
      : false,
  );
  const kept = end >= 0 ? joined.slice(0, end) : joined;
  const texts = kept.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? b.text : ''));
  const footer = footerStart(texts);
  const out: ImportedBlock[] = [];
  kept.forEach((block, index) => {
    const textual = block.type === 'paragraph' || block.type === 'heading';
    if (textual && ((footer >= 0 && index >= footer) || isChromeLine(block.text)))
      chromeLines.push(block.text);
    else if (!(textual && block.text === '') && !furniture(block)) out.push(block);
  });
  // Byline lines at the top (来源/时间, the headline again, a 【栏目】 label) and the end (（责任编辑：张三）).
  let headline = title;
  for (let first = out[0]; first !== undefined; first = out[0]) {
    if (first.type === 'table' && bylineTable(first.text, headline, fields)) {
      out.shift();
      continue;
    }
    const text = first.type === 'paragraph' || first.type === 'heading' ? first.text : null;
    if (text === null) break;
    if (text === headline || /^【[^】]{1,12}】$/.test(text)) out.shift();
    else if (first.type === 'paragraph' && (readFieldLine(text, fields) || readDateline(text, fields)))
      out.shift();
    else break;
  }
  let inList = false;
  for (let last = out[out.length - 1]; last; last = out[out.length - 1]) {
    if (last.type === 'image' && last.text === '' && out.length > 1) {
      out.pop();
      continue;
    }
    if (listTail(last, inList)) {
      inList ||= last.type === 'paragraph' && linkOnly(last);
      chromeLines.push(last.text);
      out.pop();
      continue;
    }
    if (last.type !== 'paragraph') break;
    const author = BRACKETED_AUTHOR.exec(last.text);
    const edition = PRINT_EDITION.exec(last.text) ?? REPRINTED_FROM.exec(last.text);
    if (author) fields.author ||= author[1] ?? '';
    else if (edition) fields.source ||= edition[1] ?? '';
    else if (CREDIT_LINE.test(last.text) && last.text.length <= 40) chromeLines.push(last.text);
    else if (FIRST_PUBLISHED.test(last.text) && last.text.length <= 120) chromeLines.push(last.text);
    else if (!readFieldLine(last.text, fields)) break;
    out.pop();
  }
  // A page that named no headline: the body's first short line is it.
  const first = out[0];
  if (headline === '' && first && first.type !== 'image' && headingLike(first.text, 60)) {
    headline = first.text;
    out.shift();
  }
  return { blocks: markHeadings(out), title: headline };
}

/**
 * A table that is a box of promoted links inside the article (`今日焦点：· 中国股市遭遇历史性机会…`, a column of
 * advertisements): three links or more making most of its text, none of them an attachment.
 */
function linkBox(block: ImportedBlock): boolean {
  const links = block.links ?? [];
  if (links.length < 3 || links.some((l) => ATTACHMENT.test(l.href))) return false;
  const length = (text: string): number => text.replace(/[\s|·•]/g, '').length;
  return links.reduce((n, l) => n + length(l.text), 0) >= 0.7 * length(block.text);
}

/** A paragraph made only of links to pages (a promoted headline, a list of more news), no attachment among them. */
function linkOnly(block: ImportedBlock): boolean {
  const links = block.links ?? [];
  if (block.type !== 'paragraph' || links.length === 0 || links.some((l) => ATTACHMENT.test(l.href)))
    return false;
  const length = (text: string): number => text.replace(/\s/g, '').length;
  return links.reduce((n, l) => n + length(l.text), 0) >= 0.9 * length(block.text);
}

/**
 * A block of the link lists that news templates put at the end of an article's container (`重点推荐`, `证券要闻`
 * and their headlines, a promotion box above them): a paragraph of links only, and, once such a list has begun,
 * its short labels and a short box before it.
 */
function listTail(block: ImportedBlock, inList: boolean): boolean {
  if (linkOnly(block)) return true;
  if (!inList) return false;
  if (block.type === 'heading' || block.type === 'paragraph')
    return block.text.length <= 12 && !ENDS_SENTENCE.test(block.text);
  return block.type === 'table' && block.text.length <= 100;
}

/** `索引号：` in one table cell and its value in the next read as one line. */
function joinLabelCells(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (previous !== undefined && /^[^:：]{1,8}[:：]$/.test(previous)) out[out.length - 1] = previous + line;
    else if (previous !== undefined && endsWithLabel(previous) && line.length <= 40)
      out[out.length - 1] = `${previous} ${line}`;
    else out.push(line);
  }
  return out;
}

/** A dateline whose last field's value went to the next line (`2015-07-02 23:15:34 来源:` then the source's link). */
const endsWithLabel = (line: string): boolean =>
  line.length <= 60 && /(?:^|\s)(?:来源|信息来源|文章来源|作者|责任编辑|编辑|记者)\s*[:：]$/.test(line);

const SITE_SPLIT = /\s*(?:[_|｜»>]|\s[-—–]\s|--|——|-(?=[^-\s]{2,12}$))\s*/;

/** A part of a <title> that names a site or a channel, not an article (`北医新闻网`, `(新闻)`, `艺术教育`). */
const SITE_LIKE = (part: string): boolean =>
  /^[(（[【].*[)）\]】]$/.test(part) ||
  part.length <= 6 ||
  /(网|网站|门户|频道|首页|新闻中心|政府|人民政府|官方网站|官网)$/.test(part);

/** Text of an ArticleTitle meta tag that some CMSs fill with markup: the text before the first tag. */
const metaTitle = (value: string): string => normaliseSpace(value.split('<')[0] ?? '');

/**
 * The displayed headline: meta ArticleTitle; else the headline block above the dateline when the page's <title>
 * holds it; else the heading that matches a part of <title>; else <title> without the site's parts; never a
 * <title> made only of the site's and channel's names (then the line just above the body, or '' for the body's
 * first line to give).
 */
function headline($: CheerioAPI, block: string, aboveBody: string): string {
  const meta = metaTitle(metaContent($, 'ArticleTitle'));
  if (meta !== '') return meta;
  const pageTitle = normaliseSpace($('title').first().text());
  const parts = pageTitle.split(SITE_SPLIT).filter((p) => p !== '');
  // On a Chinese page a part in Latin letters only is the site's name (`Joel on Software - 给计算机系学生的建议`).
  const chinese = parts.some((part) => /[\u4e00-\u9fff]/.test(part));
  const articleParts = parts.filter((part) => !SITE_LIKE(part) && (!chinese || /[\u4e00-\u9fff]/.test(part)));
  const titleHead = articleParts.reduce((a, b) => (b.length > a.length ? b : a), '');
  const siteParts = new Set(parts.filter(SITE_LIKE));
  if (
    block !== '' &&
    (pageTitle === '' || pageTitle.includes(block) || titleHead === '' || block.includes(titleHead))
  )
    return block;
  const elements = $('h1, h2, h3, .title, .tit, .article-title, .news_title, #title, .biaoti, .bt').toArray();
  const usable = (text: string) =>
    text !== '' && text.length <= 120 && !siteParts.has(text) && !isChromeLine(text);
  // A headline with its subtitle under a <br>: the first line is the headline when <title> says so.
  const lines = elements.flatMap((el) => linesOf(el)).filter(usable);
  const exact = lines.find((text) => text === titleHead || (articleParts.includes(text) && text.length >= 4));
  if (exact !== undefined) return exact;
  const candidates = elements.map((el) => textOf(el)).filter(usable);
  const matching = candidates.find(
    (text) =>
      titleHead !== '' && text.length >= 4 && (pageTitle.startsWith(text) || text.startsWith(titleHead)),
  );
  // A page whose <title> was not kept up to date: the first h1 that is not the site's name is the headline.
  const h1 = $('h1')
    .toArray()
    .map((el) => textOf(el))
    .find((text) => candidates.includes(text) && !siteParts.has(text));
  return matching ?? h1 ?? (titleHead || metaTitle(metaContent($, 'og:title')) || aboveBody);
}

/** The line just above a page's dateline, past field lines and addresses: where old templates put the headline. */
function headlineBlock(lines: readonly string[], datelineAt: number, body: ReadonlySet<string>): string {
  for (let i = datelineAt - 1; i >= 0 && i >= datelineAt - 4; i -= 1) {
    const line = lines[i] ?? '';
    if (/^(https?:\/\/|www\.)\S*$/i.test(line) || readFieldLine(line, emptyFields())) continue;
    if (body.has(line) || line.length < 4 || line.length > 120 || isChromeLine(line) || isFurniture(line))
      return '';
    if (/[。！？]$/.test(line) || readDate(line) !== null) return '';
    return line;
  }
  return '';
}

/** A meta tag's date: a time of exactly midnight there is the CMS's placeholder for "no time", a date. */
function metaDate(value: string): ReadDate | null {
  const date = readDate(value);
  if (
    date === null ||
    date.precision === 'date' ||
    !/T00:00:00/.test(date.iso) ||
    /[+-]\d{2}:?\d{2}$|Z$/i.test(value)
  )
    return date;
  return { iso: date.iso, precision: 'date' };
}

/**
 * The address relative links of the page resolve against: its `<base href>`, else where it was fetched from,
 * else its canonical address; '' when none is known (a saved file), and links stay as written.
 */
function baseOf($: CheerioAPI, fetchedFrom: string, canonical: string): string {
  const page = fetchedFrom || canonical;
  const candidates = [$('base[href]').attr('href') ?? '', page];
  for (const candidate of candidates) {
    if (candidate === '') continue;
    try {
      const url = new URL(candidate, page || undefined);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Not an address (a relative <base> in a saved file): try the next.
    }
  }
  return '';
}

/**
 * Parses an HTML page: head metadata, headline, byline, body blocks, and site chrome. `url` is where the page
 * was fetched from, when it was.
 */
export function parseHtmlPage(html: string, options: { readonly url?: string } = {}): ParsedContent {
  const $ = load(html);
  const url = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content') ?? '';
  const base = baseOf($, options.url ?? '', url);
  const fields = emptyFields();
  fields.source = sourceName(metaContent($, 'ContentSource', 'source').replace(/^(信息)?来源[:：]\s*/, ''));
  fields.author = metaContent($, 'Author', 'author');
  const pubDate = metaContent($, 'PubDate', 'publishdate', 'article:published_time', 'firstpublishedtime');
  offerDate(fields, pubDate ? metaDate(pubDate) : null);
  // The footer's lines are read for the site's identity before they go.
  const chromeLines = $('footer')
    .toArray()
    .flatMap((el) => linesOf(el));
  $(NEVER).remove();

  let container = BODY_SELECTORS.map((s) => $(s).get(0)).find(
    (el): el is Element => el !== undefined && isElement(el) && textOf(el).length > 0,
  );
  container ??= densestContainer($);
  const kicker = normaliseSpace($('.yinti, .kicker, .intro-title, .ytitle').first().text());
  const subtitle = normaliseSpace($('.subtitle, .fbt, .sub-title, .futi, h2.subtitle').first().text());

  // Lines around the body: bylines above it, chrome anywhere.
  const outside = load(html);
  outside(NEVER).remove();
  const pageLines = joinLabelCells(
    linesOf(outside('body').get(0) ?? (outside.root().get(0) as unknown as AnyNode)),
  );
  const bodyText = new Set(container ? linesOf(container) : []);
  let datelineAt = -1;
  // Below the article, a date without a label stands beside a related article's headline, not the byline.
  const bodyEnd = pageLines.reduce((end, line, index) => (bodyText.has(line) ? index : end), -1);
  pageLines.forEach((line, index) => {
    if (bodyText.has(line)) return;
    if (isFooterLine(line)) {
      chromeLines.push(line);
      return;
    }
    const dated = readDate(line) !== null;
    const below = bodyEnd >= 0 && index > bodyEnd;
    if (readFieldLine(line, fields) || (!below && readDateline(line, fields))) {
      if (dated && datelineAt < 0) datelineAt = index;
      // `2022-02-13 09:57` with the source's name alone on the next line.
      const next = pageLines[index + 1];
      if (dated && fields.source === '' && next !== undefined && !bodyText.has(next) && isSourceName(next))
        fields.source = next;
    }
  });
  // The headline block: above the dateline, else (a page without one) just above the body.
  const bodyStart = pageLines.findIndex((line) => bodyText.has(line));
  const block = datelineAt >= 0 ? headlineBlock(pageLines, datelineAt, bodyText) : '';
  const aboveBody = bodyStart > 0 ? headlineBlock(pageLines, bodyStart, bodyText) : '';
  const title = headline($, block, aboveBody);

  // Chrome inside the body container (share bars, print links) goes before the blocks are read.
  if (container) {
    $(container)
      .find('*')
      .each((_, el) => {
        const words = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
        if (CHROME_WORDS.test(words)) $(el).remove();
      });
  }
  const body = container
    ? bodyBlocks($, container, base)
    : { blocks: [], attachments: [], leadIns: new Map<ImportedBlock, string>() };
  const cleaned = cleanBody(body.blocks, fields, chromeLines, title);
  const blocks = cleaned.blocks;
  // A GBK page's broken separator decodes to a private-use character: never part of a headline.
  const { label, title: headlineText } = splitTitleLine(
    normaliseSpace(cleaned.title.replace(/[\ue000-\uf8ff]/g, ' ')),
  );
  const { items, warnings } = assemble({
    title: headlineText,
    label,
    kicker,
    subtitle,
    fields,
    blocks,
    attachments: body.attachments,
    leadIns: body.leadIns,
  });
  if (!container) warnings.push('no article body found');
  return { items, chrome: readChrome(chromeLines), warnings, url };
}
