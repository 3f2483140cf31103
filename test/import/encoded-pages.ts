import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

/**
 * Test pages kept in a legacy encoding. Their text lives in UTF-8 under pages-src/ (readable, diffable); the
 * bytes under pages/ are made from it with `writeEncodedPages()` and checked against it by encoded-pages.test.ts.
 */
export const ENCODED_PAGES: Readonly<Record<string, 'gbk' | 'big5'>> = {
  'gbk-notice.html': 'gbk',
  // Declares UTF-8 in its meta tag, but is GBK: the meta lies.
  'lying-meta-gbk.html': 'gbk',
  'big5-notice.html': 'big5',
};

const SOURCES = new URL('./pages-src/', import.meta.url);
export const PAGES = new URL('./pages/', import.meta.url);

export function encodedPage(name: string): Buffer {
  const encoding = ENCODED_PAGES[name];
  if (encoding === undefined) throw new Error(`${name} is not an encoded test page`);
  return iconv.encode(readFileSync(new URL(name, SOURCES), 'utf8'), encoding);
}

/** Regenerates the encoded pages (run by hand after editing pages-src/). */
export function writeEncodedPages(): void {
  for (const name of Object.keys(ENCODED_PAGES)) writeFileSync(new URL(name, PAGES), encodedPage(name));
}
