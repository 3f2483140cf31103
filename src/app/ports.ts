import type { AbuseCounterRepo } from './ports-abuse.js';
import type { InteractRepo } from './ports-interact.js';
import type { ConsultationRepo } from './ports-consultation.js';
import type { CheckTermRepo } from './ports-check-terms.js';
import type { SearchSynonymRepo } from './ports-search-synonyms.js';
import type { RelayRepo } from './ports-relays.js';
import type { PolicyRepo } from './ports-policy.js';
import type {
  Article,
  ArticleStatus,
  Column,
  DatePrecision,
  PendingCorrection,
  PortalSettings,
  ReviewLevel,
  Series,
  Site,
  SiteStatus,
} from '../core/index.js';
import type { SessionRepo, UserRepo } from './ports-accounts.js';
import type { AuditRepo } from './ports-audit.js';
import type { CalendarRepo, DepartmentRepo } from './ports-calendar.js';
import type { DisclosureRepo } from './ports-disclosure.js';
import type { RevisionRepo } from './ports-revisions.js';
import type { ImportRepo } from './ports-imports.js';
import type { MediaRepo } from './ports-media.js';
import type { SearchRepo } from '../search/index.js';
import type { InspectionRepo } from './ports-inspections.js';
import type { VisitRepo } from './ports-visits.js';

/** What a site is made of when it is created or edited: the site without what the store assigns. */
export type SiteInput = Omit<Site, 'id' | 'createdAt' | 'updatedAt' | 'mourning' | 'portal' | 'status'> & {
  /** Absent: off for a new site, unchanged on update. */
  readonly mourning?: boolean;
  /** Absent: none for a new site, unchanged on update. */
  readonly portal?: PortalSettings;
};

export interface SiteRepo {
  list(): Promise<Site[]>;
  get(id: number): Promise<Site | undefined>;
  create(input: SiteInput, now: string): Promise<Site>;
  /** With `expectedUpdatedAt`, only if nobody changed the site since (`GZ_VERSION_CONFLICT`). */
  update(id: number, input: SiteInput, now: string, expectedUpdatedAt?: string): Promise<Site>;
  setStatus(id: number, status: SiteStatus, now: string): Promise<Site>;
  /** The site claiming each of these hosts (lower-case names), for the hosts some site claims. */
  claimants(hosts: readonly string[]): Promise<ReadonlyMap<string, number>>;
  /** How much each site holds, by site id (sites holding nothing are absent). */
  counts(): Promise<ReadonlyMap<number, SiteCounts>>;
}

export interface SiteCounts {
  readonly columns: number;
  readonly articles: number;
  readonly published: number;
  /** The newest first-publication time of a published article, or null. */
  readonly lastPublishedAt: string | null;
  /** Articles waiting in a review level. */
  readonly inReview: number;
}

/** A column as the use case has checked it, before the store gives it an id. */
/** A column's stored fields; `updateClass` absent is null (the default of the kind). */
export type ColumnInput = Omit<Column, 'id' | 'createdAt' | 'updatedAt' | 'updateClass'> & {
  readonly updateClass?: Column['updateClass'];
};

export interface ColumnRepo {
  listBySite(siteId: number): Promise<Column[]>;
  get(id: number): Promise<Column | undefined>;
  getByPath(siteId: number, path: string): Promise<Column | undefined>;
  create(input: ColumnInput, now: string): Promise<Column>;
  /** Saves the column's settings; with `expectedUpdatedAt`, only if nobody changed it since (`GZ_VERSION_CONFLICT`). */
  update(id: number, input: ColumnInput, now: string, expectedUpdatedAt?: string): Promise<Column>;
  /** Deletes a column that holds nothing. */
  delete(id: number): Promise<void>;
}

/** The editable fields of an article. */
export interface ArticleContent {
  readonly columnId: number;
  readonly title: string;
  readonly kicker: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly source: string;
  readonly originalAuthor: string;
  readonly originalTitle: string;
  readonly author: string;
  readonly editor: string;
  readonly coverUrl: string;
  readonly coverAlt: string;
  /** Print the cover above the body too (it is always used in lists and the home page's picture slot). */
  readonly showCoverInBody: boolean;
  readonly tags: readonly string[];
}

export interface AttachmentInput {
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
}

