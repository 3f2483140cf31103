import ExcelJS from 'exceljs';
import {
  type ActiveDisclosureCounts,
  countActiveDisclosure,
  GazetteError,
  ORGANISATION_TYPES,
  REPLY_REASONS,
  REPLY_TYPE_LABELS,
  REPLY_TYPES,
  type Principal,
  type ReplyType,
} from '../core/index.js';
import type { AppDeps } from './deps.js';
import type { DisclosureCountRow } from './ports-disclosure.js';
import type { Store } from './ports.js';
import { audit, requirePermission } from './principal.js';

/**
 * The annual report on government information disclosure (政府信息公开工作年度报告) in the national format: the
 * tables Gazette can count (二: 规章 and 行政规范性文件 from the policy documents; 三: requests for disclosure
 * from the inbox), and the office's own text and figures kept per year.
 */

/** Table 二 from the policy documents of the site (published, 主动公开), counted for the year. */
export async function activeTable(
  store: Store,
  siteId: number,
  year: number,
): Promise<ActiveDisclosureCounts> {
  return countActiveDisclosure(await store.policies.countedDocuments(siteId), year);
}

/** Columns of table 三: 自然人, the five kinds of 法人或其他组织, 总计. */
export const REQUEST_COLUMNS = [
  '自然人',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
] as const;

export interface ReportRow {
  readonly label: string;
  /** Indentation level in the national form (0 top rows, 1 outcome types, 2 sub-reasons). */
  readonly level: number;
  readonly values: readonly number[];
}

/** What the office writes itself (sections 一, 四, 五, 六 and 七, and the figures Gazette cannot count). */
export interface OfficeSections {
  readonly overview: string;
  readonly permits: string;
  readonly reviewLitigation: string;
  readonly problems: string;
  readonly other: string;
}

export const OFFICE_SECTIONS: readonly { readonly key: keyof OfficeSections; readonly title: string }[] = [
  { key: 'overview', title: '一、总体情况' },
  {
    key: 'permits',
    title: '二、主动公开政府信息情况（行政许可、行政处罚、行政强制、行政事业性收费等，由本机关填写）',
  },
  { key: 'reviewLitigation', title: '四、政府信息公开行政复议、行政诉讼情况' },
  { key: 'problems', title: '五、存在的主要问题及改进情况' },
  { key: 'other', title: '六、其他需要报告的事项' },
];

export interface XxgkReport {
  readonly siteId: number;
  readonly siteName: string;
  readonly year: number;
  readonly active: ActiveDisclosureCounts;
  readonly requests: { readonly columns: readonly string[]; readonly rows: readonly ReportRow[] };
  readonly office: OfficeSections;
}

const columnOf = (row: DisclosureCountRow): number =>
  row.requesterKind === 'citizen' ? 0 : 1 + ORGANISATION_TYPES.indexOf(row.organisationType ?? 'other');

function tally(
  rows: readonly DisclosureCountRow[],
  keep: (row: DisclosureCountRow) => boolean = () => true,
): number[] {
  const values = REQUEST_COLUMNS.map(() => 0);
  for (const row of rows) {
    if (!keep(row)) continue;
    const column = columnOf(row);
    values[column] = (values[column] ?? 0) + row.count;
    values[values.length - 1] = (values[values.length - 1] ?? 0) + row.count;
  }
  return values;
}

/** Beijing's 1 January of `year` as a UTC instant (answers are stamped in UTC). */
const yearStart = (year: number): string => new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString();

/** Table 三 from the inbox: received, carried over, outcomes with their sub-reasons, carried forward. */
export async function requestTable(store: Store, siteId: number, year: number): Promise<ReportRow[]> {
  const received = await store.disclosure.countRegistered(siteId, `${year}-01-01`, `${year + 1}-01-01`);
  const carriedIn = await store.disclosure.countOpenAt(siteId, `${year}-01-01`);
  const answered = await store.disclosure.countAnswered(siteId, yearStart(year), yearStart(year + 1));
  const carriedOut = await store.disclosure.countOpenAt(siteId, `${year + 1}-01-01`);
  const rows: ReportRow[] = [
    { label: '一、本年新收政府信息公开申请数量', level: 0, values: tally(received) },
    { label: '二、上年结转政府信息公开申请数量', level: 0, values: tally(carriedIn) },
    { label: '三、本年度办理结果', level: 0, values: REQUEST_COLUMNS.map(() => 0) },
  ];
  const numerals = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];
  REPLY_TYPES.forEach((type: ReplyType, index) => {
    const label =
      type === 'partial' ? '部分公开（区分处理的，只计这一情形，不计其他情形）' : REPLY_TYPE_LABELS[type];
    rows.push({
      label: `${numerals[index]}${label}`,
      level: 1,
      values: tally(answered, (r) => r.replyType === type),
    });
    const reasons = (REPLY_REASONS as Partial<Record<ReplyType, readonly (readonly [string, string])[]>>)[
      type
    ];
    reasons?.forEach(([code, reasonLabel], i) => {
      rows.push({
        label: `${i + 1}.${reasonLabel}`,
        level: 2,
        values: tally(answered, (r) => r.replyType === type && r.replyReason === code),
      });
    });
  });
  rows.push({ label: '（七）总计', level: 1, values: tally(answered) });
  rows.push({ label: '四、结转下年度继续办理', level: 0, values: tally(carriedOut) });
  return rows;
}

