import { describe, expect, test } from 'vitest';
import { analyzerFor, gramsOf } from './analyzer.js';
import { escapeHtml, highlight, snippet } from './highlight.js';
import { normalise, normaliseWithMap } from './normalise.js';
import { looksLikePinyin, wordsForPinyin } from './pinyin-input.js';
import { parseQuery, queryText } from './query-parser.js';
import { correctionsFor } from './suggest.js';

const analyzer = analyzerFor(['新质生产力', '以旧换新']);

describe('normalise', () => {
  test('folds full-width forms, letter case and traditional characters', () => {
    expect(normalise('ＡＢＣ１２３')).toBe('abc123');
    expect(normalise('發展經濟 臺灣')).toBe('发展经济 台湾');
    expect(normalise('ＧＤＰ增長')).toBe('gdp增长');
  });

  test('maps every normalised character back to the original text', () => {
    const { text, origin } = normaliseWithMap('Ａ發b');
    expect(text).toBe('a发b');
    expect(origin).toEqual([0, 1, 2, 3]);
  });
});

describe('analysis', () => {
  test('bigrams cover every Han run; single characters and Latin words stay whole', () => {
    expect(gramsOf('新质生产力，5g网络 和')).toEqual(['新质', '质生', '生产', '产力', '5g', '网络', '和']);
  });

  test('dictionary terms are kept whole by the segmenter, in search mode too', () => {
    const { words } = analyzer.analyse('加快发展新质生产力，推动以旧换新');
    expect(words).toContain('新质生产力');
    expect(words).toContain('以旧换新');
  });

  test('segments only the start of a body when asked, but bigrams cover it all', () => {
    const text = `${'前言'.repeat(10)}末尾的湿地保护`;
    const { words, grams } = analyzer.analyse(text, 20);
    expect(words).not.toContain('湿地');
    expect(grams).toContain('湿地');
  });
});

describe('parseQuery', () => {
  test('splits a plain-language question into words and drops question words', () => {
    const q = parseQuery('居住证怎么办理', analyzer);
    expect(q.include.map((t) => t.text)).toEqual(['居住证', '办理']);
  });

  test('keeps a single character with its neighbour', () => {
    expect(parseQuery('2026年民生', analyzer).include.map((t) => t.text)).toEqual(['2026年', '民生']);
    expect(parseQuery('以旧还新', analyzer).include.map((t) => t.text)).toEqual(['以旧还新']);
  });

  test('reads quoted phrases (also Chinese quotes), exclusions, and unbalanced quotes', () => {
    const q = parseQuery('“城市 更新” -解读 "未闭合', analyzer);
    expect(q.include.map((t) => t.text)).toEqual(['城市 更新', '未闭合']);
    expect(q.exclude.map((t) => t.text)).toEqual(['解读']);
    expect(queryText(q)).toBe('"城市 更新" 未闭合 -解读');
  });

  test.each(['', '   ', '"', '*', '-', ':', '^', 'NEAR(', '😀🎉', '()', '{}'])(
    'has nothing to search in %j',
    (input) => {
      const q = parseQuery(input, analyzer);
      expect(q.include.every((t) => t.grams.every((g) => /^[\p{L}\p{N}]+$/u.test(g)))).toBe(true);
    },
  );

  test('treats FTS operators as plain words and bounds the length', () => {
    const q = parseQuery('NEAR(政府 AND 青川)', analyzer);
    expect(q.include.map((t) => t.text)).toEqual(['near', '政府', 'and', '青川']);
    expect(parseQuery('政'.repeat(2000), analyzer).include.every((t) => t.text.length <= 100)).toBe(true);
  });
});

describe('highlight and snippet', () => {
  test('marks matches in the original text and escapes everything else', () => {
    expect(highlight('<b>發展</b>新質生產力', ['发展', '新质生产力'])).toBe(
      '&lt;b&gt;<mark>發展</mark>&lt;/b&gt;<mark>新質生產力</mark>',
    );
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  test('cuts the snippet around the place where most terms meet', () => {
    const text = `${'无关内容。'.repeat(40)}推动新质生产力发展，落实以旧换新政策。${'其他内容。'.repeat(40)}`;
    const cut = snippet(text, ['新质生产力', '以旧换新'], 60);
    expect(cut.startsWith('…')).toBe(true);
    expect(cut).toContain('<mark>新质生产力</mark>');
    expect(cut).toContain('<mark>以旧换新</mark>');
  });
});

describe('suggestions and pinyin', () => {
  test('corrects known slips and homophones of dictionary words', () => {
    expect(correctionsFor('攻府', [])).toContain('政府');
    expect(correctionsFor('以旧还新', ['以旧换新'])).toContain('以旧换新');
    expect(correctionsFor('新质生产利', ['新质生产力'])).toContain('新质生产力');
  });

  test('reads full pinyin and initials', () => {
    expect(looksLikePinyin('xinzhishengchanli')).toBe(true);
    expect(looksLikePinyin('新质')).toBe(false);
    expect(wordsForPinyin('xinzhishengchanli', ['新质生产力', '生产'])).toEqual(['新质生产力']);
    expect(wordsForPinyin('yjhx', ['以旧换新'])).toEqual(['以旧换新']);
  });
});
