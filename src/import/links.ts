import { escapeHtml } from '../app/index.js';
import type { ImportedBlock, ImportedLink } from './model.js';

/** Schemes a link in an imported body may keep; the body sanitiser allows the same ones. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The address a link in an old page should keep, or null when it must go (its text stays): unsafe schemes
 * (`javascript:`, `data:`, `vbscript:`, `file:`…), links within the old page (`#top`, `#`) and empty ones.
 * With the page's address the link becomes absolute; without it, a site-relative path (`/zwgk/…`) or a relative
 * one is kept as written, for the importer to decide (see `isDocumentRelative`).
 */
export function safeHref(raw: string, base: string): string | null {
  // Browsers ignore tabs, newlines and leading control characters in a URL: `java\tscript:` is still a script.
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (href === '' || href.startsWith('#')) return null;
  const scheme = SCHEME.exec(href)?.[1];
  if (scheme !== undefined && !SAFE_SCHEMES.has(`${scheme.toLowerCase()}:`)) return null;
  if (base !== '') {
    try {
      const url = new URL(href, base);
      if (!SAFE_SCHEMES.has(url.protocol)) return null;
      // A link to the same page with a fragment is still a link within the old page.
      if (
        scheme === undefined &&
        url.href.replace(/#.*$/, '') === base.replace(/#.*$/, '') &&
        href.includes('#')
      )
        return null;
      return url.href;
    } catch {
      return null;
    }
  }
  // `//host/path` takes the old page's scheme, unknown here; portals answer https today.
  if (href.startsWith('//')) return `https:${href}`;
  return href;
}

/** A link relative to the old page's own folder (`files/a.csv`, `../b.html`): meaningless on the new site. */
export const isDocumentRelative = (href: string): boolean => !SCHEME.test(href) && !href.startsWith('/');

/**
 * Renders the text segments of one block (a paragraph, each list item, each table cell, a caption) in order,
 * wrapping each link's text where it occurs. Links are in reading order and each lies within one segment, so
 * one cursor over the links serves all the block's segments. `hrefFor` gives the address to write, or null to
 * leave the text unlinked.
 */
export function segmentRenderer(
  links: readonly ImportedLink[],
  hrefFor: (href: string) => string | null,
): (segment: string) => string {
  let next = 0;
  return (segment) => {
    let html = '';
    let position = 0;
    while (next < links.length) {
      const link = links[next] as ImportedLink;
      const at = link.text === '' ? -1 : segment.indexOf(link.text, position);
      if (at < 0) break;
      const href = hrefFor(link.href);
      const text = escapeHtml(link.text);
      html += escapeHtml(segment.slice(position, at));
      html += href === null ? text : `<a href="${escapeHtml(href)}">${text}</a>`;
      position = at + link.text.length;
      next += 1;
    }
    return html + escapeHtml(segment.slice(position));
  };
}

/** Links of several blocks joined into one (a heading broken over two lines, a caption moved to its image). */
export function joinedLinks(...blocks: readonly ImportedBlock[]): { links?: readonly ImportedLink[] } {
  const links = blocks.flatMap((block) => block.links ?? []);
  return links.length > 0 ? { links } : {};
}

/** A block's links split between its opening `head` text and the rest, in order. */
export function splitLinks(
  links: readonly ImportedLink[],
  head: string,
): [{ links?: readonly ImportedLink[] }, { links?: readonly ImportedLink[] }] {
  let position = 0;
  let count = 0;
  for (const link of links) {
    const at = head.indexOf(link.text, position);
    if (link.text === '' || at < 0) break;
    position = at + link.text.length;
    count += 1;
  }
  const wrap = (some: readonly ImportedLink[]) => (some.length > 0 ? { links: some } : {});
  return [wrap(links.slice(0, count)), wrap(links.slice(count))];
}
