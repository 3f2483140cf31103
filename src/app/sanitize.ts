import sanitizeHtml from 'sanitize-html';

/**
 * The HTML an article body may hold. Anything a person typed or pasted passes through here before it is
 * stored: no scripts, styles, event handlers, fonts or colours; the page's only h1 is the title, so
 * headings in a body start at h2.
 */
const BODY_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'ul',
    'ol',
    'li',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'figure',
    'figcaption',
    'hr',
    'pre',
    'code',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images from our own /media/ (relative) or over https; http images would make the page mixed content.
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  transformTags: {
    h1: 'h2',
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) =>
    (frame.tag === 'p' && frame.text.trim() === '' && !frame.mediaChildren.length) ||
    (frame.tag === 'img' && !frame.attribs['src']),
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html.replaceAll('\u0000', ''), BODY_OPTIONS).trim();
}

/** Plain text: tags dropped, entities kept as text. For titles, names and summaries. */
export function plainText(text: string): string {
  return sanitizeHtml(text.replaceAll('\u0000', ''), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Paragraphs of plain text as safe HTML. */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
