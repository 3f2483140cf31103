import ExcelJS from 'exceljs';
import { GazetteError, isGazetteError, type Column, type Principal, type Site } from '../core/index.js';
import type { AppDeps } from './deps.js';
import { channelStatistics } from './interact-public.js';
import { DISCLOSURE_SECTION_SLUG } from './manage-disclosure-section.js';
import { publishArticle } from './article-workflow.js';
import { requirePermission } from './principal.js';
import { createArticle } from './write-article.js';
import { escapeHtml } from './sanitize.js';

/**
 * 《政府网站工作年度报表》 (国办函〔2018〕12号): every field Gazette can count for a year, the rest left for the
 * office to fill in. The field list follows the national form as the sites publish it (信息发布, 专栏专题,
 * 解读回应, 办事服务, 互动交流, 安全防护, 移动新媒体, 创新发展); docs/inspection.md names the source of each count.
 */

export interface WebsiteReportField {
  /** The form's group (基本信息, 信息发布…). */
  readonly group: string;
  /** The field with its unit, as the form names it. */
  readonly label: string;
  /** The counted value; null: the office fills it in. */
  readonly value: number | string | null;
  /** How Gazette counted it; null when the office fills it in. */
  readonly counted: string | null;
}

export interface WebsiteReport {
  readonly siteId: number;
  readonly siteName: string;
  readonly sponsor: string;
  readonly year: number;
  readonly fields: readonly WebsiteReportField[];
}

const OFFICE = null;
/** Columns whose articles are 概况类 information (the portal's 走进/概况 pages). */
const OVERVIEW_NAME = /概况|简介|概览|走进|市情|县情|区情|区划|领导|机构职能|机构设置/;
/** 解读 that is a product (图解, video, animation) rather than text. */
const PRODUCT_TITLE = /图解|一图|图说|图读|视频|动漫|动画|H5|长图/i;

const startOfYear = (year: number): string => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

/** The report of a year (site administrators); counts as of now for a year not yet over. */
export async function buildWebsiteReport(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<WebsiteReport> {
  const site = await siteOfReport(deps, siteId, year);
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  return countWebsiteReport(deps, site, year);
}

async function siteOfReport(deps: AppDeps, siteId: number, year: number): Promise<Site> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new GazetteError('GZ_INVALID_INPUT', `年份应为四位数字 / the year must be four digits: ${year}`);
  const site = await deps.store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  return site;
}

