import { describe, expect, it } from 'vitest';
import { findMobileNumbers, maskMobile } from './mobile-number.js';

const found = (text: string) => findMobileNumbers(text, {}).map((f) => f.excerpt);

describe('mobile-number', () => {
  it('finds numbers written whole or grouped 3-4-4', () => {
    expect(found('电话13812345678')).toEqual(['13812345678']);
    expect(found('电话138-1234-5678')).toEqual(['138-1234-5678']);
    expect(found('电话138 1234 5678')).toEqual(['138 1234 5678']);
  });

  it('finds numbers after a country code and in a slash-separated list', () => {
    expect(found('+8613812345678')).toEqual(['13812345678']);
    expect(found('tel: +86 138-1234-5678')).toEqual(['138-1234-5678']);
    expect(found('（+86）13812345678')).toEqual(['13812345678']);
    expect(found('13812345678/13912345678')).toEqual(['13812345678', '13912345678']);
  });

  it('ignores numbers in URL paths and counts', () => {
    expect(found('https://www.example.gov.cn/13812345678.html')).toEqual([]);
    expect(found('持股15812345678股，办理13812345678笔')).toEqual([]);
  });

  it('masks keeping the first 3 and last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(findMobileNumbers('电话138-1234-5678', {})[0]?.suggestion).toBe('138****5678');
  });

  it('reports a likely block finding with offsets into the text', () => {
    expect(findMobileNumbers('手机：13812345678', {})[0]).toMatchObject({
      severity: 'block',
      confidence: 'likely',
      start: 3,
      end: 14,
    });
  });

  it('ignores numbers outside the 13–19 ranges, longer runs and mixed separators', () => {
    expect(found('12812345678')).toEqual([]);
    expect(found('138123456789')).toEqual([]);
    expect(found('913812345678')).toEqual([]);
    expect(found('138-1234 5678')).toEqual([]);
  });

  it('ignores order, document and filing numbers and amounts', () => {
    expect(found('订单号：13812345678')).toEqual([]);
    expect(found('京ICP备13812345678号')).toEqual([]);
    expect(found('文号13812345678')).toEqual([]);
    expect(found('No.13812345678')).toEqual([]);
    expect(found('共13812345678元')).toEqual([]);
  });

  it('does not take a label from an earlier sentence', () => {
    expect(found('订单已发货。联系电话13812345678')).toEqual(['13812345678']);
  });

  it('keeps 备用 and 备注 from hiding a number', () => {
    expect(found('备用电话13812345678')).toEqual(['13812345678']);
  });
});
