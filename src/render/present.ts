import type {
  ArticleData,
  ArticleListItem,
  HomeData,
  ListData,
  SearchOutcome,
  SeriesData,
  SiteContext,
  SitemapData,
} from '../app/index.js';
import { DISCLOSURE_SECTION_SLUG, MAX_QUERY_CHARS, totalText } from '../app/index.js';
import {
  buildColumnTree,
  clipText,
  formatSize,
  COLUMN_KIND_LABELS,
  columnTrail,
  formatDate,
  formatPublished,
  formatIsoShanghai,
  ICP_FILING_URL,
  memberAnchor,
  pageLinks,
  htmlToLine,
  policeRecordUrl,
  seriesPath,
  shanghaiParts,
  tagProblem,
  type Article,
  type Column,
  type ColumnNode,
  type Pagination,
  type PortalSettings,
} from '../core/index.js';
import { responsiveBodyImages, responsiveImage } from '../media/index.js';
import { displayView, wrapTables } from './display.js';
import { breakHintedHtml } from './line-breaks.js';
import { interpretationViews, policyMeta, presentPolicy } from './present-policy.js';
import { qrSvg } from './qr-svg.js';
import type { RenderPreferences } from './preferences.js';
import type { Theme } from './theme.js';
import type {
  ArticlePage,
  ArticleRowView,
  AttachmentView,
  ColumnPage,
  DisplayView,
  ErrorPage,
  HomePage,
  InteractionView,
  LinkView,
  MetaTag,
  NavItemView,
  PageHead,
  PageView,
  PaginationView,
  SeriesPage,
  SitemapNodeView,
  SitemapPage,
  SearchPage,
  SectionPage,
  SearchQuery,
  SiteView,
  TagPage,
} from './view-models.js';

/** Everything a presenter needs besides the page's own data. */
export interface PresentContext {
  readonly ctx: SiteContext;
  readonly theme: Theme;
  readonly now: string;
  /** Path of the page being rendered, for canonical URLs and `current` navigation. */
  readonly path: string;
  /** The reader's display preferences (see `readRenderPreferences`); the defaults when absent. */
  readonly preferences?: RenderPreferences;
}

/** The display part of a page (see `displayView`); the preference links come back to `pc.path`. */
export function pageDisplay(pc: PresentContext, template: PageView['template']): DisplayView {
  return displayView({
    theme: pc.theme,
    template,
    path: pc.path,
    preferences: pc.preferences,
    mourning: pc.ctx.site.mourning,
  });
}

const ACCOUNT_LABELS: Readonly<Record<string, string>> = {
  wechat: '微信公众号',
  weibo: '政务微博',
  app: '移动客户端',
  other: '新媒体',
};

export function columnUrl(column: Pick<Column, 'path' | 'kind' | 'linkUrl'>): string {
  return column.kind === 'link' && column.linkUrl ? column.linkUrl : `/${column.path}/`;
}

