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
