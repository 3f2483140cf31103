import { writeFile } from 'node:fs/promises';
import { buildXxgkReport, systemPrincipal, xxgkReportWorkbook } from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { siteOption } from './site-commands.js';
import { COMMON_OPTIONS, UsageError, withGazette, type Command, type Values } from './command.js';

/**
 * `gazette report xxgk --year YYYY [--site SITE] [--out FILE]`: the annual report on government information
 * disclosure in the national format as .xlsx (the tables Gazette counts, and what the office wrote in the admin).
 */
export async function runXxgkReport(gazette: Gazette, values: Values): Promise<number> {
  const year = Number(values['year']);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    throw new UsageError('--year YYYY: the year of the report, e.g. --year 2026');
  }
  const named = await siteOption(() => gazette.deps.store.sites.list(), values);
  const site = named ?? (await gazette.deps.store.sites.list())[0];
  if (!site) throw new UsageError('no site yet: create one first (gazette site create)');
  const report = await buildXxgkReport(gazette.deps, systemPrincipal('report xxgk'), site.id, year);
  const out = typeof values['out'] === 'string' ? values['out'] : `xxgk-report-${site.slug}-${year}.xlsx`;
  await writeFile(out, await xxgkReportWorkbook(report));
  const total = (label: string) =>
    report.requests.rows.find((r) => r.label.startsWith(label))?.values.at(-1) ?? 0;
  console.log(`${report.siteName} ${year}: wrote ${out}`);
  console.log(
    `依申请公开: 新收 ${total('一、')}, 上年结转 ${total('二、')}, 办结 ${total('（七）')}, 结转下年度 ${total('四、')}`,
  );
  const { rule, normative } = report.active;
  console.log(
    `主动公开: 规章 制发 ${rule.issued} / 废止 ${rule.repealed} / 现行有效 ${rule.inForce}; 行政规范性文件 制发 ${normative.issued} / 废止 ${normative.repealed} / 现行有效 ${normative.inForce}`,
  );
  return 0;
}

/** `gazette report …`: the yearly reports an installation owes. */
export const reportCommands: Readonly<Record<string, Command>> = {
  'report xxgk': {
    summary: 'the annual report on government information disclosure (政府信息公开工作年度报告) as .xlsx',
    usage: 'gazette report xxgk --year YYYY [--site SITE] [--out FILE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      year: { type: 'string' },
      site: { type: 'string' },
      out: { type: 'string', short: 'o' },
    },
    async run(values) {
      return withGazette(values, (gazette) => runXxgkReport(gazette, values));
    },
  },
};
