import { describe, expect, it } from 'vitest';
import { clipText, htmlToLine, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('removes tags, decodes entities and breaks lines at blocks', () => {
    expect(htmlToText('<p>甲&amp;乙</p><p>丙&#x4E01;&nbsp;戊</p>').text).toBe('甲&乙\n丙丁 戊');
  });

  it('joins text split by inline tags', () => {
    expect(htmlToText('<p>电话138<b>1234</b>5678</p>').text).toBe('电话13812345678');
  });

  it('skips scripts and styles and collects images and headings', () => {
    const result = htmlToText(
      '<style>p{}</style><h2>一、目标</h2><h3> </h3><img src="/a.jpg" alt="图 &amp; 文">',
    );
    expect(result.text.trim()).toBe('一、目标');
    expect(result.headings).toEqual(['一、目标', '']);
    expect(result.images).toEqual([{ src: '/a.jpg', alt: '图 & 文' }]);
  });
});

describe('htmlToLine and clipText: the one-line text of HTML, for descriptions, labels and snippets', () => {
  it('decodes every entity, outside the BMP too, and keeps inline tags from splitting words', () => {
    expect(htmlToLine('<p>&#131072;&#x20001;𠀂</p>\n<p>青川<b>市</b>&nbsp;&amp;&lt;b&gt;</p>')).toBe(
      '𠀀𠀁𠀂 青川市 &<b>',
    );
    expect(htmlToLine('<script>x()</script><p> 甲 </p><!-- 注 -->')).toBe('甲');
  });

  it('cuts at whole characters, never between the halves of one outside the BMP', () => {
    expect(clipText('甲𠀀乙', 2)).toBe('甲𠀀');
    expect(clipText('甲乙', 5)).toBe('甲乙');
    expect(clipText('𠀀'.repeat(3), 1)).toBe('𠀀');
  });
});