const EMPTY_OFFICE: OfficeSections = {
  overview: '',
  permits: '',
  reviewLitigation: '',
  problems: '',
  other: '',
};

/** The report of a site for a year (site administrators and the system). */
export async function buildXxgkReport(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<XxgkReport> {
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    throw new GazetteError('GZ_INVALID_INPUT', '年份应为2008至2100之间的整数', { field: 'year' });
  }
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const site = await deps.store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  return {
    siteId,
    siteName: site.name,
    year,
    active: await activeTable(deps.store, siteId, year),
    requests: { columns: REQUEST_COLUMNS, rows: await requestTable(deps.store, siteId, year) },
    office: { ...EMPTY_OFFICE, ...(await deps.store.disclosure.reportTexts(siteId, year)) },
  };
}

/** Saves what the office writes for the year's report. Audited. */
export function saveXxgkReportTexts(
  deps: AppDeps,
  principal: Principal,
  input: {
    siteId: number;
    year: number;
    office: { readonly [K in keyof OfficeSections]?: string | undefined };
  },
): Promise<OfficeSections> {
  const texts: Record<string, string> = {};
  for (const { key } of OFFICE_SECTIONS) {
    const text = input.office[key] ?? '';
    if ([...text].length > 20000)
      throw new GazetteError('GZ_INVALID_INPUT', '每部分不超过20000字', { field: key });
    texts[key] = text.replace(/\r\n?/g, '\n').trim();
  }
  const office: OfficeSections = { ...EMPTY_OFFICE, ...texts };
  return deps.store.transaction(async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: input.siteId });
    const now = deps.clock.now();
    await store.disclosure.saveReportTexts(input.siteId, input.year, office, now);
    await audit(store, principal, now, {
      action: 'xxgk-report.save',
      targetType: 'xxgk-report',
      targetId: `${input.siteId}/${input.year}`,
      siteId: input.siteId,
      result: 'ok',
      summary: Object.fromEntries(OFFICE_SECTIONS.map(({ key }) => [key, [...office[key]].length])),
    });
    return office;
  });
}

/** The report as an .xlsx workbook in the national layout (one sheet per table, the text sections first). */
export async function xxgkReportWorkbook(report: XxgkReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gazette';
  const title = `${report.siteName}${report.year}年政府信息公开工作年度报告`;

  const text = book.addWorksheet('报告正文');
  text.columns = [{ width: 100 }];
  text.addRow([title]).font = { bold: true, size: 14 };
  for (const { key, title: heading } of OFFICE_SECTIONS) {
    text.addRow([heading]).font = { bold: true };
    text.addRow([report.office[key] || '（待填写）']).alignment = { wrapText: true, vertical: 'top' };
  }

  const active = book.addWorksheet('二、主动公开政府信息情况');
  active.columns = [{ width: 24 }, { width: 14 }, { width: 14 }, { width: 14 }];
  active.addRow(['第二十条第（一）项']).font = { bold: true };
  active.addRow(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']).font = { bold: true };
  for (const [label, counts] of [
    ['规章', report.active.rule],
    ['行政规范性文件', report.active.normative],
  ] as const) {
    active.addRow([label, counts.issued, counts.repealed, counts.inForce]);
  }

  const requests = book.addWorksheet('三、收到和处理政府信息公开申请情况');
  requests.columns = [{ width: 60 }, ...report.requests.columns.map(() => ({ width: 12 }))];
  requests.addRow(['本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和']);
  requests.addRow(['', '申请人情况']).font = { bold: true };
  requests.addRow(['', ...report.requests.columns]).font = { bold: true };
  for (const row of report.requests.rows) {
    const added = requests.addRow([`${'　'.repeat(row.level)}${row.label}`, ...row.values]);
    if (row.level === 0) added.font = { bold: true };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
