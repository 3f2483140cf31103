import {
  formatDateTime,
  GazetteError,
  holdsInstallationWide,
  paginate,
  type Principal,
} from '../core/index.js';
import type { AppDeps } from './deps.js';
import type {
  AuditEntryInput,
  AuditFilter,
  AuditProblem,
  AuditRecord,
  AuditVerification,
} from './ports-audit.js';
import type { Store } from './ports.js';

/**
 * Writes one audit record. Call it with the transaction's store inside the use case's transaction
 * (`afterCommit(deps, async (store) => { …; await recordAudit(store, entry, now); })`): the record then
 * lands together with the change it describes, or not at all.
 */
export function recordAudit(store: Store, entry: AuditEntryInput, now: string): Promise<AuditRecord> {
  return store.audit.append(entry, now);
}

/** The audit log is for holders of `audit.read` (the audit administrator), installation-wide. */
function requireAuditReader(principal: Principal): void {
  if (!holdsInstallationWide(principal, 'audit.read')) throw new GazetteError('GZ_FORBIDDEN', 'audit.read');
}

/** Walks the whole chain; see `AuditRepo.verify`. */
export async function verifyAudit(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
): Promise<AuditVerification> {
  requireAuditReader(principal);
  return deps.store.audit.verify();
}

export interface AuditPage {
  readonly items: readonly AuditRecord[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

/** One page of the audit records matching `filter`, newest first, `pageSize` a page. */
export async function listAudit(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  filter: AuditFilter,
  pageText: string | undefined,
  pageSize = 50,
): Promise<AuditPage> {
  requireAuditReader(principal);
  const total = await deps.store.audit.count(filter);
  const page = paginate(pageText, total, pageSize);
  return {
    items: await deps.store.audit.list(filter, page.pageSize, page.offset),
    total,
    page: page.page,
    pages: page.pages,
  };
}

/** One problem in words, for the CLI and the admin screens. */
export function describeAuditProblem(problem: AuditProblem): { readonly en: string; readonly zh: string } {
  switch (problem.kind) {
    case 'changed':
      return { en: `record ${problem.id} was changed`, zh: `第 ${problem.id} 条记录被篡改` };
    case 'missing': {
      const { afterId: a, beforeId: b } = problem;
      return b - a === 2
        ? { en: `record ${a + 1} is missing`, zh: `第 ${a + 1} 条记录被删除` }
        : { en: `records between ${a} and ${b} are missing`, zh: `第 ${a} 条与第 ${b} 条之间的记录被删除` };
    }
    case 'inserted':
      return {
        en: `record ${problem.id} was inserted: it is not part of the chain`,
        zh: `第 ${problem.id} 条记录系插入伪造，不在哈希链中`,
      };
    case 'broken-link':
      return {
        en: `record ${problem.id} does not follow record ${problem.id - 1}: one of the two was rewritten`,
        zh: `第 ${problem.id} 条记录与第 ${problem.id - 1} 条记录的链接断开，其中一条被改写`,
      };
    case 'head-missing':
      return {
        en: 'the chain head is missing: records deleted from or added to the end cannot be told apart',
        zh: '哈希链头记录缺失，无法判断末尾记录是否被删除或添加',
      };
  }
}

const ABBREVIATE_AT = 80;

/** Long text shortened for the audit summary: the first 80 characters, then the full length. */
export function abbreviate(value: unknown, max = ABBREVIATE_AT): unknown {
  if (typeof value === 'string') {
    const chars = [...value];
    return chars.length > max ? `${chars.slice(0, max).join('')}…（共${chars.length}字）` : value;
  }
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return [...text].length > max ? abbreviate(text, max) : value;
  }
  return value;
}

/**
 * The changed fields of a record, for an audit summary: `{ field: { from, to } }`, long text abbreviated.
 * Without `before` (a creation) it is `{ field: value }` for every listed field that has a value.
 */
export function diffSummary<T extends object>(
  before: T | null | undefined,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const field of fields) {
    const to = after[field];
    if (!before) {
      if (to !== undefined && to !== '' && to !== null) summary[field] = abbreviate(to);
      continue;
    }
    const from = before[field];
    if (!sameValue(from, to)) summary[field] = { from: abbreviate(from), to: abbreviate(to) };
  }
  return summary;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export type AuditExportFormat = 'csv' | 'json';

const EXPORT_PAGE = 1000;

/** Every record that matches, oldest first (chain order), a page at a time. */
async function* auditRecords(store: Store, filter: AuditFilter): AsyncGenerator<AuditRecord> {
  const ordered: AuditFilter = { ...filter, order: 'oldest-first' };
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await store.audit.list(ordered, EXPORT_PAGE, offset);
    yield* page;
    if (page.length < EXPORT_PAGE) return;
  }
}

const CSV_COLUMNS: readonly { readonly header: string; readonly cell: (r: AuditRecord) => string }[] = [
  { header: '序号', cell: (r) => String(r.id) },
  { header: '时间（UTC）', cell: (r) => r.at },
  { header: '北京时间', cell: (r) => formatDateTime(r.at) },
  { header: '操作人ID', cell: (r) => (r.actorId === null ? '' : String(r.actorId)) },
  { header: '操作人', cell: (r) => r.actorName },
  { header: '操作', cell: (r) => r.action },
  { header: '对象类型', cell: (r) => r.targetType },
  { header: '对象ID', cell: (r) => r.targetId },
  { header: '站点ID', cell: (r) => (r.siteId === null ? '' : String(r.siteId)) },
  { header: 'IP地址', cell: (r) => r.ip },
  { header: '结果', cell: (r) => r.result },
  { header: '摘要', cell: (r) => JSON.stringify(r.summary) },
  { header: '前一记录哈希', cell: (r) => r.prevHash },
  { header: '本记录哈希', cell: (r) => r.hash },
];

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. Text that
 * a spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe: a user name or a
 * title typed by anyone must not run as a formula in the auditor's Excel.
 */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The audit records matching `filter`, oldest first, as text for auditors, a piece at a time (for
 * writing to a file as it goes): CSV with a UTF-8 byte order mark (so that Excel reads the Chinese
 * right) and CRLF line ends, or a JSON array with one record per line.
 */
export async function* exportAuditChunks(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  filter: AuditFilter,
  format: AuditExportFormat,
): AsyncGenerator<string> {
  requireAuditReader(principal);
  const { store } = deps;
  if (format === 'csv') {
    yield `\uFEFF${CSV_COLUMNS.map((c) => csvField(c.header)).join(',')}\r\n`;
    for await (const record of auditRecords(store, filter)) {
      yield `${CSV_COLUMNS.map((c) => csvField(c.cell(record))).join(',')}\r\n`;
    }
    return;
  }
  let first = true;
  yield '[';
  for await (const record of auditRecords(store, filter)) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

/** The whole export as one string; see `exportAuditChunks`. */
export async function exportAudit(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  filter: AuditFilter,
  format: AuditExportFormat,
): Promise<string> {
  let text = '';
  for await (const chunk of exportAuditChunks(deps, principal, filter, format)) text += chunk;
  return text;
}
