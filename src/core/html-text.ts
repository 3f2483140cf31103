/** An image of the HTML: its source and its alternative text. */
export interface HtmlImage {
  readonly src: string;
  readonly alt: string;
}

export interface HtmlText {
  /** The visible text: tags removed, entities decoded, a line break for each block boundary. */
  readonly text: string;
  readonly images: readonly HtmlImage[];
  /** The text of each heading (h1–h6), trimmed. */
  readonly headings: readonly string[];
  /** Each link with the place of its text in `text`. */
  readonly links: readonly HtmlLink[];
}

export interface HtmlLink {
  readonly href: string;
  readonly start: number;
  readonly end: number;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'figure',
  'figcaption',
  'hr',
  'pre',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  hellip: '…',
  middot: '·',
};

function decodeEntity(entity: string): string {
  const body = entity.slice(1, -1);
  if (body.startsWith('#x') || body.startsWith('#X'))
    return safeCodePoint(parseInt(body.slice(2), 16), entity);
  if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), entity);
  return NAMED_ENTITIES[body] ?? entity;
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const raw = match ? (match[1] ?? match[2] ?? match[3] ?? '') : '';
  return raw.replace(/&[#a-zA-Z0-9]+;/g, decodeEntity);
}

/**
 * Reduces sanitised article HTML to the text a reader sees, so that offsets of findings point into
 * text rather than markup, and a number split by inline tags (`138<b>1234</b>5678`) is still seen whole.
 */
export function htmlToText(html: string): HtmlText {
  let text = '';
  const images: HtmlImage[] = [];
  const headings: string[] = [];
  let headingStart: number | null = null;
  const links: HtmlLink[] = [];
  let open: { href: string; start: number } | null = null;
  const token = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|&[#a-zA-Z0-9]+;|[^<&]+|[<&]/g;
  let skipUntil: string | null = null;
  for (let match = token.exec(html); match; match = token.exec(html)) {
    const [whole, closing, rawName] = match;
    if (rawName !== undefined) {
      const name = rawName.toLowerCase();
      if (skipUntil !== null) {
        if (closing && name === skipUntil) skipUntil = null;
        continue;
      }
      if (!closing && (name === 'script' || name === 'style')) {
        skipUntil = name;
        continue;
      }
      if (name === 'img' && !closing)
        images.push({ src: attribute(whole, 'src'), alt: attribute(whole, 'alt') });
      if (name === 'a' && !closing) open = { href: attribute(whole, 'href'), start: text.length };
      if (name === 'a' && closing && open !== null) {
        links.push({ href: open.href, start: open.start, end: text.length });
        open = null;
      }
      if (BLOCK_TAGS.has(name) && text.length > 0 && !text.endsWith('\n')) text += '\n';
      if (/^h[1-6]$/.test(name)) {
        if (closing && headingStart !== null) {
          headings.push(text.slice(headingStart).trim());
          headingStart = null;
        } else if (!closing) {
          headingStart = text.length;
        }
      }
      continue;
    }
    if (skipUntil !== null || whole.startsWith('<!--')) continue;
    text += whole.startsWith('&') && whole.endsWith(';') ? decodeEntity(whole) : whole;
  }
  return { text: text.replace(/\n+$/, ''), images, headings, links };
}

/**
 * The text of an HTML fragment on one line, for a page description, a label or a search snippet: `htmlToText`
 * (tags out, entities decoded, scripts and comments dropped) with every run of white space made one space.
 */
export function htmlToLine(html: string): string {
  return htmlToText(html).text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters of `text`, counted as characters: one outside the BMP is never cut in half. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const characters = Array.from(text);
  return characters.length <= max ? text : characters.slice(0, max).join('');
}
