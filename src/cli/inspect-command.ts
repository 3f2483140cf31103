import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { promises as dnsPromises } from 'node:dns';
import {
  inspectSite,
  systemPrincipal,
  type DistributionTargetState,
  type InspectionInputs,
  type InspectionReport,
} from '../app/index.js';
import { createHttpServer, distributionReader, type Gazette } from '../boot/index.js';
import {
  DEDUCTION_GROUP_RULES,
  DEDUCTION_RULES,
  GazetteError,
  parseInstant,
  VETO_RULES,
  type Site,
} from '../core/index.js';
import { checkLinks, type LinkReport } from '../linkcheck/index.js';
import { verifyOutput } from '../publish/index.js';
import { UsageError, type Values } from './command.js';
import { siteOption } from './site-commands.js';

export type InspectFormat = 'text' | 'json' | 'xlsx';

export interface InspectCliOptions {
  readonly format: InspectFormat;
  readonly out: string | undefined;
  /** The instant the inspection is made at (ISO 8601 with an offset); the clock when absent. */
  readonly now: string | undefined;
  /** No DNS lookups and no external links (a machine without network, or a quick run). */
  readonly offline: boolean;
  readonly linkTimeoutMs: number;
}

/** Reads the options of `gazette inspect`; a bad value is a usage error (exit 2). */
export function inspectOptions(values: Values): InspectCliOptions {
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'xlsx') {
    throw new UsageError(`--format must be text, json or xlsx, not "${String(format)}"`);
  }
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  if (format === 'xlsx' && out === undefined) throw new UsageError('--format xlsx needs --out FILE');
  let now: string | undefined;
  if (values['now'] !== undefined) {
    now = parseInstant(String(values['now'])) ?? undefined;
    if (now === undefined)
      throw new UsageError(`--now must be ISO 8601 with an offset, not "${String(values['now'])}"`);
  }
  const rawTimeout = values['link-timeout'];
  const seconds = rawTimeout === undefined ? 10 : Number(rawTimeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
    throw new UsageError('--link-timeout must be a whole number of seconds from 1 to 120');
  }
  return { format, out, now, offline: values['offline'] === true, linkTimeoutMs: seconds * 1000 };
}

/** What the command measures outside the database, replaceable in tests (no network there). */
export interface InspectProbes {
  readonly resolveAaaa?: ((host: string) => Promise<readonly string[]>) | null;
  /** The distribution targets' state (default: read from the installation's distribute.json and journal). */
  readonly distribution?: (() => Promise<readonly DistributionTargetState[] | null>) | null;
  readonly links?: ((base: string, sameSite: readonly string[]) => Promise<LinkReport>) | null;
}

const DNS_TIMEOUT_MS = 5_000;

async function resolveAaaa(host: string): Promise<readonly string[]> {
  const resolver = new dnsPromises.Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
  return resolver.resolve6(host);
}

/**
 * The inspection of one site with everything this process can measure: the site served for the occasion on a
 * loopback port (no views counted) for the link check, pages read through the server as the public sees them,
 * the AAAA record, the static output against its manifest when the installation publishes one.
 */
export async function inspectWithServer(
  gazette: Gazette,
  site: Site,
  options: Pick<InspectCliOptions, 'now' | 'offline' | 'linkTimeoutMs'>,
  probes: InspectProbes = {},
): Promise<InspectionReport> {
  const server = await createHttpServer(gazette, { countViews: false, shedLoad: false });
  try {
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('no loopback address to serve');
    const host = site.hosts[0] ?? new URL(site.baseUrl).host;
    const sites = await gazette.deps.store.sites.list();
    const inputs: {
      -readonly [K in keyof InspectionInputs]: InspectionInputs[K];
    } = {
      fetchPage: async (path) => {
        const response = await server.inject({ method: 'GET', url: path, headers: { host } });
        return { status: response.statusCode, html: response.body };
      },
      resolveAaaa:
        probes.resolveAaaa !== undefined ? probes.resolveAaaa : options.offline ? null : resolveAaaa,
    };
    // The loopback address answers as the first site; other sites' links are checked on their own addresses.
    if (sites[0]?.id === site.id) {
      const base = `http://127.0.0.1:${address.port}/`;
      const sameSite = [site.baseUrl, ...site.hosts.flatMap((h) => [`https://${h}`, `http://${h}`])];
      const report = probes.links
        ? await probes.links(base, sameSite)
        : await checkLinks({
            base,
            sameSite,
            external: !options.offline,
            timeoutMs: options.linkTimeoutMs,
            concurrency: 8,
            maxPages: 20_000,
          });
      inputs.deadLinks = report.problems;
    }
    const dir = gazette.config.publishDir;
    if (dir && existsSync(dir)) {
      try {
        const verified = verifyOutput(dir);
        inputs.tampered = { changed: verified.changed, missing: verified.missing, added: verified.added };
      } catch {
        inputs.tampered = null;
      }
    }
    inputs.distribution = await (probes.distribution ?? distributionReader(gazette, options.now))();
    return await inspectSite(gazette.deps, systemPrincipal('inspect'), site.id, inputs, options.now);
  } finally {
    await server.close();
  }
}

