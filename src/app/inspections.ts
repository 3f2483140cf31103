import {
  addWorkingDays,
  formatDate,
  GazetteError,
  WARNING_WORKING_DAYS,
  type Principal,
  type VetoId,
  type VetoStatus,
  type WorkCalendar,
} from '../core/index.js';
import { loadCalendar } from './calendar.js';
import { afterCommit, type AppDeps } from './deps.js';
import { inspectSite, type InspectionInputs, type InspectionReport } from './inspect-site.js';
import type { AvailabilityProbe, InspectionRunSummary, InspectionTrigger } from './ports-inspections.js';
import { audit, requirePermission, systemPrincipal } from './principal.js';

/**
 * The self-check run and kept: on demand, and daily for every site (one process of the installation takes the
 * day's run of a site; the others find it taken), with the trend and the digest of what fails soon.
 */

/** The key of the scheduled run of a day: the date in China. */
export const dailyRunKey = (now: string): string => formatDate(now);

export interface InspectionOutcome {
  /** null when another process had taken the run already. */
  readonly run: { readonly id: number; readonly runKey: string } | null;
  readonly report: InspectionReport | null;
}

/** Runs the self-check of a site and keeps the result (audited as `inspection.run`). */
export async function runInspection(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  inputs: InspectionInputs = {},
  trigger: InspectionTrigger = 'manual',
  now: string = deps.clock.now(),
): Promise<InspectionOutcome> {
  if (!(await deps.store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const runKey = trigger === 'schedule' ? dailyRunKey(now) : `manual:${now}`;
  const id = await deps.store.inspections.claim(siteId, runKey, trigger, now);
  if (id === null) return { run: null, report: null };
  const report = await inspectSite(deps, principal, siteId, inputs, now);
  await afterCommit(deps, async (store) => {
    await store.inspections.finish(id, report, deps.clock.now());
    await audit(store, principal, now, {
      action: 'inspection.run',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: {
        trigger,
        runKey,
        verdict: report.verdict,
        score: report.score,
        failed: report.vetoes.filter((v) => v.status === 'failed').map((v) => v.id),
        atRisk: report.vetoes.filter((v) => v.status === 'at-risk').map((v) => v.id),
      },
    });
  });
  return { run: { id, runKey }, report };
}

/**
 * The day's scheduled self-check of every site that has not had it yet; the process that ran a site's check
 * mails its digest (once per installation and day).
 */
export async function runDailyInspections(
  deps: AppDeps,
  inputsFor: (siteId: number) => InspectionInputs = () => ({}),
): Promise<number> {
  let ran = 0;
  for (const site of await deps.store.sites.list()) {
    const principal = systemPrincipal('schedule');
    const outcome = await runInspection(deps, principal, site.id, inputsFor(site.id), 'schedule');
    if (!outcome.run || !outcome.report) continue;
    ran += 1;
    await mailDigest(deps, site.sponsor.email, outcome.report).catch(() => false);
  }
  return ran;
}

/**
 * The digest by email to the site's contact address (主办单位 email in the site settings) through the
 * installation's SMTP server: only when something has failed or fails within 3 working days, and only when
 * SMTP is configured (otherwise the digest is on the admin's self-check page only).
 */
export async function mailDigest(deps: AppDeps, to: string, report: InspectionReport): Promise<boolean> {
  const digest = inspectionDigest(report, report.checkedAt, await loadCalendar(deps.store));
  if (digest.length === 0 || !deps.mailer?.configured || !/^[^\s@]+@[^\s@]+$/.test(to)) return false;
  const lines = digest.map(
    (d) =>
      `${d.id} ${d.title}：${d.status === 'failed' ? '已否决' : '预警'}${d.failsOn ? `，否决日期 ${formatDate(d.failsOn)}` : ''}`,
  );
  return deps.mailer.send({
    to,
    subject: `【网站自查】${report.site.name}：${digest.length} 项已否决或将在3个工作日内否决`,
    text: [
      `${report.site.name}（${report.site.baseUrl}）${formatDate(report.checkedAt)} 自查结果：得分 ${report.score}。`,
      '',
      ...lines,
      '',
      '详情见管理后台“网站自查”。',
    ].join('\n'),
  });
}

export interface DigestItem {
  readonly id: VetoId;
  readonly title: string;
  readonly status: VetoStatus;
  readonly failsOn: string | null;
}

/** What has failed or fails within 3 working days, soonest first: the daily digest. */
export function inspectionDigest(
  report: InspectionReport,
  now: string,
  calendar?: WorkCalendar,
): DigestItem[] {
  const horizon = addWorkingDays(now, WARNING_WORKING_DAYS, calendar);
  return report.vetoes
    .filter((v) => v.status === 'failed' || (v.failsOn !== null && v.failsOn <= horizon))
    .map(({ id, title, status, failsOn }) => ({ id, title, status, failsOn }))
    .sort((a, b) => (a.failsOn ?? '').localeCompare(b.failsOn ?? ''));
}

export interface InspectionsView {
  readonly siteId: number;
  /** Newest first: the trend of verdicts and scores. */
  readonly runs: readonly InspectionRunSummary[];
  readonly latest: InspectionReport | null;
  readonly digest: readonly DigestItem[];
}

const TREND_RUNS = 90;

/** The kept results of a site's self-check (site administrators). */
export async function readInspections(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  limit = TREND_RUNS,
): Promise<InspectionsView> {
  if (!(await deps.store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const [runs, latest] = await Promise.all([
    deps.store.inspections.list(siteId, Math.min(Math.max(limit, 1), 366)),
    deps.store.inspections.latest(siteId),
  ]);
  const report = latest?.report ?? null;
  return {
    siteId,
    runs,
    latest: report,
    digest: report ? inspectionDigest(report, deps.clock.now(), await loadCalendar(deps.store)) : [],
  };
}

/**
 * Keeps one availability probe of a page of the site (gazette monitor) and says whether the DNS answer
 * changed since the previous probe of the same URL (a changed answer can mean a hijacked name). Probes are
 * monitoring data, not admin actions: they are not written to the audit log.
 */
export async function recordAvailabilityProbe(
  deps: AppDeps,
  principal: Principal,
  probe: AvailabilityProbe,
): Promise<{ readonly dnsChanged: boolean; readonly previous: readonly string[] }> {
  if (!(await deps.store.sites.get(probe.siteId)))
    throw new GazetteError('GZ_SITE_NOT_FOUND', String(probe.siteId));
  await requirePermission(deps.store, principal, 'site.settings', { siteId: probe.siteId });
  const last = await deps.store.inspections.lastProbe(probe.siteId, probe.url);
  const key = (list: readonly string[]) => [...list].sort().join(',');
  const dnsChanged =
    last !== undefined &&
    last.addresses.length > 0 &&
    probe.addresses.length > 0 &&
    key(last.addresses) !== key(probe.addresses);
  await deps.store.inspections.recordProbe(probe);
  return { dnsChanged, previous: last?.addresses ?? [] };
}
