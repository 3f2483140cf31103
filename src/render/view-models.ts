import type { InterpretationView, PolicyView } from './present-policy.js';
/**
 * What templates see. Every string is plain text (escaped by the engine) unless its name ends in `Html`,
 * which holds HTML sanitised before it was stored. Dates come preformatted in Asia/Shanghai.
 */

import type { ResponsiveImage } from '../media/index.js';

export interface LinkView {
  readonly name: string;
  readonly url: string;
}

export interface NavItemView extends LinkView {
  readonly current: boolean;
  /** True for a link column with an http(s) address: the URL leaves the site. */
  readonly external: boolean;
  readonly children: readonly NavItemView[];
}

export interface AccountView {
  readonly name: string;
  readonly kindLabel: string;
  readonly qrUrl: string | null;
}

export interface SiteView {
  readonly name: string;
  readonly baseUrl: string;
  /** Host part of baseUrl, for the SiteDomain meta tag. */
  readonly domain: string;
  readonly sponsorName: string;
  /** 党政机关网站标识 in the footer, for a site that holds it. */
  readonly partyMark: { readonly url: string; readonly badgeUrl: string | null } | null;
  readonly sponsorAddress: string;
  /** Footer values as HTML with `<wbr>` between words (see line-breaks.ts). */
  readonly sponsorAddressHtml: string;
  readonly sponsorEmailHtml: string;
  readonly icpRecordHtml: string;
  readonly sponsorPhone: string;
  readonly sponsorEmail: string;
  readonly sponsorPostcode: string;
  readonly siteCode: string;
  readonly icpRecord: string;
  readonly icpUrl: string;
  readonly policeRecord: string;
  readonly policeUrl: string;
  readonly footerNotice: string;
  readonly accounts: readonly AccountView[];
  readonly nav: readonly NavItemView[];
  /** URL of the stylesheet with its content hash. */
  readonly cssUrl: string;
  readonly printCssUrl: string;
  readonly policeIconUrl: string;
  readonly currentYear: number;
}

export interface MetaTag {
  readonly name: string;
  readonly content: string;
}

export interface PageHead {
  /** The <title>: page title and site name. */
  readonly title: string;
  readonly description: string;
  readonly canonicalUrl: string;
  /** Portal meta tags in order: SiteName, SiteDomain, SiteIDCode, then page-specific ones. */
  readonly meta: readonly MetaTag[];
  /** True when `meta` has its own description tag, so the generic one is left out. */
  readonly hasDescriptionMeta: boolean;
}

export interface ArticleRowView {
  readonly title: string;
  readonly url: string;
  readonly dateText: string;
  /** YYYY-MM-DDTHH:MM:SS+08:00 for <time datetime>. */
  readonly dateIso: string;
  readonly summary: string;
  readonly source: string;
  readonly columnName: string;
  readonly columnUrl: string;
}

export interface PageLinkView {
  readonly kind: 'page' | 'gap';
  readonly page: number;
  readonly url: string;
  readonly current: boolean;
}

export interface PaginationView {
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly prevUrl: string | null;
  readonly nextUrl: string | null;
  readonly firstUrl: string;
  readonly lastUrl: string;
  readonly links: readonly PageLinkView[];
  /** Static build only (src/publish/archive.ts): list pages numbered from the oldest; absent on the server. */
  readonly archive?: ArchivePagerView;
}

/** The static variant of the pager: links are newest first, 首页 is the list's base page, 尾页 page 1. */
export interface ArchivePagerView {
  /** 共 N 条, on the list's base page only (archive pages never change with the total); null elsewhere. */
  readonly total: number | null;
  /** The list's base page (newest items); null on it. */
  readonly newestUrl: string | null;
  /** Archive page 1 (the oldest items); null on it and when there is none. */
  readonly oldestUrl: string | null;
}

export interface FontSizeLinkView {
  /** 大, 中, 小 */
  readonly label: string;
  readonly url: string;
  readonly current: boolean;
}

/** How this reader sees the page: their preferences (cookies) and the site's mourning greyscale. */
export interface DisplayView {
  /** Classes for <html>: `elder`, `hc`, `fs-s`/`fs-l`, `mourning`; empty by default. */
  readonly htmlClass: string;
  readonly elder: boolean;
  readonly contrast: boolean;
  readonly mourning: boolean;
  /** Links that switch elder mode or high contrast the other way and come back to this page. */
  readonly elderToggleUrl: string;
  readonly contrastToggleUrl: string;
  readonly fontSizes: readonly FontSizeLinkView[];
  /** The read-aloud script, only where it is useful (article and series pages in elder mode); else ''. */
  readonly readAloudScriptUrl: string;
  /** Articles: 打印 opens the print dialog and 复制链接 copies (the page works without it). */
  readonly articleToolsScriptUrl: string;
  /** The anti-abuse guard's proof-of-work script, on pages with a public form; '' elsewhere. */
  readonly formGuardScriptUrl: string;
  readonly faviconUrl: string;
}

