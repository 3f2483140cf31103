import ExcelJS from 'exceljs';
import {
  bankCardRule,
  mobileNumberRule,
  personalIdRule,
  type CheckOptions,
  type TextRule,
} from '../check/index.js';
import {
  CHANNEL_KIND_LABELS,
  formatDate,
  INVALID_KIND_LABELS,
  INVALID_KINDS,
  maskEmailsIn,
  maskNameIn,
  RATING_LABELS,
  RATINGS,
  type Principal,
} from '../core/index.js';
import { consultationStatisticsOf } from './consultations.js';
import type { AppDeps } from './deps.js';
import type { Channel, Contact, Message } from './ports-interact.js';
import { requirePermission } from './principal.js';

/** Personal numbers in a text (mobile phones, identity cards, bank cards) replaced by their masks. */
function maskNumbers(text: string, options: CheckOptions): string {
  const rules: readonly TextRule[] = [mobileNumberRule, personalIdRule, bankCardRule];
  const findings = rules
    .flatMap((rule) => rule.scan(text, options))
    .filter((f) => f.suggestion !== null && f.end > f.start)
    .sort((a, b) => b.start - a.start);
  let masked = text;
  let limit = text.length + 1;
  for (const finding of findings) {
    if (finding.end > limit) continue; // overlaps one already replaced
    masked = masked.slice(0, finding.start) + (finding.suggestion as string) + masked.slice(finding.end);
    limit = finding.start;
  }
  return masked;
}

/**
 * A published question with nothing personal in it: phone, identity and bank card numbers masked
 * (`138****1234`), email addresses shortened, and the writer's own name reduced to surname + 某.
 */
export function maskQuestion(text: string, writerName: string, today: string): string {
  return maskEmailsIn(maskNumbers(maskNameIn(text, writerName), { today }));
}

export interface PublishedLetter {
  readonly number: string;
  readonly channelName: string;
  readonly subject: string;
  /** Masked. */
  readonly body: string;
  readonly receivedOn: string;
  readonly replyText: string;
  readonly replyDepartment: string;
  readonly answeredOn: string;
  readonly workingDaysTaken: number;
}

function publishedView(
  deps: AppDeps,
  message: Message,
  channels: Map<number, Channel>,
  today: string,
): PublishedLetter {
  let name = '';
  if (message.contactSealed !== '' && deps.personalData) {
    name = deps.personalData.open<Contact>(message.contactSealed, `interact:${message.number}`).name;
  }
  return {
    number: message.number,
    channelName: channels.get(message.channelId)?.name ?? '',
    subject: maskQuestion(message.subject, name, today),
    body: maskQuestion(message.body, name, today),
    receivedOn: message.receivedOn,
    replyText: message.replyText,
    replyDepartment: message.replyDepartment,
    answeredOn: message.answeredOn ?? '',
    workingDaysTaken: message.workingDaysTaken ?? 0,
  };
}

export const LETTERS_PER_PAGE = 20;

/** 留言选登: published letters of a site (optionally one channel), newest reply first, 20 a page. */
export async function readPublishedLetters(
  deps: AppDeps,
  siteId: number,
  channelId: number | null,
  page: number,
  perPage: number = LETTERS_PER_PAGE,
): Promise<{ items: PublishedLetter[]; hasNext: boolean }> {
  const channels = new Map((await deps.store.interact.listChannels(siteId)).map((c) => [c.id, c]));
  const rows = await deps.store.interact.listPublished(siteId, channelId, (page - 1) * perPage, perPage + 1);
  const today = formatDate(deps.clock.now());
  return {
    items: rows.slice(0, perPage).map((m) => publishedView(deps, m, channels, today)),
    hasNext: rows.length > perPage,
  };
}

/** One published letter by its number; undefined when it is not published (the same for one that does not exist). */
export async function readPublishedLetter(
  deps: AppDeps,
  siteId: number,
  number: string,
): Promise<PublishedLetter | undefined> {
  const message = await deps.store.interact.getMessageByNumber(number);
  if (!message || !message.published || message.siteId !== siteId) return undefined;
  const channels = new Map((await deps.store.interact.listChannels(siteId)).map((c) => [c.id, c]));
  return publishedView(deps, message, channels, formatDate(deps.clock.now()));
}

export interface ChannelStatistics {
  readonly channelId: number;
  readonly channelName: string;
  readonly kind: string;
  /** `YYYY-MM`, or '' for the whole period. */
  readonly month: string;
  readonly received: number;
  readonly answered: number;
  readonly invalid: number;
  readonly open: number;
  readonly averageWorkingDays: number | null;
  readonly maxWorkingDays: number | null;
  /** Answered within the deadline, of those answered (0–1); null when none was answered. */
  readonly onTimeRate: number | null;
  readonly ratings: Readonly<Record<(typeof RATINGS)[number], number>>;
  readonly invalidByKind: Readonly<Record<(typeof INVALID_KINDS)[number], number>>;
}

