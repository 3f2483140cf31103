import { descendantIds, type Column } from './column.js';
import { isWorkingDay, type WorkCalendar } from './workdays.js';

/**
 * The self-check against the national inspection indicators (自查): the rules, where each comes from, and the
 * pure parts of the verdict (column freshness, the deadline arithmetic, the score). Sources and the reasoning
 * behind every estimate are in docs/inspection.md.
 */

/** How often a column must change, as the indicators group columns (栏目更新类别). */
export const UPDATE_CLASSES = ['news', 'notice', 'personnel', 'other', 'none'] as const;
export type UpdateClass = (typeof UPDATE_CLASSES)[number];

export const UPDATE_CLASS_LABELS: Readonly<Record<UpdateClass, string>> = {
  news: '动态要闻类（2周）',
  notice: '通知公告、政策文件类（6个月）',
  personnel: '人事、规划计划类（1年）',
  other: '其他应更新栏目（按栏目设定）',
  none: '不检查',
};

/** Days a column of the class may go without a publication; `other` uses the column's own freshness days. */
export const UPDATE_CLASS_DAYS: Readonly<Record<UpdateClass, number | null>> = {
  news: 14,
  notice: 180,
  personnel: 365,
  other: null,
  none: null,
};

const PERSONNEL_NAME = /人事|任免|规划|计划/;

/** The class the rules give a column of this kind and name when none is set on it. */
export function defaultUpdateClass(column: Pick<Column, 'kind' | 'name' | 'freshnessDays'>): UpdateClass {
  if (column.kind === 'page' || column.kind === 'link') return 'none';
  if (PERSONNEL_NAME.test(column.name) && column.kind !== 'news') return 'personnel';
  if (column.kind === 'news') return 'news';
  if (column.kind === 'notice' || column.kind === 'policy' || column.kind === 'interpretation')
    return 'notice';
  // 专题: "历史性工作专题栏目除外" — checked only when the column has its own freshness rule.
  return column.freshnessDays === null ? 'none' : 'other';
}

export const effectiveUpdateClass = (
  column: Pick<Column, 'kind' | 'name' | 'freshnessDays' | 'updateClass'>,
): UpdateClass => column.updateClass ?? defaultUpdateClass(column);

/** Days the column may go without a publication under its class, or null when it is not checked. */
export function updateDays(
  column: Pick<Column, 'kind' | 'name' | 'freshnessDays' | 'updateClass'>,
): number | null {
  if (column.kind === 'page' || column.kind === 'link') return null;
  const cls = effectiveUpdateClass(column);
  return cls === 'other' ? column.freshnessDays : UPDATE_CLASS_DAYS[cls];
}

export type VetoStatus = 'ok' | 'at-risk' | 'failed';
export type Verdict = 'pass' | 'at-risk' | 'fail';

export const VETO_IDS = ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export type VetoId = (typeof VETO_IDS)[number];

export const DEDUCTION_GROUPS = ['publish', 'service', 'interaction', 'function'] as const;
export type DeductionGroup = (typeof DEDUCTION_GROUPS)[number];

/** Where a rule or a weight comes from; `estimate: true` marks what the official text does not fix. */
export interface RuleSource {
  readonly document: string;
  readonly clause: string;
  readonly estimate: boolean;
}

const INDICATORS_2019 = '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）';
const CENSUS_2015 = '《全国政府网站普查评分表》（国办发〔2015〕15号 附件）';
const GUIDELINE_2017 = '《政府网站发展指引》（国办发〔2017〕47号）';

export interface VetoRule {
  readonly id: VetoId;
  readonly title: string;
  readonly source: RuleSource;
}

