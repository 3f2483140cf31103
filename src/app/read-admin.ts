import {
  ARTICLE_STATUSES,
  availableCommands,
  columnTrail,
  descendantIds,
  GazetteError,
  htmlToText,
  paginate,
  permissionsOn,
  transition,
  type Article,
  type ArticleStatus,
  type PendingCorrection,
  type PolicyDocument,
  type Permission,
  type Principal,
  type WorkflowCommandType,
} from '../core/index.js';
import { checkArticle, DEFAULT_RULES, findingKey, runChecks, type Finding } from '../check/index.js';
import { isSecrecyDecision, policyFindings, policySettingsOf } from './manage-policy.js';
import type { InterpretationLink, PolicyRevision, PolicySettings } from './ports-policy.js';
import { NO_POLICY, readPolicyPage } from './read-policy.js';
import { checkOptionsFor } from './manage-check-terms.js';
import type { AppDeps } from './deps.js';
import type {
  AdminArticleCursor,
  AdminArticleFilter,
  AdminArticleRow,
  AdminArticleSort,
  ArticleContent,
  ReviewDecision,
  Store,
} from './ports.js';
import { workflowStateOf } from './article-workflow.js';
import { loadVisibleArticle, sightOf } from './article-sight.js';
import { permissionsFor, workflowActor } from './principal.js';
import type { RevisionSummary } from './ports-revisions.js';
import { diffRevisions, type RevisionDiff } from './revision-diff.js';
import { revisionContent, revisionOfArticle } from './revisions.js';
import type { ArticleData, SiteContext } from './read-site.js';
import { plainText, sanitizeBody } from './sanitize.js';
import { cleanContent, type ArticleDraft } from './write-article.js';

const SUBMITTED_STATUSES: readonly ArticleStatus[] = ARTICLE_STATUSES.filter((s) => s !== 'draft');

/** A finding with the key a publisher names to override it (`findingKey`). */
export type KeyedFinding = Finding & { readonly key: string };

export const withKey = (finding: Finding): KeyedFinding => ({ ...finding, key: findingKey(finding) });

/** A decision of the 审核记录 with the name its person goes by now (the account name when none is known). */
export type ReviewRecord = ReviewDecision & { readonly displayName: string };

export interface AdminArticleView {
  readonly article: Article;
  readonly reviews: readonly ReviewRecord[];
  /** The workflow commands this principal may use now: the admin shows only these buttons. */
  readonly actions: readonly WorkflowCommandType[];
  readonly canEdit: boolean;
  /**
   * A correction of this published article awaiting 终审 or 签发, with its content: the editor shows and edits
   * it, saying that the live page still shows the published revision. null when none is pending.
   */
  readonly correction: CorrectionView | null;
  /** Whether this principal may put a correction online at once (紧急更正, with a reason). */
  readonly canCorrectUrgently: boolean;
  /** 校对: what the content checks find now (warnings included), shown in the editor before submitting. */
  readonly findings: readonly KeyedFinding[];
}

export interface CorrectionView extends PendingCorrection {
  readonly content: ArticleContent;
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
  const state = workflowStateOf(article, reviews);
  const actions = availableCommands(state, actor, ctx).filter(
    (c) => c !== 'edit' && c !== 'publish-due' && c !== 'amend',
  );
  const canEdit = transition(state, { type: 'edit' }, actor, ctx).ok;
  const canCorrectUrgently =
    actor.kind === 'user' && transition(state, { type: 'edit', urgent: true, reason: '?' }, actor, ctx).ok;
  const pending = article.correction;
  const revision = pending ? await store.revisions.get(pending.revisionId) : undefined;
  const correction = pending && revision ? { ...pending, content: revisionContent(revision) } : null;
  // The checks read what the editor shows: the pending correction when there is one.
  const checked = correction ? { ...article, ...correction.content } : article;
  const site = await store.sites.get(article.siteId);
  const findings = [
    ...checkArticle(checked, await checkOptionsFor(store, site, ctx.now, checked.bodyHtml), column.kind),
    ...(await policyFindings(store, article, ctx.now)),
  ];
  return {
    article,
    reviews: await withDisplayNames(store, reviews),
    actions,
    canEdit,
    correction,
    canCorrectUrgently,
    findings: findings.map(withKey),
  };
}

