import { describe, expect, it } from 'vitest';
import { articlePath, normaliseTag, normaliseTags, tagProblem } from './article.js';
describe('articlePath', () => {
  it('has the shape /{column}/{yyyymm}/t{yyyymmdd}_{id}.html', () => {
    expect(articlePath('zwgk/tzgg', 42, '2024-03-18T02:12:00.000Z')).toBe(
      '/zwgk/tzgg/202403/t20240318_42.html',
    );
  });

  it('dates the path in Shanghai, where 20:00 UTC is already the next day', () => {
    expect(articlePath('zwgk/tzgg', 42, '2024-03-17T20:00:00Z')).toBe('/zwgk/tzgg/202403/t20240318_42.html');
    expect(articlePath('zwgk/tzgg', 42, '2024-03-17T15:59:59Z')).toBe('/zwgk/tzgg/202403/t20240317_42.html');
  });

  it('moves into the next month and year at Shanghai midnight', () => {
    expect(articlePath('xwzx', 7, '2023-12-31T16:00:00Z')).toBe('/xwzx/202401/t20240101_7.html');
    expect(articlePath('xwzx', 7, '2023-12-31T15:59:59Z')).toBe('/xwzx/202312/t20231231_7.html');
  });

  it('pads month and day to two digits', () => {
    expect(articlePath('xwzx', 1, '2024-01-05T04:00:00Z')).toBe('/xwzx/202401/t20240105_1.html');
  });
});

describe('normaliseTag', () => {
  it('trims and collapses inner whitespace, full-width spaces included', () => {
    expect(normaliseTag('  政务\t\n公开  ')).toBe('政务 公开');
    expect(normaliseTag('\u3000两会\u3000')).toBe('两会');
  });

  it('folds full-width letters and digits to their ordinary form', () => {
    expect(normaliseTag('ＡＩ２０２４')).toBe('AI2024');
  });

  it('cuts a tag to 32 characters', () => {
    expect(normaliseTag('字'.repeat(40))).toBe('字'.repeat(32));
  });

  it('never ends in a space after cutting', () => {
    expect(normaliseTag(`${'a'.repeat(31)} bcd`)).toBe('a'.repeat(31));
  });

  it('never cuts a character outside the basic plane in half', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(normaliseTag(`中${'𠀀'.repeat(20)}`)).not.toMatch(loneSurrogate);
  });
});

describe('normaliseTags', () => {
  it('trims, dedupes and keeps the first-seen order', () => {
    expect(normaliseTags([' 两会 ', '政务公开', '两会', '政务公开 '])).toEqual(['两会', '政务公开']);
  });

  it('dedupes a full-width spelling with its ordinary one', () => {
    expect(normaliseTags(['ＡＩ', 'AI', 'Ａ Ｉ'])).toEqual(['AI', 'A I']);
  });

  it('drops empty tags', () => {
    expect(normaliseTags(['', '   ', '\u3000', '两会'])).toEqual(['两会']);
  });

  it('refuses tags containing a slash or backslash, full-width ones included', () => {
    for (const tag of ['a/b', '教育／卫生', '/', 'a\\b', '＼']) {
      expect(() => normaliseTags([tag, '教育']), tag).toThrow(
        expect.objectContaining({ code: 'GZ_INVALID_TAG' }),
      );
    }
  });

  it('refuses the path segments . and .., however they are typed', () => {
    for (const tag of ['.', '..', ' .. ', '．', '．．']) {
      expect(() => normaliseTags([tag]), tag).toThrow(expect.objectContaining({ code: 'GZ_INVALID_TAG' }));
    }
    expect(normaliseTags(['...', 'A.I.', '.NET'])).toEqual(['...', 'A.I.', '.NET']);
  });

  it('refuses control and bidi or invisible format characters', () => {
    for (const tag of ['a\u0007', '\u202e告公', 'a\u200fb', 'a\u2066b', 'a\u200bb']) {
      expect(() => normaliseTags([tag]), JSON.stringify(tag)).toThrow(
        expect.objectContaining({ code: 'GZ_INVALID_TAG' }),
      );
    }
  });

  it('returns an empty list for no tags', () => {
    expect(normaliseTags([])).toEqual([]);
  });
});

describe('tagProblem', () => {
  it('says what is wrong with a normalised tag, or null', () => {
    expect(tagProblem('政务公开')).toBeNull();
    expect(tagProblem('..')).toMatch(/\.\./);
    expect(tagProblem('a/b')).toMatch(/slash/);
    expect(tagProblem('字'.repeat(33))).toMatch(/32/);
    expect(tagProblem('')).toMatch(/empty/);
  });
});
