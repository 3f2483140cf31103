import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.js';

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
