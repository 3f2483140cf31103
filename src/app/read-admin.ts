import {
  availableCommands,
  columnTrail,
  descendantIds,
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
import type { AppDeps } from './deps.js';
import type { AdminArticleFilter, AdminArticleRow, ReviewDecision, Store } from './ports.js';
import { permissionsFor, workflowActor } from './principal.js';

/** Holders of these see every article of the column, not only their own. */
const OVERSEER: readonly Permission[] = [
  'article.edit-any',
  'article.review-1',
  'article.review-2',
  'article.review-3',
  'article.publish',
];

async function seesAll(
  store: Store,
  principal: Principal,
  siteId: number,
  columnId: number | null,
): Promise<boolean> {
  const permissions = await permissionsFor(store, principal, { siteId, columnId });
  return permissions === 'all' || OVERSEER.some((p) => permissions.has(p));
}

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
  const own = article && principal.kind === 'user' && article.authorId === principal.user.id;
  if (!article || (!own && !(await seesAll(store, principal, article.siteId, article.columnId)))) {
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
  return { article, reviews, actions, canEdit };
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
  const all = await seesAll(store, principal, query.siteId, query.columnId ?? null);
  if (principal.kind === 'user' && !all) {
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
  if (principal.kind === 'user' && !all) filter = { ...filter, authorId: principal.user.id };
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
