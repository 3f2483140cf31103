import { describe, expect, it } from 'vitest';
import { PROTECTED_NAMES } from './data/protected-names.js';
import { findNearMisses, quotedAsWrongForm } from './near-miss.js';

const misses = (text: string) => findNearMisses(text, PROTECTED_NAMES).map((m) => [m.found, m.name]);

describe('near misses of protected names', () => {
  it('finds a name with one character wrong, added or missing', () => {
    expect(misses('热烈庆祝中华人民大和国成立')).toEqual([['中华人民大和国', '中华人民共和国']]);
    expect(misses('与中国人民共和国建交')).toEqual([['中国人民共和国', '中华人民共和国']]);
    expect(misses('齐齐哈市人民政府')).toEqual([['齐齐哈市', '齐齐哈尔市']]);
    expect(misses('新疆维吾尔族自治区')).toEqual([['新疆维吾尔族自治区', '新疆维吾尔自治区']]);
  });

  it('leaves other names and the bodies’ own short usage alone', () => {
    for (const text of [
      '中国共产主义青年团',
      '朝鲜民主主义人民共和国',
      '最高人民法院、最高人民检察院',
      '张家港市',
      '广西自治区商务厅',
      '人力资源社会保障部令',
      '国家发展改革委印发',
    ]) {
      expect(misses(text)).toEqual([]);
    }
  });

  it('knows a wrong form quoted to be corrected', () => {
    const text = '有网站将“政府”错写为“攻府”。';
    expect(quotedAsWrongForm(text, text.indexOf('攻府'), text.indexOf('攻府') + 2)).toBe(true);
    const plain = '市攻府召开会议。';
    expect(quotedAsWrongForm(plain, 1, 3)).toBe(false);
  });
});
