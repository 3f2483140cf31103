import { describe, expect, it } from 'vitest';
import { seriesSlugOf, withSuffix } from './series-slug.js';

describe('the URL name of an imported series', () => {
  it('is the title’s full pinyin, hyphenated', () => {
    expect(seriesSlugOf('六论深入学习贯彻全国两会精神')).toBe(
      'liu-lun-shen-ru-xue-xi-guan-che-quan-guo-liang-hui-jing-shen',
    );
  });

  it('keeps digits and Latin letters, drops punctuation, writes ü as v', () => {
    expect(seriesSlugOf('“2024年”绿色GDP：《女排》')).toBe('2024-nian-lv-se-gdp-nv-pai');
  });

  it('is at most 60 characters, cut between syllables', () => {
    const slug = seriesSlugOf('深入学习贯彻习近平新时代中国特色社会主义思想主题教育系列评论文章汇编');
    expect(slug).toBe('shen-ru-xue-xi-guan-che-xi-jin-ping-xin-shi-dai-zhong-guo-te');
    expect(slug.length).toBe(60);
    expect(seriesSlugOf('中华人民共和国国务院办公厅关于进一步优化政务服务提升行政效能的意见')).toMatch(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    );
    expect(
      seriesSlugOf('中华人民共和国国务院办公厅关于进一步优化政务服务提升行政效能的意见').length,
    ).toBeLessThanOrEqual(60);
  });

  it('falls back to a name when the title gives no letters', () => {
    expect(seriesSlugOf('……')).toBe('series');
  });

  it('takes -2, -3… on a clash, still within 60 characters', () => {
    expect(withSuffix('liu-lun', 2)).toBe('liu-lun-2');
    const long = 'a'.repeat(30) + '-' + 'b'.repeat(29);
    expect(withSuffix(long, 2).length).toBeLessThanOrEqual(60);
    expect(withSuffix(long, 2).endsWith('-2')).toBe(true);
  });
});