/** The vetoes in the order of docs/gov-rules.md (its "serious errors" split into wording and forged dates). */
export const VETO_RULES: readonly VetoRule[] = [
  {
    id: 'V1',
    title: '网站不更新：首页栏目2周内无更新',
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·网站不更新（监测2周，首页栏目无更新）',
      estimate: false,
    },
  },
  {
    id: 'V2',
    title: '栏目不更新：动态要闻2周、通知公告政策文件6个月未更新累计≥5个，应更新未更新≥10个，或空白栏目≥5个',
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·栏目不更新（人事、规划计划类1年：沿用' + CENSUS_2015 + '的应更新栏目口径）',
      estimate: false,
    },
  },
  {
    id: 'V3',
    title: '严重错误：严重表述错误、错别字（含附件）与未脱敏的个人信息',
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·严重错误（严重表述错误）；个人信息按泄露处理为本系统的从严口径',
      estimate: true,
    },
  },
  {
    id: 'V4',
    title: '虚假或伪造内容：倒签发布日期、旧稿改新日期',
    source: { document: INDICATORS_2019, clause: '单项否决·严重错误（虚假或伪造内容）', estimate: false },
  },
  {
    id: 'V5',
    title: '互动回应差：无可用的互动渠道，或1年内有超过3个月未回应的有效留言',
    source: { document: INDICATORS_2019, clause: '单项否决·互动回应差', estimate: false },
  },
  {
    id: 'V6',
    title: '站点无法访问：1周内首页超过15秒打不开的次数≥5%',
    source: { document: INDICATORS_2019, clause: '单项否决·站点无法访问', estimate: false },
  },
];

export interface DeductionGroupRule {
  readonly group: DeductionGroup;
  readonly title: string;
  /** The most points the group can lose. */
  readonly weight: number;
  readonly source: RuleSource;
}

/**
 * The deduction groups of the indicators (out of 100). The group names are the official ones; the weights are
 * our estimate (the official table was not available to us as text; see docs/inspection.md).
 */
export const DEDUCTION_GROUP_RULES: readonly DeductionGroupRule[] = [
  {
    group: 'publish',
    title: '发布解读',
    weight: 40,
    source: { document: INDICATORS_2019, clause: '扣分指标·发布解读', estimate: true },
  },
  {
    group: 'service',
    title: '办事服务',
    weight: 20,
    source: { document: INDICATORS_2019, clause: '扣分指标·办事服务', estimate: true },
  },
  {
    group: 'interaction',
    title: '互动交流',
    weight: 15,
    source: { document: INDICATORS_2019, clause: '扣分指标·互动交流', estimate: true },
  },
  {
    group: 'function',
    title: '功能设计（搜索、页面标签、链接可用性、安全）',
    weight: 25,
    source: { document: INDICATORS_2019, clause: '扣分指标·功能设计', estimate: true },
  },
];

export const DEDUCTION_IDS = [
  'D-dead-links',
  'D-closed-domains',
  'D-dark-links',
  'D-tampered',
  'D-ipv6',
  'D-identity',
  'D-meta-tags',
  'D-no-date',
  'D-image-alt',
  'D-unreadable-attachments',
  'D-search',
  'D-distribution',
] as const;
export type DeductionId = (typeof DEDUCTION_IDS)[number];

export interface DeductionRule {
  readonly id: DeductionId;
  readonly group: DeductionGroup;
  readonly title: string;
  /** Points per `per` problems found, and the most the rule takes. */
  readonly points: number;
  readonly per: number;
  readonly cap: number;
  readonly source: RuleSource;
}