const STATUS_ZH = { ok: '正常', 'at-risk': '预警', failed: '否决' } as const;
const VERDICT_ZH = { pass: '合格', 'at-risk': '有风险', fail: '不合格' } as const;

const day = (iso: string | null): string => (iso === null ? '—' : iso.slice(0, 10));

function evidenceLine(e: Readonly<Record<string, unknown>>): string {
  return Object.entries(e)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('  ');
}

/** The report for a person: verdict, vetoes with their dates, deductions, and the fixes worth most first. */
export function inspectionText(report: InspectionReport): string {
  const lines = [
    `${report.site.name} (${report.site.baseUrl})  checked ${report.checkedAt}`,
    `结论 verdict: ${VERDICT_ZH[report.verdict]} (${report.verdict})  得分 score: ${report.score}`,
    '',
    '单项否决 vetoes',
  ];
  for (const veto of report.vetoes) {
    const rule = VETO_RULES.find((r) => r.id === veto.id);
    lines.push(
      `  ${veto.id} [${STATUS_ZH[veto.status]}] ${veto.title}  failsOn: ${day(veto.failsOn)}`,
      `     来源: ${rule?.source.document ?? ''} ${rule?.source.clause ?? ''}${rule?.source.estimate ? '（估计）' : ''}`,
    );
    for (const e of veto.evidence.slice(0, 20)) lines.push(`     - ${evidenceLine(e)}`);
  }
  lines.push('', '扣分 deductions');
  if (report.deductions.length === 0) lines.push('  none');
  const byPoints = [...report.deductions].sort((a, b) => b.points - a.points);
  for (const d of byPoints) {
    const rule = DEDUCTION_RULES.find((r) => r.id === d.id);
    const group = DEDUCTION_GROUP_RULES.find((g) => g.group === rule?.group);
    lines.push(
      `  ${d.id} -${d.points} ${d.title}  [${group?.title ?? ''}] 来源: ${rule?.source.clause ?? ''}${rule?.source.estimate ? '（估计）' : ''}`,
    );
    for (const e of d.evidence.slice(0, 20)) lines.push(`     - ${evidenceLine(e)}`);
  }
  const fixes = [
    ...report.vetoes.filter((v) => v.status !== 'ok').map((v) => `${v.id} ${v.title}（避免单项否决）`),
    ...byPoints.map((d) => `${d.id} ${d.title}（+${d.points}分）`),
  ];
  lines.push('', '整改顺序 fixes, most saved first');
  fixes.forEach((fix, i) => lines.push(`  ${i + 1}. ${fix}`));
  return lines.join('\n');
}

/** The report as a workbook: vetoes, deductions, and where each rule comes from. */
export async function inspectionWorkbook(report: InspectionReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet('自查结论');
  summary.addRows([
    ['网站', report.site.name],
    ['地址', report.site.baseUrl],
    ['检查时间', report.checkedAt],
    ['结论', VERDICT_ZH[report.verdict]],
    ['得分', report.score],
  ]);
  const vetoes = workbook.addWorksheet('单项否决');
  vetoes.addRow(['编号', '状态', '指标', '否决日期', '证据']);
  for (const v of report.vetoes) {
    vetoes.addRow([
      v.id,
      STATUS_ZH[v.status],
      v.title,
      day(v.failsOn),
      v.evidence.map(evidenceLine).join('\n'),
    ]);
  }
  const deductions = workbook.addWorksheet('扣分');
  deductions.addRow(['编号', '扣分', '问题', '证据']);
  for (const d of report.deductions) {
    deductions.addRow([d.id, d.points, d.title, d.evidence.map(evidenceLine).join('\n')]);
  }
  const sources = workbook.addWorksheet('规则来源');
  sources.addRow(['编号', '规则', '来源文件', '条目', '是否估计']);
  for (const r of VETO_RULES)
    sources.addRow([r.id, r.title, r.source.document, r.source.clause, r.source.estimate ? '估计' : '原文']);
  for (const g of DEDUCTION_GROUP_RULES) {
    sources.addRow([
      g.group,
      `${g.title}（满分${g.weight}）`,
      g.source.document,
      g.source.clause,
      g.source.estimate ? '估计' : '原文',
    ]);
  }
  for (const r of DEDUCTION_RULES) {
    sources.addRow([
      r.id,
      `${r.title}：每${r.per}处扣${r.points}分，最多${r.cap}分`,
      r.source.document,
      r.source.clause,
      r.source.estimate ? '估计' : '原文',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `gazette inspect`: exit 0 pass, 1 at-risk or fail. */
export async function runInspect(gazette: Gazette, values: Values): Promise<number> {
  const options = inspectOptions(values);
  const site =
    (await siteOption(() => gazette.deps.store.sites.list(), values)) ??
    (await gazette.deps.store.sites.list())[0];
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', 'no site in this installation');
  const report = await inspectWithServer(gazette, site, options);
  if (options.format === 'xlsx') {
    await writeFile(options.out as string, await inspectionWorkbook(report));
    console.log(`Wrote ${options.out as string}: ${report.verdict}, score ${report.score}.`);
  } else {
    const text = options.format === 'json' ? JSON.stringify(report, null, 2) : inspectionText(report);
    if (options.out) await writeFile(options.out, `${text}\n`);
    else console.log(text);
  }
  return report.verdict === 'pass' ? 0 : 1;
}
