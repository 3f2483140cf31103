import { describe, expect, it } from 'vitest';
import { runChecks } from './engine.js';
import { correctTypos, findTypos, typoRule } from './typo.js';

const scan = (text: string, allowedWords: string[] = []) =>
  typoRule.scan(text, { allowedWords }).map((f) => [f.excerpt, f.suggestion]);

describe('typo (错别字)', () => {
  it('corrects a same-sound character inside a common word or idiom', () => {
    const cases: [string, string][] = [
      ['对下一步工作作出布署。', '对下一步工作作出部署。'],
      ['整改工作迫在眉捷。', '整改工作迫在眉睫。'],
      ['我们将一如继往地支持企业发展。', '我们将一如既往地支持企业发展。'],
      ['各部门要认真贯澈落实会议精神。', '各部门要认真贯彻落实会议精神。'],
      ['这是程序正档原则的要求。', '这是程序正当原则的要求。'],
    ];
    const corrected = cases.map(([wrong]) => correctTypos(wrong, findTypos(wrong)));
    expect(corrected).toEqual(cases.map(([, right]) => right));
  });

  it('misses a misspelling that jieba lists as a word of its own (再接再励 3, 峻工 7)', () => {
    // Known limit: treating such rare entries as non-words costs more false alarms than it finds (bench/check).
    expect(scan('希望大家再接再励，取得更大成绩。')).toEqual([]);
  });

  it('leaves correct sentences alone', () => {
    for (const text of [
      '市政府召开常务会议，研究部署当前经济工作。',
      '人民检察院审查案件，对于需要补充侦查的，既可以退回公安机关补充侦查，也可以自行侦查。',
      '被判处有期徒刑的怀孕妇女',
      '下列关于中国古代法典的表述，哪项是正确的？',
    ]) {
      expect(scan(text)).toEqual([]);
    }
  });

  it('suggests the whole word and skips terms the site allows', () => {
    expect(scan('对下一步工作作出布署。')).toEqual([['布署', '部署']]);
    expect(scan('对下一步工作作出布署。', ['布署'])).toEqual([]);
  });

  it('is a warning, and says nothing where a serious error is already reported', () => {
    const findings = runChecks({ text: '中华人民共合国成立。对下一步工作作出布署。' });
    expect(findings.map((f) => [f.rule, f.severity, f.excerpt])).toEqual([
      ['formulation', 'block', '中华人民共合国'],
      ['typo', 'warn', '布署'],
    ]);
  });
});