async function withDisplayNames(store: Store, reviews: readonly ReviewDecision[]): Promise<ReviewRecord[]> {
  const names = new Map<number, string>();
  for (const id of new Set(reviews.map((r) => r.userId))) {
    if (id === null) continue;
    const user = await store.users.get(id);
    if (user?.displayName) names.set(id, user.displayName);
  }
  return reviews.map((r) => ({
    ...r,
    displayName: (r.userId !== null ? names.get(r.userId) : undefined) ?? r.actorName,
  }));
}

export interface AdminArticleQuery {
  readonly siteId: number;
  readonly columnId?: number;
  readonly status?: ArticleStatus;
  readonly authorId?: number;
  readonly title?: string;
  /** Words (space-separated) that must each occur in the title or the body. */
  readonly q?: string;
  /** Applied to the sort field: last change, or publish time. */
  readonly from?: string;
  readonly to?: string;
  readonly sort?: AdminArticleSort;
  /** A numbered page (offset); `cursor` is preferred: it stays fast at any depth. */
  readonly page?: string;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** Only what waits for this principal's decision (their review level, or signing off). */
  readonly waitingForMe?: boolean;
  /** Page size, 20 unless given. */
  readonly limit?: number;
}

export interface AdminArticleList {
  readonly items: readonly AdminArticleRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

const PAGE_SIZE = 20;

const REVIEW_PERMISSIONS: readonly (readonly [Permission, number])[] = [
  ['article.review-1', 1],
  ['article.review-2', 2],
  ['article.review-3', 3],
];

/** The cursor is opaque to clients: base64url of `[sortValue, id]`. */
export function encodeCursor(cursor: AdminArticleCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): AdminArticleCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    value[0].length > 40 ||
    Number.isNaN(Date.parse(value[0])) ||
    !Number.isInteger(value[1]) ||
    (value[1] as number) < 1 ||
    (value[1] as number) > 2_147_483_647
  ) {
    throw new GazetteError('GZ_INVALID_CURSOR', text.slice(0, 40), { field: 'cursor' });
  }
  return { at: value[0], id: value[1] as number };
}

/** What waits for this principal: in review at a level they hold (not their own work), or approved for 签发. */
export function waitingFilter(
  permissions: ReadonlySet<Permission> | 'all',
  principal: Principal,
): Pick<
  AdminArticleFilter,
  'statuses' | 'reviewLevels' | 'withCorrections' | 'excludeAuthorId' | 'excludeApprovedBy'
> | null {
  if (permissions === 'all' || principal.kind !== 'user') return null;
  const levels = REVIEW_PERMISSIONS.filter(([p]) => permissions.has(p)).map(([, level]) => level);
  const publishes = permissions.has('article.publish');
  if (levels.length === 0 && !publishes) return { statuses: [] };
  const statuses: ArticleStatus[] = [];
  if (levels.length > 0) statuses.push('in-review');
  if (publishes) statuses.push('approved');
  return {
    statuses,
    // An approved article waits at level 0; in-review ones at the level being decided.
    reviewLevels: [...levels, ...(publishes ? [0] : [])],
    // Corrections of published articles wait for 终审 and 签发 too.
    withCorrections: true,
    excludeAuthorId: principal.user.id,
    excludeApprovedBy: principal.user.id,
  };
}

/**
 * The filter of what the principal may see of the query: their own articles only, submitted work only, or
 * everything, narrowed by the query's own filters.
 */
export async function visibleArticleFilter(
  store: Store,
  principal: Principal,
  query: AdminArticleQuery,
): Promise<AdminArticleFilter> {
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
  const sort = query.sort ?? 'updated';
  const range =
    sort === 'published'
      ? {
          ...(query.from ? { publishedFrom: query.from } : {}),
          ...(query.to ? { publishedTo: query.to } : {}),
        }
      : { ...(query.from ? { updatedFrom: query.from } : {}), ...(query.to ? { updatedTo: query.to } : {}) };
  let filter: AdminArticleFilter = {
    siteId: query.siteId,
    sort,
    ...(query.columnId !== undefined ? { columnIds: descendantIds(columns, query.columnId) } : {}),
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.authorId !== undefined ? { authorId: query.authorId } : {}),
    ...(query.title ? { title: query.title } : {}),
    ...(query.q?.trim() ? { words: [...new Set(query.q.trim().split(/\s+/))].slice(0, 10) } : {}),
    ...range,
  };
  if (principal.kind === 'user' && sight === 'own') filter = { ...filter, authorId: principal.user.id };
  // Reviewers and publishers list submitted work only; a draft is listed to its author and to editors.
  if (sight === 'submitted') {
    filter = { ...filter, statuses: (filter.statuses ?? SUBMITTED_STATUSES).filter((s) => s !== 'draft') };
  }
  if (query.waitingForMe) {
    const permissions = await permissionsFor(store, principal, {
      siteId: query.siteId,
      columnId: query.columnId ?? null,
    });
    const waiting = waitingFilter(permissions, principal);
    if (waiting) {
      const statuses = (waiting.statuses ?? []).filter(
        (s) => !filter.statuses || filter.statuses.includes(s),
      );
      filter = { ...filter, ...waiting, statuses };
    }
  }
  return filter;
}

