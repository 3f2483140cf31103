import { VALIDITIES, type Validity } from '../core/index.js';
import { MAX_RANKED, parseQuery } from '../search/index.js';
import type { AppDeps } from './deps.js';
import type { CatalogueFacet, CatalogueRow, FacetCount } from './ports-policy.js';

/** Rows of a catalogue page (the 条例's 检索、查阅、下载: 20 a page). */
export const CATALOGUE_PAGE_SIZE = 20;

/** What a reader may filter the catalogue by; anything else in a request is ignored. */
export interface CatalogueRequest {
  readonly q?: string;
  readonly theme?: string;
  readonly issuer?: string;
  readonly genre?: string;
  readonly year?: number;
  readonly validity?: Validity;
  readonly order?: 'newest' | 'oldest';
  readonly page?: number;
}

export interface CatalogueResult {
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly rows: readonly CatalogueRow[];
}

/** Reads a catalogue request from a query string's values, dropping what is malformed. */
export function catalogueRequest(raw: Readonly<Record<string, unknown>>): CatalogueRequest {
  const text = (key: string, max: number): string | undefined => {
    const value = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key];
    if (typeof value !== 'string') return undefined;
    const clean = value
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, max);
    return clean === '' ? undefined : clean;
  };
  const year = Number(text('year', 4));
  const page = Number.parseInt(text('page', 6) ?? '1', 10);
  const validity = text('validity', 16);
  const q = text('q', 100);
  const theme = text('theme', 128);
  const issuer = text('issuer', 128);
  const genre = text('genre', 32);
  return {
    ...(q ? { q } : {}),
    ...(theme ? { theme } : {}),
    ...(issuer ? { issuer } : {}),
    ...(genre ? { genre } : {}),
    ...(Number.isInteger(year) && year >= 1949 && year <= 2200 ? { year } : {}),
    ...(validity && (VALIDITIES as readonly string[]).includes(validity)
      ? { validity: validity as Validity }
      : {}),
    order: text('order', 8) === 'oldest' ? 'oldest' : 'newest',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
  };
}

/**
 * Article ids matching a full-text query in the site search (the catalogue's 检索), the newest first: the
 * catalogue lists by date, so the search need not rank by relevance (which reads every term's positions).
 */
async function searchIds(deps: AppDeps, siteId: number, q: string): Promise<number[]> {
  const analyzer = await deps.store.search.analyzer();
  const query = parseQuery(q, analyzer);
  if (query.include.length === 0) return [];
  const found = await deps.store.search.find({
    query,
    filter: { siteId },
    sort: 'date',
    anyTerm: false,
    limit: MAX_RANKED,
    offset: 0,
    now: deps.clock.now(),
  });
  return found.hits.map((h) => h.articleId);
}

/**
 * One page of the public catalogue: published, 主动公开 policy documents of the site matching every filter,
 * newest 发布日期 first (or oldest); `pageSize` null gives every row (the CSV download).
 */
export async function readCatalogue(
  deps: AppDeps,
  siteId: number,
  request: CatalogueRequest,
  pageSize: number | null = CATALOGUE_PAGE_SIZE,
): Promise<CatalogueResult> {
  const articleIds = request.q ? await searchIds(deps, siteId, request.q) : undefined;
  const size = pageSize ?? 1_000_000;
  const page = pageSize === null ? 1 : (request.page ?? 1);
  const { total, rows } = await deps.store.policies.catalogue({
    siteId,
    ...(request.theme ? { theme: request.theme } : {}),
    ...(request.issuer ? { issuer: request.issuer } : {}),
    ...(request.genre ? { genre: request.genre } : {}),
    ...(request.year ? { year: request.year } : {}),
    ...(request.validity ? { validity: request.validity } : {}),
    ...(articleIds ? { articleIds } : {}),
    order: request.order ?? 'newest',
    limit: size,
    offset: (page - 1) * size,
  });
  return { total, page, pages: Math.max(1, Math.ceil(total / size)), rows };
}

export const catalogueFacets = (
  deps: AppDeps,
  siteId: number,
  facet: CatalogueFacet,
): Promise<FacetCount[]> => deps.store.policies.facetCounts(siteId, facet);

/** The JSON shape of one catalogue row (`GET /api/xxgk/documents`). */
export interface CatalogueJsonRow {
  readonly url: string;
  readonly title: string;
  readonly indexNumber: string;
  readonly documentNumber: string;
  readonly issuers: readonly string[];
  readonly writtenAt: string | null;
  readonly publishedAt: string | null;
  readonly validity: Validity;
  readonly themes: readonly string[];
}

export const catalogueJsonRow = (baseUrl: string, row: CatalogueRow): CatalogueJsonRow => ({
  url: `${baseUrl}${row.path}`,
  title: row.title,
  indexNumber: row.indexNumber,
  documentNumber: row.documentNumber,
  issuers: row.issuers,
  writtenAt: row.writtenAt,
  publishedAt: row.publishedAt,
  validity: row.validity,
  themes: row.themes,
});

const CSV_HEADER = [
  '索引号',
  '标题',
  '发文字号',
  '发文机关',
  '主题分类',
  '成文日期',
  '发布日期',
  '有效性',
  '网址',
];

function csvCell(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The catalogue rows as CSV, UTF-8 with a byte order mark so that Excel opens it as UTF-8. */
export function catalogueCsv(
  baseUrl: string,
  rows: readonly CatalogueRow[],
  labels: Readonly<Record<Validity, string>>,
): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.indexNumber,
        row.title,
        row.documentNumber,
        row.issuers.join('、'),
        row.themes.join('；'),
        row.writtenAt ?? '',
        row.publishedAt ?? '',
        labels[row.validity],
        `${baseUrl}${row.path}`,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
