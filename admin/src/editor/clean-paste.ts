/**
 * Cleans HTML pasted from Word, WPS and web pages down to what an article body may hold (see
 * src/app/sanitize.ts): headings, paragraphs, lists, tables, bold, italic, links, line breaks and https
 * images. A paragraph's alignment and first-line indent become its style classes (`align-right`,
 * `indent-2`), and a table's bold or header-marked first row its `th` header row. Fonts, colours, other
 * inline styles and classes, Office namespaces (`o:p`, `v:*`, `w:*`), conditional
 * comments, `<xml>` islands and empty paragraphs are dropped.
 *
 * Word (and WPS, which copies Word's format) writes a bulleted or numbered list as paragraphs of class
 * `MsoListParagraph…` with `mso-list:l0 level1 lfo1` in their style and the bullet as text inside
 * `<![if !supportLists]>…<![endif]>`. Those paragraphs become real `<ul>`/`<ol>` lists, nested by level.
 * Chinese outline numbering (一、 （一） （1）) stays as text in paragraphs: an `<ol>` cannot show it and
 * the numbering is part of an official document's wording.
 *
 * Pure apart from the DOM: takes a string, returns a string; runs wherever `DOMParser` exists.
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(preprocess(html), 'text/html');
  const out = doc.createElement('div');
  appendFlow(doc, Array.from(doc.body.childNodes), out, false);
  tidy(out);
  return out.innerHTML;
}

/** Conditional comments and XML islands, removed as text before parsing (the HTML parser would keep parts). */
function preprocess(html: string): string {
  return (
    html
      // The list bullet Word writes for browsers without list support: kept, marked, so it can be read and removed.
      .replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, '<span data-gz-list-marker="">$1</span>')
      .replace(
        /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/gi,
        '<span data-gz-list-marker="">$1</span>',
      )
      // Downlevel-hidden conditional comments (VML images, Office settings): dropped with their content.
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      // Downlevel-revealed markers: the markers go, the content stays.
      .replace(/<!\[if[^\]]*\]>|<!\[endif\]>/gi, '')
      .replace(/<xml\b[\s\S]*?<\/xml>/gi, '')
      .replace(/<style\b[\s\S]*?<\/style>/gi, '')
      .replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p>/gi, '')
  );
}

const HEADINGS: Readonly<Record<string, string>> = {
  h1: 'h2',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
};

/** Blocks whose children flow into the surrounding block: they add structure the article does not keep. */
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'center',
  'figure',
  'figcaption',
  'form',
  'dl',
  'dt',
  'dd',
  'address',
  'details',
  'summary',
  'body',
  'html',
  'fieldset',
]);

const DROPPED = new Set([
  'script',
  'style',
  'meta',
  'link',
  'title',
  'head',
  'xml',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'input',
  'button',
  'select',
  'textarea',
  'colgroup',
  'col',
  'o:p',
]);

const BLOCKS = new Set([
  ...Object.keys(HEADINGS),
  'p',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'hr',
  ...CONTAINERS,
]);

type Kind = 'drop' | 'block' | 'inline';

function kindOf(node: Node): Kind {
  if (node.nodeType === Node.TEXT_NODE) return 'inline';
  if (node.nodeType !== Node.ELEMENT_NODE) return 'drop';
  const name = tagOf(node as Element);
  if (DROPPED.has(name) || name.startsWith('v:') || name.startsWith('w:') || name.startsWith('m:'))
    return 'drop';
  return BLOCKS.has(name) ? 'block' : 'inline';
}

const tagOf = (element: Element): string => element.tagName.toLowerCase();

/**
 * Appends `nodes` as block content of `target`. Runs of inline content become paragraphs, except where the
 * target accepts inline content itself (`inlineAllowed`: list items and table cells).
 */
