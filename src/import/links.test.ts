import { describe, expect, it } from 'vitest';
import { isDocumentRelative, safeHref, segmentRenderer } from './links.js';

const PAGE = 'https://www.example.gov.cn/zwgk/tzgg/202406/t20240603_1.html';

describe('safeHref', () => {
  it('resolves relative links against the page address', () => {
    expect(safeHref('../202405/t1.html', PAGE)).toBe('https://www.example.gov.cn/zwgk/tzgg/202405/t1.html');
    expect(safeHref('/ztzl/', PAGE)).toBe('https://www.example.gov.cn/ztzl/');
    expect(safeHref('//cdn.example.gov.cn/a.pdf', PAGE)).toBe('https://cdn.example.gov.cn/a.pdf');
    expect(safeHref('http://other.example.com/x?a=1&b=2', PAGE)).toBe('http://other.example.com/x?a=1&b=2');
  });

  it('keeps links as written without a page address, giving protocol-relative ones https', () => {
    expect(safeHref('/zwgk/a.html', '')).toBe('/zwgk/a.html');
    expect(safeHref('files/a.csv', '')).toBe('files/a.csv');
    expect(safeHref('//www.example.gov.cn/a.html', '')).toBe('https://www.example.gov.cn/a.html');
  });

  it('keeps mail and phone links', () => {
    expect(safeHref('mailto:a@example.gov.cn', PAGE)).toBe('mailto:a@example.gov.cn');
    expect(safeHref('tel:0871-12345678', '')).toBe('tel:0871-12345678');
  });

  it.each([
    'javascript:void(0)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///C:/a.html',
    'ftp://example.gov.cn/a.pdf',
    '#top',
    '#',
    '',
    't20240603_1.html#sec2',
  ])('drops %j', (href) => {
    expect(safeHref(href, PAGE)).toBeNull();
    if (href !== 't20240603_1.html#sec2') expect(safeHref(href, '')).toBeNull();
  });

  it('tells links relative to the old page folder from site-relative and absolute ones', () => {
    expect(isDocumentRelative('files/a.csv')).toBe(true);
    expect(isDocumentRelative('../a.html')).toBe(true);
    expect(isDocumentRelative('/a.html')).toBe(false);
    expect(isDocumentRelative('https://x.example/a.html')).toBe(false);
    expect(isDocumentRelative('mailto:a@x.example')).toBe(false);
  });
});

describe('segmentRenderer', () => {
  const links = [
    { text: '甲', href: 'https://a.example/?x=1&y="2"' },
    { text: '乙', href: 'files/b.html' },
    { text: '丙<', href: '/c' },
  ];

  it('links each text in order across the segments of a block, escaping text and address', () => {
    const render = segmentRenderer(links, (href) => href);
    expect(render('看甲和甲')).toBe('看<a href="https://a.example/?x=1&#38;y=&#34;2&#34;">甲</a>和甲');
    expect(render('无链接')).toBe('无链接');
    expect(render('乙与丙<')).toBe('<a href="files/b.html">乙</a>与<a href="/c">丙&#60;</a>');
  });

  it('leaves the text of a link its mapper refuses', () => {
    const render = segmentRenderer(links, (href) => (href.startsWith('files/') ? null : href));
    expect(render('甲乙丙<')).toBe(
      '<a href="https://a.example/?x=1&#38;y=&#34;2&#34;">甲</a>乙<a href="/c">丙&#60;</a>',
    );
  });
});