function statisticsOf(channel: Channel, month: string, messages: readonly Message[]): ChannelStatistics {
  const answered = messages.filter((m) => m.status === 'answered');
  const days = answered.map((m) => m.workingDaysTaken ?? 0);
  const onTime = answered.filter((m) => (m.answeredOn ?? '') <= m.dueOn).length;
  const ratings = { satisfied: 0, basically: 0, unsatisfied: 0 };
  for (const m of answered) if (m.rating) ratings[m.rating] += 1;
  const invalidByKind = { spam: 0, abuse: 0, duplicate: 0, 'outside-remit': 0 };
  for (const m of messages) if (m.status === 'invalid' && m.invalidKind) invalidByKind[m.invalidKind] += 1;
  return {
    channelId: channel.id,
    channelName: channel.name,
    kind: CHANNEL_KIND_LABELS[channel.kind],
    month,
    received: messages.length,
    answered: answered.length,
    invalid: messages.filter((m) => m.status === 'invalid').length,
    open: messages.filter((m) => m.status !== 'answered' && m.status !== 'invalid').length,
    averageWorkingDays: days.length
      ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10
      : null,
    maxWorkingDays: days.length ? Math.max(...days) : null,
    onTimeRate: answered.length ? onTime / answered.length : null,
    ratings,
    invalidByKind,
  };
}

async function lettersOfYear(deps: AppDeps, siteId: number, year: number): Promise<Message[]> {
  const all = await deps.store.interact.listMessages({ siteId, limit: 1_000_000 });
  return all.filter((m) => m.receivedOn.startsWith(`${year}-`));
}

/** Per channel for a year (the public page shows the current one): received, answered, days, on-time rate. */
export async function channelStatistics(
  deps: AppDeps,
  siteId: number,
  year: number,
): Promise<ChannelStatistics[]> {
  const channels = await deps.store.interact.listChannels(siteId);
  const letters = await lettersOfYear(deps, siteId, year);
  return channels.map((channel) =>
    statisticsOf(
      channel,
      '',
      letters.filter((m) => m.channelId === channel.id),
    ),
  );
}

/** Per channel and per month of a year, for the reports (site managers). */
export async function monthlyStatistics(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<ChannelStatistics[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const channels = await deps.store.interact.listChannels(siteId);
  const letters = await lettersOfYear(deps, siteId, year);
  const rows: ChannelStatistics[] = [];
  for (const channel of channels) {
    for (let month = 1; month <= 12; month++) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      rows.push(
        statisticsOf(
          channel,
          key,
          letters.filter((m) => m.channelId === channel.id && m.receivedOn.startsWith(key)),
        ),
      );
    }
    rows.push(
      statisticsOf(
        channel,
        '',
        letters.filter((m) => m.channelId === channel.id),
      ),
    );
  }
  return rows;
}

/** The statistics of a year as an Excel workbook: one sheet per month and channel, one of the totals. */
export async function statisticsWorkbook(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<Buffer> {
  const rows = await monthlyStatistics(deps, principal, siteId, year);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gazette';
  const sheet = workbook.addWorksheet(`${year}年互动交流统计`);
  sheet.columns = [
    { header: '渠道', key: 'channel', width: 14 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '月份', key: 'month', width: 10 },
    { header: '收到', key: 'received', width: 8 },
    { header: '已答复', key: 'answered', width: 8 },
    { header: '无效', key: 'invalid', width: 8 },
    { header: '办理中', key: 'open', width: 8 },
    { header: '平均办理工作日', key: 'average', width: 14 },
    { header: '最长办理工作日', key: 'max', width: 14 },
    { header: '按时答复率', key: 'onTime', width: 12 },
    ...RATINGS.map((r) => ({ header: RATING_LABELS[r], key: r, width: 10 })),
    ...INVALID_KINDS.map((k) => ({ header: `无效：${INVALID_KIND_LABELS[k]}`, key: k, width: 14 })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      channel: row.channelName,
      kind: row.kind,
      month: row.month || '全年',
      received: row.received,
      answered: row.answered,
      invalid: row.invalid,
      open: row.open,
      average: row.averageWorkingDays ?? '',
      max: row.maxWorkingDays ?? '',
      onTime: row.onTimeRate === null ? '' : Math.round(row.onTimeRate * 1000) / 10 + '%',
      ...row.ratings,
      ...row.invalidByKind,
    });
  }
  const held = await consultationStatisticsOf(deps.store, siteId, year, deps.clock.now());
  const consultations = workbook.addWorksheet(`${year}年意见征集统计`);
  consultations.columns = [
    { header: '开展意见征集（次）', key: 'held', width: 18 },
    { header: '收到意见（条）', key: 'comments', width: 16 },
    { header: '意见审核通过', key: 'approved', width: 14 },
    { header: '意见未通过', key: 'rejected', width: 12 },
    { header: '已反馈采纳情况', key: 'feedback', width: 16 },
    { header: '逾期未反馈', key: 'overdue', width: 12 },
  ];
  consultations.getRow(1).font = { bold: true };
  consultations.addRow({
    held: held.held,
    comments: held.comments,
    approved: held.commentsApproved,
    rejected: held.commentsRejected,
    feedback: held.feedbackPublished,
    overdue: held.feedbackOverdue,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