function appendFlow(doc: Document, nodes: readonly Node[], target: Element, inlineAllowed: boolean): void {
  let paragraph: Element | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (isWordListItem(node)) {
      const items: Element[] = [node];
      let j = i + 1;
      for (; j < nodes.length; j++) {
        const next = nodes[j]!;
        if (isWordListItem(next)) items.push(next);
        else if (!isBlank(next)) break;
      }
      i = j - 1;
      paragraph = null;
      appendWordList(doc, items, target);
      continue;
    }
    const kind = kindOf(node);
    if (kind === 'drop') continue;
    if (kind === 'block') {
      paragraph = null;
      appendBlock(doc, node as Element, target);
      continue;
    }
    if (!inlineAllowed && node.nodeType === Node.ELEMENT_NODE && tagOf(node as Element) === 'br') {
      paragraph = null;
      continue;
    }
    if (inlineAllowed) {
      // Source indentation between a cell's paragraphs is not content.
      const last = target.lastChild;
      if (
        isBlank(node) &&
        (last === null || (last.nodeType === Node.ELEMENT_NODE && BLOCKS.has(last.nodeName.toLowerCase())))
      )
        continue;
      appendInline(doc, node, target);
      continue;
    }
    if (paragraph === null) {
      if (isBlank(node)) continue;
      paragraph = doc.createElement('p');
      target.append(paragraph);
    }
    appendInline(doc, node, paragraph);
  }
}

function appendBlock(doc: Document, element: Element, target: Element): void {
  const name = tagOf(element);
  if (CONTAINERS.has(name)) {
    appendFlow(doc, Array.from(element.childNodes), target, false);
    return;
  }
  const heading = HEADINGS[name];
  if (heading !== undefined || name === 'p' || name === 'pre' || name === 'li') {
    const className = element.getAttribute('class') ?? '';
    const tag = heading ?? (/^MsoTitle/i.test(className) ? 'h2' : name === 'pre' ? 'pre' : 'p');
    const block = doc.createElement(tag);
    const style = paragraphStyle(element, tag === 'p');
    if (style !== '') block.setAttribute('class', style);
    appendInlineChildren(doc, element, block);
    target.append(block);
    return;
  }
  switch (name) {
    case 'blockquote': {
      const quote = doc.createElement('blockquote');
      appendFlow(doc, Array.from(element.childNodes), quote, false);
      target.append(quote);
      return;
    }
    case 'ul':
    case 'ol':
      target.append(cleanList(doc, element));
      return;
    case 'table':
      target.append(cleanTable(doc, element));
      return;
    case 'hr':
      target.append(doc.createElement('hr'));
      return;
    default:
      appendFlow(doc, Array.from(element.childNodes), target, false);
  }
}

/**
 * The paragraph's alignment and first-line indent as the classes the server keeps: `align-center`,
 * `align-right` (from `text-align` or the old `align` attribute) and `indent-2` (any positive
 * `text-indent`: Word writes 2 characters as points, web pages as `2em`). Left, justified and hanging
 * indents are the default and write nothing.
 */
function paragraphStyle(element: Element, indentable: boolean): string {
  const style = (element.getAttribute('style') ?? '').toLowerCase();
  const align =
    /(?:^|;)\s*text-align:\s*([a-z]+)/.exec(style)?.[1] ?? element.getAttribute('align')?.toLowerCase();
  const classes: string[] = [];
  if (align === 'center' || align === 'right') classes.push(`align-${align}`);
  const indent = /(?:^|;)\s*text-indent:\s*([0-9.]+)/.exec(style)?.[1];
  if (indentable && indent !== undefined && Number(indent) > 0) classes.push('indent-2');
  return classes.join(' ');
}

function cleanList(doc: Document, list: Element): Element {
  const out = doc.createElement(tagOf(list));
  const start = list.getAttribute('start');
  if (tagOf(list) === 'ol' && start && /^\d+$/.test(start) && start !== '1') out.setAttribute('start', start);
  for (const child of Array.from(list.childNodes)) {
    const name = child.nodeType === Node.ELEMENT_NODE ? tagOf(child as Element) : '';
    if (name === 'li') {
      const item = doc.createElement('li');
      appendFlow(doc, Array.from(child.childNodes), item, true);
      out.append(item);
    } else if (name === 'ul' || name === 'ol') {
      // A list directly inside a list (invalid, common in web pages) belongs to the item before it.
      const host = out.lastElementChild ?? out.appendChild(doc.createElement('li'));
      host.append(cleanList(doc, child as Element));
    } else if (!isBlank(child) && kindOf(child) !== 'drop') {
      const item = doc.createElement('li');
      appendFlow(doc, [child], item, true);
      out.append(item);
    }
  }
  return out;
}

