import { text as readStream } from 'node:stream/consumers';
import {
  addCheckTerm,
  CHECK_TERM_KINDS,
  type CheckTermKind,
  checkOptionsFor,
  deadLinksIn,
  listCheckTerms,
  policyFindings,
  removeCheckTerm,
  systemPrincipal,
  type Store,
} from '../app/index.js';
import { createHttpServer, type Gazette } from '../boot/index.js';
import { CONFIDENCE_LABELS, checkArticle, runChecks, type Finding } from '../check/index.js';
import { GazetteError } from '../core/index.js';
import { checkLinks, type LinkReport } from '../linkcheck/index.js';

import { listFormat, UsageError, type Values } from './command.js';
import { siteOption } from './site-commands.js';
export type CheckFormat = 'text' | 'json';

/** Reads `--format`; a bad value is a usage error (exit 2). */
export const checkFormat: (values: Values) => CheckFormat = listFormat;

const todayInShanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

function findingLine(finding: Finding): string {
  const where = `${finding.field}${finding.end > 0 ? ` ${finding.start}–${finding.end}` : ''}`;
  const fix = finding.suggestion === null ? '' : ` → ${finding.suggestion}`;
  return `  [${finding.severity} ${CONFIDENCE_LABELS[finding.confidence]}] ${finding.rule} (${where}): ${finding.message}${fix}`;
}

/** `gazette check --stdin`: checks a text; exit 1 when a block finding exists. */
export async function runCheckStdin(
  format: CheckFormat,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const text = await readStream(input);
  const findings = runChecks({ text }, undefined, { today: todayInShanghai(new Date().toISOString()) });
  if (format === 'json') {
    console.log(JSON.stringify({ findings }, null, 2));
  } else {
    console.log(findings.length === 0 ? 'No findings.' : findings.map(findingLine).join('\n'));
  }
  return findings.some((f) => f.severity === 'block') ? 1 : 0;
}

export interface ArticleReport {
  readonly siteId: number;
  readonly articleId: number;
  readonly title: string;
  readonly path: string | null;
  readonly findings: readonly Finding[];
}

export interface SiteCheckReport {
  readonly checked: number;
  readonly blocks: number;
  readonly warnings: number;
  /** Articles with at least one finding. */
  readonly articles: readonly ArticleReport[];
}

const PAGE = 200;

/** Checks every published article of every site, page by page through the store. */
export async function checkPublishedArticles(store: Store, now: string): Promise<SiteCheckReport> {
  const articles: ArticleReport[] = [];
  let checked = 0;
  for (const site of await store.sites.list()) {
    const kinds = new Map((await store.columns.listBySite(site.id)).map((c) => [c.id, c.kind]));
    const siteOptions = await checkOptionsFor(store, site, now);
    const total = await store.articles.countPublished({ siteId: site.id });
    for (let offset = 0; offset < total; offset += PAGE) {
      const rows = await store.articles.listPublished({ siteId: site.id }, PAGE, offset);
      for (const row of rows) {
        const article = await store.articles.get(row.id);
        if (!article) continue;
        checked++;
        // Dead internal links are looked up per article; the dictionary and names are read once per site.
        const deadLinks = await deadLinksIn(store, site, article.bodyHtml);
        const options = deadLinks.size > 0 ? { ...siteOptions, deadLinks } : siteOptions;
        const findings = [
          ...checkArticle(article, options, kinds.get(article.columnId)),
          ...(await policyFindings(store, article, now)),
        ];
        if (findings.length > 0) {
          articles.push({
            siteId: site.id,
            articleId: article.id,
            title: article.title,
            path: article.path,
            findings,
          });
        }
      }
    }
  }
  const all = articles.flatMap((a) => a.findings);
  const blocks = all.filter((f) => f.severity === 'block').length;
  return { checked, blocks, warnings: all.length - blocks, articles };
}

/** `gazette check site`: a report of every published article; exit 1 when a block finding exists. */
export async function runCheckSite(gazette: Gazette, format: CheckFormat): Promise<number> {
  const report = await checkPublishedArticles(gazette.deps.store, gazette.deps.clock.now());
  if (format === 'json') {
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const article of report.articles) {
      console.log(`#${article.articleId} ${article.title}${article.path ? `  ${article.path}` : ''}`);
      for (const finding of article.findings) console.log(findingLine(finding));
    }
    console.log(
      `Checked ${report.checked} published articles: ${report.blocks} blocking, ${report.warnings} warnings.`,
    );
  }
  return report.blocks > 0 ? 1 : 0;
}

export interface LinkCheckCliOptions {
  readonly base: string | undefined;
  readonly external: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxPages: number;
}

