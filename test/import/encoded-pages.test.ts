import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENCODED_PAGES, PAGES, encodedPage, writeEncodedPages } from './encoded-pages.js';

describe('legacy-encoded test pages', () => {
  if (process.env['GAZETTE_WRITE_ENCODED_PAGES'] === '1') writeEncodedPages();

  it.each(Object.keys(ENCODED_PAGES))('%s is the encoding of its UTF-8 source', (name) => {
    expect(readFileSync(new URL(name, PAGES)).equals(encodedPage(name))).toBe(true);
  });
});
