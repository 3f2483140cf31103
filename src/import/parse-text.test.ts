import { describe, expect, it } from 'vitest';
import { parseTextPage, splitTitleLine } from './parse-text.js';

describe('splitTitleLine', () => {
  it('takes a series label from the title line and a site suffix off it', () => {
    expect(splitTitleLine('合集|六论某某')).toEqual({ label: '合集', title: '六论某某' });
    expect(splitTitleLine('【系列评论】稳就业')).toEqual({ label: '系列评论', title: '稳就业' });
    expect(splitTitleLine('某县召开会议_某县人民政府')).toEqual({ label: '', title: '某县召开会议' });
  });
});

describe('parseTextPage', () => {
  it('keeps a notice’s own 时间 and 地点 lines in its body, reading bylines only around it', () => {
    const page = parseTextPage(
      [
        '关于举办读书分享会的通知',
        '发布时间：2024-04-01 09:00',
        '',
        '  为营造书香机关氛围，定于4月下旬举办读书分享会，现将有关事项通知如下。',
        '',
        '时间：2024年4月23日14:30',
        '',
        '  请各单位于4月20日前报送参加人员名单，联系人电话附后，逾期不再受理。',
        '',
        '（责任编辑：周敏）',
      ].join('\n'),
    );
    const item = page.items[0];
    expect(item?.publishedAt).toBe('2024-04-01T09:00:00+08:00');
    expect(item?.editor).toBe('周敏');
    expect(item?.blocks.map((b) => b.text)).toContain('时间：2024年4月23日14:30');
  });
});
