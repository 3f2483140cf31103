import { text as readStream } from 'node:stream/consumers';
import type { Store } from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { CONFIDENCE_LABELS, checkArticle, runChecks, type Finding } from '../check/index.js';
import { GazetteError } from '../core/index.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;
export type CheckFormat = 'text' | 'json';

/** Reads `--format`; a bad value is a usage error (exit 2). */
export function checkFormat(values: Values): CheckFormat {
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new GazetteError('GZ_CONFIG_INVALID', `--format must be text or json, not "${String(format)}"`);
  }
  return format;
}

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
  const today = todayInShanghai(now);
  const articles: ArticleReport[] = [];
  let checked = 0;
  for (const site of await store.sites.list()) {
    const kinds = new Map((await store.columns.listBySite(site.id)).map((c) => [c.id, c.kind]));
    const options = { today, ownSources: [site.name, site.sponsor.name] };
    const total = await store.articles.countPublished({ siteId: site.id });
    for (let offset = 0; offset < total; offset += PAGE) {
      const rows = await store.articles.listPublished({ siteId: site.id }, PAGE, offset);
      for (const row of rows) {
        const article = await store.articles.get(row.id);
        if (!article) continue;
        checked++;
        const findings = checkArticle(article, options, kinds.get(article.columnId));
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