interface BasePage {
  readonly site: SiteView;
  readonly head: PageHead;
  readonly display: DisplayView;
  /** Root first; the last item is the current page (rendered without a link). */
  readonly breadcrumb: readonly LinkView[];
}

export interface SeriesCardView {
  readonly title: string;
  readonly label: string;
  readonly url: string;
  readonly dateText: string;
  readonly dateIso: string;
  readonly leadText: string;
  readonly members: readonly LinkView[];
}

export interface HomeSectionView {
  readonly name: string;
  readonly url: string;
  readonly articles: readonly ArticleRowView[];
}

export interface HomePage extends BasePage {
  readonly template: 'home';
  /** The newest articles of the news columns, first one as the lead story. */
  readonly headlines: readonly ArticleRowView[];
  readonly notices: HomeSectionView | null;
  readonly featuredSeries: SeriesCardView | null;
  /** One block per top-level column with content (latest items of the column and its children). */
  readonly sections: readonly HomeSectionView[];
  /** 图片新闻: the newest articles with a cover image, as a static strip. */
  readonly pictures: readonly PictureView[];
  /** 政务服务 entry tiles (site settings). */
  readonly services: readonly LinkView[];
  /** 互动交流 entries (site settings); null when the site has none. */
  readonly interaction: InteractionView | null;
}

export interface PictureView {
  readonly title: string;
  readonly url: string;
  readonly dateText: string;
  readonly dateIso: string;
  readonly imageUrl: string;
  readonly alt: string;
  /** Renditions of a library image; absent for other images. */
  readonly image?: ResponsiveImage | null;
}

export interface InteractionView {
  /** 领导信箱; empty when not offered. */
  readonly mailboxUrl: string;
  /** 12345 hotline as shown, and as a tel: link. */
  readonly hotline: string;
  readonly hotlineTel: string;
  /** 我为政府网站找错 and its badge image (null: a text link). */
  readonly errorReportUrl: string;
  readonly errorReportBadgeUrl: string | null;
}

export interface ColumnPage extends BasePage {
  readonly template: 'column';
  readonly column: {
    readonly name: string;
    readonly url: string;
    readonly kindLabel: string;
    readonly description: string;
  };
  /** Sibling columns (or children, for a parent column) for the side menu. */
  readonly sideNav: { readonly title: string; readonly items: readonly NavItemView[] };
  readonly articles: readonly ArticleRowView[];
  readonly pagination: PaginationView;
}

export interface AttachmentView {
  readonly name: string;
  readonly url: string;
  /** e.g. PDF, 12.3 KB */
  readonly typeLabel: string;
  readonly sizeText: string;
}

export interface ArticleView {
  readonly title: string;
  readonly kicker: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly source: string;
  readonly originalAuthor: string;
  readonly originalTitle: string;
  readonly author: string;
  /** The meta line's values as HTML with `<wbr>` between words (see line-breaks.ts). */
  readonly sourceHtml: string;
  readonly originalAuthorHtml: string;
  readonly originalTitleHtml: string;
  readonly authorHtml: string;
  readonly editor: string;
  readonly dateText: string;
  readonly dateTimeText: string;
  readonly dateIso: string;
  readonly url: string;
  readonly coverUrl: string;
  readonly coverAlt: string;
  /** Renditions of a library cover image (srcset, sizes, width/height); absent for other images. */
  readonly coverImage?: ResponsiveImage | null;
  /** The editor asked for the cover above the body too (it is otherwise for lists and the home page). */
  readonly showCoverInBody: boolean;
  readonly viewCount: number;
  /** The site shows 浏览次数 on articles. */
  readonly viewCountShown: boolean;
  /** The article's public address, and its QR code as inline SVG (分享: WeChat scans it). */
  readonly shareUrl: string;
  readonly shareQrSvg: string;
  readonly tags: readonly LinkView[];
  readonly attachments: readonly AttachmentView[];
}

