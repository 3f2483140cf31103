import { describe, expect, it } from 'vitest';
import { readDate, readFieldLine } from './fields.js';
import { emptyFields } from './model.js';
import { parseHtmlPage } from './parse-html.js';

/**
 * Snippets below are cut from real pages of the import-quality set added on 2026-12-08 (BBC中文网, 网易财经 2015,
 * 凤凰网, 网易新闻), written down before the rules they test.
 */
const LONG = '记者从有关部门获悉，这项工作已经全面展开，各地正在按照部署推进落实，取得了阶段性成效。';
const article = (body: string, head = '<title>页面</title>') => {
  const item = parseHtmlPage(`<html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`)
    .items[0];
  if (!item) throw new Error('no item');
  return item;
};

describe('a time of day named by its zone', () => {
  it('reads Greenwich time beside a Chinese date as Shanghai time (BBC中文网)', () => {
    expect(readDate('更新时间 2012年12月10日, 格林尼治标准时间10:41')).toEqual({
      iso: '2012-12-10T18:41:00+08:00',
      precision: 'minute',
    });
  });

  it('moves to the next day when Greenwich evening is Shanghai morning', () => {
    expect(readDate('2012年12月10日 GMT 20:15')?.iso).toBe('2012-12-11T04:15:00+08:00');
  });

  it('keeps Beijing time as it is', () => {
    expect(readDate('2024年5月6日，北京时间08:30')).toEqual({
      iso: '2024-05-06T08:30:00+08:00',
      precision: 'minute',
    });
  });

  it('takes no label word for a source on such a line', () => {
    const item = article(
      `<h1>港特首梁振英就住宅违建事件道歉</h1><p>更新时间 2012年12月10日, 格林尼治标准时间10:41</p><div class="article"><p>${LONG}</p></div>`,
    );
    expect(item).toMatchObject({
      source: '',
      publishedAt: '2012-12-10T18:41:00+08:00',
      datePrecision: 'minute',
    });
  });
});

describe('a source whose name went to the next line, with its place in brackets (网易财经)', () => {
  it('joins the label and its link and drops the place', () => {
    const item = article(
      `<h1>李克强：培育长期稳定健康发展的资本市场</h1><div class="ep-time-soure">2015-07-02 23:15:34\u3000来源:
        <a href="http://news.cnstock.com/x.htm">上海证券报·中国证券网</a>(上海) </div><div id="endText"><p>${LONG}</p></div>`,
    );
    expect(item.source).toBe('上海证券报·中国证券网');
    expect(item.publishedAt).toBe('2015-07-02T23:15:34+08:00');
  });

  it('does not take the headline of a related article beside its date for the source', () => {
    const item = article(
      `<h1>多地高温津贴数年未涨</h1><div id="endText"><p>${LONG}</p></div>
       <ul><li><span><a href="http://money.163.com/a.html">北京防暑降温新政下月出台</a></span> <span>2015/07/03</span></li></ul>`,
    );
    expect(item.source).toBe('');
  });
});

describe('the closing lines of 网易 pages', () => {
  it('reads 本文来源 as the source line, not the last paragraph', () => {
    const fields = emptyFields();
    expect(readFieldLine('本文来源：第一财经日报 作者：杜卿卿 李隽', fields)).toBe(true);
    expect(fields).toMatchObject({ source: '第一财经日报', author: '杜卿卿、李隽' });
  });

  it('drops the link lists and the promotion box at the end of the article container', () => {
    const item =
      article(`<h1>标题</h1><div id="endText"><p>${LONG}</p><p>李克强表示，中国是世界上最大的船舶和集装箱制造国家之一，相关装备制造性价比好。</p>
      <table><tr><td><p><a href="http://i.money.163.com/"><b>网易财经<br> 会赚钱的客户端：</b></a></p></td>
      <td><p><a href="http://money.163.com/special/x/"><b>网易携手华泰证券<br> 推出“打新神器”：</b></a></p></td></tr></table>
      <div><h1>重点推荐</h1><span><a href="http://money.163.com/stock">更多精彩资讯请点击 网易股票</a></span></div>
      <div><p><b>证券要闻</b></p>
      <p><a href="http://money.163.com/1.html">沪指3周重挫近30%</a> <a href="http://money.163.com/2.html">券商大佬齐聚证监会</a></p>
      <p><b>公司新闻</b></p>
      <p><a href="http://money.163.com/3.html">泸州老窖换届新目标遭质疑 少壮派上位面临压力</a></p></div>
      <div><span>本文来源：上海证券报·中国证券网</span> <span>责任编辑：NF041</span></div></div>`);
    const texts = item.blocks.map((b) => b.text);
    expect(texts[texts.length - 1]).toMatch(/^李克强表示/);
    expect(texts.join('\n')).not.toMatch(/重点推荐|证券要闻|会赚钱的客户端|泸州老窖/);
    expect(item.source).toBe('上海证券报·中国证券网');
  });

  it('keeps a last paragraph that links a document as an attachment', () => {
    const item = article(
      `<h1>标题</h1><div id="endText"><p>${LONG}</p><p><a href="/files/fangan.pdf">实施方案全文</a></p></div>`,
    );
    expect(item.blocks.map((b) => b.text)).toContain('实施方案全文');
  });
});

describe('editors with staff numbers', () => {
  it.each([
    ['[责任编辑：朱家浒 PN054]', '朱家浒'],
    ['责任编辑：化成雨_NBJ11143', '化成雨'],
    ['责任编辑：NF041', ''],
    ['（责编：袁勃、赵欣悦）', '袁勃、赵欣悦'],
  ])('%s', (line, editor) => {
    const fields = emptyFields();
    expect(readFieldLine(line, fields)).toBe(true);
    expect(fields.editor).toBe(editor);
  });
});
