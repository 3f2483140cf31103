import { describe, expect, it } from 'vitest';
import { readDate } from './fields.js';
import { parseHtmlPage } from './parse-html.js';

/** Snippets below are cut from real pages of the import-quality set (sohu, sina, 163, yahoo.cn, cnr, mee.gov.cn…). */
const page = (body: string, head = '<title>页面</title>') =>
  parseHtmlPage(`<html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
const article = (body: string, head?: string) => {
  const item = page(body, head).items[0];
  if (!item) throw new Error('no item');
  return item;
};
/** The ideographic spaces the page indents its paragraphs with. */
const IDEO = '\u3000';
const LONG = '记者从有关部门获悉，这项工作已经全面展开，各地正在按照部署推进落实，取得了阶段性成效。';
const texts = (body: string, head?: string) => article(body, head).blocks.map((b) => b.text);

describe('time of day and date precision', () => {
  it.each([
    ['2024-05-13-08:49:30', '2024-05-13T08:49:30+08:00', 'second'],
    ['2005年3月11日12:12', '2005-03-11T12:12:00+08:00', 'minute'],
    ['2022年02月12日', '2022-02-12T00:00:00+08:00', 'date'],
    ['2022-02-06T12:48:06+00:00', '2022-02-06T20:48:06+08:00', 'second'],
  ])('reads %s with its precision', (text, iso, precision) => {
    expect(readDate(text)).toEqual({ iso, precision });
  });

  it('takes the time shown beside the date on a line without labels', () => {
    const item = article(
      `<h1>工商部门初定SKII广告属于虚假宣传</h1><div>BUSINESS.SOHU.COM 2005年3月11日12:12</div><div class="article"><p>${LONG}</p></div>`,
    );
    expect(item.publishedAt).toBe('2005-03-11T12:12:00+08:00');
    expect(item.datePrecision).toBe('minute');
  });

  it('prefers a shown time of the same day to a date-only meta tag', () => {
    const item = article(
      `<h1>标题</h1><div>2022-02-13 07:00:00来源：央广网</div><div class="article"><p>${LONG}</p></div>`,
      '<title>标题</title><meta name="publishdate" content="2022-02-13">',
    );
    expect(item.publishedAt).toBe('2022-02-13T07:00:00+08:00');
    expect(item.datePrecision).toBe('second');
  });

  it('keeps a page that shows only a date as a date', () => {
    const item = article(
      `<h1>标题</h1><div>发布日期：2022年01月28日</div><div class="article"><p>${LONG}</p></div>`,
    );
    expect(item.publishedAt).toBe('2022-01-28T00:00:00+08:00');
    expect(item.datePrecision).toBe('date');
  });
});

describe('source without its label or neighbours', () => {
  it.each([
    ['http://www.sina.net 2005年03月21日 11:21 《理财周刊》', '理财周刊'],
    ['AUTO.SOHU.COM 2003年11月12日16:36 金羊网—新快报', '金羊网—新快报'],
    ['http://biz.163.com 2005-04-25 08:24:06 来源: 第一财经日报 网友评论', '第一财经日报'],
    ['来源：某某网-某频道 原创稿', '某某网-某频道'],
    ['[ 黄宇 ] 来源：[ 国际金融报 ]', '国际金融报'],
  ])('%s', (line, source) => {
    expect(article(`<h1>标题</h1><div>${line}</div><div class="article"><p>${LONG}</p></div>`).source).toBe(
      source,
    );
  });

  it('takes a name on the line after the date', () => {
    const item = article(
      `<h2>土豆不“土” 土豆无“土”</h2><div>2022-02-13 09:57</div><div>光明网</div><div class="article"><p>${LONG}</p></div>`,
    );
    expect(item.source).toBe('光明网');
  });

  it('passes over a placeholder source for the real one at the end', () => {
    const item = article(
      `<h1>标题</h1><div>2005-04-05 06:40更新 来源：转载文章</div><div class="article"><p>${LONG}</p><p>来源：新闻晨报</p><p>编辑：山石</p></div>`,
    );
    expect(item).toMatchObject({ source: '新闻晨报', editor: '山石' });
  });
});

describe('editors in brackets at the end', () => {
  it.each([
    ['<p>（松花江网编辑 孙桂芳）</p>', '孙桂芳'],
    ['<p>（责任编辑：</p><p>黄帅</p><p>）</p>', '黄帅'],
    ['<p>(责编:张三、李四)</p>', '张三、李四'],
    ['<p>【责任编辑：王五】</p>', '王五'],
  ])('%s', (end, editor) => {
    const item = article(`<h1>标题</h1><div class="article"><p>${LONG}</p>${end}</div>`);
    expect(item.editor).toBe(editor);
    expect(item.blocks.map((b) => b.text)).toEqual([LONG]);
  });
});

describe('page chrome never in the body', () => {
  it.each([
    '<< 上一页 | 下一页 >>',
    '[1] [2] [3] [4] [5] [6]',
    '[上一篇] [下一篇]',
    '第1页/共1页',
    '/strip/ignore-error/1|imageslim"/>',
    '点击进入专题>>',
    '#大家健康超能团# @大家健康',
    '）',
    '分享让更多人看到',
  ])('%s', (line) => {
    const body = texts(`<h1>标题</h1><div class="article"><p>${LONG}</p><p>${line}</p><p>${LONG}</p></div>`);
    expect(body).not.toContain(line);
    expect(body[0]).toBe(LONG);
  });

  it('cuts promotional tails and stray brackets off paragraphs', () => {
    expect(
      texts(
        `<h1>标题</h1><div class="article"><p>2月7日，苏州召开大会，吹响全年工作冲锋号。（详情请点击链接：<a href="http://x.cn/1">苏州</a></p><p>）江苏省委常委强调要抓紧抓实今年工作。</p><p>4月12日，部长主持召开部常务会议。&gt;&gt;&gt;<a href="http://x.cn/2">更多内容，点击阅读</a></p></div>`,
      ),
    ).toEqual([
      '2月7日，苏州召开大会，吹响全年工作冲锋号。',
      '江苏省委常委强调要抓紧抓实今年工作。',
      '4月12日，部长主持召开部常务会议。',
    ]);
  });

  it('drops what follows the end marks of an article (相关报道, 发送给朋友…)', () => {
    expect(
      texts(
        `<h1>标题</h1><div class="article"><p>${LONG}</p><p>${LONG}</p><p>来源：南方都市报</p><p>发送给朋友</p><p>相关报道：</p><p>·富夫妻望子成龙假离婚 三月后丈夫另娶妻子傻眼</p><p>火爆招商信息</p></div>`,
      ),
    ).toEqual([LONG, LONG]);
  });
});

describe('titles', () => {
  it('does not take a <title> that is only the site and channel', () => {
    const item = article(
      `<div>首页>>人物聚焦>>2005人物</div><div class="article"><p>李简——新外科运动向我们走来</p><p>${LONG}</p><p>${LONG}</p></div>`,
      '<title>北医新闻网_(新闻)</title>',
    );
    expect(item.title).toBe('李简——新外科运动向我们走来');
    expect(item.blocks.map((b) => b.text)).toEqual([LONG, LONG]);
  });

  it('takes the headline block of a fragment without <head>', () => {
    const parsed = parseHtmlPage(
      `<div>汽车 >> 车坛动态 >> 业界新闻</div><div>广汽回应现代合资内幕 全面合作项目即将展开</div><div>http://www.qianlong.com/</div><div>2005-07-18 13:03:17</div><div><p>${LONG}</p><p>${LONG}</p></div>`,
    );
    expect(parsed.items[0]?.title).toBe('广汽回应现代合资内幕 全面合作项目即将展开');
  });

  it.each([
    ['多维博客 » 播客热潮迅速蔓延 挑逗传统传媒业', '播客热潮迅速蔓延 挑逗传统传媒业'],
    ['民间资本成投资活动的主体 民间资本路在何方-搜狐财经', '民间资本成投资活动的主体 民间资本路在何方'],
  ])('strips the site from <title> %s', (title, expected) => {
    expect(
      article(`<div class="article"><p>${LONG}</p><p>${LONG}</p></div>`, `<title>${title}</title>`).title,
    ).toBe(expected);
  });

  it('takes the first line of a headline with its subtitle under a <br>', () => {
    expect(
      article(
        `<h1>拿起跨界“指挥棒”她跟学生“较着劲儿”成长<br>年过五十的她带领学校民乐团的孩子们一路快乐前行</h1><div class="article"><p>${LONG}</p></div>`,
        '<title>拿起跨界“指挥棒”她跟学生“较着劲儿”成长--大河网</title>',
      ).title,
    ).toBe('拿起跨界“指挥棒”她跟学生“较着劲儿”成长');
  });

  it('reads an ArticleTitle meta that carries markup', () => {
    expect(
      article(
        `<div class="article"><p>${LONG}</p></div>`,
        '<title>x</title><meta name="ArticleTitle" content="为现代化巴彦淖尔建设凝聚强大智慧和力量<div>——热烈祝贺市政协五届一次会议开幕</div>">',
      ).title,
    ).toBe('为现代化巴彦淖尔建设凝聚强大智慧和力量');
  });
});

