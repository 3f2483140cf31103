import { describe, expect, it } from 'vitest';
import { GazetteError } from './errors.js';
import {
  checkReplacementChain,
  EMPTY_POLICY_FIELDS,
  formatIndexNumber,
  indexNumberProblem,
  indexPatternProblem,
  parseDocumentNumber,
  validatePolicyFields,
  type PolicyFields,
} from './policy.js';
import { DEFAULT_THEME_TREE, themePaths } from './policy-themes.js';

function failure(run: () => unknown): { field: unknown; zh: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GazetteError);
    const e = error as GazetteError;
    expect(e.code).toBe('GZ_INVALID_POLICY_FIELD');
    return { field: e.details['field'], zh: e.details['messageZh'] };
  }
  throw new Error('expected a failure');
}

const fields = (over: Partial<PolicyFields>): PolicyFields => ({ ...EMPTY_POLICY_FIELDS, ...over });

describe('发文字号', () => {
  it('reads a well-formed number without a warning', () => {
    const r = parseDocumentNumber('青政办发〔2025〕7号');
    expect(r).toEqual({
      ok: true,
      value: { prefix: '青政办发', year: 2025, serial: 7, normalised: '青政办发〔2025〕7号' },
    });
  });

  it.each([
    ['青政办发[2025]7号'],
    ['青政办发（2025）7号'],
    ['青政办发【2025】7号'],
    ['青政办发(2025)7号'],
    ['青政办发﹝2025﹞7号'],
    ['青政办发〔2025〕第7号'],
    ['青政办发2025年7号'],
    ['青政办发 〔２０２５〕 7 号'],
  ])('reads %s with a warning giving the fix', (text) => {
    const r = parseDocumentNumber(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value?.normalised).toBe('青政办发〔2025〕7号');
    expect(r.warning?.fix).toBe('青政办发〔2025〕7号');
    expect(r.warning?.message).toContain('六角括号');
  });

  it('reads an order number without a year', () => {
    const r = parseDocumentNumber('青川市人民政府令第12号');
    expect(r.ok && r.value?.serial).toBe(12);
    expect(r.ok && r.warning).toBeUndefined();
  });

  it('takes an empty number as none', () => {
    expect(parseDocumentNumber('')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['二〇二五年第七号'],
    ['7号'],
    ['青政办发〔25〕7号'],
    ['see attachment'],
    ['青政办发〔1800〕7号'],
  ])('refuses %s with a message naming 发文字号', (text) => {
    const r = parseDocumentNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('发文字号');
  });
});

describe('索引号', () => {
  it('accepts the usual shapes', () => {
    expect(indexNumberProblem('11150000MB0123456X/2025-00042')).toBeNull();
    expect(indexNumberProblem('6107280000/2024-001005')).toBeNull();
  });
  it.each([['索引号123'], ['1115 0000/2025-1'], ['/2025-00042'], ['ab']])('refuses %s', (value) => {
    expect(indexNumberProblem(value)).toContain('索引号');
  });
  it('generates from the site pattern with a zero-padded yearly sequence', () => {
    expect(
      formatIndexNumber('{code}/{yyyy}-{seq:5}', { code: '11150000MB0123456X', year: 2025, seq: 42 }),
    ).toBe('11150000MB0123456X/2025-00042');
    expect(indexPatternProblem('{code}/{yyyy}')).toContain('{seq}');
    expect(indexPatternProblem('{code}/{yyyy}-{seq}')).toBeNull();
  });
});

describe('validatePolicyFields', () => {
  it('names the field of a malformed 索引号', () => {
    expect(failure(() => validatePolicyFields(fields({ indexNumber: '第 1 号' })))).toMatchObject({
      field: 'indexNumber',
      zh: expect.stringContaining('索引号') as unknown,
    });
  });

  it('blocks an unreadable 发文字号 and keeps a wrong bracket as written, with a warning', () => {
    expect(failure(() => validatePolicyFields(fields({ documentNumber: '七号文' })))).toMatchObject({
      field: 'documentNumber',
    });
    const { fields: saved, warnings } = validatePolicyFields(fields({ documentNumber: '青政发[2025]3号' }));
    expect(saved.documentNumber).toBe('青政发[2025]3号');
    expect(warnings).toEqual([
      expect.objectContaining({ field: 'documentNumber', fix: '青政发〔2025〕3号' }),
    ]);
  });

  it('refuses a 成文日期 after the 发布日期', () => {
    const f = failure(() =>
      validatePolicyFields(fields({ writtenAt: '2025-03-02', publishedAt: '2025-03-01' })),
    );
    expect(f).toEqual({ field: 'writtenAt', zh: '成文日期（2025-03-02）不能晚于发布日期（2025-03-01）' });
  });

  it('refuses a date that does not exist', () => {
    expect(failure(() => validatePolicyFields(fields({ effectiveAt: '2025-02-30' })))).toMatchObject({
      field: 'effectiveAt',
      zh: expect.stringContaining('实施日期') as unknown,
    });
  });

  it('needs a date for a repeal and a reason for a document not disclosed proactively', () => {
    expect(failure(() => validatePolicyFields(fields({ validity: 'repealed' })))).toMatchObject({
      field: 'validityDate',
    });
    expect(failure(() => validatePolicyFields(fields({ disclosure: 'withheld' })))).toMatchObject({
      field: 'disclosureReason',
      zh: '不予公开须写明理由',
    });
  });

  it('checks themes against the site tree', () => {
    const tree = themePaths(DEFAULT_THEME_TREE);
    expect(validatePolicyFields(fields({ themes: ['综合政务 / 政务公开'] }), tree).fields.themes).toEqual([
      '综合政务/政务公开',
    ]);
    expect(failure(() => validatePolicyFields(fields({ themes: ['不存在/分类'] }), tree))).toMatchObject({
      field: 'themes',
    });
  });

  it('splits 主题词 on Chinese and Latin separators', () => {
    expect(validatePolicyFields(fields({ keywords: ['政务公开、 年报；指南'] })).fields.keywords).toEqual([
      '政务公开',
      '年报',
      '指南',
    ]);
  });
});

describe('checkReplacementChain', () => {
  const chain = new Map<number, number | null>([
    [1, 2],
    [2, 3],
    [3, null],
  ]);
  it('refuses a document that repeals itself', () => {
    expect(failure(() => checkReplacementChain(5, 5, (id) => chain.get(id)))).toMatchObject({
      field: 'replacedBy',
      zh: expect.stringContaining('自身') as unknown,
    });
  });
  it('refuses a cycle', () => {
    expect(failure(() => checkReplacementChain(3, 1, (id) => chain.get(id)))).toMatchObject({
      field: 'replacedBy',
      zh: expect.stringContaining('循环') as unknown,
    });
  });
  it('accepts a chain', () => {
    expect(() => checkReplacementChain(4, 1, (id) => chain.get(id))).not.toThrow();
  });
});