/** The admin article list: everything the principal may see, filtered, newest first. */
export async function listArticlesForAdmin(
  deps: AppDeps,
  principal: Principal,
  query: AdminArticleQuery,
): Promise<AdminArticleList> {
  const { store } = deps;
  const filter = await visibleArticleFilter(store, principal, query);
  const sort = filter.sort ?? 'updated';
  const limit = query.limit ?? PAGE_SIZE;
  const total = await store.articles.countForAdmin(filter);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    const items = await store.articles.listForAdmin(filter, { limit, after });
    return { items, total, page: 0, pages: Math.max(1, Math.ceil(total / limit)), nextCursor: next(items) };
  }
  const pagination = paginate(query.page, total, limit);
  const items = await store.articles.listForAdmin(filter, { limit, offset: pagination.offset });
  return {
    items,
    total,
    page: pagination.page,
    pages: pagination.pages,
    nextCursor: pagination.page < pagination.pages ? next(items) : null,
  };

  function next(items: readonly AdminArticleRow[]): string | null {
    const last = items[items.length - 1];
    if (!last || items.length < limit) return null;
    const at = sort === 'published' ? last.publishedAt : last.updatedAt;
    return at === null ? null : encodeCursor({ at, id: last.id });
  }
}

/** An article page as the public site would show it, before or after publication. */
export interface ArticlePreview {
  readonly ctx: SiteContext;
  readonly data: Extract<ArticleData, { kind: 'published' }>;
}

async function previewContext(store: Store, siteId: number, columnId: number) {
  const site = await store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  const columns = await store.columns.listBySite(siteId);
  const column = columns.find((c) => c.id === columnId);
  if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(columnId), { field: 'columnId' });
  return { ctx: { site, columns }, column };
}

/** A saved article (any state the principal may see) as its public page, with its neighbours once published. */
export async function readArticlePreview(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
): Promise<ArticlePreview> {
  const { store } = deps;
  const article = await loadVisibleArticle(store, principal, articleId);
  const { ctx, column } = await previewContext(store, article.siteId, article.columnId);
  const live = article.status === 'published';
  const [{ prev, next }, series, policy] = await Promise.all([
    live ? store.articles.neighbours(article) : { prev: null, next: null },
    live ? store.series.listPublishedContaining(article.id) : [],
    readPolicyPage(store, article.id),
  ]);
  return { ctx, data: { kind: 'published', article, column, prev, next, series: series[0] ?? null, policy } };
}

/** Content as the editor has it, unsaved, cleaned exactly as saving would clean it. */
export async function previewDraft(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  draft: ArticleDraft,
): Promise<ArticlePreview> {
  const { store } = deps;
  await requireReaderOrWriter(store, principal, siteId, draft.columnId);
  const content = cleanContent(draft);
  const { ctx, column } = await previewContext(store, siteId, content.columnId);
  const now = deps.clock.now();
  const article: Article = {
    ...content,
    id: 0,
    siteId,
    status: 'draft',
    path: null,
    publishedAt: null,
    withdrawnAt: null,
    withdrawnReason: '',
    viewCount: 0,
    version: 0,
    authorId: principal.kind === 'user' ? principal.user.id : null,
    reviewLevel: 0,
    reviewRound: 0,
    scheduledAt: null,
    correction: null,
    tags: [...content.tags],
    attachments: [],
    createdAt: now,
    updatedAt: now,
  };
  return {
    ctx,
    data: { kind: 'published', article, column, prev: null, next: null, series: null, policy: NO_POLICY },
  };
}

/** Throws `GZ_FORBIDDEN` (naming the first) unless the principal holds one of `permissions` on the scope. */
export async function requireAnyPermission(
  store: Store,
  principal: Principal,
  permissions: readonly [Permission, ...Permission[]],
  scope: { readonly siteId: number; readonly columnId: number | null },
): Promise<void> {
  const held = await permissionsFor(store, principal, scope);
  if (held === 'all' || permissions.some((p) => held.has(p))) return;
  throw new GazetteError('GZ_FORBIDDEN', permissions[0]);
}

