import { blockingFindings, evaluatePublishGate, findingKey, type PublishOverride } from '../check/index.js';
import {
  articlePath,
  GazetteError,
  transition,
  type Approval,
  type Article,
  type PendingCorrection,
  type Principal,
  type WorkflowCommand,
  type WorkflowEvent,
  type WorkflowState,
} from '../core/index.js';
import { loadVisibleArticle } from './article-sight.js';
import { checkOptionsFor } from './manage-check-terms.js';
import { preparePolicyPublication } from './manage-policy.js';
import { afterCommit, type AppDeps, type ContentEvent } from './deps.js';
import type { PublicationState, ReviewDecision, Store } from './ports.js';
import { audit, principalName, workflowActor } from './principal.js';
import { revisionContent } from './revisions.js';

export interface Decision {
  readonly state: WorkflowState;
  readonly events: readonly WorkflowEvent[];
  /** The review round the new state belongs to. */
  readonly round: number;
  /** Approvals carried into a new round (a publisher's minor edit keeps the lower levels). */
  readonly carried: readonly Approval[];
}

/** The workflow's view of an article, given its review decisions (those of other rounds are ignored). */
export function workflowStateOf(article: Article, reviews: readonly ReviewDecision[]): WorkflowState {
  return {
    status: article.status,
    reviewLevel: article.reviewLevel,
    approvals: reviews
      .filter(
        (r) =>
          r.round === article.reviewRound && r.decision === 'approve' && r.level > 0 && r.userId !== null,
      )
      .map((r): Approval => ({ level: r.level as Approval['level'], userId: r.userId as number })),
    authorId: article.authorId,
    scheduledAt: article.scheduledAt,
    publishedAt: article.publishedAt,
    correction: article.correction
      ? { status: article.correction.status, correctorId: article.correction.correctorId }
      : null,
  };
}

/** Loads the article's workflow state and asks the pure transition table; throws its error, if any. */
export async function decide(
  deps: AppDeps,
  store: Store,
  principal: Principal,
  article: Article,
  command: WorkflowCommand,
  now: string,
): Promise<Decision> {
  const column = await store.columns.get(article.columnId);
  if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(article.columnId));
  const reviews =
    article.reviewRound > 0 ? await store.articles.listReviews(article.id, article.reviewRound) : [];
  const state = workflowStateOf(article, reviews);
  const actor = await workflowActor(store, principal, { siteId: article.siteId, columnId: article.columnId });
  const result = transition(state, command, actor, {
    now,
    levels: column.reviewLevels,
    minorEditsToFinalLevel: deps.policy.minorEditsToFinalLevel,
  });
  if (!result.ok) throw result.error;
  const restarted = result.events.some(
    (e) =>
      e.type === 'submitted' ||
      e.type === 'correction-proposed' ||
      (e.type === 'edited' && e.reviewRestartedAt !== 0),
  );
  return {
    state: result.state,
    events: result.events,
    round: restarted ? article.reviewRound + 1 : article.reviewRound,
    carried: restarted ? result.state.approvals : [],
  };
}

/**
 * A new review round that keeps lower-level approvals (a publisher's minor edit) stores them again under the
 * new round, so the rule "one person approves at most one level" still sees them.
 */
export async function recordCarriedApprovals(
  store: Store,
  articleId: number,
  decision: Decision,
  now: string,
): Promise<void> {
  for (const approval of decision.carried) {
    await store.articles.addReview({
      articleId,
      round: decision.round,
      level: approval.level,
      userId: approval.userId,
      actorName: '',
      decision: 'approve',
      comment: '（沿用上一轮意见）',
      at: now,
    });
  }
}

/**
 * 校对 before anything goes online: block findings (an unmasked ID number, a wrong state-organ name…) stop a
 * person's publication unless a publisher acknowledges each of them with a reason, which is audited.
 * System publications (imports of what is already public, the demo) are checked by `gazette check site`.
 */
async function passPublishGate(
  store: Store,
  principal: Principal,
  article: Article,
  now: string,
  override: PublishOverride | undefined,
): Promise<void> {
  const site = await store.sites.get(article.siteId);
  // Attached and linked files are published too: their text is checked for personal data like the body.
  const files = await store.media.textForArticle(article.id);
  const findings = blockingFindings(
    article,
    await checkOptionsFor(store, site, now, article.bodyHtml),
    files,
  );
  const gate = evaluatePublishGate(findings, override ?? null);
  if (!gate.allowed) {
    throw new GazetteError(
      'GZ_ARTICLE_BLOCKED_BY_CHECKS',
      gate.problem === 'no-reason' ? 'the override needs a reason' : undefined,
      {
        findings: gate.blocking.map((f) => ({ ...f, key: findingKey(f) })),
      },
    );
  }
  if (gate.overridden.length > 0) {
    await audit(store, principal, now, {
      action: 'article.check-override',
      targetType: 'article',
      targetId: String(article.id),
      siteId: article.siteId,
      result: 'ok',
      summary: { reason: override?.reason ?? '', findings: gate.overridden.map(findingKey) },
    });
  }
}

