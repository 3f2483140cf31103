import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { assemble } from './assemble.js';
import {
  footerStart,
  isChromeLine,
  isFooterLine,
  normaliseSpace,
  parseDateText,
  readChrome,
  readFieldLine,
} from './fields.js';
import { emptyFields, type ImportedAttachment, type ImportedBlock, type PageFields } from './model.js';
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

/** Text of a node, with block elements and <br> as line breaks. */
function linesOf($: CheerioAPI, node: AnyNode): string[] {
  const out: string[] = [''];
  const walk = (current: AnyNode): void => {
    if (typeOf(current) === 'text') {
      out[out.length - 1] += dataOf(current);
      return;
    }
    if (!isElement(current)) return;
    const block = BLOCK_TAGS.has(current.name);
    if (block) out.push('');
    for (const child of current.children) walk(child);
    if (block) out.push('');
  };
  walk(node);
  return out.map(normaliseSpace).filter((l) => l !== '');
}

const CJK_EDGE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]/;

/** Lines joined: without a space between Chinese text (a headline broken by <br>), with one otherwise. */
const joinLines = (lines: readonly string[]): string =>
  lines.reduce((text, line) => {
    if (text === '') return line;
    const gap = CJK_EDGE.test(text.slice(-1)) && CJK_EDGE.test(line.slice(0, 1)) ? '' : ' ';
    return text + gap + line;
  }, '');

const textOf = ($: CheerioAPI, node: AnyNode): string => joinLines(linesOf($, node));

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
}

function bodyBlocks($: CheerioAPI, container: Element, baseUrl: string): BodyResult {
  const blocks: ImportedBlock[] = [];
  const attachments: ImportedAttachment[] = [];
  const resolve = (href: string): string => {
    try {
      return baseUrl ? new URL(href, baseUrl).toString() : href;
    } catch {
      return href;
    }
  };
  $(container)
    .find('a[href]')
    .each((_, a) => {
      const href = $(a).attr('href') ?? '';
      if (ATTACHMENT.test(href)) {
        attachments.push({
          name: normaliseSpace($(a).text()) || href.split('/').pop() || href,
          url: resolve(href),
        });
      }
    });
  const centred = new Set<ImportedBlock>();
  const paragraph = (text: string, from?: Element) => {
    const caption =
      from !== undefined &&
      (/text-align\s*:\s*center/i.test($(from).attr('style') ?? '') ||
        ($(from).attr('align') ?? '').toLowerCase() === 'center' ||
        /caption|pic|img|photo|tuzhu/i.test($(from).attr('class') ?? ''));
    for (const line of text.split('\n').map(normaliseSpace)) {
      if (line === '') continue;
      const block: ImportedBlock = { type: 'paragraph', text: line };
      if (caption) centred.add(block);
      blocks.push(block);
    }
  };
  const image = (img: Element, caption: string) => {
    const alt = normaliseSpace($(img).attr('alt') ?? '');
    const src = resolve($(img).attr('src') ?? '');
    blocks.push({ type: 'image', text: caption || alt, src, alt });
  };
  const visit = (el: Element): void => {
    const name = el.name;
    if (HEADING_TAG.test(name)) {
      const text = textOf($, el);
      if (text !== '') blocks.push({ type: 'heading', text });
      return;
    }
    if (name === 'table') {
      const rows = $(el)
        .find('tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .children('td, th')
            .toArray()
            .map((cell) => textOf($, cell))
            .join(' | '),
        )
        .filter((row) => row.replace(/[\s|]/g, '') !== '');
      if (rows.length > 0) blocks.push({ type: 'table', text: rows.join('\n') });
      return;
    }
    if (name === 'ul' || name === 'ol') {
      const items = $(el)
        .children('li')
        .toArray()
        .map((li) => textOf($, li))
        .filter((t) => t !== '');
      if (items.length > 0) blocks.push({ type: 'list', text: items.join('\n') });
      return;
    }
    if (name === 'figure') {
      const img = $(el).find('img').get(0);
      const caption = normaliseSpace($(el).find('figcaption').text());
      if (img) image(img, caption);
      else if (caption) paragraph(caption);
      return;
    }
    if (name === 'img') {
      image(el, '');
      return;
    }
    const hasBlockChild = el.children.some((c) => isElement(c) && BLOCK_TAGS.has(c.name) && c.name !== 'br');
    const imgs = $(el).find('img').toArray();
    const text = textOf($, el);
    if (!hasBlockChild && imgs.length === 0) {
      if (text === '') return;
      if (name === 'p' && isBoldHeading($, el, text)) blocks.push({ type: 'heading', text });
      else paragraph(linesOf($, el).join('\n'), el);
      return;
    }
    if (!hasBlockChild && imgs.length > 0) {
      for (const img of imgs) image(img, '');
      if (text !== '') paragraph(linesOf($, el).join('\n'));
      return;
    }
    // Mixed content: text runs between block children are paragraphs of their own.
    let run = '';
    const flush = () => {
      if (normaliseSpace(run) !== '') paragraph(run);
      run = '';
    };
    for (const child of el.children) {
      if (typeOf(child) === 'text') run += dataOf(child);
      else if (isElement(child)) {
        if (child.name === 'br') run += '\n';
        else if (BLOCK_TAGS.has(child.name) || child.name === 'img' || $(child).find('img').length > 0) {
          flush();
          visit(child);
        } else run += linesOf($, child).join('\n');
      }
    }
    flush();
  };
  for (const child of container.children) {
    if (isElement(child)) visit(child);
    else if (normaliseSpace(dataOf(child)) !== '') {
      paragraph(dataOf(child));
    }
  }
  return { blocks: captioned(blocks, centred), attachments };
}

