import { decodeBytes } from './decode.js';
import { parseDateText } from './fields.js';
import { parseHtmlPage } from './parse-html.js';
import { parseTextPage } from './parse-text.js';
import type { ImportedPage } from './model.js';
import { withPolicyFields } from './policy-fields.js';

export const MAX_PAGE_BYTES = 20 * 1024 * 1024;
export const PAGE_EXTENSIONS = ['.html', '.htm', '.shtml', '.txt'] as const;

/** Why a file cannot be imported at all, or null when it can be parsed. */
export function refusal(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file';
  if (bytes.length > MAX_PAGE_BYTES) return `too large (${bytes.length} bytes, the limit is 20 MB)`;
  const head = bytes.subarray(0, 8192);
  // NUL bytes do not occur in text in the 8-bit encodings we read (UTF-16 pages carry a BOM).
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) return 'binary file, not a page';
  return null;
}

/** A date in a URL path such as `/t20250603_1001.html` or `/2025/06/03/`, as the day's Shanghai midnight. */
export function dateInUrl(url: string): string | null {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const match =
    /\/t?(20\d{2})(\d{2})(\d{2})_\d+\.\w+$/.exec(path) ?? /\/(20\d{2})\/(\d{2})\/(\d{2})\//.exec(path);
  return match ? parseDateText(`${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`) : null;
}

const isText = (file: string): boolean => file.toLowerCase().endsWith('.txt');

/**
 * Parses one page (HTML or a browser's "save as text") into the import shape. Never throws for content it
 * cannot understand: it reports warnings instead; `refusal` says whether to try at all.
 */
export function parsePage(
  file: string,
  bytes: Uint8Array,
  options: { readonly charset?: string; readonly url?: string } = {},
): ImportedPage {
  const decoded = decodeBytes(bytes, options.charset);
  const parsed = isText(file)
    ? parseTextPage(decoded.text)
    : parseHtmlPage(decoded.text, options.url === undefined ? {} : { url: options.url });
  const url = options.url ?? parsed.url;
  const warnings = [...(decoded.warning === null ? [] : [decoded.warning]), ...parsed.warnings];
  // TRS and JCMS put the publish date in the URL (…/202506/t20250603_1001.html): the fallback when the page
  // shows none.
  const fromUrl = dateInUrl(url);
  const undated = parsed.items.some((item) => item.publishedAt === null);
  const items =
    fromUrl !== null && undated
      ? parsed.items.map((item) => ({
          ...item,
          publishedAt: item.publishedAt ?? fromUrl,
          datePrecision: item.publishedAt === null ? ('date' as const) : item.datePrecision,
          members: item.members.map((m) => ({
            ...m,
            publishedAt: m.publishedAt ?? fromUrl,
            datePrecision: m.publishedAt === null ? ('date' as const) : m.datePrecision,
          })),
        }))
      : parsed.items;
  if (fromUrl !== null && undated) {
    const index = warnings.indexOf('no publish date found');
    if (index >= 0) warnings.splice(index, 1);
    warnings.push('publish date taken from the URL');
  }
  return {
    file,
    url,
    encoding: decoded.encoding,
    items: withPolicyFields(decoded.text, items),
    chrome: parsed.chrome,
    warnings,
  };
}