/** Where a newly proposed correction's content is: its revision, and the attachments it brings. */
export type CorrectionContent = Pick<PendingCorrection, 'revisionId' | 'attachments'>;

/**
 * The stored form of a workflow state; the public path is fixed at first publication. A pending correction
 * keeps its content (`pending` when it is new, else the article's).
 */
export function persistable(
  article: Article,
  state: WorkflowState,
  round: number,
  withdrawReason?: string,
  pending?: CorrectionContent,
): PublicationState {
  const content = pending ?? article.correction;
  if (state.correction !== null && !content) {
    throw new GazetteError('GZ_INTERNAL', 'a pending correction without its content');
  }
  return {
    correction:
      state.correction === null || !content
        ? null
        : {
            status: state.correction.status,
            correctorId: state.correction.correctorId,
            revisionId: content.revisionId,
            attachments: content.attachments,
          },
    status: state.status,
    reviewLevel: state.reviewLevel,
    reviewRound: round,
    scheduledAt: state.scheduledAt,
    publishedAt: state.publishedAt,
    path: article.path,
    withdrawnAt: article.withdrawnAt,
    withdrawnReason: withdrawReason ?? article.withdrawnReason,
  };
}

const ACTIONS: Readonly<Record<WorkflowCommand['type'], string>> = {
  submit: 'article.submit',
  approve: 'article.approve',
  reject: 'article.reject',
  publish: 'article.publish',
  schedule: 'article.schedule',
  unschedule: 'article.unschedule',
  'publish-due': 'article.publish',
  withdraw: 'article.withdraw',
  restore: 'article.restore',
  archive: 'article.archive',
  edit: 'article.edit',
  amend: 'article.amend',
};

/**
 * Runs one workflow command on an article in one transaction: the transition, the stored state, the review
 * record (签发 included, with its `opinion`), the audit record, and (after commit) the content events.
 * `expectedVersion`, when given, guards against acting on a version the user has not seen.
 */
export function changeArticleState(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  command: Exclude<WorkflowCommand, { type: 'edit' | 'amend' }>,
  expectedVersion?: number,
  override?: PublishOverride,
  opinion = '',
): Promise<Article> {
  return afterCommit(deps, async (store, emit) => {
    // Someone else's draft answers not found, exactly as a missing one does.
    const article = await loadVisibleArticle(store, principal, articleId);
    if (expectedVersion !== undefined && article.version !== expectedVersion) {
      throw new GazetteError('GZ_VERSION_CONFLICT', `article ${articleId}`, {
        expectedVersion,
        version: article.version,
      });
    }
    const column = await store.columns.get(article.columnId);
    if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(article.columnId));
    const now = deps.clock.now();
    const decision = await decide(deps, store, principal, article, command, now);
    const correcting = decision.events.some((e) => e.type === 'correction-published');
    // 签发 of a correction puts its content online first: the checks then read what is about to go out.
    const current = correcting ? await applyCorrection(store, article, now) : article;
    const { state } = decision;
    if (command.type === 'publish' || command.type === 'schedule' || command.type === 'publish-due') {
      await preparePolicyPublication(store, principal, current, state.publishedAt ?? state.scheduledAt, now);
    }
    if ((command.type === 'publish' || command.type === 'schedule') && principal.kind === 'user') {
      await passPublishGate(store, principal, current, now, override);
    }

    let stored = persistable(current, state, decision.round);
    if (state.status === 'published' && stored.path === null && state.publishedAt !== null) {
      stored = { ...stored, path: articlePath(column.path, article.id, state.publishedAt) };
    }
    if (command.type === 'withdraw')
      stored = { ...stored, withdrawnAt: now, withdrawnReason: command.reason.trim() };
    if (command.type === 'restore') stored = { ...stored, withdrawnAt: null, withdrawnReason: '' };
    const updated = await store.articles.setPublication(article.id, current.version, stored, now);
    // The search index changes with the article, in this transaction: a withdrawn article is gone at once.
    if (article.status === 'published' || updated.status === 'published') await store.search.sync(article.id);

    await recordCarriedApprovals(store, articleId, decision, now);
    for (const event of decision.events) {
      if (event.type === 'approved' || event.type === 'rejected') {
        await store.articles.addReview({
          articleId,
          round: decision.round,
          level: event.level,
          userId: principal.kind === 'user' ? principal.user.id : null,
          actorName: principalName(principal),
          decision: event.type === 'approved' ? 'approve' : 'reject',
          comment: event.comment,
          at: now,
        });
      }
      // 签发 by a person or the system; the scheduler's publication of a due item was signed off before.
      if ((event.type === 'published' && command.type === 'publish') || event.type === 'scheduled') {
        await store.articles.addReview({
          articleId,
          round: decision.round,
          level: 0,
          userId: principal.kind === 'user' ? principal.user.id : null,
          actorName: principalName(principal),
          decision: event.type === 'published' ? 'publish' : 'schedule',
          comment: opinion.trim(),
          at: now,
        });
      }
    }
    await audit(store, principal, now, {
      action: correcting ? 'article.correction-publish' : ACTIONS[command.type],
      targetType: 'article',
      targetId: String(articleId),
      siteId: article.siteId,
      result: 'ok',
      summary: {
        title: article.title,
        ...(correcting ? { correctedTitle: updated.title, revisionId: article.correction?.revisionId } : {}),
        ...(article.correction && !updated.correction ? { correctionDropped: !correcting } : {}),
        from: article.status,
        to: updated.status,
        ...(article.reviewLevel !== updated.reviewLevel ? { reviewLevel: updated.reviewLevel } : {}),
        ...(opinion.trim() !== '' ? { comment: opinion.trim() } : {}),
        events: decision.events,
      },
    });

    const content = contentEvent(article, updated);
    if (content) emit(content);
    if (correcting) emit({ type: 'article-updated', siteId: updated.siteId, articleId: updated.id });
    return updated;
  });
}

