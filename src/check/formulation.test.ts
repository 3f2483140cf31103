import { describe, expect, it } from 'vitest';
import { FORMULATIONS } from './data/formulations.js';
import { createFormulationRule, formulationRule } from './formulation.js';

const found = (text: string) => formulationRule.scan(text, {}).map((f) => [f.excerpt, f.suggestion]);

describe('formulation', () => {
  it('reports known wrong forms with the correct form as suggestion', () => {
    expect(found('中华人民共合国')).toEqual([['中华人民共合国', '中华人民共和国']]);
    expect(found('扫黑险恶专项斗争')).toEqual([['扫黑险恶', '扫黑除恶']]);
    expect(found('市攻府')).toEqual([['攻府', '政府']]);
  });

  it('is a certain block finding with offsets', () => {
    expect(formulationRule.scan('依据中华人民共合国宪法', {})[0]).toMatchObject({
      severity: 'block',
      confidence: 'certain',
      start: 2,
      end: 9,
    });
  });

  it('reports the longest wrong form once', () => {
    expect(found('人民检查院')).toEqual([['人民检查院', '人民检察院']]);
  });

  it('does not flag correct terms or words that contain the characters', () => {
    expect(found('中华人民共和国')).toEqual([]);
    expect(found('检查院内消防设施')).toEqual([]);
    expect(found('围攻府衙')).toEqual([]);
    expect(found('青川市人民检察院')).toEqual([]);
  });

  it('never flags a canonical term of the dictionary', () => {
    for (const entry of FORMULATIONS) expect(found(`，${entry.canonical}。`), entry.canonical).toEqual([]);
  });

  it('finds every wrong form of the dictionary standing alone', () => {
    for (const entry of FORMULATIONS) {
      for (const wrong of entry.wrong) {
        const form = typeof wrong === 'string' ? wrong : wrong.form;
        expect(
          found(`，${form}。`).map(([excerpt]) => excerpt),
          form,
        ).toEqual([form]);
      }
    }
  });

  it('accepts an extended dictionary with guards', () => {
    const rule = createFormulationRule([
      { canonical: '青川市', category: 'place', wrong: [{ form: '青州市', notAfter: ['山东'] }] },
    ]);
    expect(rule.scan('青州市人民政府', {}).map((f) => f.suggestion)).toEqual(['青川市']);
    expect(rule.scan('山东青州市', {})).toEqual([]);
  });
});