export const DEDUCTION_RULES: readonly DeductionRule[] = [
  {
    id: 'D-dead-links',
    group: 'function',
    title: '链接不可用（站内外死链）',
    points: 1,
    per: 5,
    cap: 5,
    source: { document: INDICATORS_2019, clause: '扣分指标·链接可用性；每5个扣1分为估计', estimate: true },
  },
  {
    id: 'D-closed-domains',
    group: 'function',
    title: '链接到已关停的政府网站域名',
    points: 1,
    per: 1,
    cap: 5,
    source: { document: INDICATORS_2019, clause: '机器检查项·关停网站链接；分值为估计', estimate: true },
  },
  {
    id: 'D-dark-links',
    group: 'function',
    title: '暗链：链接到色情、赌博等域名',
    points: 5,
    per: 1,
    cap: 10,
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·安全（植入暗链）所指情形，这里按扣分报告并提示立即处理；分值为估计',
      estimate: true,
    },
  },
  {
    id: 'D-tampered',
    group: 'function',
    title: '静态页面被系统外修改（与发布清单不符）',
    points: 5,
    per: 1,
    cap: 10,
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·安全（被攻击篡改）所指情形；分值为估计',
      estimate: true,
    },
  },
  {
    id: 'D-ipv6',
    group: 'function',
    title: '网站域名无AAAA记录（不支持IPv6访问）',
    points: 2,
    per: 1,
    cap: 2,
    source: {
      document: '《推进互联网协议第六版（IPv6）规模部署行动计划》',
      clause: '政府网站IPv6改造；分值为估计',
      estimate: true,
    },
  },
  {
    id: 'D-identity',
    group: 'function',
    title: '页面标识不全：主办单位、网站标识码、ICP备案号、公网安备号',
    points: 1,
    per: 1,
    cap: 4,
    source: { document: GUIDELINE_2017, clause: '网站标识（页面底部功能区）；分值为估计', estimate: true },
  },
  {
    id: 'D-meta-tags',
    group: 'function',
    title: '页面元数据（meta标签）缺失',
    points: 1,
    per: 1,
    cap: 3,
    source: { document: INDICATORS_2019, clause: '扣分指标·功能设计·页面标签；分值为估计', estimate: true },
  },
  {
    id: 'D-no-date',
    group: 'publish',
    title: '页面未显示发布日期（视为不更新）',
    points: 1,
    per: 1,
    cap: 5,
    source: {
      document: CENSUS_2015,
      clause: '注：未注明信息发布时间的视为不更新；分值为估计',
      estimate: true,
    },
  },
  {
    id: 'D-image-alt',
    group: 'function',
    title: '图片缺少替代文字（无障碍）',
    points: 1,
    per: 10,
    cap: 3,
    source: { document: 'GB/T 37668-2019', clause: '非文本内容的替代文本；分值为估计', estimate: true },
  },
  {
    id: 'D-unreadable-attachments',
    group: 'publish',
    title: '附件无法读取文字（如扫描件PDF）',
    points: 1,
    per: 5,
    cap: 3,
    source: {
      document: INDICATORS_2019,
      clause: '扣分指标·发布解读（附件可用）；分值为估计',
      estimate: true,
    },
  },
  {
    id: 'D-search',
    group: 'function',
    title: '站内搜索不可用',
    points: 5,
    per: 1,
    cap: 5,
    source: { document: INDICATORS_2019, clause: '扣分指标·功能设计·搜索功能；分值为估计', estimate: true },
  },
  {
    id: 'D-distribution',
    group: 'function',
    title: '发布副本滞后：分发目标超过1小时未同步（公众看到的是旧页面）',
    points: 2,
    per: 1,
    cap: 4,
    source: {
      document: INDICATORS_2019,
      clause: '单项否决·网站不更新、站点无法访问所指情形的前兆（外网副本未随内网更新）；阈值与分值为估计',
      estimate: true,
    },
  },
];

/** A distribution target behind the static output for this long counts against the site (estimate). */
export const DISTRIBUTION_LAG_LIMIT_MS = 60 * 60 * 1000;

/** Below this score the site fails (不合格) even without a veto. */
export const PASS_SCORE = 60;
/** A veto is at risk when it would fail within this many working days. */
export const WARNING_WORKING_DAYS = 3;
/** Official counts of the column veto. */
export const STALE_COLUMN_LIMIT = 5;
export const SHOULD_UPDATE_LIMIT = 10;
export const BLANK_COLUMN_LIMIT = 5;
export const HOME_UPDATE_DAYS = 14;
/** A valid message unanswered this long fails the interaction veto (within the last year). */
export const UNANSWERED_MESSAGE_DAYS = 90;
/** Home page slower than this fails a probe; this share of failed probes in a week fails the site. */
export const PROBE_TIMEOUT_MS = 15_000;
export const PROBE_FAILURE_SHARE = 0.05;

const DAY_MS = 86_400_000;

/**
 * The instant `workingDays` working days after `from` (days in China): on the official calendar when given
 * (public holidays off, 调休 weekends on), otherwise Monday to Friday.
 */
export function addWorkingDays(from: string, workingDays: number, calendar?: WorkCalendar): string {
  let ms = Date.parse(from);
  let left = workingDays;
  while (left > 0) {
    ms += DAY_MS;
    const date = new Date(ms + 8 * 3_600_000);
    const working = calendar
      ? isWorkingDay(calendar, date.toISOString().slice(0, 10))
      : date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
    if (working) left -= 1;
  }
  return new Date(ms).toISOString();
}