/** An attachment as the editor names it: a file of the site's media library (or one the article already has). */
export interface AttachmentRef {
  readonly url: string;
  readonly name: string;
}

/** Where an article stands in the workflow, as stored on the article row. */
export interface PublicationState {
  readonly status: ArticleStatus;
  readonly reviewLevel: 0 | ReviewLevel;
  readonly reviewRound: number;
  readonly scheduledAt: string | null;
  readonly path: string | null;
  readonly publishedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string;
  /** The pending correction of a published article; left as it is when absent. */
  readonly correction?: PendingCorrection | null;
}

/**
 * One decision on an article, kept forever as the record of who approved what: a review level's 通过 or 退回
 * (level 1–3), or 签发 (level 0: published now, or scheduled).
 */
export interface ReviewDecision {
  readonly articleId: number;
  readonly round: number;
  readonly level: 0 | ReviewLevel;
  readonly userId: number | null;
  readonly actorName: string;
  readonly decision: ReviewDecisionType;
  readonly comment: string;
  readonly at: string;
}

/** `secrecy-pass` / `secrecy-fail`: the 保密审查 of a policy document, with its conclusion. */
export type ReviewDecisionType =
  'approve' | 'reject' | 'publish' | 'schedule' | 'secrecy-pass' | 'secrecy-fail';

/** One row of a public list: enough to link and date it, no body. */
export interface ArticleListItem {
  readonly id: number;
  readonly columnId: number;
  readonly title: string;
  readonly summary: string;
  readonly source: string;
  readonly path: string;
  readonly publishedAt: string;
}

/** A list row with its cover image (图片新闻). */
export interface PictureListItem extends ArticleListItem {
  readonly coverUrl: string;
  readonly coverAlt: string;
}

export interface AdminArticleFilter {
  readonly siteId: number;
  readonly columnIds?: readonly number[];
  readonly statuses?: readonly ArticleStatus[];
  readonly authorId?: number;
  /** Words of the title (substring match). */
  readonly title?: string;
  /** Words that must each occur in the title or the body (substring match). */
  readonly words?: readonly string[];
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly publishedFrom?: string;
  readonly publishedTo?: string;
  /** Only articles waiting at one of these review levels (with status in-review). */
  readonly reviewLevels?: readonly number[];
  /**
   * With `statuses` and `reviewLevels`: also published articles whose pending correction waits at one of those
   * levels (0: approved, awaiting 签发).
   */
  readonly withCorrections?: boolean;
  /** Leave out this author's articles (nobody reviews their own work). */
  readonly excludeAuthorId?: number;
  /** Leave out articles this user approved in their current review round (one level per person). */
  readonly excludeApprovedBy?: number;
  /** `updated` (default): last change first; `published`: publish time first, published once only. */
  readonly sort?: AdminArticleSort;
}

export type AdminArticleSort = 'updated' | 'published';

/** Where the previous page of a keyset list ended: its last row's sort value and id. */
export interface AdminArticleCursor {
  readonly at: string;
  readonly id: number;
}

/** One page of the admin list: by offset (numbered pages) or after a cursor (fast at any depth). */
export interface AdminArticlePage {
  readonly limit: number;
  readonly offset?: number;
  readonly after?: AdminArticleCursor;
}

