import { describe, expect, it } from 'vitest';
import { findBankCards, luhnValid, maskBankCard } from './bank-card.js';

const found = (text: string) => findBankCards(text, {}).map((f) => f.excerpt);

describe('bank-card', () => {
  it('checks the Luhn digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('finds 16–19 digit numbers that pass Luhn, whole or in groups of 4', () => {
    expect(found('卡号4111111111111111')).toEqual(['4111111111111111']);
    expect(found('卡号6217000001234567891')).toEqual(['6217000001234567891']);
    expect(found('卡号6222 0212 3456 7894')).toEqual(['6222 0212 3456 7894']);
    expect(found('卡号6212-2600-0012-3456')).toEqual(['6212-2600-0012-3456']);
  });

  it('masks keeping the first 6 and last 4 digits', () => {
    expect(maskBankCard('6217000001234567891')).toBe('621700*********7891');
  });

  it('ignores numbers failing Luhn, longer runs, resident IDs and order numbers', () => {
    expect(found('6217000001234567892')).toEqual([]);
    expect(found('62170000012345678912')).toEqual([]);
    expect(found('11010519491231002X')).toEqual([]);
    expect(found('2024031812345679')).toEqual([]);
    expect(found('订单号4111111111111111')).toEqual([]);
  });

  it('ignores a group of 4 continued by further groups', () => {
    expect(found('6222 0212 3456 7894 1234 5678')).toEqual([]);
  });
});
