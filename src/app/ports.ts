import type { Article, ArticleStatus, Column, ReviewLevel, Series, Site } from '../core/index.js';
import type { SessionRepo, UserRepo } from './ports-accounts.js';
import type { AuditRepo } from './ports-audit.js';
import type { RevisionRepo } from './ports-revisions.js';
import type { ImportRepo } from './ports-imports.js';

/** What a site is made of when it is created or edited: the site without what the store assigns. */
export type SiteInput = Omit<Site, 'id' | 'createdAt' | 'updatedAt'>;

export interface SiteRepo {
  list(): Promise<Site[]>;
  get(id: number): Promise<Site | undefined>;
  create(input: SiteInput, now: string): Promise<Site>;
  update(id: number, input: SiteInput, now: string): Promise<Site>;
}

/** A column as the use case has checked it, before the store gives it an id. */
export type ColumnInput = Omit<Column, 'id' | 'createdAt' | 'updatedAt'>;

export interface ColumnRepo {
  listBySite(siteId: number): Promise<Column[]>;
  get(id: number): Promise<Column | undefined>;
  getByPath(siteId: number, path: string): Promise<Column | undefined>;
  create(input: ColumnInput, now: string): Promise<Column>;
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
  readonly tags: readonly string[];
}

export interface AttachmentInput {
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
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
}

/** One review decision, kept forever as the record of who approved what. */
export interface ReviewDecision {
  readonly articleId: number;
  readonly round: number;
  readonly level: ReviewLevel;
  readonly userId: number | null;
  readonly actorName: string;
  readonly decision: 'approve' | 'reject';
  readonly comment: string;
  readonly at: string;
}

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

export interface AdminArticleFilter {
  readonly siteId: number;
  readonly columnIds?: readonly number[];
  readonly statuses?: readonly ArticleStatus[];
  readonly authorId?: number;
  /** Words of the title (substring match). */
  readonly title?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
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

export interface PublishedQuery {
  readonly siteId: number;
  /** Only these columns (a column and its descendants); all columns of the site when absent. */
  readonly columnIds?: readonly number[];
  readonly tag?: string;
}

export interface ArticleRepo {
  get(id: number): Promise<Article | undefined>;
  getByPath(siteId: number, path: string): Promise<Article | undefined>;
  create(siteId: number, content: ArticleContent, authorId: number | null, now: string): Promise<Article>;
  /** Saves new content if the stored version is still `expectedVersion`; `GZ_VERSION_CONFLICT` otherwise. */
  updateContent(id: number, expectedVersion: number, content: ArticleContent, now: string): Promise<Article>;
  /** Saves a workflow step if the stored version is still `expectedVersion`; `GZ_VERSION_CONFLICT` otherwise. */
  setPublication(id: number, expectedVersion: number, state: PublicationState, now: string): Promise<Article>;
  addReview(decision: ReviewDecision): Promise<void>;
  /** Review decisions of an article, oldest first; one round only when given. */
  listReviews(articleId: number, round?: number): Promise<ReviewDecision[]>;
  /** Articles in any state for the admin list, newest change first. */
  listForAdmin(filter: AdminArticleFilter, limit: number, offset: number): Promise<AdminArticleRow[]>;
  countForAdmin(filter: AdminArticleFilter): Promise<number>;
  /** Adds page views to published articles (a batch counted in memory). */
  addViews(counts: ReadonlyMap<number, number>): Promise<void>;
  /** Ids of scheduled articles whose time has come, oldest first. */
  listDue(now: string, limit: number): Promise<number[]>;
  addAttachment(articleId: number, attachment: AttachmentInput): Promise<void>;
  listPublished(query: PublishedQuery, limit: number, offset: number): Promise<ArticleListItem[]>;
  countPublished(query: PublishedQuery): Promise<number>;
  /** Published neighbours in the same column: `prev` is the newer one, `next` the older one. */
  neighbours(article: Article): Promise<{ prev: ArticleListItem | null; next: ArticleListItem | null }>;
  /** Published article count per column id. */
  countByColumn(siteId: number): Promise<Map<number, number>>;
  /** Published items (articles whose id is in `ids`), in any order. */
  listPublishedByIds(ids: readonly number[]): Promise<Article[]>;
}

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
  setPublication(id: number, status: ArticleStatus, publishedAt: string | null, now: string): Promise<Series>;
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
}
