import sanitizeHtml from 'sanitize-html';

/**
 * The HTML an article body may hold. Anything a person typed or pasted passes through here before it is
 * stored: no scripts, styles, event handlers, fonts or colours; the page's only h1 is the title, so
 * headings in a body start at h2.
 *
 * The paragraph styles of an official document are classes from a fixed list (the theme styles them):
 * `align-center` and `align-right` on paragraphs and headings (a 落款 and its date are right-aligned),
 * `indent-2` on paragraphs (首行缩进两字). Any other class, and the same classes anywhere else, are dropped.
 */
const ALIGN_CLASSES = ['align-center', 'align-right'];

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
    p: ['class'],
    h2: ['class'],
    h3: ['class'],
    h4: ['class'],
    h5: ['class'],
    h6: ['class'],
  },
  allowedClasses: {
    p: [...ALIGN_CLASSES, 'indent-2'],
    h2: ALIGN_CLASSES,
    h3: ALIGN_CLASSES,
    h4: ALIGN_CLASSES,
    h5: ALIGN_CLASSES,
    h6: ALIGN_CLASSES,
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
