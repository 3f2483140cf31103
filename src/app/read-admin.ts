import {
  ARTICLE_STATUSES,
  availableCommands,
  columnTrail,
  descendantIds,
  formatDate,
  GazetteError,
  paginate,
  permissionsOn,
  transition,
  type Article,
  type ArticleStatus,
  type Permission,
  type Principal,
  type WorkflowCommandType,
} from '../core/index.js';
import { checkArticle, type Finding } from '../check/index.js';
import type { AppDeps } from './deps.js';
import type { AdminArticleFilter, AdminArticleRow, ReviewDecision, Store } from './ports.js';
import { permissionsFor, workflowActor } from './principal.js';

/** Reviewers and publishers see what has been submitted; an unsubmitted draft is its author's own business. */
const SUBMITTED_READER: readonly Permission[] = [
  'article.review-1',
  'article.review-2',
  'article.review-3',
  'article.publish',
];

/** What the principal may see of a column besides their own articles. */
type Sight = 'everything' | 'submitted' | 'own';

async function sightOf(
  store: Store,
  principal: Principal,
  siteId: number,
  columnId: number | null,
): Promise<Sight> {
  const permissions = await permissionsFor(store, principal, { siteId, columnId });
  if (permissions === 'all' || permissions.has('article.edit-any')) return 'everything';
  return SUBMITTED_READER.some((p) => permissions.has(p)) ? 'submitted' : 'own';
}

/** A draft that was never submitted is the author's; once a review round has started, reviewers see it too. */
const submitted = (article: Pick<Article, 'status' | 'reviewRound'>): boolean =>
  article.status !== 'draft' || article.reviewRound > 0;

const SUBMITTED_STATUSES: readonly ArticleStatus[] = ARTICLE_STATUSES.filter((s) => s !== 'draft');

/**
 * An article as its reader in the admin may see it. Someone else's draft is reported as not found, the same
 * answer as for an id that does not exist, so its existence does not leak.
 */
export async function loadVisibleArticle(
  store: Store,
  principal: Principal,
  articleId: number,
): Promise<Article> {
  const article = await store.articles.get(articleId);
  if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
  const own = principal.kind === 'user' && article.authorId === principal.user.id;
  const sight = own ? 'everything' : await sightOf(store, principal, article.siteId, article.columnId);
  if (sight === 'own' || (sight === 'submitted' && !submitted(article))) {
    throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
  }
  return article;
}

export interface AdminArticleView {
  readonly article: Article;
  readonly reviews: readonly ReviewDecision[];
  /** The workflow commands this principal may use now: the admin shows only these buttons. */
  readonly actions: readonly WorkflowCommandType[];
  readonly canEdit: boolean;
  /** 校对: what the content checks find now (warnings included), shown in the editor before submitting. */
  readonly findings: readonly Finding[];
}

export async function readArticleForAdmin(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
): Promise<AdminArticleView> {
  const { store } = deps;
  const article = await loadVisibleArticle(store, principal, articleId);
  const column = await store.columns.get(article.columnId);
  if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(article.columnId));
  const reviews = await store.articles.listReviews(article.id);
  const actor = await workflowActor(store, principal, { siteId: article.siteId, columnId: article.columnId });
  const ctx = {
    now: deps.clock.now(),
    levels: column.reviewLevels,
    minorEditsToFinalLevel: deps.policy.minorEditsToFinalLevel,
  };
  const state = {
    status: article.status,
    reviewLevel: article.reviewLevel,
    approvals: reviews
      .filter((r) => r.round === article.reviewRound && r.decision === 'approve' && r.userId !== null)
      .map((r) => ({ level: r.level, userId: r.userId as number })),
    authorId: article.authorId,
    scheduledAt: article.scheduledAt,
    publishedAt: article.publishedAt,
  };
  const actions = availableCommands(state, actor, ctx).filter((c) => c !== 'edit' && c !== 'publish-due');
  const canEdit = transition(state, { type: 'edit' }, actor, ctx).ok;
  const site = await store.sites.get(article.siteId);
  const findings = checkArticle(
    article,
    { today: formatDate(ctx.now), ...(site ? { ownSources: [site.name, site.sponsor.name] } : {}) },
    column.kind,
  );
  return { article, reviews, actions, canEdit, findings };
}

export interface AdminArticleQuery {
  readonly siteId: number;
  readonly columnId?: number;
  readonly status?: ArticleStatus;
  readonly authorId?: number;
  readonly title?: string;
  readonly from?: string;
  readonly to?: string;
  readonly page?: string;
  /** Only what waits for this principal's decision (their review level, or signing off). */
  readonly waitingForMe?: boolean;
}

export interface AdminArticleList {
  readonly items: readonly AdminArticleRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

const PAGE_SIZE = 20;

/** The admin article list: everything the principal may see, filtered, newest change first. */
export async function listArticlesForAdmin(
  deps: AppDeps,
  principal: Principal,
  query: AdminArticleQuery,
): Promise<AdminArticleList> {
  const { store } = deps;
  const columns = await store.columns.listBySite(query.siteId);
  if (query.columnId !== undefined && !columns.some((c) => c.id === query.columnId)) {
    throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(query.columnId), { field: 'columnId' });
  }
  const sight = await sightOf(store, principal, query.siteId, query.columnId ?? null);
  if (principal.kind === 'user' && sight === 'own') {
    const any = permissionsOn(principal.user.grants, {
      siteId: query.siteId,
      columnTrail: query.columnId ? columnTrail(columns, query.columnId).map((c) => c.id) : [],
    });
    if (!any.has('article.read') && !any.has('article.create'))
      throw new GazetteError('GZ_FORBIDDEN', 'article.read');
  }
  let filter: AdminArticleFilter = {
    siteId: query.siteId,
    ...(query.columnId !== undefined ? { columnIds: descendantIds(columns, query.columnId) } : {}),
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.authorId !== undefined ? { authorId: query.authorId } : {}),
    ...(query.title ? { title: query.title } : {}),
    ...(query.from ? { updatedFrom: query.from } : {}),
    ...(query.to ? { updatedTo: query.to } : {}),
  };
  if (principal.kind === 'user' && sight === 'own') filter = { ...filter, authorId: principal.user.id };
  // Reviewers and publishers list submitted work only; a draft is listed to its author and to editors.
  if (sight === 'submitted') {
    filter = { ...filter, statuses: (filter.statuses ?? SUBMITTED_STATUSES).filter((s) => s !== 'draft') };
  }
  if (query.waitingForMe && principal.kind === 'user') {
    const permissions = await permissionsFor(store, principal, {
      siteId: query.siteId,
      columnId: query.columnId ?? null,
    });
    const statuses: ArticleStatus[] = [];
    if (permissions !== 'all') {
      if (
        ['article.review-1', 'article.review-2', 'article.review-3'].some((p) =>
          permissions.has(p as Permission),
        )
      ) {
        statuses.push('in-review');
      }
      if (permissions.has('article.publish')) statuses.push('approved');
    }
    filter = { ...filter, statuses };
  }
  const total = await store.articles.countForAdmin(filter);
  const pagination = paginate(query.page, total, PAGE_SIZE);
  const items = await store.articles.listForAdmin(filter, PAGE_SIZE, pagination.offset);
  return { items, total, page: pagination.page, pages: pagination.pages };
}
