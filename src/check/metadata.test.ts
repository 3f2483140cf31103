import { describe, expect, it } from 'vitest';
import { inspectMetadata, isReprint } from './metadata.js';

const complete = {
  article: true,
  source: '青川市人民政府办公室',
  editor: '张雯',
  bodyHtml: '<p>正文</p>',
};

describe('metadata', () => {
  it('blocks an article without source or editor', () => {
    const findings = inspectMetadata({ ...complete, source: '', editor: '' }, {});
    expect(findings.map((f) => [f.field, f.severity])).toEqual([
      ['source', 'block'],
      ['editor', 'block'],
    ]);
  });

  it('treats news outlets as reprints unless they are the site itself', () => {
    expect(isReprint({ source: '内蒙古日报' }, {})).toBe(true);
    expect(isReprint({ source: '《内蒙古日报》' }, {})).toBe(true);
    expect(isReprint({ source: '新华社' }, {})).toBe(true);
    expect(isReprint({ source: '青川市生态环境局' }, {})).toBe(false);
    expect(isReprint({ source: '青川市供销合作社' }, {})).toBe(false);
    expect(isReprint({ source: '国家电网' }, {})).toBe(false);
    expect(isReprint({ source: '人民网' }, {})).toBe(true);
    expect(isReprint({ source: '青川政府网' }, { ownSources: ['青川政府网'] })).toBe(false);
  });

  it('warns about a reprint without original author and title', () => {
    const findings = inspectMetadata({ ...complete, source: '青川日报' }, {});
    expect(findings.map((f) => [f.field, f.severity])).toEqual([
      ['originalAuthor', 'warn'],
      ['originalTitle', 'warn'],
    ]);
  });

  it('warns about images without alt and empty headings', () => {
    const findings = inspectMetadata(
      { ...complete, bodyHtml: '<h2></h2><img src="/a.jpg"><img src="/b.jpg" alt="图">' },
      {},
    );
    expect(findings.map((f) => [f.field, f.excerpt])).toEqual([
      ['images', '/a.jpg'],
      ['headings', ''],
    ]);
  });

  it('says nothing about plain text', () => {
    expect(inspectMetadata({ text: '正文' }, {})).toEqual([]);
  });
});
