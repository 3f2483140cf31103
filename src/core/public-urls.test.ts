import { describe, expect, it } from 'vitest';
import { publicPageOf } from './public-urls.js';

describe('publicPageOf: the URL table of a public site', () => {
  it.each([
    ['/', { kind: 'home' }],
    ['/sitemap.html', { kind: 'sitemap' }],
    ['/series/yhyshj/', { kind: 'series', slug: 'yhyshj' }],
    ['/tags/营商环境/', { kind: 'tag', tag: '营商环境', page: undefined }],
    ['/tags/营商环境/page/3/', { kind: 'tag', tag: '营商环境', page: '3' }],
    ['/xwzx/202603/t20260318_42.html', { kind: 'article', path: '/xwzx/202603/t20260318_42.html' }],
    ['/zwgk/tzgg/', { kind: 'column', columnPath: 'zwgk/tzgg', page: undefined }],
    ['/zwgk/tzgg/page/2/', { kind: 'column', columnPath: 'zwgk/tzgg', page: '2' }],
    ['/zwgk', { kind: 'none' }],
    ['', { kind: 'none' }],
  ])('reads %s', (path, page) => {
    expect(publicPageOf(path)).toEqual(page);
  });

  it('leaves a page number for the page to judge (a bad one is a page the list does not have)', () => {
    expect(publicPageOf('/xwzx/page/abc/')).toEqual({ kind: 'column', columnPath: 'xwzx', page: 'abc' });
  });
});
