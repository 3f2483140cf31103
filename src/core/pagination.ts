import { GazetteError } from './errors.js';

export const PAGE_SIZE = 20;

export interface Pagination {
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly pageSize: number;
  readonly offset: number;
}

/**
 * Parses a page number as it arrives in a URL. Anything but a plain positive integer is `GZ_INVALID_PAGE`
 * (a 404 for the reader), and so is a page past the last one, except page 1 of an empty list.
 */
export function paginate(
  rawPage: string | number | undefined,
  total: number,
  pageSize = PAGE_SIZE,
): Pagination {
  const text = rawPage === undefined ? '1' : String(rawPage);
  if (!/^[1-9]\d{0,6}$/.test(text)) throw new GazetteError('GZ_INVALID_PAGE', text);
  const page = Number(text);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (page > pages) throw new GazetteError('GZ_INVALID_PAGE', text);
  return { page, pages, total, pageSize, offset: (page - 1) * pageSize };
}

export type PageLink =
  { readonly kind: 'page'; readonly page: number; readonly current: boolean } | { readonly kind: 'gap' };

/** Numbered links: first, last, and two either side of the current page, with gaps between. */
export function pageLinks(page: number, pages: number): PageLink[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: PageLink[] = [];
  let previous = 0;
  for (const n of numbers) {
    // A gap hides two pages or more; a single missing page is shown instead of an ellipsis.
    if (n - previous === 2) links.push({ kind: 'page', page: n - 1, current: false });
    else if (n - previous > 2) links.push({ kind: 'gap' });
    links.push({ kind: 'page', page: n, current: n === page });
    previous = n;
  }
  return links;
}