export interface AdminArticleRow {
  readonly id: number;
  readonly columnId: number;
  readonly title: string;
  readonly status: ArticleStatus;
  readonly reviewLevel: number;
  readonly authorId: number | null;
  readonly author: string;
  readonly path: string | null;
  readonly publishedAt: string | null;
  readonly scheduledAt: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ColumnArticleStats {
  readonly articles: number;
  readonly published: number;
  readonly lastPublishedAt: string | null;
}

export interface PublishedQuery {
  readonly siteId: number;
  /** Only these columns (a column and its descendants); all columns of the site when absent. */
  readonly columnIds?: readonly number[];
  readonly tag?: string;
}

/** Where a published article stands in listing order (newest first, equal times by id descending). */
export interface ListPosition {
  readonly publishedAt: string;
  readonly id: number;
}

/** One article in any state (by id or path), and every write of its row, tags and attachments. */
export interface ArticleWrites {
  get(id: number): Promise<Article | undefined>;
  getByPath(siteId: number, path: string): Promise<Article | undefined>;
  create(siteId: number, content: ArticleContent, authorId: number | null, now: string): Promise<Article>;
  /** Saves new content if the stored version is still `expectedVersion`; `GZ_VERSION_CONFLICT` otherwise. */
  updateContent(id: number, expectedVersion: number, content: ArticleContent, now: string): Promise<Article>;
  /** Saves a workflow step if the stored version is still `expectedVersion`; `GZ_VERSION_CONFLICT` otherwise. */
  setPublication(id: number, expectedVersion: number, state: PublicationState, now: string): Promise<Article>;
  /** Records how much of the publish time is known (an import of a page that gives the day only: 'date'). */
  setPublishedPrecision(id: number, precision: DatePrecision | null): Promise<void>;
  /**
   * Removes a draft that never entered review, with its revisions and its import record, if the stored version
   * is still `expectedVersion` (`GZ_VERSION_CONFLICT` otherwise).
   */
  deleteDraft(id: number, expectedVersion: number): Promise<void>;
  /** Adds page views to published articles (a batch counted in memory). */
  addViews(counts: ReadonlyMap<number, number>): Promise<void>;
  addAttachment(articleId: number, attachment: AttachmentInput): Promise<void>;
  /** The article's attachments become exactly these, in this order. */
  replaceAttachments(articleId: number, attachments: readonly AttachmentInput[]): Promise<void>;
}

/** The public site's and the static build's reads: published articles only, in listing order. */
export interface PublishedArticleReads {
  /**
   * One page of a list, newest first. With `from`, the list starts at that position (its article
   * included, when still listed) and `offset` counts from there: deep pages seek instead of skipping.
   */
  listPublished(
    query: PublishedQuery,
    limit: number,
    offset: number,
    from?: ListPosition,
  ): Promise<ArticleListItem[]>;
  /** The position `offset` rows down the list (from `from`, or from the top); undefined past its end. */
  positionIn(query: PublishedQuery, offset: number, from?: ListPosition): Promise<ListPosition | undefined>;
  countPublished(query: PublishedQuery): Promise<number>;
  /** The newest published articles of the site that have a cover image (图片新闻), newest first. */
  listPublishedWithCover(siteId: number, limit: number): Promise<PictureListItem[]>;
  /** Published neighbours in the same column: `prev` is the newer one, `next` the older one. */
  neighbours(article: Article): Promise<{ prev: ArticleListItem | null; next: ArticleListItem | null }>;
  /** Published article count per column id. */
  countByColumn(siteId: number): Promise<Map<number, number>>;
  /** Published items (articles whose id is in `ids`), in any order. */
  listPublishedByIds(ids: readonly number[]): Promise<Article[]>;
  /** Published articles' list rows (no body), in the order of `ids`; missing or unpublished ones left out. */
  listItemsByIds(ids: readonly number[]): Promise<ArticleListItem[]>;
  /** The tags of every published article of a site, in each article's order (the static build's index). */
  publishedTags(siteId: number): Promise<Map<number, string[]>>;
}

/** The admin's lists and counts of articles in any state, and the scheduler's due list. */
export interface AdminArticleReads {
  /** Articles in any state for the admin list, newest first by the filter's sort. */
  listForAdmin(filter: AdminArticleFilter, page: AdminArticlePage): Promise<AdminArticleRow[]>;
  /** The same by limit and offset (kept for callers written before keyset pages). */
  listForAdmin(filter: AdminArticleFilter, limit: number, offset: number): Promise<AdminArticleRow[]>;
  countForAdmin(filter: AdminArticleFilter): Promise<number>;
  /** Ids of the people who wrote the site's articles. */
  authorIds(siteId: number): Promise<number[]>;
  /** Article count per status (all statuses of the filter). */
  countByStatusForAdmin(filter: AdminArticleFilter): Promise<Map<ArticleStatus, number>>;
  /** Per column of the site: every article, the published ones, and the newest publish time. */
  columnStatsForAdmin(siteId: number): Promise<Map<number, ColumnArticleStats>>;
  /** Ids of scheduled articles whose time has come, oldest first. */
  listDue(now: string, limit: number): Promise<number[]>;
}

/** Review decisions (审核记录): added, never changed. */
export interface ArticleReviews {
  addReview(decision: ReviewDecision): Promise<void>;
  /** Review decisions of an article, oldest first; one round only when given. */
  listReviews(articleId: number, round?: number): Promise<ReviewDecision[]>;
}

/** Articles: every reader's port over one store (a use case may depend on the narrower one it needs). */
export interface ArticleRepo
  extends ArticleWrites, PublishedArticleReads, AdminArticleReads, ArticleReviews {}

export interface SeriesInput {
  readonly siteId: number;
  readonly columnId: number | null;
  readonly slug: string;
  readonly title: string;
  readonly label: string;
  readonly leadHtml: string;
  readonly source: string;
  readonly editor: string;
  readonly memberIds: readonly number[];
}

export interface SeriesRepo {
  get(id: number): Promise<Series | undefined>;
  getBySlug(siteId: number, slug: string): Promise<Series | undefined>;
  create(input: SeriesInput, now: string): Promise<Series>;
  /** With `expectedVersion`, only if the stored version is still that one (`GZ_VERSION_CONFLICT`). */
  setPublication(
    id: number,
    status: ArticleStatus,
    publishedAt: string | null,
    now: string,
    expectedVersion?: number,
  ): Promise<Series>;
  /** Records how much of the publish time is known, as for articles. */
  setPublishedPrecision(id: number, precision: DatePrecision | null): Promise<void>;
  /** Every series of the site, newest change first. */
  listBySite(siteId: number): Promise<Series[]>;
  /** Series that belong to a column. */
  countInColumn(columnId: number): Promise<number>;
  /** Saves fields and members if the stored version is still `expectedVersion`; `GZ_VERSION_CONFLICT` otherwise. */
  update(id: number, expectedVersion: number, input: SeriesInput, now: string): Promise<Series>;
  listPublished(siteId: number, limit: number): Promise<Series[]>;
  /** Published series an article belongs to. */
  listPublishedContaining(articleId: number): Promise<Series[]>;
}

/** Every repository over one connection or one transaction. */
export interface Store {
  readonly sites: SiteRepo;
  readonly columns: ColumnRepo;
  readonly articles: ArticleRepo;
  readonly series: SeriesRepo;
  readonly audit: AuditRepo;
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly revisions: RevisionRepo;
  readonly imports: ImportRepo;
  readonly checkTerms: CheckTermRepo;
  /** The site's own search synonyms. */
  readonly searchSynonyms: SearchSynonymRepo;
  /** 转载 between the sites of the platform. */
  readonly relays: RelayRepo;
  readonly media: MediaRepo;
  /** Results of the self-check. */
  readonly inspections: InspectionRepo;
  /** Visit statistics aggregated by day. */
  readonly visits: VisitRepo;
  /** Policy documents' legal metadata, the site's policy settings, 解读 links, the catalogue. */
  readonly policies: PolicyRepo;
  /** Site search index; updated in the same transaction as the content it reflects. */
  readonly search: SearchRepo;
  /** Counters of the anti-abuse module (rate limits that hold across processes). */
  readonly abuse: AbuseCounterRepo;
  /** 互动交流: channels, letters and their handling. */
  readonly interact: InteractRepo;
  /** 意见征集: consultations on drafts, their comments and feedback. */
  readonly consultations: ConsultationRepo;
  /** The installation's own calendar days (overriding the calendar data package). */
  readonly calendar: CalendarRepo;
  readonly departments: DepartmentRepo;
  readonly disclosure: DisclosureRepo;
  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export interface StoredFile {
  /** Public URL, e.g. /media/ab/ab12….pdf */
  readonly url: string;
  readonly size: number;
  readonly sha256: string;
}

/** Where uploaded and generated files live. Files are named by content hash: the same bytes are kept once. */
export interface MediaStore {
  put(bytes: Uint8Array, extension: string): Promise<StoredFile>;
  /** The directory the files live in (served at /media/); shared storage is mounted here. */
  readonly root: string;
  /** A fresh path for an incoming upload, on the same file system as the store (so a rename moves it). */
  incomingPath(): string;
  /** Stores bytes under `name` (relative, content-addressed) unless it exists; true when it wrote them. */
  write(name: string, bytes: Uint8Array): Promise<boolean>;
  /** Moves a finished upload to `name` unless it exists (then the upload is dropped); true when it moved it. */
  adopt(path: string, name: string): Promise<boolean>;
  has(name: string): Promise<boolean>;
  remove(name: string): Promise<void>;
}
