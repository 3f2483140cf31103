import type { CatalogueRequest, CatalogueResult, FacetCount } from '../app/index.js';
import { VALIDITY_LABELS, VALIDITIES } from '../core/index.js';
import { presentError, type PresentContext } from './present.js';
import type { ErrorPage, LinkView, PageView } from './view-models.js';

/** The catalogue's root; browse pages live below it as folders (also in the static build). */
export const CATALOGUE_ROOT = '/xxgk/';

export type BrowseFacet = 'theme' | 'issuer' | 'genre' | 'year';

/** A browse page: the whole catalogue, or one value of one facet (a theme may have two levels). */
export interface CatalogueBrowse {
  readonly facet: BrowseFacet | null;
  readonly value: string;
}

/** A browse page's facet as a filter of the request (the query string adds search, 有效性 and order). */
export function withBrowse(request: CatalogueRequest, browse: CatalogueBrowse): CatalogueRequest {
  if (browse.facet === null) return request;
  if (browse.facet === 'year') return { ...request, year: Number(browse.value) };
  return { ...request, [browse.facet]: browse.value };
}

export const FACET_LABELS: Readonly<Record<BrowseFacet, string>> = {
  theme: '主题分类',
  issuer: '发文机关',
  genre: '体裁',
  year: '年份',
};

/** The folder of a browse page: `/xxgk/`, `/xxgk/theme/综合政务/政务公开/`, `/xxgk/year/2025/`. */
export function browsePath(browse: CatalogueBrowse): string {
  if (browse.facet === null) return CATALOGUE_ROOT;
  const parts = browse.value.split('/').map((p) => encodeURIComponent(p));
  return `${CATALOGUE_ROOT}${browse.facet}/${parts.join('/')}/`;
}

/**
 * Reads a path below `/xxgk/` (segments already decoded): the browse page, and the file asked for —
 * `index.html` or `index_N.html` (page N), or `documents.csv`. Null for anything else.
 */
export function parseCataloguePath(
  segments: readonly string[],
): { browse: CatalogueBrowse; page: number; csv: boolean } | null {
  const rest = [...segments];
  let page = 1;
  let csv = false;
  const last = rest.at(-1);
  if (last === 'documents.csv') {
    csv = true;
    rest.pop();
  } else if (last !== undefined && /^index(?:_(\d{1,6}))?\.html$/.test(last)) {
    page = Number(/_(\d+)/.exec(last)?.[1] ?? 1);
    rest.pop();
  }
  if (rest.length === 0) return { browse: { facet: null, value: '' }, page, csv };
  const [facet, ...value] = rest;
  if (facet !== 'theme' && facet !== 'issuer' && facet !== 'genre' && facet !== 'year') return null;
  if (value.length === 0 || value.length > (facet === 'theme' ? 2 : 1) || value.some((v) => v === ''))
    return null;
  if (facet === 'year' && !/^\d{4}$/.test(value[0] as string)) return null;
  return { browse: { facet, value: value.join('/') }, page, csv };
}

export interface CatalogueFacetsData {
  readonly theme: readonly FacetCount[];
  readonly issuer: readonly FacetCount[];
  readonly genre: readonly FacetCount[];
  readonly year: readonly FacetCount[];
}

interface FacetLinkView extends LinkView {
  readonly count: number;
  readonly current: boolean;
  readonly children: readonly FacetLinkView[];
}

export interface CatalogueRowView {
  readonly title: string;
  readonly url: string;
  readonly indexNumber: string;
  readonly documentNumber: string;
  readonly publishedAt: string;
  readonly validityLabel: string;
  readonly valid: boolean;
}

