import { describe, expect, it } from 'vitest';
import { assemble, joinBrokenHeadings, type PageParts } from './assemble.js';
import { emptyFields, type ImportedBlock } from './model.js';

const p = (text: string): ImportedBlock => ({ type: 'paragraph', text });
const h = (text: string): ImportedBlock => ({ type: 'heading', text });

const parts = (overrides: Partial<PageParts>): PageParts => ({
  title: '标题',
  label: '',
  kicker: '',
  subtitle: '',
  fields: emptyFields(),
  blocks: [],
  attachments: [],
  ...overrides,
});

describe('joinBrokenHeadings', () => {
  it('joins a heading broken over two lines but not two numbered headings', () => {
    expect(joinBrokenHeadings([h('更加深刻领悟'), h('“两个确立”的决定性意义'), p('正文。')])).toEqual([
      h('更加深刻领悟“两个确立”的决定性意义'),
      p('正文。'),
    ]);
    expect(joinBrokenHeadings([h('一、总体要求'), h('（一）指导思想'), p('正文。')])).toHaveLength(3);
  });
});

describe('assemble: series or one article', () => {
  const sections = [p('导语。'), h('一、总体情况'), p('甲。'), h('二、主要做法'), p('乙。')];

  it('keeps an article with numbered sub-headings as one article', () => {
    const { items } = assemble(parts({ title: '某县2024年工作总结', blocks: sections }));
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('article');
    expect(items[0]?.blocks).toEqual(sections);
  });

  it('makes a series when the title line carries a series label', () => {
    const { items } = assemble(parts({ label: '合集', blocks: sections }));
    expect(items[0]?.kind).toBe('series');
    expect(items[0]?.blocks).toEqual([p('导语。')]);
    expect(items[0]?.members.map((m) => m.title)).toEqual(['总体情况', '主要做法']);
  });

  it('makes a series when the lead announces as many pieces as there are sections', () => {
    const blocks = [p('本报今起推出两篇评论。'), h('其一'), p('甲。'), h('其二'), p('乙。')];
    expect(assemble(parts({ blocks })).items[0]?.kind).toBe('series');
    const three = [p('本报今起推出三篇评论。'), h('其一'), p('甲。'), h('其二'), p('乙。')];
    expect(assemble(parts({ blocks: three })).items[0]?.kind).toBe('article');
  });

  it('makes a series when every section ends with its own end mark, members keeping their bylines', () => {
    const blocks = [h('甲地新闻'), p('甲。（完）'), h('乙地新闻'), p('乙。（完）')];
    expect(assemble(parts({ blocks })).items[0]?.kind).toBe('series');
  });
});

describe('assemble: round-ups whose items open with a numbered bold title', () => {
  const first = p('1.市政府召开常务会议。9月9日，会议部署森林防火工作。');
  const second: ImportedBlock = {
    type: 'paragraph',
    text: '2.高速公路全线贯通。详见交通局通报。',
    links: [
      { text: '高速公路全线贯通', href: '/yw/1.html' },
      { text: '交通局通报', href: '/jtj/2.html' },
    ],
  };
  const leadIns = new Map([
    [first, '1.市政府召开常务会议。'],
    [second, '2.高速公路全线贯通。'],
  ]);

  it('splits them into members when the title announces a round-up, each link staying with its text', () => {
    const { items } = assemble(
      parts({ title: '一周要闻速览', blocks: [p('本周要闻。'), first, second], leadIns }),
    );
    expect(items[0]?.kind).toBe('series');
    expect(items[0]?.blocks).toEqual([p('本周要闻。')]);
    expect(items[0]?.members.map((m) => [m.title, m.blocks])).toEqual([
      ['市政府召开常务会议', [p('9月9日，会议部署森林防火工作。')]],
      [
        '高速公路全线贯通',
        [{ ...p('详见交通局通报。'), links: [{ text: '交通局通报', href: '/jtj/2.html' }] }],
      ],
    ]);
  });

  it('leaves them as paragraphs in an article that is not a round-up', () => {
    const blocks = [p('现将有关事项通知如下。'), first, second];
    const { items } = assemble(parts({ title: '关于做好森林防火工作的通知', blocks, leadIns }));
    expect(items[0]?.kind).toBe('article');
    expect(items[0]?.blocks).toEqual(blocks);
  });
});