const TABLE_PARTS = new Set(['thead', 'tbody', 'tfoot']);

function cleanTable(doc: Document, table: Element): Element {
  const out = doc.createElement('table');
  let body: Element | null = null;
  let headerMarked: boolean | null = null;
  const addRow = (row: Element, section: Element) => {
    // Word's "repeat as header row" marks the row; only the table's first row counts.
    headerMarked ??= /mso-yfti-tblheader:\s*yes/i.test(row.getAttribute('style') ?? '');
    const tr = doc.createElement('tr');
    for (const cell of Array.from(row.children)) {
      const name = tagOf(cell);
      if (name !== 'td' && name !== 'th') continue;
      const td = doc.createElement(name);
      for (const span of ['colspan', 'rowspan']) {
        const value = cell.getAttribute(span);
        if (value && /^\d+$/.test(value) && value !== '1') td.setAttribute(span, value);
      }
      appendFlow(doc, Array.from(cell.childNodes), td, true);
      tr.append(td);
    }
    if (tr.childElementCount > 0) section.append(tr);
  };
  for (const child of Array.from(table.children)) {
    const name = tagOf(child);
    if (name === 'caption') {
      const caption = doc.createElement('caption');
      appendInlineChildren(doc, child, caption);
      out.append(caption);
    } else if (TABLE_PARTS.has(name)) {
      const section = doc.createElement(name);
      for (const row of Array.from(child.children)) if (tagOf(row) === 'tr') addRow(row, section);
      out.append(section);
    } else if (name === 'tr') {
      if (body === null) {
        body = doc.createElement('tbody');
        out.append(body);
      }
      addRow(child, body);
    }
  }
  markHeaderRow(doc, out, headerMarked === true);
  return out;
}

/**
 * The first row becomes a header row (`th` cells) when Word marks it as one or when every cell of it is
 * bold; the bold then goes, a header cell is bold already.
 */
function markHeaderRow(doc: Document, table: Element, marked: boolean): void {
  const row = table.querySelector('tr');
  if (row === null || row.closest('thead') !== null) return;
  const cells = Array.from(row.children);
  if (cells.every((cell) => tagOf(cell) === 'th')) return;
  if (!marked && !cells.every(isAllBold)) return;
  for (const cell of cells) {
    const th = doc.createElement('th');
    for (const attribute of Array.from(cell.attributes)) th.setAttribute(attribute.name, attribute.value);
    for (const strong of Array.from(cell.querySelectorAll('strong')))
      strong.replaceWith(...Array.from(strong.childNodes));
    th.append(...Array.from(cell.childNodes));
    cell.replaceWith(th);
  }
}

/** Has text, and all of it inside `<strong>`. */
function isAllBold(cell: Element): boolean {
  let text = false;
  const walker = cell.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if ((node.nodeValue ?? '').replace(SPACE, '') === '') continue;
    text = true;
    if (node.parentElement?.closest('strong') === null) return false;
  }
  return text;
}

/** Appends the children of `source` as inline content: blocks inside are flattened, with a line break between. */
function appendInlineChildren(doc: Document, source: Element, target: Element): void {
  for (const child of Array.from(source.childNodes)) appendInline(doc, child, target);
}

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