function positiveInt(values: Values, name: string, fallback: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < 1 || value > max) {
    throw new GazetteError('GZ_CONFIG_INVALID', `--${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/** Reads the options of `gazette check links`; a bad value is a usage error (exit 2). */
export function linkCheckOptions(values: Values): LinkCheckCliOptions {
  const base = values['base'];
  if (base !== undefined) {
    let url: URL | null;
    try {
      url = typeof base === 'string' ? new URL(base) : null;
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new GazetteError('GZ_CONFIG_INVALID', `--base must be an http(s) address, not "${String(base)}"`);
    }
  }
  return {
    base: typeof base === 'string' ? base : undefined,
    external: values['internal-only'] !== true,
    concurrency: positiveInt(values, 'concurrency', 8, 64),
    timeoutMs: positiveInt(values, 'timeout', 10, 300) * 1000,
    maxPages: positiveInt(values, 'max-pages', 50_000, 10_000_000),
  };
}

/** Prints a link report; exit 1 when a link is broken. */
export function printLinkReport(report: LinkReport, format: CheckFormat, base: string): number {
  if (format === 'json') {
    console.log(JSON.stringify({ base, ...report }, null, 2));
  } else {
    for (const problem of report.problems) {
      const status = problem.status === null ? '—' : String(problem.status);
      console.log(`[${problem.kind} ${status}] ${problem.url}  ${problem.reasonZh} / ${problem.reason}`);
      for (const page of problem.foundOn) console.log(`    ← ${page}`);
    }
    const truncated = report.truncated ? ' (stopped at --max-pages)' : '';
    console.log(
      `Crawled ${report.pagesCrawled} pages of ${base}${truncated}, checked ${report.linksChecked} links: ${report.problems.length} broken.`,
    );
  }
  return report.problems.length > 0 ? 1 : 0;
}

/**
 * `gazette check links`: crawls the site at `--base`, or this installation's own site served for the occasion
 * on a loopback port (views not counted), and checks every link and attachment.
 */
export async function runCheckLinks(
  gazette: Gazette | null,
  options: LinkCheckCliOptions,
  format: CheckFormat,
): Promise<number> {
  const settings = {
    external: options.external,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    maxPages: options.maxPages,
  };
  if (options.base !== undefined) {
    return printLinkReport(await checkLinks({ base: options.base, ...settings }), format, options.base);
  }
  if (!gazette) throw new GazetteError('GZ_CONFIG_INVALID', 'check links needs --base or a Gazette to serve');
  const server = await createHttpServer(gazette, { countViews: false, shedLoad: false });
  try {
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('no loopback address to crawl');
    const base = `http://127.0.0.1:${address.port}/`;
    // The pages name the site by its public domain (canonical links); those are checked on this copy.
    const sameSite = (await gazette.deps.store.sites.list()).flatMap((site) => [
      site.baseUrl,
      ...site.hosts.flatMap((host) => [`https://${host}`, `http://${host}`]),
    ]);
    return printLinkReport(await checkLinks({ base, sameSite, ...settings }), format, base);
  } finally {
    await server.close();
  }
}

/** `gazette check terms list|add|remove`: the site's own check dictionary, as the system actor (audited). */
export async function runCheckTerms(
  gazette: Gazette,
  action: string,
  values: Values,
  ids: readonly string[],
): Promise<number> {
  const deps = gazette.deps;
  const principal = systemPrincipal('cli check terms');
  const sites = () => deps.store.sites.list();
  // Without --site: the first site.
  const siteId = ((await siteOption(sites, values)) ?? (await sites())[0])?.id ?? 1;
  if (action === 'list') {
    const terms = await listCheckTerms(deps, principal, siteId);
    for (const t of terms) {
      const fix = t.canonical === null ? '' : ` → ${t.canonical}`;
      console.log(
        `${String(t.id).padStart(5)}  ${t.kind.padEnd(11)} ${t.term}${fix}${t.note ? `  (${t.note})` : ''}`,
      );
    }
    console.log(`${terms.length} entries in the check dictionary of site ${siteId}.`);
    return 0;
  }
  if (action === 'add') {
    const kind = values['kind'];
    if (!CHECK_TERM_KINDS.includes(kind as CheckTermKind)) {
      throw new UsageError(
        `--kind must be one of ${CHECK_TERM_KINDS.join(', ')}, not "${String(kind ?? '')}"`,
      );
    }
    if (typeof values['term'] !== 'string') throw new UsageError('add: --term TEXT is required');
    const term = await addCheckTerm(deps, principal, {
      siteId,
      kind: kind as CheckTermKind,
      term: values['term'],
      canonical: typeof values['canonical'] === 'string' ? values['canonical'] : null,
      note: typeof values['note'] === 'string' ? values['note'] : '',
    });
    console.log(
      `Added #${term.id}: ${term.kind} ${term.term}${term.canonical ? ` → ${term.canonical}` : ''}`,
    );
    return 0;
  }
  if (action === 'remove') {
    if (ids.length === 0) throw new GazetteError('GZ_CONFIG_INVALID', 'remove: give the id of each entry');
    for (const raw of ids) {
      if (!/^\d+$/.test(raw)) throw new GazetteError('GZ_CONFIG_INVALID', `not an entry id: "${raw}"`);
      await removeCheckTerm(deps, principal, Number(raw));
      console.log(`Removed #${raw}.`);
    }
    return 0;
  }
  throw new GazetteError(
    'GZ_CONFIG_INVALID',
    `check terms: unknown action "${action}" (list, add or remove)`,
  );
}
