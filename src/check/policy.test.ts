import { describe, expect, it } from 'vitest';
import { checkPolicyDocument } from './policy.js';

const base = {
  documentNumber: '青政办发〔2026〕7号',
  interpretations: 0,
  graceDays: 3,
  now: '2026-12-08T02:00:00Z',
};

describe('checkPolicyDocument', () => {
  it('warns (never blocks) of a document without 解读 once the grace days have passed', () => {
    expect(checkPolicyDocument({ ...base, publishedAt: '2026-12-06T02:00:00Z' })).toEqual([]);
    const late = checkPolicyDocument({ ...base, publishedAt: '2026-12-01T02:00:00Z' });
    expect(late).toEqual([
      expect.objectContaining({ rule: 'policy', severity: 'warn', field: 'interpretation' }),
    ]);
    expect(late[0]?.message).toContain('未关联政策解读');
    expect(checkPolicyDocument({ ...base, interpretations: 1, publishedAt: '2026-12-01T02:00:00Z' })).toEqual(
      [],
    );
  });

  it('reminds before publication and gives the right form of a 发文字号', () => {
    const found = checkPolicyDocument({ ...base, documentNumber: '青政办发[2026]7号', publishedAt: null });
    expect(found.map((f) => [f.field, f.severity, f.suggestion])).toEqual([
      ['documentNumber', 'warn', '青政办发〔2026〕7号'],
      ['interpretation', 'warn', null],
    ]);
  });
});