export function tagUrl(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}/`;
}

/** The article's tags that can be linked: one stored before tags were checked (`..`, say) is left out. */
const linkableTags = (article: Pick<Article, 'tags'>): string[] =>
  article.tags.filter((tag) => tagProblem(tag) === null);

/** Page n of a list whose first page lives at `base` (ending in '/'). */
export function listPageUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** A link column that leaves the site (an http(s) address), not one naming a path of the site itself. */
function isExternalColumn(column: Pick<Column, 'kind' | 'linkUrl'>): boolean {
  return column.kind === 'link' && /^https?:\/\//i.test(column.linkUrl ?? '');
}

function navItems(nodes: readonly ColumnNode[], currentIds: ReadonlySet<number>): NavItemView[] {
  return nodes.map((node) => ({
    name: node.name,
    url: columnUrl(node),
    current: currentIds.has(node.id),
    external: isExternalColumn(node),
    children: navItems(node.children, currentIds),
  }));
}

/**
 * Site views kept per site context and theme: the column tree and the navigation were built anew for every
 * page, from a context that is kept between requests and replaced, never changed, when the site or its
 * columns change (src/app/site-contexts.ts), and a theme whose assets are fixed when it is loaded
 * (presenting an article: 41 vs 8 µs with 15 columns). A kept view is shared by every page of its
 * context, so it is frozen.
 */
const keptSiteViews = new WeakMap<SiteContext, WeakMap<Theme, Map<string, SiteView>>>();

function siteView(pc: PresentContext, currentColumnId: number | null): SiteView {
  const currentYear = shanghaiParts(pc.now).year;
  let byTheme = keptSiteViews.get(pc.ctx);
  if (!byTheme) keptSiteViews.set(pc.ctx, (byTheme = new WeakMap<Theme, Map<string, SiteView>>()));
  let views = byTheme.get(pc.theme);
  if (!views) byTheme.set(pc.theme, (views = new Map<string, SiteView>()));
  const key = `${currentColumnId ?? ''}:${currentYear}`;
  let view = views.get(key);
  if (!view) {
    view = deepFreeze(buildSiteView(pc.ctx, pc.theme, currentColumnId, currentYear));
    views.set(key, view);
  }
  return view;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function buildSiteView(
  ctx: SiteContext,
  theme: Theme,
  currentColumnId: number | null,
  currentYear: number,
): SiteView {
  const { site, columns } = ctx;
  const current = new Set(
    currentColumnId === null ? [] : columnTrail(columns, currentColumnId).map((c) => c.id),
  );
  return {
    name: site.name,
    baseUrl: site.baseUrl,
    domain: new URL(site.baseUrl).host,
    sponsorName: site.sponsor.name,
    partyMark:
      site.portal.partyMarkUrl === ''
        ? null
        : { url: site.portal.partyMarkUrl, badgeUrl: site.portal.partyMarkBadgeUrl },
    sponsorAddress: site.sponsor.address,
    sponsorAddressHtml: breakHintedHtml(site.sponsor.address),
    sponsorEmailHtml: breakHintedHtml(site.sponsor.email),
    icpRecordHtml: breakHintedHtml(site.icpRecord),
    sponsorPhone: site.sponsor.phone,
    sponsorEmail: site.sponsor.email,
    sponsorPostcode: site.sponsor.postcode,
    siteCode: site.siteCode,
    icpRecord: site.icpRecord,
    icpUrl: ICP_FILING_URL,
    policeRecord: site.policeRecord,
    policeUrl: policeRecordUrl(site.policeRecordCode),
    footerNotice: site.footerNotice,
    accounts: site.accounts.map((a) => ({
      name: a.name,
      kindLabel: ACCOUNT_LABELS[a.kind] ?? '新媒体',
      qrUrl: a.qrUrl,
    })),
    nav: navItems(buildColumnTree(columns), current),
    cssUrl: theme.assetUrl('site.css'),
    printCssUrl: theme.assetUrl('print.css'),
    policeIconUrl: theme.assetUrl('police-badge.svg'),
    currentYear,
  };
}

function head(pc: PresentContext, title: string, description: string, extra: readonly MetaTag[]): PageHead {
  const { site } = pc.ctx;
  return {
    title: title === site.name ? site.name : `${title} - ${site.name}`,
    description,
    canonicalUrl: `${site.baseUrl}${pc.path}`,
    meta: [
      { name: 'SiteName', content: site.name },
      { name: 'SiteDomain', content: new URL(site.baseUrl).host },
      { name: 'SiteIDCode', content: site.siteCode },
      ...extra,
    ],
    // HTML allows one description meta (names are case-insensitive): a portal "Description" tag replaces it.
    hasDescriptionMeta: extra.some((tag) => tag.name.toLowerCase() === 'description'),
  };
}

function row(pc: PresentContext, item: ArticleListItem): ArticleRowView {
  const column = pc.ctx.columns.find((c) => c.id === item.columnId);
  return {
    title: item.title,
    url: item.path,
    dateText: formatDate(item.publishedAt),
    dateIso: formatIsoShanghai(item.publishedAt),
    summary: item.summary,
    source: item.source,
    columnName: column?.name ?? '',
    columnUrl: column ? columnUrl(column) : '/',
  };
}

function paginationView(base: string, p: Pagination): PaginationView {
  return {
    page: p.page,
    pages: p.pages,
    total: p.total,
    prevUrl: p.page > 1 ? listPageUrl(base, p.page - 1) : null,
    nextUrl: p.page < p.pages ? listPageUrl(base, p.page + 1) : null,
    firstUrl: listPageUrl(base, 1),
    lastUrl: listPageUrl(base, p.pages),
    links: pageLinks(p.page, p.pages).map((link) =>
      link.kind === 'gap'
        ? { kind: 'gap', page: 0, url: '', current: false }
        : { kind: 'page', page: link.page, url: listPageUrl(base, link.page), current: link.current },
    ),
  };
}

function trailLinks(columns: readonly Column[], columnId: number): LinkView[] {
  return columnTrail(columns, columnId).map((c) => ({ name: c.name, url: columnUrl(c) }));
}

const HOME: LinkView = { name: '首页', url: '/' };

export function presentHome(pc: PresentContext, data: HomeData): HomePage {
  const { site } = pc.ctx;
  const block = (b: HomeData['sections'][number]) => ({
    name: b.column.name,
    url: columnUrl(b.column),
    articles: b.items.map((item) => row(pc, item)),
  });
  const featured = data.featuredSeries;
  return {
    template: 'home',
    display: pageDisplay(pc, 'home'),
    site: siteView(pc, null),
    head: head(pc, site.name, `${site.name}门户网站`, []),
    breadcrumb: [HOME],
    headlines: data.headlines.map((item) => row(pc, item)),
    notices: data.notices ? block(data.notices) : null,
    featuredSeries:
      featured && featured.series.publishedAt
        ? {
            title: featured.series.title,
            label: featured.series.label,
            url: seriesPath(featured.series.slug),
            dateText: formatDate(featured.series.publishedAt),
            dateIso: formatIsoShanghai(featured.series.publishedAt),
            leadText: htmlToLine(featured.series.leadHtml),
            members: featured.members.map((m, i) => ({
              name: m.title,
              url: `${seriesPath(featured.series.slug)}#${memberAnchor(i + 1)}`,
            })),
          }
        : null,
    sections: data.sections.map(block),
    pictures: data.pictures.map((item) => ({
      title: item.title,
      url: item.path,
      dateText: formatDate(item.publishedAt),
      dateIso: formatIsoShanghai(item.publishedAt),
      imageUrl: item.coverUrl,
      alt: item.coverAlt,
      image: responsiveImage(item.coverUrl),
    })),
    services: site.portal.services.map((s) => ({ name: s.name, url: s.url })),
    interaction: interactionView(site.portal),
  };
}

