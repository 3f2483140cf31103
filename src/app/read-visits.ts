import {
  GazetteError,
  pageOfTarget,
  parseAccessLogLine,
  searchTermOfTarget,
  type Principal,
} from '../core/index.js';
import { chinaDay, isRobot, ownHostsOf, referrerDomain, VisitBatch } from './count-visits.js';
import type { AppDeps } from './deps.js';
import type { VisitScope, VisitTotal } from './ports-visits.js';
import { audit, requirePermission } from './principal.js';

/** Visit statistics of a site for its editors, and the import of a web server's access log. */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The longest period one read covers. */
const MAX_DAYS = 366 * 3;

export interface VisitDay {
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
}

export interface VisitStats {
  readonly siteId: number;
  readonly from: string;
  readonly to: string;
  /** Each day of the period with counts, oldest first (days without any are left out). */
  readonly days: readonly VisitDay[];
  readonly views: number;
  /** Sum of the daily unique visitors. */
  readonly visitors: number;
  readonly pages: readonly VisitTotal[];
  readonly columns: readonly VisitTotal[];
  readonly referrers: readonly VisitTotal[];
  readonly searches: readonly VisitTotal[];
  readonly emptySearches: readonly VisitTotal[];
}

function checkPeriod(from: string, to: string): void {
  const bad =
    !DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to));
  if (bad || from > to || (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) {
    throw new GazetteError(
      'GZ_INVALID_INPUT',
      `统计期间应为 YYYY-MM-DD 至 YYYY-MM-DD，且不超过三年 / the period must be YYYY-MM-DD to YYYY-MM-DD, at most three years: ${from}..${to}`,
    );
  }
}

/** The counts of a period (days in China, both included); anyone who may read the site's articles. */
export async function readVisitStats(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  period: { readonly from: string; readonly to: string; readonly limit?: number },
): Promise<VisitStats> {
  const { from, to } = period;
  checkPeriod(from, to);
  if (!(await deps.store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  await requirePermission(deps.store, principal, 'article.read', { siteId });
  const limit = Math.min(Math.max(period.limit ?? 50, 1), 1000);
  const visits = deps.store.visits;
  const top = (scope: VisitScope) => visits.totals(siteId, scope, from, to, limit);
  const [daily, pages, columns, referrers, searches, emptySearches] = await Promise.all([
    visits.daily(siteId, 'site', from, to, ''),
    top('page'),
    top('column'),
    top('referrer'),
    top('search'),
    top('search-empty'),
  ]);
  const days = daily.map((d) => ({ day: d.day, views: d.views, visitors: d.visitors }));
  return {
    siteId,
    from,
    to,
    days,
    views: days.reduce((sum, d) => sum + d.views, 0),
    visitors: days.reduce((sum, d) => sum + d.visitors, 0),
    pages,
    columns,
    referrers,
    searches,
    emptySearches,
  };
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  // A cell starting with = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The statistics as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese): one section per table. */
export function visitStatsCsv(stats: VisitStats): string {
  const rows: (string | number)[][] = [['日期 day', '浏览量 views', '独立访客 visitors']];
  for (const d of stats.days) rows.push([d.day, d.views, d.visitors]);
  rows.push(['合计 total', stats.views, stats.visitors]);
  const section = (title: string, items: readonly VisitTotal[], visitors: boolean) => {
    rows.push([]);
    rows.push(visitors ? [title, '浏览量 views', '独立访客 visitors（日累计）'] : [title, '次数 count']);
    for (const item of items)
      rows.push(visitors ? [item.key, item.views, item.visitors] : [item.key, item.views]);
  };
  section('页面 page', stats.pages, true);
  section('栏目 column', stats.columns, true);
  section('来源域名 referrer', stats.referrers, false);
  section('搜索词 search term', stats.searches, false);
  section('无结果搜索词 search without results', stats.emptySearches, false);
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export interface LogImportResult {
  readonly lines: number;
  readonly pageViews: number;
  readonly searches: number;
  readonly robots: number;
  /** Lines that are not requests for a page read (assets, errors, redirects, other methods). */
  readonly skipped: number;
  readonly malformed: number;
  readonly from: string | null;
  readonly to: string | null;
}

/** Distinct counts held before a write while reading a long log. */
const LOG_BATCH = 100_000;

/**
 * Counts the page views of a web server's access log (nginx or Apache, combined format) as the server
 * counts its own: GET answered 200 or 304, pages only, robots left out, visitors told apart by the day's
 * salted hash. A log is imported once: `digest` (of the file's bytes) is kept and a second import refused.
 */
export async function importAccessLog(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  source: {
    readonly digest: string;
    readonly name: string;
    readonly lines: AsyncIterable<string> | Iterable<string>;
  },
): Promise<LogImportResult> {
  const site = await deps.store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  if (!(await deps.store.visits.claimLog(siteId, source.digest))) {
    throw new GazetteError(
      'GZ_INVALID_INPUT',
      `该日志已导入过 / this log was imported already: ${source.name}`,
    );
  }
  const ownHosts = ownHostsOf(site);
  const salts = new Map<string, string>();
  let batch = new VisitBatch();
  let lines = 0;
  let pageViews = 0;
  let searches = 0;
  let robots = 0;
  let skipped = 0;
  let malformed = 0;
  let first: number | null = null;
  let last: number | null = null;
  for await (const line of source.lines) {
    if (line.trim() === '') continue;
    lines += 1;
    const entry = parseAccessLogLine(line);
    if (!entry) {
      malformed += 1;
      continue;
    }
    if (entry.method !== 'GET' || (entry.status !== 200 && entry.status !== 304)) {
      skipped += 1;
      continue;
    }
    if (isRobot(entry.userAgent)) {
      robots += 1;
      continue;
    }
    first = first === null ? entry.at : Math.min(first, entry.at);
    last = last === null ? entry.at : Math.max(last, entry.at);
    const term = searchTermOfTarget(entry.target);
    if (term !== null) {
      batch.search(siteId, entry.at, term, true);
      searches += 1;
    }
    const path = term === null ? pageOfTarget(entry.target) : null;
    if (path === null) {
      if (term === null) skipped += 1;
    } else {
      const referrer = referrerDomain(entry.referer, ownHosts);
      batch.page({ siteId, at: entry.at, path, visitor: `${entry.address} ${entry.userAgent}`, referrer });
      pageViews += 1;
    }
    if (batch.size >= LOG_BATCH) {
      await batch.write(deps, salts);
      batch = new VisitBatch();
    }
  }
  await batch.write(deps, salts);
  // The salts of the days read (and their visitor hashes) go as the live counter's do: only today's and
  // yesterday's are kept, so an address cannot be tested against the stored hashes later.
  await deps.store.visits.forgetBefore(chinaDay(Date.parse(deps.clock.now()) - 24 * 60 * 60 * 1000));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const result = { lines, pageViews, searches, robots, skipped, malformed, from: iso(first), to: iso(last) };
  await deps.store.transaction((store) =>
    audit(store, principal, deps.clock.now(), {
      action: 'stats.import-log',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: { file: source.name, digest: source.digest, ...result },
    }),
  );
  return result;
}