describe('section headings', () => {
  it('reads numbered round-up lines as headings (mee.gov.cn 一周要闻)', () => {
    const blocks = article(
      `<h1>生态环境部要闻</h1><div class="TRS_Editor"><div>${IDEO}${IDEO}<b>1.生态环境部召开部常务会议</b></div><div>${IDEO}${IDEO}4月12日，生态环境部部长黄润秋主持召开部常务会议，审议并原则通过2项国家标准。</div><div>${IDEO}<b>${IDEO}2.中国环境科学学会第九次全国会员代表大会召开</b></div><div>${IDEO}${IDEO}4月10日，中国环境科学学会第九次全国会员代表大会在京召开。</div></div>`,
    ).blocks;
    expect(blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual([
      '1.生态环境部召开部常务会议',
      '2.中国环境科学学会第九次全国会员代表大会召开',
    ]);
  });

  it('reads short unpunctuated lines between paragraphs as headings', () => {
    const blocks = article(
      `<h1>标题</h1><div class="article"><p>${LONG}</p><p>妻子变成替代母亲</p><p>${LONG}</p><p>数百万巨奖如何花？</p><p>${LONG}</p></div>`,
    ).blocks;
    expect(blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual([
      '妻子变成替代母亲',
      '数百万巨奖如何花？',
    ]);
  });
});

describe('what closes real pages', () => {
  it('reads a byline whose GBK separator decoded to a private-use character (sohu)', () => {
    const item = article(
      `<h1>标题</h1><div>[ 黄宇 ]\ue5c2 来源：[ 国际金融报 ]</div><div class="article"><p>${LONG}</p></div>`,
    );
    expect(item).toMatchObject({ source: '国际金融报', author: '黄宇' });
  });

  it('keeps the last paragraph a paragraph when an end-mark icon follows its text (163.com)', () => {
    const last = '而对于电改渐渐成为利益再分配的过程的观点，该人士付之一笑。（姚峰 上海报道）';
    expect(
      texts(
        `<h1>标题</h1><div class="article"><p>${LONG}</p><p>${last}<img src="/images/b.gif" width="18" height="18"></p></div>`,
      ),
    ).toEqual([LONG, last]);
  });

  it('reads the print edition closing a reprint as its source (shjnet.cn)', () => {
    const item = article(
      `<h1>标题</h1><div class="article"><p>${LONG}</p><p>《光明日报》（ 2022年02月13日 02版）</p><p>（松花江网编辑 孙桂芳）</p></div>`,
    );
    expect(item).toMatchObject({ source: '光明日报', editor: '孙桂芳' });
    expect(item.blocks.map((b) => b.text)).toEqual([LONG]);
  });
});

describe('what closes real pages, continued', () => {
  it('does not take a paragraph with a promotion glued to it for the caption of the picture above (yangtse.com)', () => {
    const text = '2月7日，宿迁市高质量发展综合考核总结表彰暨改革创新大会召开。';
    const blocks = article(
      `<h1>标题</h1><div class="article"><p>${LONG}</p><p><img src="https://img.example.cn/a.jpg"></p><p>${text}（详情请点击链接：<a href="http://x.cn/1">宿迁</a></p></div>`,
    ).blocks;
    expect(blocks.map((b) => [b.type, b.text])).toEqual([
      ['paragraph', LONG],
      ['image', ''],
      ['paragraph', text],
    ]);
  });

  it('ends the body at a table of page furniture and leaves the credits out (yahoo.cn, yangtse.com)', () => {
    const item = article(
      `<h1>标题</h1><div class="article"><p>${LONG}</p><p>来源：新华网</p><table><tr><td>发送给朋友</td><td>打印本文</td></tr></table></div>`,
    );
    expect(item.source).toBe('新华网');
    expect(item.blocks.map((b) => b.text)).toEqual([LONG]);
    expect(
      texts(
        `<h1>标题</h1><div class="article"><p>${LONG}</p><p>整合 新华日报·交汇点记者 徐睿翔</p><p>素材来源 江苏13个设区市党报及官方发布</p></div>`,
      ),
    ).toEqual([LONG]);
  });
});

describe('titles and dates of smaller sites', () => {
  it('drops a <title> part in Latin letters only on a Chinese page (joelonsoftware.com)', () => {
    expect(
      article(
        `<div class="article"><p>${LONG}</p><p>${LONG}</p></div>`,
        '<title>Joel on Software - 给计算机系学生的建议</title>',
      ).title,
    ).toBe('给计算机系学生的建议');
  });

  it('takes the line just above the body when <title> names only the site and channel (cl2000.com)', () => {
    expect(
      article(
        `<div>您的位置：主页>艺术教育>院校招生资讯</div><div>中国艺术研究院2004年博士生招生简章</div><div class="article"><p>${LONG}</p><p>${LONG}</p></div>`,
        '<title>世艺网>艺术教育</title>',
      ).title,
    ).toBe('中国艺术研究院2004年博士生招生简章');
  });

  it('reads a date written in English by blog software (chinesenewsnet.com)', () => {
    expect(readDate('Saturday, September 10th, 2005 10:56 am')).toEqual({
      iso: '2005-09-10T10:56:00+08:00',
      precision: 'minute',
    });
    expect(readDate('September 19th, 2005 at 7:32 pm')?.iso).toBe('2005-09-19T00:00:00+08:00');
  });

  it('reads 转自《…》 closing a reprint as its source (yahoo.cn)', () => {
    expect(
      article(`<h1>标题</h1><div class="article"><p>${LONG}</p><p>转自《北京科技报》</p></div>`).source,
    ).toBe('北京科技报');
  });
});