function interactionView(portal: PortalSettings): InteractionView | null {
  if (portal.mailboxUrl === '' && portal.hotline === '' && portal.errorReportUrl === '') return null;
  return {
    mailboxUrl: portal.mailboxUrl,
    hotline: portal.hotline,
    hotlineTel: portal.hotline.replace(/\D/g, ''),
    errorReportUrl: portal.errorReportUrl,
    errorReportBadgeUrl: portal.errorReportUrl === '' ? null : portal.errorReportBadgeUrl,
  };
}

/** The 政府信息公开 专栏's own pages beside its columns (the catalogue and the request form). */
const DISCLOSURE_SERVICES: readonly NavItemView[] = [
  { name: '政府信息公开目录', url: '/xxgk/', current: false, external: false, children: [] },
  { name: '依申请公开（在线申请）', url: '/ysqgk/', current: false, external: false, children: [] },
];

export function presentColumn(pc: PresentContext, column: Column, data: ListData): ColumnPage {
  const { columns } = pc.ctx;
  const tree = buildColumnTree(columns);
  const trail = columnTrail(columns, column.id);
  const top = trail[0] ?? column;
  const findNode = (nodes: readonly ColumnNode[]): ColumnNode | undefined =>
    nodes.reduce<ColumnNode | undefined>(
      (found, n) => found ?? (n.id === top.id ? n : findNode(n.children)),
      undefined,
    );
  const topNode = findNode(tree);
  const current = new Set(trail.map((c) => c.id));
  const base = columnUrl(column);
  return {
    template: 'column',
    display: pageDisplay(pc, 'column'),
    site: siteView(pc, column.id),
    head: head(
      pc,
      data.pagination.page > 1 ? `${column.name}（第${data.pagination.page}页）` : column.name,
      column.description || column.name,
      [
        { name: 'ColumnName', content: column.name },
        { name: 'ColumnDescription', content: column.description },
        { name: 'ColumnKeywords', content: column.keywords },
        { name: 'ColumnType', content: COLUMN_KIND_LABELS[column.kind] },
      ],
    ),
    breadcrumb: [HOME, ...trailLinks(columns, column.id)],
    column: {
      name: column.name,
      url: base,
      kindLabel: COLUMN_KIND_LABELS[column.kind],
      description: column.description,
    },
    sideNav: {
      title: top.name,
      items: [
        // The 专栏's services that are not columns: the catalogue and the request form come first.
        ...(top.slug === DISCLOSURE_SECTION_SLUG && top.parentId === null ? DISCLOSURE_SERVICES : []),
        ...(topNode && topNode.children.length > 0
          ? navItems(topNode.children, current)
          : navItems(topNode ? [topNode] : [], current)),
      ],
    },
    articles: data.items.map((item) => row(pc, item)),
    pagination: paginationView(base, data.pagination),
  };
}

