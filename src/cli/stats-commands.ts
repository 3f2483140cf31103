import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  buildWebsiteReport,
  chinaDay,
  importAccessLog,
  publishWebsiteReport,
  readVisitStats,
  systemPrincipal,
  visitStatsCsv,
  websiteReportWorkbook,
} from '../app/index.js';
import type { Site } from '../core/index.js';
import type { Gazette } from '../boot/index.js';
import {
  COMMON_OPTIONS,
  formatOption,
  table,
  UsageError,
  withGazette,
  type Command,
  type CommandArgs,
  type Values,
} from './command.js';
import { siteOption } from './site-commands.js';

/** `gazette stats …`: the site's visit statistics, and the import of a web server's access log. */

const CLI = systemPrincipal('cli');

/** The site `--site` names, or the only site; several sites need `--site`. */
export async function oneSite(gazette: Gazette, values: Values): Promise<Site> {
  const sites = await gazette.deps.store.sites.list();
  const named = await siteOption(() => Promise.resolve(sites), values);
  if (named) return named;
  if (sites.length === 1) return sites[0] as Site;
  throw new UsageError(
    sites.length === 0
      ? 'no site yet: create one first (gazette site add)'
      : '--site SITE: this installation has several sites',
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOption(values: Values, name: string, fallback: string): string {
  const value = values[name] ?? fallback;
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--${name} YYYY-MM-DD, e.g. --${name} 2026-01-31 (not "${String(value)}")`);
  return value;
}

async function runStatsImportLog(values: Values, args: CommandArgs): Promise<number> {
  const file = args.positionals[0] as string;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`${file}: no such file`);
  return withGazette(values, async (gazette) => {
    const site = await oneSite(gazette, values);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    const result = await importAccessLog(gazette.deps, CLI, site.id, {
      digest: hash.digest('hex'),
      name: file,
      lines,
    });
    console.log(
      `${site.name}: ${result.lines} lines, ${result.pageViews} page views, ${result.searches} searches counted` +
        `; ${result.robots} robots, ${result.skipped} not pages, ${result.malformed} malformed` +
        (result.from ? `; ${result.from.slice(0, 10)} to ${result.to?.slice(0, 10) ?? ''}` : ''),
    );
    return 0;
  });
}

async function runStatsShow(values: Values): Promise<number> {
  const format = formatOption(values, ['text', 'json', 'csv']);
  return withGazette(values, async (gazette) => {
    const site = await oneSite(gazette, values);
    const today = chinaDay(Date.parse(gazette.deps.clock.now()));
    const to = dayOption(values, 'to', today);
    const from = dayOption(values, 'from', chinaDay(Date.parse(to) - 29 * 86_400_000));
    const limitText = values['top'] ?? '20';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--top N: 1 to 1000');
    const stats = await readVisitStats(gazette.deps, CLI, site.id, { from, to, limit });
    const text =
      format === 'csv'
        ? visitStatsCsv(stats)
        : format === 'json'
          ? `${JSON.stringify(stats, null, 2)}\n`
          : [
              `${site.name} ${from} – ${to}: ${stats.views} page views, ${stats.visitors} visitors (sum of daily uniques)`,
              '',
              table(
                ['page', 'views', 'visitors'],
                stats.pages.map((p) => [p.key, String(p.views), String(p.visitors)]),
              ),
              '',
              table(
                ['referrer', 'views'],
                stats.referrers.map((r) => [r.key, String(r.views)]),
              ),
              '',
              table(
                ['search term', 'searches', 'without results'],
                stats.searches.map((s) => [
                  s.key,
                  String(s.views),
                  String(stats.emptySearches.find((e) => e.key === s.key)?.views ?? 0),
                ]),
              ),
              '',
            ].join('\n');
    if (typeof values['out'] === 'string') {
      await writeFile(values['out'], text);
      console.log(`wrote ${values['out']}`);
    } else process.stdout.write(text);
    return 0;
  });
}

async function runWebsiteReport(values: Values): Promise<number> {
  const year = Number(values['year']);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UsageError('--year YYYY: the year of the report, e.g. --year 2026');
  const format = formatOption(values, ['xlsx', 'json']);
  return withGazette(values, async (gazette) => {
    const site = await oneSite(gazette, values);
    const report = await buildWebsiteReport(gazette.deps, CLI, site.id, year);
    const out =
      typeof values['out'] === 'string' ? values['out'] : `website-report-${site.slug}-${year}.${format}`;
    await writeFile(
      out,
      format === 'xlsx' ? await websiteReportWorkbook(report) : `${JSON.stringify(report, null, 2)}\n`,
    );
    const left = report.fields.filter((f) => f.value === null).length;
    console.log(
      `${site.name} ${year}: wrote ${out} (${report.fields.length - left} fields counted, ${left} for the office)`,
    );
    if (values['publish'] === true) {
      const published = await publishWebsiteReport(gazette.deps, CLI, site.id, year);
      console.log(
        published.published
          ? `published as article ${published.articleId} in the 年度报表 column`
          : `saved as draft ${published.articleId}: ${published.note ?? ''}`,
      );
    }
    return 0;
  });
}

export const statsCommands: Readonly<Record<string, Command>> = {
  'report website': {
    summary:
      'the annual website report (政府网站工作年度报表): the counted fields filled, .xlsx in the national layout',
    usage:
      'gazette report website --year YYYY [--site SITE] [--format xlsx|json] [--out FILE] [--publish] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      year: { type: 'string' },
      site: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      publish: { type: 'boolean' },
    },
    notes: [
      'Counted: visits, information published by kind, 专栏专题, 解读, letters, the self-check runs; the office fills the rest.',
      "--publish also publishes it as a page in the site's 年度报表 column (a draft when the column needs review).",
    ],
    run: (values) => runWebsiteReport(values),
  },
  'stats import-log': {
    summary:
      'count the page views of an nginx or Apache access log (combined format) into the visit statistics',
    usage: 'gazette stats import-log FILE [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    positionals: ['FILE'],
    notes: [
      'For a static build served by nginx, or a public node: the same counts as the server keeps for itself.',
      'GET answered 200 or 304, pages only (no assets, media, admin or API), robots left out.',
      'A file is imported once (its SHA-256 is kept); rotate logs and import each rotated file.',
    ],
    run: (values, args) => runStatsImportLog(values, args),
  },
  'stats show': {
    summary:
      'page views, daily unique visitors, top pages and columns, referrers and search terms of a period',
    usage:
      'gazette stats show [--site SITE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--top N] [--format text|json|csv] [--out FILE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      site: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      top: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    notes: [
      'The period defaults to the last 30 days (dates in China); visitors over a period are the sum of daily uniques.',
    ],
    run: (values) => runStatsShow(values),
  },
};