function appendInline(doc: Document, node: Node, target: Element): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = joinSourceLines(node.nodeValue ?? '');
    if (text !== '') target.append(doc.createTextNode(text));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE || kindOf(node) === 'drop') return;
  const element = node as Element;
  const name = tagOf(element);
  const style = (element.getAttribute('style') ?? '').toLowerCase();
  if (element.hasAttribute('data-gz-list-marker') || /mso-list:\s*ignore/.test(style)) {
    // A bullet of a list paragraph that was not recognised as one: keep its text, not its spacing.
    const marker = (element.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
    if (marker !== '') target.append(doc.createTextNode(marker + ' '));
    return;
  }
  switch (name) {
    case 'br':
      target.append(doc.createElement('br'));
      return;
    case 'img': {
      const src = element.getAttribute('src') ?? '';
      // Word's images are local files (file:///…) the server can never see; they are uploaded separately.
      if (!/^https:\/\//i.test(src) && !/^\/(?!\/)/.test(src)) return;
      const img = doc.createElement('img');
      img.setAttribute('src', src);
      img.setAttribute('alt', element.getAttribute('alt') ?? '');
      target.append(img);
      return;
    }
    case 'a': {
      const href = (element.getAttribute('href') ?? '').trim();
      if (!SAFE_LINK.test(href)) break;
      const link = doc.createElement('a');
      link.setAttribute('href', href);
      appendInlineChildren(doc, element, link);
      if (link.childNodes.length > 0) target.append(link);
      return;
    }
    default:
      break;
  }
  let wrapper: Element = target;
  const bold = isBold(name, style);
  const italic = isItalic(name, style);
  // Word nests its runs (<b><span style="font-weight:bold">): one <strong> is enough.
  if (bold && target.closest('strong') === null) wrapper = wrapper.appendChild(doc.createElement('strong'));
  if (italic && target.closest('em') === null) wrapper = wrapper.appendChild(doc.createElement('em'));
  if (BLOCKS.has(name) && target.childNodes.length > 0 && target.lastChild?.nodeName !== 'BR') {
    target.append(doc.createElement('br'));
  }
  appendInlineChildren(doc, element, wrapper);
}

function isBold(name: string, style: string): boolean {
  const weight = /font-weight:\s*([a-z0-9]+)/.exec(style)?.[1];
  if (weight !== undefined) return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  return name === 'b' || name === 'strong';
}

function isItalic(name: string, style: string): boolean {
  const fontStyle = /font-style:\s*([a-z]+)/.exec(style)?.[1];
  if (fontStyle !== undefined) return fontStyle === 'italic' || fontStyle === 'oblique';
  return name === 'i' || name === 'em';
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Word wraps its HTML source at about 76 characters, inside sentences. Between Chinese characters such a
 * line break must vanish (a browser would show a space); elsewhere it is a space.
 */
function joinSourceLines(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, (match: string, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + match.length] ?? '';
    return CJK.test(before) || CJK.test(after) || before === '' || after === '' ? '' : ' ';
  });
}

// ---- Word lists -------------------------------------------------------------------------------------

function isWordListItem(node: Node): node is Element {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const element = node as Element;
  if (tagOf(element) !== 'p') return false;
  const style = (element.getAttribute('style') ?? '').toLowerCase();
  if (/mso-list:\s*none/.test(style)) return false;
  const listy =
    /mso-list:\s*l\d+/.test(style) || /^MsoListParagraph/i.test(element.getAttribute('class') ?? '');
  if (!listy) return false;
  const marker = markerOf(element);
  // Chinese outline numbering stays text (see the module comment); so do paragraphs without a bullet.
  return marker !== null && listTypeOf(marker.text) !== null;
}

interface Marker {
  readonly element: Element;
  readonly text: string;
}

function markerOf(paragraph: Element): Marker | null {
  const element =
    paragraph.querySelector('[data-gz-list-marker]') ??
    Array.from(paragraph.querySelectorAll('span')).find((span) =>
      /mso-list:\s*ignore/i.test(span.getAttribute('style') ?? ''),
    ) ??
    null;
  if (element === null) return null;
  return { element, text: (element.textContent ?? '').replace(/[\s\u00a0]+/g, '') };
}

/** `ol` for 1. a) iv. and similar, `ul` for bullets (Symbol/Wingdings bullets arrive as ·, §, Ø, ü, o). */
function listTypeOf(marker: string): 'ol' | 'ul' | null {
  if (/^[(（]?(\d+|[a-z]|[ivxlc]+)[.．)）]$/i.test(marker)) return 'ol';
  if (/^[·•▪■□◆◇○●◦\-–—*§Øüo\uf0a7\uf0b7\uf06c\uf0d8\uf0fc]$/.test(marker)) return 'ul';
  return null;
}