const MIME_LABELS: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'text/csv': 'CSV',
  'application/msword': 'DOC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/ofd': 'OFD',
  'application/zip': 'ZIP',
};

function attachmentView(a: Article['attachments'][number]): AttachmentView {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(a.name)?.[1]?.toUpperCase();
  return {
    name: a.name,
    url: a.url,
    typeLabel: MIME_LABELS[a.mime] ?? ext ?? '文件',
    sizeText: formatSize(a.size),
  };
}

export function presentArticle(
  pc: PresentContext,
  data: Extract<ArticleData, { kind: 'published' }>,
): ArticlePage {
  const { article, column } = data;
  const publishedAt = article.publishedAt ?? pc.now;
  const description = article.summary || clipText(htmlToLine(article.bodyHtml), 120);
  const url = `${pc.ctx.site.baseUrl}${article.path ?? pc.path}`;
  return {
    template: 'article',
    display: pageDisplay(pc, 'article'),
    site: siteView(pc, column.id),
    head: head(
      pc,
      article.title,
      description,
      policyMeta(
        [
          { name: 'ColumnName', content: column.name },
          { name: 'ColumnType', content: COLUMN_KIND_LABELS[column.kind] },
          { name: 'ArticleTitle', content: article.title },
          { name: 'PubDate', content: formatPublished(publishedAt, article.publishedPrecision) },
          { name: 'ContentSource', content: article.source },
          { name: 'Keywords', content: linkableTags(article).join(',') },
          { name: 'Author', content: article.author },
          { name: 'Description', content: description },
          { name: 'Image', content: article.coverUrl },
          { name: 'Url', content: url },
        ],
        data.policy.policy,
      ),
    ),
    breadcrumb: [
      HOME,
      ...trailLinks(pc.ctx.columns, column.id),
      { name: '正文', url: article.path ?? pc.path },
    ],
    article: {
      title: article.title,
      kicker: article.kicker,
      subtitle: article.subtitle,
      summary: article.summary,
      bodyHtml: responsiveBodyImages(wrapTables(article.bodyHtml)),
      source: article.source,
      originalAuthor: article.originalAuthor,
      originalTitle: article.originalTitle,
      author: article.author,
      sourceHtml: breakHintedHtml(article.source),
      originalAuthorHtml: breakHintedHtml(article.originalAuthor),
      originalTitleHtml: breakHintedHtml(article.originalTitle),
      authorHtml: breakHintedHtml(article.author),
      editor: article.editor,
      dateText: formatDate(publishedAt),
      // A page imported with its day only shows the day, never a made-up "00:00".
      dateTimeText: formatPublished(publishedAt, article.publishedPrecision),
      dateIso:
        article.publishedPrecision === 'date' ? formatDate(publishedAt) : formatIsoShanghai(publishedAt),
      url: article.path ?? pc.path,
      coverUrl: article.coverUrl,
      coverAlt: article.coverAlt,
      coverImage: responsiveImage(article.coverUrl),
      showCoverInBody: article.showCoverInBody,
      viewCount: article.viewCount,
      viewCountShown: pc.ctx.site.portal.showViewCount,
      shareUrl: url,
      shareQrSvg: qrSvg(url, '本文二维码：用微信扫一扫，在手机上阅读和分享'),
      tags: linkableTags(article).map((tag) => ({ name: tag, url: tagUrl(tag) })),
      attachments: article.attachments.map(attachmentView),
    },
    column: { name: column.name, url: columnUrl(column) },
    prev: data.prev ? { name: data.prev.title, url: data.prev.path } : null,
    next: data.next ? { name: data.next.title, url: data.next.path } : null,
    series: data.series ? { name: data.series.title, url: seriesPath(data.series.slug) } : null,
    policy: presentPolicy(article, data.policy),
    interpretations: interpretationViews(data.policy.interpretations),
    explains: interpretationViews(data.policy.explains),
  };
}