/** Puts an approved correction's content (and attachments, if it changed them) in place of the live text. */
async function applyCorrection(store: Store, article: Article, now: string): Promise<Article> {
  const pending = article.correction;
  if (!pending) throw new GazetteError('GZ_WORKFLOW_CONFLICT', 'no correction is pending');
  const revision = await store.revisions.get(pending.revisionId);
  if (!revision) throw new GazetteError('GZ_REVISION_NOT_FOUND', String(pending.revisionId));
  if (pending.attachments !== null) await store.articles.replaceAttachments(article.id, pending.attachments);
  await store.articles.updateContent(article.id, article.version, revisionContent(revision), now);
  return (await store.articles.get(article.id)) as Article;
}

function contentEvent(before: Article, after: Article): ContentEvent | null {
  const live = (a: Article) => a.status === 'published';
  if (!live(before) && live(after))
    return { type: 'article-published', siteId: after.siteId, articleId: after.id };
  if (live(before) && !live(after))
    return { type: 'article-withdrawn', siteId: after.siteId, articleId: after.id };
  return null;
}

export const submitArticle = (deps: AppDeps, p: Principal, id: number, version?: number) =>
  changeArticleState(deps, p, id, { type: 'submit' }, version);

export const approveArticle = (deps: AppDeps, p: Principal, id: number, comment = '', version?: number) =>
  changeArticleState(deps, p, id, { type: 'approve', comment }, version);

export const rejectArticle = (deps: AppDeps, p: Principal, id: number, comment: string, version?: number) =>
  changeArticleState(deps, p, id, { type: 'reject', comment }, version);

export interface PublishOptions {
  /** Earlier than now: back-dating, for holders of `article.backdate` (and the system), with a reason. */
  readonly at?: string;
  readonly reason?: string;
  /** 签发意见, kept in the 审核记录 and the audit log. */
  readonly comment?: string;
}

/** 签发: makes an article public at a URL that never changes afterwards. */
export const publishArticle = (
  deps: AppDeps,
  p: Principal,
  id: number,
  options: PublishOptions = {},
  version?: number,
  override?: PublishOverride,
) =>
  changeArticleState(
    deps,
    p,
    id,
    {
      type: 'publish',
      ...(options.at !== undefined ? { at: options.at } : {}),
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
    },
    version,
    override,
    options.comment,
  );

/** 定时签发: `comment` is the 签发意见. */
export const scheduleArticle = (
  deps: AppDeps,
  p: Principal,
  id: number,
  at: string,
  version?: number,
  override?: PublishOverride,
  comment?: string,
) => changeArticleState(deps, p, id, { type: 'schedule', at }, version, override, comment);

export const unscheduleArticle = (deps: AppDeps, p: Principal, id: number, version?: number) =>
  changeArticleState(deps, p, id, { type: 'unschedule' }, version);

/** 撤稿: the article leaves every list; its URL answers 410 and its record stays. */
export const withdrawArticle = (deps: AppDeps, p: Principal, id: number, reason: string, version?: number) =>
  changeArticleState(deps, p, id, { type: 'withdraw', reason }, version);

export const restoreArticle = (deps: AppDeps, p: Principal, id: number, version?: number) =>
  changeArticleState(deps, p, id, { type: 'restore' }, version);

export const archiveArticle = (deps: AppDeps, p: Principal, id: number, version?: number) =>
  changeArticleState(deps, p, id, { type: 'archive' }, version);

/**
 * Publishes every scheduled article whose time has come. Each is its own transaction guarded by the
 * article's version, so when several processes run this at once each article is published exactly once.
 */
export async function publishDueArticles(deps: AppDeps, limit = 100): Promise<number[]> {
  const due = await deps.store.articles.listDue(deps.clock.now(), limit);
  const published: number[] = [];
  const scheduler: Principal = { kind: 'system', reason: 'scheduler' };
  for (const id of due) {
    const article = await deps.store.articles.get(id);
    if (!article || article.status !== 'scheduled') continue;
    try {
      await changeArticleState(deps, scheduler, id, { type: 'publish-due' }, article.version);
      published.push(id);
    } catch (error) {
      // Another process got there first, or the article changed meanwhile: not ours to publish.
      if (
        error instanceof GazetteError &&
        (error.code === 'GZ_VERSION_CONFLICT' || error.code === 'GZ_WORKFLOW_CONFLICT')
      )
        continue;
      throw error;
    }
  }
  return published;
}
