import { describe, expect, it } from 'vitest';
import { wrapTables } from './display.js';

describe('wrapTables', () => {
  it('wraps each table in a focusable region named after its caption', () => {
    const html =
      '<p>前言</p><table class="t"><caption>分年度<b>计划</b></caption><tr><td>1</td></tr></table>' +
      '<table><tr><td>2</td></tr></table>';
    expect(wrapTables(html)).toBe(
      '<p>前言</p><section class="table-scroll" aria-label="表格：分年度计划" tabindex="0">' +
        '<table class="t"><caption>分年度<b>计划</b></caption><tr><td>1</td></tr></table></section>' +
        '<section class="table-scroll" aria-label="表格2" tabindex="0"><table><tr><td>2</td></tr></table></section>',
    );
  });

  it('leaves bodies without tables untouched and keeps quotes out of the label', () => {
    expect(wrapTables('<p>没有表格</p>')).toBe('<p>没有表格</p>');
    expect(wrapTables('<table><caption>"甲"</caption></table>')).toContain(
      'aria-label="表格：&quot;甲&quot;"',
    );
  });

  it('names a table by whole characters, one outside the BMP included, and decodes its entities', () => {
    const caption = `${'表'.repeat(79)}𠀀尾`;
    const label = /aria-label="([^"]*)"/.exec(
      wrapTables(`<table><caption>${caption}</caption></table>`),
    )?.[1];
    expect(label).toBe(`表格：${'表'.repeat(79)}𠀀`);
    expect(wrapTables('<table><caption>&#131073; &amp; 乙</caption></table>')).toContain(
      'aria-label="表格：𠀁 &amp; 乙"',
    );
  });
});