export function presentSeries(pc: PresentContext, data: SeriesData): SeriesPage {
  const { series } = data;
  const publishedAt = series.publishedAt ?? pc.now;
  const column = series.columnId === null ? undefined : pc.ctx.columns.find((c) => c.id === series.columnId);
  const url = seriesPath(series.slug);
  return {
    template: 'series',
    display: pageDisplay(pc, 'series'),
    site: siteView(pc, column?.id ?? null),
    head: head(pc, series.title, clipText(htmlToLine(series.leadHtml), 120), [
      ...(column ? [{ name: 'ColumnName', content: column.name }] : []),
      { name: 'ArticleTitle', content: series.title },
      { name: 'PubDate', content: formatPublished(publishedAt, series.publishedPrecision) },
      { name: 'ContentSource', content: series.source },
      { name: 'Url', content: `${pc.ctx.site.baseUrl}${url}` },
    ]),
    breadcrumb: [HOME, ...(column ? trailLinks(pc.ctx.columns, column.id) : []), { name: series.title, url }],
    series: {
      title: series.title,
      label: series.label,
      leadHtml: wrapTables(series.leadHtml),
      source: series.source,
      sourceHtml: breakHintedHtml(series.source),
      editor: series.editor,
      dateText: formatDate(publishedAt),
      dateIso: formatIsoShanghai(publishedAt),
      url,
      members: data.members.map((m, i) => ({
        anchor: memberAnchor(i + 1),
        title: m.title,
        url: m.path ?? '',
        author: m.author,
        authorHtml: breakHintedHtml(m.author),
        bodyHtml: responsiveBodyImages(wrapTables(m.bodyHtml)),
      })),
    },
  };
}