async function countWebsiteReport(deps: AppDeps, site: Site, year: number): Promise<WebsiteReport> {
  const siteId = site.id;
  const { store } = deps;
  const from = startOfYear(year);
  const to = startOfYear(year + 1);
  const inYear = (iso: string | null | undefined) => iso != null && iso >= from && iso < to;

  // Visits: the days of the year in China.
  const days = await store.visits.daily(siteId, 'site', `${year}-01-01`, `${year}-12-31`, '');
  const views = days.reduce((sum, d) => sum + d.views, 0);
  const visitors = days.reduce((sum, d) => sum + d.visitors, 0);

  // Publications of the year, per column (the list is newest first: stop at the year's start).
  const columns = await store.columns.listBySite(siteId);
  const perColumn = new Map<number, number>();
  const interpretationTitles: string[] = [];
  const kindOf = new Map(columns.map((c) => [c.id, c.kind]));
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const rows = await store.articles.listPublished({ siteId }, page, offset);
    for (const row of rows) {
      if (!inYear(row.publishedAt)) continue;
      perColumn.set(row.columnId, (perColumn.get(row.columnId) ?? 0) + 1);
      if (kindOf.get(row.columnId) === 'interpretation') interpretationTitles.push(row.title);
    }
    const last = rows.at(-1);
    if (rows.length < page || (last && last.publishedAt < from)) break;
  }
  const sum = (pick: (c: Column) => boolean) =>
    columns.filter(pick).reduce((total, c) => total + (perColumn.get(c.id) ?? 0), 0);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const underDisclosure = (c: Column) =>
    c.path === DISCLOSURE_SECTION_SLUG || c.path.startsWith(`${DISCLOSURE_SECTION_SLUG}/`);
  const isOverview = (c: Column): boolean => {
    for (let at: Column | undefined = c; at; at = at.parentId === null ? undefined : byId.get(at.parentId))
      if (OVERVIEW_NAME.test(at.name)) return true;
    return false;
  };
  // 专栏专题: a topic column not inside another topic (its sub-columns are parts of it).
  const topics = columns.filter(
    (c) => c.kind === 'topic' && (c.parentId === null || byId.get(c.parentId)?.kind !== 'topic'),
  );
  const topicHasNews = (topic: Column) =>
    columns.some(
      (c) => (c.id === topic.id || c.path.startsWith(`${topic.path}/`)) && (perColumn.get(c.id) ?? 0) > 0,
    );
  const products = interpretationTitles.filter((t) => PRODUCT_TITLE.test(t)).length;

  // 互动交流 from the interaction platform (letters received in the year).
  const channels = await channelStatistics(deps, siteId, year);
  const received = channels.reduce((total, c) => total + c.received, 0);
  const answered = channels.reduce((total, c) => total + c.answered, 0);
  const dayTotal = channels.reduce((total, c) => total + (c.averageWorkingDays ?? 0) * c.answered, 0);
  const publishedLetters = channels.length
    ? (await store.interact.listMessages({ siteId, limit: 1_000_000 })).filter(
        (m) => m.receivedOn.startsWith(`${year}-`) && m.published,
      ).length
    : 0;

  // 安全防护 from the self-check's kept runs.
  const runs = await store.inspections.finishedBetween(siteId, from, to);
  const problemsOf = (run: (typeof runs)[number]): Set<string> =>
    new Set([
      ...(run.report?.vetoes ?? []).filter((v) => v.status !== 'ok').map((v) => v.id),
      ...(run.report?.deductions ?? []).map((d) => d.id),
    ]);
  const found = new Set<string>();
  for (const run of runs) for (const id of problemsOf(run)) found.add(id);
  const lastRun = runs.at(-1);
  const remaining = lastRun ? problemsOf(lastRun) : new Set<string>();
  const fixed = [...found].filter((id) => !remaining.has(id)).length;
  const scheduled = runs.some((r) => r.trigger === 'schedule');

  const interaction = channels.length > 0;
  const f = (group: string, label: string, value: number | string | null, counted: string | null = null) => ({
    group,
    label,
    value,
    counted: value === null ? null : counted,
  });
  const fields: WebsiteReportField[] = [
    f('基本信息', '网站名称', site.name, '站点设置'),
    f('基本信息', '首页网址', site.baseUrl, '站点设置'),
    f('基本信息', '主办单位', site.sponsor.name || OFFICE, '站点设置'),
    f('基本信息', '网站类型', OFFICE),
    f('基本信息', '政府网站标识码', site.siteCode || OFFICE, '站点设置'),
    f('基本信息', 'ICP备案号', site.icpRecord || OFFICE, '站点设置'),
    f('基本信息', '公安机关备案号', site.policeRecord || OFFICE, '站点设置'),
    f(
      '基本信息',
      '独立用户访问总量（单位：个）',
      visitors,
      '访问统计：每日独立访客之和（按日加盐散列区分访客，不存原始地址）',
    ),
    f('基本信息', '网站总访问量（单位：次）', views, '访问统计：页面浏览量（不含搜索引擎爬虫）'),
    f(
      '信息发布',
      '总数（单位：条）',
      sum(() => true),
      '本年签发并仍在发布的稿件',
    ),
    f(
      '信息发布',
      '概况类信息更新量（单位：条）',
      sum(isOverview),
      '名称含“概况、简介、走进、领导、机构职能”等栏目及其下级栏目的本年稿件',
    ),
    f(
      '信息发布',
      '政务动态信息更新量（单位：条）',
      sum((c) => c.kind === 'news'),
      '动态类栏目的本年稿件',
    ),
    f(
      '信息发布',
      '信息公开目录信息更新量（单位：条）',
      sum(underDisclosure),
      '政府信息公开专栏及其下级栏目的本年稿件',
    ),
    f(
      '专栏专题',
      '维护数量（单位：个）',
      topics.filter((t) => t.createdAt < to && topicHasNews(t)).length,
      '本年有更新的专题栏目',
    ),
    f(
      '专栏专题',
      '新开设数量（单位：个）',
      topics.filter((t) => inYear(t.createdAt)).length,
      '本年新建的专题栏目',
    ),
    f('解读回应', '解读信息发布总数（单位：条）', interpretationTitles.length, '解读类栏目的本年稿件'),
    f('解读回应', '解读材料数量（单位：条）', interpretationTitles.length - products, '解读类栏目中文字解读'),
    f(
      '解读回应',
      '解读产品数量（单位：个）',
      products,
      '解读类栏目中标题含“图解、一图读懂、视频、动漫”等的稿件',
    ),
    f('解读回应', '媒体评论文章数量（单位：篇）', OFFICE),
    f('解读回应', '回应公众关注热点或重大舆情数量（单位：次）', OFFICE),
    f('办事服务', '是否发布服务事项目录', OFFICE),
    f('办事服务', '注册用户数（单位：个）', OFFICE),
    f('办事服务', '政务服务事项数量（单位：项）', OFFICE),
    f('办事服务', '可全程在线办理政务服务事项数量（单位：项）', OFFICE),
    f('办事服务', '办件量总数（单位：件）', OFFICE),
    f('办事服务', '自然人办件量（单位：件）', OFFICE),
    f('办事服务', '法人办件量（单位：件）', OFFICE),
    f('互动交流', '是否使用统一平台', OFFICE),
    f(
      '互动交流',
      '收到留言数量（单位：条）',
      interaction ? received : OFFICE,
      '互动交流平台：本年收到的留言',
    ),
    f(
      '互动交流',
      '办结留言数量（单位：条）',
      interaction ? answered : OFFICE,
      '互动交流平台：本年收到且已答复的留言',
    ),
    f(
      '互动交流',
      '平均办理时间（单位：天）',
      interaction && answered > 0 ? Math.round((dayTotal / answered) * 10) / 10 : OFFICE,
      '互动交流平台：已答复留言的平均办理工作日',
    ),
    f(
      '互动交流',
      '公开答复数量（单位：条）',
      interaction ? publishedLetters : OFFICE,
      '互动交流平台：本年收到并选登公开的留言',
    ),
    f('互动交流', '征集调查期数（单位：期）', OFFICE),
    f('互动交流', '收到意见数量（单位：条）', OFFICE),
    f('互动交流', '公布调查结果期数（单位：期）', OFFICE),
    f('互动交流', '在线访谈期数（单位：期）', OFFICE),
    f('互动交流', '网民留言数量（单位：条）', OFFICE),
    f('互动交流', '答复网民提问数量（单位：条）', OFFICE),
    f('互动交流', '是否提供智能问答功能', OFFICE),
    f('安全防护', '安全检测评估次数（单位：次）', runs.length, '网站自查：本年完成的自查次数'),
    f(
      '安全防护',
      '发现问题数量（单位：个）',
      found.size,
      '网站自查：本年各次自查发现的不同问题项（否决项与扣分项）',
    ),
    f(
      '安全防护',
      '问题整改数量（单位：个）',
      fixed,
      '网站自查：本年发现、在本年最后一次自查中已不再出现的问题项',
    ),
    f('安全防护', '是否建立安全监测预警机制', scheduled ? '是' : OFFICE, '网站自查每日自动运行并预警'),
    f('安全防护', '是否开展应急演练', OFFICE),
    f('安全防护', '是否明确网站安全责任人', OFFICE),
    f('移动新媒体', '是否有移动新媒体', OFFICE),
    f('移动新媒体', '微博名称、信息发布量、关注量', OFFICE),
    f('移动新媒体', '微信名称、信息发布量、订阅数', OFFICE),
    f('移动新媒体', '其他', OFFICE),
    f('创新发展', '搜索即服务', '是', '站内全文检索（含同义词、拼音）'),
    f('创新发展', '多语言版本', OFFICE),
    f('创新发展', '无障碍浏览', '是', '长者模式、高对比度与字号调整，页面符合无障碍要求'),
    f('创新发展', '千人千网', OFFICE),
    f('创新发展', '其他', OFFICE),
    f('填报信息', '单位负责人', OFFICE),
    f('填报信息', '审核人', OFFICE),
    f('填报信息', '填报人', OFFICE),
    f('填报信息', '联系电话', site.sponsor.phone || OFFICE, '站点设置'),
    f('填报信息', '填报日期', OFFICE),
  ];
  return { siteId, siteName: site.name, sponsor: site.sponsor.name, year, fields };
}