/** Writers, editors, reviewers and publishers of the column may preview and check content there. */
const requireReaderOrWriter = (store: Store, principal: Principal, siteId: number, columnId: number | null) =>
  requireAnyPermission(store, principal, ['article.read', 'article.create'], { siteId, columnId });

/** What the editor has typed, for the checks: every field optional. */
export type CheckDraft = Partial<Omit<ArticleDraft, 'tags' | 'columnId'>> & { readonly columnId?: number };

export interface CheckReport {
  readonly findings: readonly KeyedFinding[];
  /** How many findings stop publication unless a publisher overrides them. */
  readonly blocking: number;
  /** The body as plain text: `start`/`end` of body findings are offsets into it. */
  readonly bodyText: string;
}

/**
 * Runs the content checks over unsaved content, exactly as they run over the saved article: the body is
 * sanitised first, so offsets match what will be stored. Nothing is written.
 */
export async function checkDraft(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  draft: CheckDraft,
): Promise<CheckReport> {
  const { store } = deps;
  await requireReaderOrWriter(store, principal, siteId, draft.columnId ?? null);
  const site = await store.sites.get(siteId);
  if (!site) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  let columnKind: string | undefined;
  if (draft.columnId !== undefined) {
    const column = await store.columns.get(draft.columnId);
    if (!column || column.siteId !== siteId) {
      throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(draft.columnId), { field: 'columnId' });
    }
    columnKind = column.kind;
  }
  const text = (value: string | undefined): string => plainText(value ?? '');
  const bodyHtml = sanitizeBody(draft.bodyHtml ?? '');
  const findings = runChecks(
    {
      article: true,
      title: text(draft.title),
      kicker: text(draft.kicker),
      subtitle: text(draft.subtitle),
      summary: text(draft.summary),
      bodyHtml,
      source: text(draft.source),
      author: text(draft.author),
      originalAuthor: text(draft.originalAuthor),
      originalTitle: text(draft.originalTitle),
      editor: text(draft.editor),
      coverUrl: (draft.coverUrl ?? '').trim(),
      coverAlt: text(draft.coverAlt),
      ...(columnKind === undefined ? {} : { columnKind }),
    },
    DEFAULT_RULES,
    await checkOptionsFor(deps.store, site, deps.clock.now(), bodyHtml),
  );
  return {
    findings: findings.map(withKey),
    blocking: findings.filter((f) => f.severity === 'block').length,
    bodyText: htmlToText(bodyHtml).text,
  };
}

export interface PolicyDocumentView {
  readonly policy: PolicyDocument | null;
  readonly links: readonly InterpretationLink[];
  readonly revisions: readonly PolicyRevision[];
  readonly secrecyReviews: readonly ReviewDecision[];
  readonly settings: PolicySettings;
}

/** The legal metadata of an article for the editor (null when it is not a policy document). */
export async function readPolicyDocument(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
): Promise<PolicyDocumentView> {
  const { store } = deps;
  const article = await loadVisibleArticle(store, principal, articleId);
  const reviews = await store.articles.listReviews(articleId);
  return {
    policy: (await store.policies.get(articleId)) ?? null,
    links: await store.policies.linksOf(articleId),
    revisions: await store.policies.listRevisions(articleId),
    secrecyReviews: reviews.filter((r) => isSecrecyDecision(r.decision)),
    settings: await policySettingsOf(store, article.siteId),
  };
}

/** Every saved revision of an article its reader may see, newest first. */
export async function listArticleRevisions(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  articleId: number,
): Promise<RevisionSummary[]> {
  await loadVisibleArticle(deps.store, principal, articleId);
  return deps.store.revisions.list(articleId);
}

/** The word-level diff between two revisions of an article its reader may see. */
export async function readRevisionDiff(
  deps: Pick<AppDeps, 'store'>,
  principal: Principal,
  articleId: number,
  from: number,
  to: number,
): Promise<RevisionDiff> {
  await loadVisibleArticle(deps.store, principal, articleId);
  const [older, newer] = await Promise.all([
    revisionOfArticle(deps.store, articleId, from),
    revisionOfArticle(deps.store, articleId, to),
  ]);
  return diffRevisions(older, newer);
}