export function presentTag(pc: PresentContext, tag: string, data: ListData): TagPage {
  const base = tagUrl(tag);
  return {
    template: 'tag',
    display: pageDisplay(pc, 'tag'),
    site: siteView(pc, null),
    head: head(pc, `标签：${tag}`, `标签“${tag}”下的信息`, [{ name: 'Keywords', content: tag }]),
    breadcrumb: [HOME, { name: `标签：${tag}`, url: base }],
    tag,
    articles: data.items.map((item) => row(pc, item)),
    pagination: paginationView(base, data.pagination),
  };
}

export function presentSitemap(pc: PresentContext, data: SitemapData): SitemapPage {
  const total = (node: ColumnNode): number =>
    (data.counts.get(node.id) ?? 0) + node.children.reduce((sum, child) => sum + total(child), 0);
  const nodes = (list: readonly ColumnNode[]): SitemapNodeView[] =>
    list.map((node) => ({
      name: node.name,
      url: columnUrl(node),
      kindLabel: COLUMN_KIND_LABELS[node.kind],
      count: total(node),
      external: isExternalColumn(node),
      children: nodes(node.children),
    }));
  return {
    template: 'sitemap',
    display: pageDisplay(pc, 'sitemap'),
    site: siteView(pc, null),
    head: head(pc, '网站地图', `${pc.ctx.site.name}网站地图`, []),
    breadcrumb: [HOME, { name: '网站地图', url: '/sitemap.html' }],
    columns: nodes(buildColumnTree(pc.ctx.columns)),
    series: data.series.map((s) => ({ name: s.title, url: seriesPath(s.slug) })),
  };
}

const ERROR_TEXT: Readonly<Record<ErrorPage['status'], { heading: string; message: string }>> = {
  400: { heading: '请求有误', message: '您访问的地址格式不正确，请检查后重试。' },
  404: { heading: '页面不存在', message: '您访问的页面不存在或已调整，请通过首页或网站地图查找所需信息。' },
  410: { heading: '信息已撤下', message: '您访问的信息已依规撤下，不再公开。' },
  500: { heading: '服务暂时不可用', message: '服务器处理请求时出错，请稍后再试。' },
  503: { heading: '服务繁忙', message: '当前访问量较大，请稍后再试。' },
};

export function presentError(
  pc: PresentContext,
  status: ErrorPage['status'],
  withdrawn: Article | null = null,
): ErrorPage {
  const text = ERROR_TEXT[status];
  return {
    template: 'error',
    display: pageDisplay(pc, 'error'),
    site: siteView(pc, null),
    head: { ...head(pc, text.heading, text.message, []), canonicalUrl: `${pc.ctx.site.baseUrl}${pc.path}` },
    breadcrumb: [HOME, { name: text.heading, url: pc.path }],
    status,
    heading: text.heading,
    message: text.message,
    withdrawn:
      withdrawn && withdrawn.publishedAt
        ? {
            title: withdrawn.title,
            dateText: formatDate(withdrawn.publishedAt),
            reason: withdrawn.withdrawnReason,
          }
        : null,
  };
}

/**
 * The frame of a section page (互动交流, 依申请公开): site, head, display (with the form guard's script) and
 * breadcrumb; the route adds the section's own data under the key its template reads.
 */
export function presentSection(
  pc: PresentContext,
  section: {
    readonly template: SectionPage['template'];
    readonly title: string;
    readonly description: string;
    /** After 首页: the section, then the current page if it is not the section's own. */
    readonly breadcrumb: readonly LinkView[];
  },
): Omit<SectionPage, 'hudong' | 'disclosure'> {
  return {
    template: section.template,
    display: pageDisplay(pc, section.template),
    site: siteView(pc, null),
    head: head(pc, section.title, section.description, []),
    breadcrumb: [HOME, ...section.breadcrumb],
  };
}