export interface CatalogueView {
  readonly heading: string;
  readonly action: string;
  readonly q: string;
  readonly order: string;
  readonly validities: readonly { value: string; label: string; selected: boolean }[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly rows: readonly CatalogueRowView[];
  readonly facets: readonly { readonly label: string; readonly links: readonly FacetLinkView[] }[];
  readonly csvUrl: string;
  readonly prevUrl: string;
  readonly nextUrl: string;
  /** Whether the reader asked for more than the browse page (search, 有效性, order): links keep the query. */
  readonly filtered: boolean;
}

/** The catalogue page (the view the `catalogue` template sees, on the error page's frame like search). */
export type CataloguePage = Omit<ErrorPage, 'template'> & { template: 'catalogue'; catalogue: CatalogueView };

function facetLinks(
  facet: BrowseFacet,
  counts: readonly FacetCount[],
  browse: CatalogueBrowse,
): FacetLinkView[] {
  const link = (
    value: string,
    name: string,
    count: number,
    children: FacetLinkView[] = [],
  ): FacetLinkView => ({
    name,
    url: browsePath({ facet, value }),
    count,
    current: browse.facet === facet && browse.value === value,
    children,
  });
  if (facet !== 'theme') return counts.map((c) => link(c.value, c.value, c.count));
  const top = counts.filter((c) => !c.value.includes('/'));
  return top.map((t) =>
    link(
      t.value,
      t.value,
      t.count,
      counts
        .filter((c) => c.value.startsWith(`${t.value}/`))
        .map((c) => link(c.value, c.value.slice(t.value.length + 1), c.count)),
    ),
  );
}

function queryOf(request: CatalogueRequest, page: number): string {
  const query = new URLSearchParams();
  if (request.q) query.set('q', request.q);
  if (request.validity) query.set('validity', request.validity);
  if (request.order === 'oldest') query.set('order', 'oldest');
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

export function presentCatalogue(
  pc: PresentContext,
  browse: CatalogueBrowse,
  request: CatalogueRequest,
  result: CatalogueResult,
  facets: CatalogueFacetsData,
): CataloguePage {
  const base = presentError(pc, 404);
  const folder = browsePath(browse);
  const heading =
    browse.facet === null ? '政府信息公开目录' : `${FACET_LABELS[browse.facet]}：${browse.value}`;
  const filtered = Boolean(request.q || request.validity || request.order === 'oldest');
  const pageUrl = (page: number) =>
    filtered ? `${folder}${queryOf(request, page)}` : page === 1 ? folder : `${folder}index_${page}.html`;
  const title = `${heading} - ${pc.ctx.site.name}`;
  return {
    ...base,
    template: 'catalogue',
    head: {
      ...base.head,
      title,
      description: `${pc.ctx.site.name}政府信息公开目录：按主题分类、发文机关、体裁、年份浏览和检索政策文件`,
      canonicalUrl: `${pc.ctx.site.baseUrl}${folder}`,
      meta: [...base.head.meta.slice(0, 3), { name: 'ColumnName', content: '政府信息公开目录' }],
    },
    breadcrumb: [
      { name: '首页', url: '/' },
      { name: '政府信息公开目录', url: CATALOGUE_ROOT },
      ...(browse.facet === null ? [] : [{ name: heading, url: folder }]),
    ],
    catalogue: {
      heading,
      action: folder,
      q: request.q ?? '',
      order: request.order ?? 'newest',
      validities: VALIDITIES.map((v) => ({
        value: v,
        label: VALIDITY_LABELS[v],
        selected: request.validity === v,
      })),
      total: result.total,
      page: result.page,
      pages: result.pages,
      rows: result.rows.map((r) => ({
        title: r.title,
        url: r.path,
        indexNumber: r.indexNumber,
        documentNumber: r.documentNumber,
        publishedAt: r.publishedAt ?? '',
        validityLabel: VALIDITY_LABELS[r.validity],
        valid: r.validity === 'valid',
      })),
      facets: (['theme', 'issuer', 'genre', 'year'] as const).map((f) => ({
        label: FACET_LABELS[f],
        links: facetLinks(f, facets[f], browse),
      })),
      csvUrl: `${folder}documents.csv${filtered ? queryOf(request, 1) : ''}`,
      prevUrl: result.page > 1 ? pageUrl(result.page - 1) : '',
      nextUrl: result.page < result.pages ? pageUrl(result.page + 1) : '',
      filtered,
    },
  };
}

/** The catalogue page as a page view for `theme.render` (the render layer does not list it among its pages). */
export const catalogueAsPage = (page: CataloguePage): PageView => page as unknown as PageView;
