import { describe, expect, it } from 'vitest';
import { runChecks } from './engine.js';
import { findHalfWidthPunctuation, punctuationRule } from './punctuation.js';

const found = (text: string) =>
  findHalfWidthPunctuation(text).map((f) => [f.excerpt, f.suggestion, text.slice(f.start, f.end)]);

describe('half-width punctuation between Chinese characters', () => {
  it('flags , ; : between Chinese characters, with the full-width character as the fix', () => {
    expect(found('春回大地,万物竞长;编辑:席瑞')).toEqual([
      [',', '，', ','],
      [';', '；', ';'],
      [':', '：', ':'],
    ]);
  });

  it('counts a closing quote or bracket before and an opening one after as Chinese text', () => {
    expect(found('“两个确立”,做到“两个维护”')).toEqual([[',', '，', ',']]);
    expect(found('社论,“深入学习”')).toEqual([[',', '，', ',']]);
  });

  it('is a warning with a message in Chinese and English', () => {
    const [finding] = findHalfWidthPunctuation('增长,速度');
    expect(finding).toMatchObject({ rule: 'punctuation', severity: 'warn' });
    expect(finding?.message).toContain('，');
    expect(finding?.messageEn).toMatch(/full-width/);
  });

  it('leaves numbers, times, URLs and Latin text alone', () => {
    for (const text of [
      '共计1,000元',
      '上午08:30开始',
      '时间为8:30至17:30',
      '详见https://www.example.gov.cn/a,b;c:d页面',
      '网址http://nmgrd.gov.cn/新闻,通知',
      'Hello,world',
      '比例为3:2',
      '全国两会刚刚落下帷幕,',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('runs among the default checks, in every text field', () => {
    const findings = runChecks({ title: '论文,摘要', bodyHtml: '<p>春回大地,万物竞长。</p>' });
    expect(findings.filter((f) => f.rule === punctuationRule.id).map((f) => f.field)).toEqual([
      'title',
      'body',
    ]);
  });
});