/** The URL of the search page for `query` with `change` applied (another page, sort, suggestion). */
export function searchPageUrl(query: SearchQuery, change: Partial<SearchQuery> = {}): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  params.set('q', merged.q);
  if (merged.column) params.set('column', merged.column);
  if (merged.from) params.set('from', merged.from);
  if (merged.to) params.set('to', merged.to);
  if (merged.source) params.set('source', merged.source);
  if (merged.sort !== 'relevance') params.set('sort', merged.sort);
  if (merged.platform) params.set('scope', 'platform');
  if (merged.page > 1) params.set('page', String(merged.page));
  return `/search?${params.toString()}`;
}

/** Nothing asked yet: the empty form (the static build's search page, a visit without `q`). */
export const EMPTY_SEARCH_QUERY: SearchQuery = {
  q: '',
  truncated: false,
  column: '',
  from: '',
  to: '',
  source: '',
  sort: 'relevance',
  page: 1,
  platform: false,
};

export interface SearchPageInput {
  readonly query: SearchQuery;
  /** null: nothing searched (no query). */
  readonly outcome: SearchOutcome | null;
  /** Where the form sends the query; `/search` on this server by default. */
  readonly action?: string;
  /** false: no search server answers (a static build without one). */
  readonly available?: boolean;
}

/**
 * 站内搜索: the form with its filters and, after a search, the results; the same view for the server's
 * `/search` and the static build's `/search/index.html` (which sends the form to a search server, or says
 * there is none).
 */
export function presentSearch(pc: PresentContext, input: SearchPageInput): SearchPage {
  const { query, outcome } = input;
  const { site, columns } = pc.ctx;
  const title = query.q ? `搜索：${query.q}` : '站内搜索';
  const columnName = (columnId: number) => columns.find((c) => c.id === columnId)?.name ?? '';
  const page = outcome?.page ?? 1;
  const pages = outcome?.pages ?? 0;
  return {
    template: 'search',
    display: pageDisplay(pc, 'search'),
    site: siteView(pc, null),
    head: {
      ...head(pc, title, `${site.name}站内搜索`, []),
      canonicalUrl: `${site.baseUrl}/search`,
    },
    breadcrumb: [HOME, { name: '站内搜索', url: '/search' }],
    search: {
      action: input.action ?? '/search',
      available: input.available ?? true,
      q: query.q,
      truncated: query.truncated,
      maxQueryChars: MAX_QUERY_CHARS,
      searched: outcome !== null,
      query: outcome?.query ?? '',
      total: outcome?.total ?? 0,
      totalExact: outcome?.totalExact ?? true,
      totalText: outcome ? totalText(outcome) : '0',
      tookMs: outcome?.tookMs ?? 0,
      partial: outcome?.partial ?? false,
      interpretedAs: outcome?.interpretedAs ?? '',
      suggestions: (outcome?.suggestions ?? []).map((text) => ({
        text,
        url: searchPageUrl(query, { q: text, page: 1 }),
      })),
      results: (outcome?.results ?? []).map((r) => ({
        url: r.url,
        titleHtml: r.titleHtml,
        snippetHtml: r.snippetHtml,
        dateText: formatDate(r.publishedAt),
        dateIso: formatIsoShanghai(r.publishedAt),
        // Another site's column is not in this site's tree: its site's name says where the result is.
        columnName: r.siteId === site.id ? columnName(r.columnId) : '',
        source: r.source,
        siteName: r.siteName,
      })),
      page,
      pages,
      prevUrl: page > 1 ? searchPageUrl(query, { page: page - 1 }) : '',
      nextUrl: page < pages ? searchPageUrl(query, { page: page + 1 }) : '',
      sortByDateUrl: searchPageUrl(query, { sort: 'date', page: 1 }),
      sortByRelevanceUrl: searchPageUrl(query, { sort: 'relevance', page: 1 }),
      sort: query.sort,
      from: query.from,
      to: query.to,
      source: query.source,
      column: query.column,
      columns: columns
        .filter((c) => c.kind !== 'link' && c.kind !== 'page')
        .map((c) => ({
          value: c.path,
          name: c.name,
          selected: c.path === query.column || String(c.id) === query.column,
        })),
    },
  };
}
