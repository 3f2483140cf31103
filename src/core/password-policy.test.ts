import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { checkPassword, describePasswordProblems, PASSWORD_MAX_LENGTH } from './password-policy.js';

describe('checkPassword', () => {
  it('accepts a long password with three character classes', () => {
    expect(checkPassword('Cloud-river-42', 'wangli')).toEqual([]);
    expect(checkPassword('horse battery 7 Staple', 'wangli')).toEqual([]);
  });

  it('rejects passwords shorter than 10 characters', () => {
    expect(checkPassword('Ab1!xyz9q', 'wangli')).toEqual(['too-short']);
  });

  it('counts characters, not UTF-16 units', () => {
    // Nine characters, one of them outside the BMP: still too short.
    expect(checkPassword('Ab1!xyz9😀', 'wangli')).toContain('too-short');
  });

  it('rejects passwords longer than 256 characters', () => {
    const long = 'Aa1!'.repeat(PASSWORD_MAX_LENGTH / 4) + 'x';
    expect(checkPassword(long, 'wangli')).toContain('too-long');
  });

  it('asks for at least three of lower, upper, digit and symbol', () => {
    expect(checkPassword('riverstonemoon', 'wangli')).toEqual(['too-few-classes']);
    expect(checkPassword('riverstone2026', 'wangli')).toEqual(['too-few-classes']);
    expect(checkPassword('Riverstone2026', 'wangli')).toEqual([]);
    expect(checkPassword('riverstone-2026', 'wangli')).toEqual([]);
  });

  it('counts Chinese characters as the fourth class', () => {
    expect(checkPassword('青川river2026', 'wangli')).toEqual([]);
  });

  it('rejects common passwords whatever their case and decoration', () => {
    for (const password of ['Password123!', 'P@ssw0rd2026', 'Qwertyuiop1!', 'WoAiNi1314!!', '!!Monkey2026']) {
      expect(checkPassword(password, 'wangli'), password).toContain('common');
    }
  });

  it('rejects keyboard walks inside a password', () => {
    expect(checkPassword('Zz1qaz2wsx!', 'wangli')).toContain('common');
    expect(checkPassword('my-Qwerty-9x', 'wangli')).toContain('common');
  });

  it('rejects passwords of one or two repeated characters', () => {
    expect(checkPassword('Aa'.repeat(6), 'wangli')).toContain('common');
  });

  it('catches the username inside the password, case-insensitively', () => {
    expect(checkPassword('Zhangsan-2026!', 'zhangsan')).toEqual(['contains-username']);
    expect(checkPassword('x-ZHANGSAN-9y', 'zhangsan')).toEqual(['contains-username']);
  });

  it('lists every problem at once', () => {
    expect(checkPassword('admin', 'admin')).toEqual([
      'too-short',
      'too-few-classes',
      'common',
      'contains-username',
    ]);
  });

  it('ships a list of a few hundred lower-case common passwords', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
  });

  it('describes problems in one line', () => {
    expect(describePasswordProblems(['too-short', 'common'])).toBe(
      'at least 10 characters; not a common password or keyboard pattern',
    );
  });
});
