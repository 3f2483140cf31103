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

describe('leader-name: national leaders and names one character off', () => {
  const today = '2026-11-28';
  const found = (text: string) =>
    leaderNameRule.scan(text, { today }).map((f) => [f.severity, f.excerpt, f.suggestion]);

  it('blocks a same-sound or look-alike name beside a title without a list of wrong forms', () => {
    expect(found('国务院总理李墙主持会议')).toEqual([['block', '李墙', '李强']]);
    expect(found('全国政协主席王护宁出席')).toEqual([['block', '王护宁', '王沪宁']]);
  });

  it('blocks a national leader’s title beside another national leader’s name', () => {
    expect(found('总理习近平出席')).toEqual([['block', '总理习近平', null]]);
    expect(found('李强总书记主持')).toEqual([['block', '李强总书记', null]]);
  });

  it('leaves right titles, other people and other countries alone', () => {
    for (const text of [
      '中共中央总书记、国家主席、中央军委主席习近平',
      '国务院副总理丁薛祥',
      '印度总理莫迪',
      '记者王护宁报道',
    ]) {
      expect(found(text)).toEqual([]);
    }
  });
});
