import { describe, expect, it } from 'vitest';
import { createLeaderNameRule, leaderNameRule } from './leader-name.js';

const scan = (text: string, today = '2026-11-28') =>
  leaderNameRule.scan(text, { today }).map((f) => [f.severity, f.excerpt, f.suggestion]);

describe('leader-name', () => {
  it('blocks a wrong form of a name after one of the leader’s titles', () => {
    expect(scan('市委书记林旺川主持会议')).toEqual([['block', '林旺川', '林望川']]);
    expect(scan('市长苏青源出席')).toEqual([['block', '苏青源', '苏清源']]);
  });

  it('does not report a look-alike name without a title nearby (it may be someone else)', () => {
    expect(scan('村民林旺川家的果园')).toEqual([]);
  });

  it('warns about a title that was not in effect on the publication day', () => {
    expect(scan('市长林望川出席')).toEqual([['warn', '市长林望川', '市委书记林望川']]);
    expect(scan('市长林望川出席', '2024-05-01')).toEqual([]);
    expect(scan('市委书记林望川、市长苏清源出席')).toEqual([]);
    expect(scan('副市长林望川')).toEqual([]);
  });

  it('reads its list from the data given', () => {
    const rule = createLeaderNameRule([
      { name: '王五', titles: [{ title: '县长', from: '2020-01-01', to: null }], wrongNames: ['王午'] },
    ]);
    expect(rule.scan('县长王午', {}).map((f) => f.suggestion)).toEqual(['王五']);
  });
});
