import { describe, expect, it } from 'vitest';
import { dateInUrl, parsePage, refusal } from './parse-page.js';

const html = (body: string) =>
  Buffer.from(`<html><head><meta charset="utf-8"></head><body>${body}</body></html>`);

describe('parsePage', () => {
  it('joins a headline broken by <br> without a space', () => {
    const page = parsePage(
      'a.html',
      html('<h1>深入推进<br>乡村全面振兴</h1><div class="TRS_Editor"><p>正文。</p></div>'),
    );
    expect(page.items[0]?.title).toBe('深入推进乡村全面振兴');
  });

  it('takes the date from a TRS-style URL when the page shows none, and says so', () => {
    expect(dateInUrl('http://x.gov.cn/zwgk/202506/t20250603_1001.html')).toBe('2025-06-03T00:00:00+08:00');
    expect(dateInUrl('/news/2024/05/06/abc.html')).toBe('2024-05-06T00:00:00+08:00');
    expect(dateInUrl('/news/abc.html')).toBeNull();
    const page = parsePage('a.html', html('<h1>标题</h1><div class="TRS_Editor"><p>正文。</p></div>'), {
      url: 'http://x.gov.cn/zwgk/202506/t20250603_1001.html',
    });
    expect(page.items[0]?.publishedAt).toBe('2025-06-03T00:00:00+08:00');
    expect(page.warnings).toEqual(['publish date taken from the URL']);
  });
});

describe('refusal', () => {
  it('refuses empty and binary files, accepts text and UTF-16 with a BOM', () => {
    expect(refusal(new Uint8Array())).toBe('empty file');
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatch(/binary/);
    expect(refusal(Buffer.from('<html></html>'))).toBeNull();
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))).toBeNull();
  });
});