function appendWordList(doc: Document, paragraphs: readonly Element[], target: Element): void {
  const stack: { level: number; list: Element; id: string }[] = [];
  for (const paragraph of paragraphs) {
    const style = (paragraph.getAttribute('style') ?? '').toLowerCase();
    const level = Number(/level(\d+)/.exec(style)?.[1] ?? '1');
    const id = /mso-list:\s*(l\d+)/.exec(style)?.[1] ?? '';
    const marker = markerOf(paragraph)!;
    const type = listTypeOf(marker.text)!;
    marker.element.remove();
    while (stack.length > 0 && stack[stack.length - 1]!.level > level) stack.pop();
    let top = stack[stack.length - 1];
    if (
      top !== undefined &&
      top.level === level &&
      (tagOf(top.list) !== type || (level === 1 && top.id !== id))
    ) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (top === undefined || top.level < level) {
      const list = doc.createElement(type);
      const host = top === undefined ? target : (top.list.lastElementChild ?? top.list);
      host.append(list);
      top = { level, list, id };
      stack.push(top);
    }
    const item = doc.createElement('li');
    appendInlineChildren(doc, paragraph, item);
    top.list.append(item);
  }
}

// ---- Tidying ----------------------------------------------------------------------------------------

const SPACE = /^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g;

function isBlank(node: Node): boolean {
  if (node.nodeType === Node.COMMENT_NODE) return true;
  if (node.nodeType !== Node.TEXT_NODE) return false;
  return (node.nodeValue ?? '').replace(SPACE, '') === '';
}

/**
 * Trims the indentation Chinese documents type as spaces (the indent is the paragraph's `indent-2`), merges runs Word
 * split (`<strong>关于</strong><strong>通知</strong>`), and removes what is left empty.
 */
function tidy(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('strong, em'))) {
    let next = element.nextSibling;
    while (next !== null && next.nodeType === Node.ELEMENT_NODE && next.nodeName === element.nodeName) {
      element.append(...Array.from(next.childNodes));
      next.parentNode!.removeChild(next);
      next = element.nextSibling;
    }
  }
  for (const element of Array.from(root.querySelectorAll('strong, em, a')).reverse()) {
    if ((element.textContent ?? '').replace(SPACE, '') === '' && !element.querySelector('img')) {
      element.replaceWith(...Array.from(element.childNodes));
    }
  }
  for (const block of Array.from(root.querySelectorAll('p, h2, h3, h4, h5, h6, li, td, th, caption'))) {
    trimEdges(block);
    for (const child of Array.from(block.childNodes)) {
      const next = child.nextSibling;
      if (isBlank(child) && next !== null && BLOCKS.has(next.nodeName.toLowerCase())) child.remove();
    }
  }
  for (const block of Array.from(root.querySelectorAll('p, h2, h3, h4, h5, h6, pre, caption')).reverse()) {
    if ((block.textContent ?? '').replace(SPACE, '') === '' && !block.querySelector('img')) block.remove();
  }
  for (const list of Array.from(root.querySelectorAll('ul, ol')).reverse()) {
    if (list.childElementCount === 0) list.remove();
  }
}

/** Leading and trailing spaces, full-width spaces and line breaks of a block. */
function trimEdges(block: Element): void {
  for (const fromStart of [true, false]) {
    for (;;) {
      const edge = fromStart ? firstLeaf(block) : lastLeaf(block);
      if (edge === null) break;
      if (edge.nodeName === 'BR') {
        edge.parentNode!.removeChild(edge);
        continue;
      }
      if (edge.nodeType !== Node.TEXT_NODE) break;
      const value = edge.nodeValue ?? '';
      const trimmed = fromStart
        ? value.replace(/^[\s\u00a0\u3000]+/, '')
        : value.replace(/[\s\u00a0\u3000]+$/, '');
      if (trimmed !== '') {
        edge.nodeValue = trimmed;
        break;
      }
      edge.parentNode!.removeChild(edge);
    }
  }
}

function firstLeaf(node: Node): Node | null {
  let current = node.firstChild;
  while (current !== null && current.nodeType === Node.ELEMENT_NODE && current.firstChild !== null) {
    if (BLOCKS.has(current.nodeName.toLowerCase()) || current.nodeName === 'TABLE') return null;
    current = current.firstChild;
  }
  return current;
}

function lastLeaf(node: Node): Node | null {
  let current = node.lastChild;
  while (current !== null && current.nodeType === Node.ELEMENT_NODE && current.lastChild !== null) {
    if (BLOCKS.has(current.nodeName.toLowerCase())) return null;
    current = current.lastChild;
  }
  return current;
}
