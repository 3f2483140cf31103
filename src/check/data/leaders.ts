/**
 * Leaders, their titles with effective dates, and known wrong forms of their names. Operators maintain this
 * list (names change at every reshuffle); the sample below is the fictional 青川市 of the demo site.
 */
export interface LeaderTitle {
  readonly title: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** `YYYY-MM-DD`, inclusive; null while in office. */
  readonly to: string | null;
}

export interface LeaderEntry {
  readonly name: string;
  readonly titles: readonly LeaderTitle[];
  /** Misspellings seen or likely (homophones from input methods). */
  readonly wrongNames: readonly string[];
  /**
   * A national leader: titles of national leaders belong to one person each, so another national leader's
   * title beside this name (总理习近平, 李强总书记) is a serious error.
   */
  readonly national?: boolean;
}

export type LeaderList = readonly LeaderEntry[];

export const SAMPLE_LEADERS: LeaderList = [
  {
    name: '林望川',
    titles: [
      { title: '市长', from: '2021-06-01', to: '2025-12-31' },
      { title: '市委书记', from: '2026-01-01', to: null },
    ],
    wrongNames: ['林旺川', '林望穿', '林忘川'],
  },
  {
    name: '苏清源',
    titles: [{ title: '市长', from: '2026-01-15', to: null }],
    wrongNames: ['苏青源', '苏清原', '苏清远'],
  },
];

/**
 * Leaders of the party and the state elected in October 2022 and March 2023 (20th Central Committee, 14th
 * National People's Congress), with the titles news reports put beside their names. Operators update the list
 * after each party congress and NPC session.
 */
export const NATIONAL_LEADERS: LeaderList = [
  {
    name: '习近平',
    national: true,
    titles: [
      { title: '中共中央总书记', from: '2012-11-15', to: null },
      { title: '总书记', from: '2012-11-15', to: null },
      { title: '国家主席', from: '2013-03-14', to: null },
      { title: '中央军委主席', from: '2012-11-15', to: null },
      { title: '主席', from: '2013-03-14', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '李强',
    national: true,
    titles: [
      { title: '国务院总理', from: '2023-03-11', to: null },
      { title: '总理', from: '2023-03-11', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '赵乐际',
    national: true,
    titles: [
      { title: '全国人大常委会委员长', from: '2023-03-10', to: null },
      { title: '委员长', from: '2023-03-10', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '王沪宁',
    national: true,
    titles: [
      { title: '全国政协主席', from: '2023-03-10', to: null },
      { title: '主席', from: '2023-03-10', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '蔡奇',
    national: true,
    titles: [
      { title: '中央书记处书记', from: '2022-10-23', to: null },
      { title: '中央办公厅主任', from: '2022-10-30', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '丁薛祥',
    national: true,
    titles: [
      { title: '国务院副总理', from: '2023-03-12', to: null },
      { title: '副总理', from: '2023-03-12', to: null },
    ],
    wrongNames: [],
  },
  {
    name: '李希',
    national: true,
    titles: [{ title: '中央纪委书记', from: '2022-10-23', to: null }],
    wrongNames: [],
  },
  {
    name: '韩正',
    national: true,
    titles: [
      { title: '国家副主席', from: '2023-03-10', to: null },
      { title: '副主席', from: '2023-03-10', to: null },
    ],
    wrongNames: [],
  },
];