const TO_FILL = '（由主办单位填写）';

/** The report in the national layout as .xlsx: groups merged down the first column, fields to fill marked. */
export async function websiteReportWorkbook(report: WebsiteReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('政府网站工作年度报表');
  sheet.columns = [{ width: 14 }, { width: 44 }, { width: 30 }, { width: 60 }];
  sheet.mergeCells('A1:D1');
  sheet.getCell('A1').value = `政府网站工作年度报表（${report.year}年度）`;
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:D2');
  sheet.getCell('A2').value = `填报单位：${report.sponsor || report.siteName}`;
  const header = sheet.addRow(['类别', '指标', '数值', '统计口径（Gazette 计数）']);
  header.font = { bold: true };
  let groupStart = 0;
  let group = '';
  const close = (end: number) => {
    if (group !== '' && end > groupStart) sheet.mergeCells(groupStart, 1, end, 1);
  };
  for (const field of report.fields) {
    const row = sheet.addRow([field.group, field.label, field.value ?? TO_FILL, field.counted ?? '']);
    if (field.value === null)
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    if (field.group !== group) {
      close(row.number - 1);
      group = field.group;
      groupStart = row.number;
    }
  }
  close(sheet.rowCount);
  sheet.getColumn(1).alignment = { vertical: 'middle' };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report as the HTML body of a page of the site: one table, the fields to fill left blank. */
export function websiteReportHtml(report: WebsiteReport): string {
  const rows: string[] = [];
  let group = '';
  for (const field of report.fields) {
    if (field.group !== group) {
      group = field.group;
      rows.push(`<tr><th colspan="2" scope="colgroup">${escapeHtml(group)}</th></tr>`);
    }
    rows.push(
      `<tr><th scope="row">${escapeHtml(field.label)}</th><td>${escapeHtml(field.value === null ? '' : String(field.value))}</td></tr>`,
    );
  }
  return [
    `<p>填报单位：${escapeHtml(report.sponsor || report.siteName)}</p>`,
    `<table><caption>政府网站工作年度报表（${report.year}年度）</caption><tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}

/** The column the report is published in: the site's 年度报表 column (the first whose name says so). */
export const REPORT_COLUMN_NAME = /年度报表/;

export interface PublishedWebsiteReport {
  readonly articleId: number;
  readonly published: boolean;
  /** Why it stays a draft (the workflow asks for reviews, or the person may not publish). */
  readonly note: string | null;
}

/**
 * The report as an article in the site's 年度报表 column (for whoever may write there), published at once
 * when the person may publish there; otherwise left as a draft for the column's review. Fields the office has not filled are blank:
 * fill them in the editor before publishing.
 */
export async function publishWebsiteReport(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<PublishedWebsiteReport> {
  const site = await siteOfReport(deps, siteId, year);
  const column = (await deps.store.columns.listBySite(siteId)).find(
    (c) => REPORT_COLUMN_NAME.test(c.name) && c.kind !== 'link' && c.kind !== 'page',
  );
  if (!column) {
    throw new GazetteError(
      'GZ_COLUMN_NOT_FOUND',
      '站点没有“年度报表”栏目，请先创建 / the site has no 年度报表 column: create one first',
    );
  }
  // Whoever may write in the 年度报表 column may put the report there (the counts are aggregates only).
  await requirePermission(deps.store, principal, 'article.create', { siteId, columnId: column.id });
  const report = await countWebsiteReport(deps, site, year);
  const article = await createArticle(deps, principal, siteId, {
    columnId: column.id,
    title: `${report.siteName}${year}年政府网站工作年度报表`,
    bodyHtml: websiteReportHtml(report),
    source: report.sponsor,
  });
  try {
    await publishArticle(deps, principal, article.id);
    return { articleId: article.id, published: true, note: null };
  } catch (error) {
    if (!isGazetteError(error)) throw error;
    return { articleId: article.id, published: false, note: error.message };
  }
}
