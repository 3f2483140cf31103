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

describe('more classes of the dev pages', () => {
  it('reads a date printed in English at the top of the body as the dateline (chinesenewsnet blog)', () => {
    const item = article(
      `<h2>播客：10分钟拥有私人声音平台</h2><div class="post"><p>Saturday, September 10th, 2005 10:56 am</p><p>每个人都可以当主持人。${LONG}</p></div>`,
    );
    expect(item).toMatchObject({ publishedAt: '2005-09-10T10:56:00+08:00', datePrecision: 'minute' });
    expect(item.blocks[0]?.text).toMatch(/^每个人都可以当主持人/);
  });

  it('takes a line of a centring class under a picture for its caption (网易 f_center)', () => {
    const item = article(`<h1>多地高温津贴数年未涨</h1><div id="endText">
      <p class="f_center"><img src="http://img1.cache.netease.com/a.jpg" alt="你领到高温津贴了吗？"></p>
      <p class="f_center">各地高温津贴一览。</p><p>夏季高温期来临，人社部等四部门3日下发通知，要求各地发放高温津贴。${LONG}</p></div>`);
    expect(item.blocks.find((b) => b.type === 'paragraph')?.text).toMatch(/^夏季高温期来临/);
    expect(item.blocks.find((b) => b.type === 'image')?.text).toBe('各地高温津贴一览。');
  });

  it('drops a box of promoted links inside the article (yahoo.cn 今日焦点)', () => {
    const item = article(`<h1>压岁钱该归谁</h1><div class="article"><p>${LONG}</p>
      <table><tr><td>今日焦点：</td></tr>
      <tr><td>·</td><td><a href="http://cn.biz.yahoo.com/1.html">中国股市遭遇历史性机会：股改行情大揭密</a></td></tr>
      <tr><td>·</td><td><a href="http://cn.biz.yahoo.com/2.html">中金“内部观点”曝光：表面唱多 暗里看空</a></td></tr>
      <tr><td>·</td><td><a href="http://cn.biz.yahoo.com/3.html">★07男人--补肾新药（图）</a></td></tr></table>
      <p>李婷艳（１９岁）：我一直认为压岁钱不属于自己，应该属于父母。${LONG}</p></div>`);
    expect(item.blocks.map((b) => b.text).join('\n')).not.toMatch(/今日焦点|07男人/);
  });

  it('reads a quoted short line after a short closing sentence as a heading (sina)', () => {
    const item = article(`<h1>四年前中500万现穷困潦倒</h1><div class="article"><p>${LONG}</p>
      <p>孙启勤没能像自己期望的那样，成为“水乡的刘老根”。</p><p>“让我再中一次500万”</p>
      <p>接连的投资失败让孙启勤的巨额奖金几乎化为乌有，偏偏在这个时候，病魔又找上了他。</p></div>`);
    expect(item.blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual([
      '“让我再中一次500万”',
    ]);
  });
});

describe('what is left of old portal templates', () => {
  it('drops a search counter split over lines (sohu 共找到 … 个相关新闻)', () => {
    const item =
      article(`<h1>泰龙模式</h1><div class="article"><p>${LONG}</p><p>最后，提供了一个具有全球意义的范式。</p>
      <table><tr><td></td><td>共找到 13,046<br><br>个相关新闻.</td><td></td></tr></table></div>`);
    expect(item.blocks.map((b) => b.text).join('\n')).not.toMatch(/个相关新闻|共找到/);
  });

  it('takes no private-use character into the headline (a GBK separator, book.sina)', () => {
    const item = article(`<h1>投身外交(3)\ue004</h1><div class="article"><p>${LONG}</p></div>`);
    expect(item.title).toBe('投身外交(3)');
  });

  it('leaves a translation note of first publication out of the body (joelonsoftware)', () => {
    const item =
      article(`<h1>给计算机系学生的建议</h1><div class="article"><p>${LONG}</p><p>如果你听了我的建议，你就会太早地卖掉。</p>
      <p>本文最先用英文出版，题为 Advice for Computer Science College Students</p></div>`);
    const texts = item.blocks.map((b) => b.text);
    expect(texts[texts.length - 1]).toMatch(/^如果你听了我的建议/);
  });

  it('finds the article beside an unclosed <p> that swallowed the layout (yahoo.cn)', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>第${i + 1}段。${LONG}${LONG}</p>`).join('');
    const item = article(
      `<center><p><table><tr><td>输入代号查询(可同时多个)：</td></tr></table><table><tr><td width="565">${paragraphs}</td></tr></table></center>`,
      '<title>2004中国十大科技骗局</title>',
    );
    expect(item.blocks[0]?.text).toMatch(/^第1段/);
  });

  it('takes neither 点击看大图 for a caption nor a picture note for the last paragraph (yahoo.cn)', () => {
    const item =
      article(`<h1>骗局</h1><div class="article"><p><a href="http://cn.biz.yahoo.com/p.html"><img src="a.jpg"></a></p>
      <p>点击看大图</p><p>${LONG}</p><p>但愿这是个干净的没有欺骗的一年。</p><p>转自《北京科技报》</p><p>[图片说明1：漫画/冷洁]</p></div>`);
    const texts = item.blocks.map((b) => b.text);
    expect(texts.join('\n')).not.toMatch(/点击看大图|图片说明/);
    expect(texts[texts.length - 1]).toMatch(/^但愿/);
    expect(item.source).toBe('北京科技报');
  });
});