export interface ArticlePage extends BasePage {
  readonly template: 'article';
  readonly article: ArticleView;
  readonly column: LinkView;
  readonly prev: LinkView | null;
  readonly next: LinkView | null;
  /** The series this article belongs to, if any. */
  readonly series: LinkView | null;
  /** Its policy-document metadata box, 有效性 notice and 落款; null for other articles. */
  readonly policy: PolicyView | null;
  /** 解读 of this document, and the documents this article explains. */
  readonly interpretations: readonly InterpretationView[];
  readonly explains: readonly InterpretationView[];
}

export interface SeriesMemberView {
  readonly anchor: string;
  readonly title: string;
  readonly url: string;
  readonly author: string;
  readonly authorHtml: string;
  readonly bodyHtml: string;
}

export interface SeriesPage extends BasePage {
  readonly template: 'series';
  readonly series: {
    readonly title: string;
    readonly label: string;
    readonly leadHtml: string;
    readonly source: string;
    readonly sourceHtml: string;
    readonly editor: string;
    readonly dateText: string;
    readonly dateIso: string;
    readonly url: string;
    readonly members: readonly SeriesMemberView[];
  };
}

export interface TagPage extends BasePage {
  readonly template: 'tag';
  readonly tag: string;
  readonly articles: readonly ArticleRowView[];
  readonly pagination: PaginationView;
}

export interface SitemapNodeView extends LinkView {
  readonly kindLabel: string;
  readonly count: number;
  readonly external: boolean;
  readonly children: readonly SitemapNodeView[];
}

export interface SitemapPage extends BasePage {
  readonly template: 'sitemap';
  readonly columns: readonly SitemapNodeView[];
  readonly series: readonly LinkView[];
}

export interface ErrorPage extends BasePage {
  readonly template: 'error';
  readonly status: 400 | 404 | 410 | 500 | 503;
  readonly heading: string;
  readonly message: string;
  /** For 410: the withdrawn item's title and date, kept as a record. */
  readonly withdrawn: { readonly title: string; readonly dateText: string; readonly reason: string } | null;
}

/** What a reader asked the search page for; anything malformed was dropped when it was read. */
export interface SearchQuery {
  /** The query, cut to the longest search takes. */
  readonly q: string;
  /** Whether the reader's query was longer and has been cut. */
  readonly truncated: boolean;
  readonly column: string;
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly sort: 'relevance' | 'date';
  readonly page: number;
  /** `scope=platform`: every site of the installation (集约化), not only the site of the host. */
  readonly platform: boolean;
}

export interface SearchResultView {
  readonly url: string;
  /** Highlighted with `<mark>`, everything else escaped. */
  readonly titleHtml: string;
  readonly snippetHtml: string;
  readonly dateText: string;
  readonly dateIso: string;
  readonly columnName: string;
  readonly source: string;
  /** The result's site on a platform-wide search ('' on a site's own search). */
  readonly siteName: string;
}

export interface SearchView {
  /** Where the form sends the query: this server's `/search`, or a search server's for a static build. */
  readonly action: string;
  /** false: a static build without a search server; the page says so and links the site map. */
  readonly available: boolean;
  readonly q: string;
  readonly truncated: boolean;
  readonly maxQueryChars: number;
  readonly searched: boolean;
  readonly query: string;
  readonly total: number;
  readonly totalExact: boolean;
  readonly totalText: string;
  readonly tookMs: number;
  readonly partial: boolean;
  readonly interpretedAs: string;
  readonly suggestions: readonly { readonly text: string; readonly url: string }[];
  readonly results: readonly SearchResultView[];
  readonly page: number;
  readonly pages: number;
  readonly prevUrl: string;
  readonly nextUrl: string;
  readonly sortByDateUrl: string;
  readonly sortByRelevanceUrl: string;
  readonly sort: SearchQuery['sort'];
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly column: string;
  readonly columns: readonly { readonly value: string; readonly name: string; readonly selected: boolean }[];
}

export interface SearchPage extends BasePage {
  readonly template: 'search';
  readonly search: SearchView;
}

/**
 * A page of a section the server builds with a template of its own — 互动交流 (`interact`, data under `hudong`)
 * and 依申请公开 (`disclosure`, data under `disclosure`): the common frame from `presentSection`, plus the
 * section's data as its template reads it.
 */
export interface SectionPage extends BasePage {
  readonly template: 'interact' | 'disclosure';
  readonly hudong?: Readonly<Record<string, unknown>>;
  readonly disclosure?: Readonly<Record<string, unknown>>;
}

export type PageView =
  | HomePage
  | ColumnPage
  | ArticlePage
  | SeriesPage
  | TagPage
  | SitemapPage
  | SearchPage
  | ErrorPage
  | SectionPage;