/** A short paragraph right after an image, centred like a caption or not a sentence, is the image's caption. */
function captioned(blocks: readonly ImportedBlock[], centred: ReadonlySet<ImportedBlock>): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (
      block.type === 'paragraph' &&
      previous?.type === 'image' &&
      previous.text === previous.alt &&
      block.text.length <= 80 &&
      (centred.has(block) || !/[。！？]$/.test(block.text.replace(/[（(][^）)]*[）)]$/, '')))
    ) {
      out[out.length - 1] = { ...previous, text: block.text };
    } else out.push(block);
  }
  return out;
}

/** Removes chrome and byline lines from the body's edges and its chrome lines anywhere. */
function cleanBody(
  blocks: readonly ImportedBlock[],
  fields: PageFields,
  chromeLines: string[],
): ImportedBlock[] {
  const out: ImportedBlock[] = [];
  const texts = blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? b.text : ''));
  const footer = footerStart(texts);
  blocks.forEach((block, index) => {
    const textual = block.type === 'paragraph' || block.type === 'heading';
    if (textual && ((footer >= 0 && index >= footer) || isChromeLine(block.text)))
      chromeLines.push(block.text);
    else out.push(block);
  });
  // Byline lines at the top (来源/时间) and the end (（责任编辑：张三）) of the body.
  while (out[0] && out[0].type === 'paragraph' && readFieldLine(out[0].text, fields)) out.shift();
  for (
    let last = out[out.length - 1];
    last && last.type === 'paragraph' && readFieldLine(last.text, fields);
    last = out[out.length - 1]
  ) {
    out.pop();
  }
  return out;
}

/** `索引号：` in one table cell and its value in the next read as one line. */
function joinLabelCells(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (previous !== undefined && /^[^:：]{1,8}[:：]$/.test(previous)) out[out.length - 1] = previous + line;
    else out.push(line);
  }
  return out;
}

const SITE_SPLIT = /\s*(?:[_|｜]|\s[-—–]\s|--|——)\s*/;

/** The displayed headline: meta ArticleTitle, else the heading <title> starts with, else <title> without suffix. */
function headline($: CheerioAPI): string {
  const meta = metaContent($, 'ArticleTitle');
  if (meta !== '') return meta;
  const pageTitle = normaliseSpace($('title').first().text());
  const parts = pageTitle.split(SITE_SPLIT).filter((p) => p !== '');
  const titleHead = parts[0] ?? pageTitle;
  const siteParts = new Set(parts.slice(1));
  const candidates = $('h1, h2, h3, .title, .tit, .article-title, .news_title, #title, .biaoti, .bt')
    .toArray()
    .map((el) => textOf($, el))
    .filter((text) => text !== '' && text.length <= 120 && !siteParts.has(text) && !isChromeLine(text));
  const matching =
    candidates.find((text) => text === titleHead) ??
    candidates.find((text) => text.length >= 4 && (pageTitle.startsWith(text) || text.startsWith(titleHead)));
  // A page whose <title> was not kept up to date: the first h1 that is not the site's name is the headline.
  const h1 = $('h1')
    .toArray()
    .map((el) => textOf($, el))
    .find((text) => candidates.includes(text));
  return matching ?? h1 ?? (titleHead || metaContent($, 'og:title') || candidates[0] || '');
}

/** Parses an HTML page: head metadata, headline, byline, body blocks, and site chrome. */
export function parseHtmlPage(html: string): ParsedContent {
  const $ = load(html);
  const url = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content') ?? '';
  const fields = emptyFields();
  fields.source = metaContent($, 'ContentSource', 'source').replace(/^《([^《》]+)》$/, '$1');
  fields.author = metaContent($, 'Author', 'author');
  const pubDate = metaContent($, 'PubDate', 'publishdate', 'article:published_time', 'firstpublishedtime');
  fields.publishedAt = pubDate ? parseDateText(pubDate) : null;
  // The footer's lines are read for the site's identity before they go.
  const chromeLines = $('footer')
    .toArray()
    .flatMap((el) => linesOf($, el));
  $(NEVER).remove();

  let container = BODY_SELECTORS.map((s) => $(s).get(0)).find(
    (el): el is Element => el !== undefined && isElement(el) && textOf($, el).length > 0,
  );
  container ??= densestContainer($);
  const title = headline($);
  const kicker = normaliseSpace($('.yinti, .kicker, .intro-title, .ytitle').first().text());
  const subtitle = normaliseSpace($('.subtitle, .fbt, .sub-title, .futi, h2.subtitle').first().text());

  // Lines around the body: bylines above it, chrome anywhere.
  const outside = load(html);
  outside(NEVER).remove();
  const pageLines = joinLabelCells(
    linesOf(outside, outside('body').get(0) ?? (outside.root().get(0) as unknown as AnyNode)),
  );
  const bodyText = new Set(container ? linesOf($, container) : []);
  for (const line of pageLines) {
    if (bodyText.has(line)) continue;
    if (isFooterLine(line)) chromeLines.push(line);
    else if (line !== title) readFieldLine(line, fields);
  }

  // Chrome inside the body container (share bars, print links) goes before the blocks are read.
  if (container) {
    $(container)
      .find('*')
      .each((_, el) => {
        const words = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
        if (CHROME_WORDS.test(words)) $(el).remove();
      });
  }
  const base = url || '';
  const body = container ? bodyBlocks($, container, base) : { blocks: [], attachments: [] };
  const blocks = cleanBody(body.blocks, fields, chromeLines);
  const { label, title: headlineText } = splitTitleLine(title);
  const { items, warnings } = assemble({
    title: headlineText,
    label,
    kicker,
    subtitle,
    fields,
    blocks,
    attachments: body.attachments,
  });
  if (!container) warnings.push('no article body found');
  return { items, chrome: readChrome(chromeLines), warnings, url };
}
