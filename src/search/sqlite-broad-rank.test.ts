import { describe, expect, test } from 'vitest';
import { estimateTotal } from './search-port.js';
import { totalText } from '../app/search-site.js';
import { rankBroad, type BroadCandidate } from './sqlite-broad-rank.js';

const NOW = '2026-11-28T00:00:00.000Z';
const row = (id: number, title: string, summary = '', daysOld = 0): BroadCandidate => ({
  id,
  title,
  summary,
  published_at: new Date(Date.parse(NOW) - daysOld * 86_400_000).toISOString(),
});
const order = (rows: BroadCandidate[], terms: string[], frequencies: number[], allTerms = true) =>
  rankBroad(rows, { terms, frequencies, documents: 100_000, allTerms, now: NOW })
    .sort((a, b) => b.score - a.score)
    .map((c) => c.id);

describe('broad ranking (BM25-style over titles and summaries)', () => {
  test('a title hit ranks above a summary hit, which ranks above a body-only match', () => {
    const rows = [
      row(1, '全市工作会议召开'),
      row(2, '全市会议召开', '推进养老服务'),
      row(3, '养老服务提质增效'),
    ];
    expect(order(rows, ['养老'], [30_000])).toEqual([3, 2, 1]);
  });

  test('the rarer word of the query weighs more, as bm25 idf does', () => {
    const rows = [row(1, '经济运行平稳'), row(2, '托育服务扩容')];
    // 经济 is in 90% of the articles, 托育 in 2%: the article titled with the rare word comes first.
    expect(order(rows, ['经济', '托育'], [90_000, 2_000])).toEqual([2, 1]);
    expect(order(rows, ['经济', '托育'], [2_000, 90_000])).toEqual([1, 2]);
  });

  test('freshness is mild: a newer body-only match does not pass an older title hit', () => {
    const rows = [row(1, '会议召开', '', 0), row(2, '居住证办理指南', '', 3 * 365)];
    expect(order(rows, ['居住证'], [500])).toEqual([2, 1]);
    // …but between two equal matches the newer one comes first.
    expect(order([row(1, '居住证办理', '', 400), row(2, '居住证办理', '', 10)], ['居住证'], [500])).toEqual([
      2, 1,
    ]);
  });

  test('traditional characters in a title count as their simplified form; duplicates are ranked once', () => {
    const rows = [row(1, '經濟運行'), row(1, '經濟運行'), row(2, '会议')];
    const ranked = rankBroad(rows, {
      terms: ['经济'],
      frequencies: [100],
      documents: 1000,
      allTerms: true,
      now: NOW,
    });
    expect(ranked.map((r) => r.id).sort()).toEqual([1, 2]);
    expect(ranked.find((r) => r.id === 1)!.score).toBeGreaterThan(ranked.find((r) => r.id === 2)!.score);
  });

  test('with "any term" a candidate gains nothing for a term it may not have', () => {
    const rows = [row(1, '会议', '托育'), row(2, '会议')];
    const ranked = rankBroad(rows, {
      terms: ['托育'],
      frequencies: [100],
      documents: 1000,
      allTerms: false,
      now: NOW,
    });
    expect(ranked.find((r) => r.id === 2)!.score).toBe(0);
  });
});

describe('estimated totals for huge result sets', () => {
  test('extrapolates from how far back the newest matches reach', () => {
    // 1,001 matches among the newest tenth of ids 1..100,000: about ten times as many in all.
    expect(estimateTotal(1001, 90_001, 1, 100_000)).toBe(10_010);
    // The window reaches back to the first id: nothing to add.
    expect(estimateTotal(1001, 1, 1, 100_000)).toBe(1001);
  });

  test('the page says "about" for an estimate and "more than" when there is none', () => {
    expect(totalText({ total: 57, totalExact: true, estimatedTotal: null })).toBe('57');
    expect(totalText({ total: 1000, totalExact: false, estimatedTotal: null })).toBe('超过1000');
    expect(totalText({ total: 1000, totalExact: false, estimatedTotal: 27_000 })).toBe('约2.7万');
    expect(totalText({ total: 1000, totalExact: false, estimatedTotal: 4_500 })).toBe('约4500');
  });
});
