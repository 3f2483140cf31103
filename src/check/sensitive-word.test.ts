import { describe, expect, it } from 'vitest';
import { findSensitiveWords } from './sensitive-word.js';

describe('sensitive-word', () => {
  it('finds the test sample as a warning', () => {
    expect(findSensitiveWords('一个敏感词测试样例', {})[0]).toMatchObject({
      severity: 'warn',
      start: 2,
      end: 9,
      excerpt: '敏感词测试样例',
    });
  });

  it('takes words and allowed terms from the options', () => {
    const options = { sensitiveWords: ['赌博'], allowedWords: ['禁止赌博'] };
    expect(findSensitiveWords('网络赌博', options).map((f) => f.excerpt)).toEqual(['赌博']);
    expect(findSensitiveWords('严厉禁止赌博', options)).toEqual([]);
  });

  it('matches Latin words whole only', () => {
    const options = { sensitiveWords: ['vpn'] };
    expect(findSensitiveWords('翻墙VPN软件', options).map((f) => f.excerpt)).toEqual(['VPN']);
    expect(findSensitiveWords('openvpnd', options)).toEqual([]);
  });
});
