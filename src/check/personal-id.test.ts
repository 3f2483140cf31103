import { describe, expect, it } from 'vitest';
import { findResidentIds, idCheckChar, isResidentId, maskResidentId } from './personal-id.js';

describe('personal-id', () => {
  it('computes the GB 11643 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44030119900307451')).toBe('1');
  });

  it('accepts a valid ID and rejects a wrong check character or an impossible birth date', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('110105194913310021')).toBe(false);
    expect(isResidentId('110105202402301235')).toBe(false);
  });

  it('rejects birth dates after today when today is known', () => {
    expect(isResidentId('150102201202290037', '2012-02-28')).toBe(false);
    expect(isResidentId('150102201202290037', '2026-01-01')).toBe(true);
  });

  it('masks keeping the first 2 and last 3 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('11*************02X');
    expect(maskResidentId('11010519491231002X')).toHaveLength(18);
  });

  it('reports offsets, excerpt and mask as a certain block finding', () => {
    const text = '身份证号11010519491231002X。';
    const [finding, ...rest] = findResidentIds(text, {});
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({
      rule: 'personal-id',
      severity: 'block',
      confidence: 'certain',
      start: 4,
      end: 22,
      excerpt: '11010519491231002X',
      suggestion: '11*************02X',
    });
  });

  it('ignores an ID inside a longer run of digits or letters', () => {
    expect(findResidentIds('911010519491231002X', {})).toHaveLength(0);
    expect(findResidentIds('11010519491231002X1', {})).toHaveLength(0);
    expect(findResidentIds('A11010519491231002X', {})).toHaveLength(0);
  });
});