export const addDaysToInstant = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** Status of a deadline: failed once passed, at risk within the warning window. */
export function deadlineStatus(failsOn: string | null, now: string, calendar?: WorkCalendar): VetoStatus {
  if (failsOn === null) return 'ok';
  if (Date.parse(failsOn) <= Date.parse(now)) return 'failed';
  return Date.parse(failsOn) <= Date.parse(addWorkingDays(now, WARNING_WORKING_DAYS, calendar))
    ? 'at-risk'
    : 'ok';
}

/** Each column's newest publication in it or below it (`lastOf`: a column's own newest). */
export function newestInSubtree(
  columns: readonly Column[],
  lastOf: (columnId: number) => string | null,
): Map<number, string | null> {
  const result = new Map<number, string | null>();
  for (const column of columns) {
    let last: string | null = null;
    for (const id of descendantIds(columns, column.id)) {
      const at = lastOf(id);
      if (at !== null && (last === null || at > last)) last = at;
    }
    result.set(column.id, last);
  }
  return result;
}

export interface ColumnUpdateState {
  readonly columnId: number;
  readonly name: string;
  readonly path: string;
  readonly updateClass: UpdateClass;
  readonly days: number;
  readonly lastPublishedAt: string | null;
  /** When it counts as not updated; null for a blank column. */
  readonly staleOn: string | null;
  readonly state: 'fresh' | 'stale' | 'blank';
}

/** Each checked column's freshness under its update class (`lastPublished`: newest in it or below it). */
export function columnUpdateStates(
  columns: readonly Column[],
  lastPublished: ReadonlyMap<number, string | null>,
  now: string,
): ColumnUpdateState[] {
  const result: ColumnUpdateState[] = [];
  for (const column of columns) {
    const days = updateDays(column);
    if (days === null) continue;
    const last = lastPublished.get(column.id) ?? null;
    const staleOn = last === null ? null : addDaysToInstant(last, days);
    result.push({
      columnId: column.id,
      name: column.name,
      path: column.path,
      updateClass: effectiveUpdateClass(column),
      days,
      lastPublishedAt: last,
      staleOn,
      state: last === null ? 'blank' : Date.parse(staleOn as string) <= Date.parse(now) ? 'stale' : 'fresh',
    });
  }
  return result;
}

/**
 * When a count of columns reaches `limit` if nothing is published: the limit-th earliest stale date (already
 * passed when the veto has failed), or null when fewer columns are counted.
 */
export function countReachedOn(staleDates: readonly string[], limit: number): string | null {
  const sorted = [...staleDates].sort();
  return sorted[limit - 1] ?? null;
}

export interface ScoredDeduction {
  readonly id: DeductionId;
  readonly count: number;
}

/** Points a rule takes for `count` problems. */
export function deductionPoints(rule: DeductionRule, count: number): number {
  if (count <= 0) return 0;
  return Math.min(rule.cap, Math.ceil(count / rule.per) * rule.points);
}

/** 100 less the points of each group, a group losing at most its weight. */
export function scoreOf(points: readonly { readonly id: DeductionId; readonly points: number }[]): number {
  let score = 100;
  for (const group of DEDUCTION_GROUP_RULES) {
    const lost = points
      .filter((p) => DEDUCTION_RULES.find((r) => r.id === p.id)?.group === group.group)
      .reduce((sum, p) => sum + p.points, 0);
    score -= Math.min(group.weight, lost);
  }
  return score;
}

/** `fail` on any failed veto or a score below 60; `at-risk` when a veto is at risk. */
export function verdictOf(statuses: readonly VetoStatus[], score: number): Verdict {
  if (statuses.includes('failed') || score < PASS_SCORE) return 'fail';
  return statuses.includes('at-risk') ? 'at-risk' : 'pass';
}

/** One fetch of a page by the availability probe (status, time to first byte and to the whole page, TLS, DNS). */
export interface ProbeResult {
  readonly url: string;
  readonly at: string;
  readonly status: number | null;
  readonly ttfbMs: number | null;
  readonly totalMs: number | null;
  /** 2xx complete within the timeout. */
  readonly ok: boolean;
  readonly error: string | null;
  /** The server certificate's end of validity (https only). */
  readonly tlsValidTo: string | null;
  readonly addresses: readonly string[];
}
