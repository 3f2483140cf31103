import type { Permission } from './access.js';
import { GazetteError, type ErrorCode } from './errors.js';
import { parseInstant } from './time.js';

/**
 * The editorial workflow (先审后发, 三审) as one pure transition table:
 * `(state, command, actor, context) -> new state + events | error`. No I/O; the clock is passed in.
 *
 *   draft ──submit──▶ in-review(1) ──approve──▶ in-review(2) ──approve──▶ in-review(3) ──approve──▶ approved
 *     ▲                    │ reject (any level, with a comment)                                     │
 *     └────────────────────┘                                            publish │ schedule ──▶ scheduled
 *                                                                               ▼                  │ due
 *                          archived ◀──archive── withdrawn ◀──withdraw── published ◀──────────────┘
 *                          (archiving needs a withdrawal first: taking an article down always has a reason)
 *                                                    └──────restore─────────▲
 *
 * A published article stays published while a correction (更正) of it is reviewed: the correction waits for
 * 终审 (the column's last level) and 签发 beside the live text, which the public keeps seeing until then.
 *
 *   published ──edit──▶ published + correction in review ──approve──▶ published + correction approved
 *       ▲                         │ reject                                     │ reject     │ publish (签发)
 *       └─────────────────────────┴────────────────────────────────────────────┴────────────┘
 *
 * Two paths bypass that review, each audited: 紧急更正 (`edit` with `urgent`, for holders of
 * `article.correct-urgent`, with a reason; reviewed afterwards), and `amend`, a field change the system makes
 * because of another document (有效性 after a repeal), never a person's edit.
 */
export const ARTICLE_STATUSES = [
  'draft',
  'in-review',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<ArticleStatus, string>> = {
  draft: '草稿',
  'in-review': '审核中',
  approved: '待签发',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤稿',
  archived: '已归档',
};

export type ReviewLevel = 1 | 2 | 3;

export interface Approval {
  readonly level: ReviewLevel;
  readonly userId: number;
}

export interface WorkflowState {
  readonly status: ArticleStatus;
  /** The level whose decision is awaited while in review; 0 otherwise. */
  readonly reviewLevel: 0 | ReviewLevel;
  /** Approvals of the current review round (cleared when a new round starts). */
  readonly approvals: readonly Approval[];
  /** Who wrote the article: nobody approves or signs off their own work. null for system-made content. */
  readonly authorId: number | null;
  readonly scheduledAt: string | null;
  /** Set once, at first publication; a restored article keeps it (re-dating old items is a serious error). */
  readonly publishedAt: string | null;
  /**
   * A correction of a published article awaiting 终审 (`reviewLevel` is then the level awaited and `approvals`
   * those of its round) or 签发; null when none is pending and for unpublished articles.
   */
  readonly correction: Correction | null;
}

export interface Correction {
  readonly status: 'in-review' | 'approved';
  /** Who proposed it (null: the system): they neither approve nor sign it off. */
  readonly correctorId: number | null;
}

export type WorkflowCommand =
  | { readonly type: 'submit' }
  | { readonly type: 'approve'; readonly comment?: string }
  | { readonly type: 'reject'; readonly comment: string }
  /** `at` earlier than now is back-dating: a dedicated permission and a reason. */
  | { readonly type: 'publish'; readonly at?: string; readonly reason?: string }
  | { readonly type: 'schedule'; readonly at: string }
  | { readonly type: 'unschedule' }
  /** The scheduler publishing a due item. */
  | { readonly type: 'publish-due' }
  | { readonly type: 'withdraw'; readonly reason: string }
  | { readonly type: 'restore' }
  | { readonly type: 'archive' }
  /**
   * Saving new content. `minor` is the editor's claim that the change is a correction of form only; `urgent`
   * (紧急更正 of a published article, with a reason) puts it online at once, to be reviewed afterwards.
   */
  | { readonly type: 'edit'; readonly minor?: boolean; readonly urgent?: boolean; readonly reason?: string }
  /** A field change the system makes because of another document (有效性 after a repeal): not reviewed. */
  | { readonly type: 'amend'; readonly cause: string };

export type WorkflowCommandType = WorkflowCommand['type'];

export type WorkflowActor =
  | {
      readonly kind: 'user';
      readonly userId: number;
      /** What this user may do on this article (from their grants on its column). */
      readonly permissions: ReadonlySet<Permission>;
    }
  | { readonly kind: 'system' };

export interface WorkflowContext {
  readonly now: string;
  /** Review levels the article's column requires (1–3). */
  readonly levels: ReviewLevel;
  /** Whether a publisher's minor edit of an approved article goes to the final level only. */
  readonly minorEditsToFinalLevel: boolean;
}

export type WorkflowEvent =
  | { readonly type: 'submitted' }
  | { readonly type: 'approved'; readonly level: ReviewLevel; readonly comment: string }
  | { readonly type: 'review-complete' }
  | { readonly type: 'rejected'; readonly level: ReviewLevel; readonly comment: string }
  | { readonly type: 'published'; readonly at: string; readonly backdated: boolean; readonly reason: string }
  | { readonly type: 'scheduled'; readonly at: string }
  | { readonly type: 'unscheduled' }
  | { readonly type: 'withdrawn'; readonly reason: string }
  | { readonly type: 'restored' }
  | { readonly type: 'archived' }
  | { readonly type: 'edited'; readonly reviewRestartedAt: 0 | ReviewLevel }
  /** Content of a published article changed at once: by the system, or urgently (with the reason). */
  | { readonly type: 'corrected'; readonly urgent: boolean; readonly reason: string }
  /** A correction of a published article now waits for review at `level`. */
  | { readonly type: 'correction-proposed'; readonly level: ReviewLevel }
  /** The approved correction replaced the live text. */
  | { readonly type: 'correction-published' }
  | { readonly type: 'amended'; readonly cause: string };

export type TransitionResult =
  | { readonly ok: true; readonly state: WorkflowState; readonly events: readonly WorkflowEvent[] }
  | { readonly ok: false; readonly error: GazetteError };

const REVIEW_PERMISSION: Readonly<Record<ReviewLevel, Permission>> = {
  1: 'article.review-1',
  2: 'article.review-2',
  3: 'article.review-3',
};

export function reviewPermission(level: ReviewLevel): Permission {
  return REVIEW_PERMISSION[level];
}

export const initialWorkflowState = (authorId: number | null): WorkflowState => ({
  status: 'draft',
  reviewLevel: 0,
  approvals: [],
  authorId,
  scheduledAt: null,
  publishedAt: null,
  correction: null,
});

const fail = (code: ErrorCode, detail?: string): TransitionResult => ({
  ok: false,
  error: new GazetteError(code, detail),
});

const ok = (state: WorkflowState, ...events: WorkflowEvent[]): TransitionResult => ({
  ok: true,
  state,
  events,
});

const may = (actor: WorkflowActor, permission: Permission): boolean =>
  actor.kind === 'system' || actor.permissions.has(permission);

const isAuthor = (actor: WorkflowActor, state: WorkflowState): boolean =>
  actor.kind === 'user' && state.authorId !== null && state.authorId === actor.userId;

/**
 * 先审后发 needs at least two distinct people to have approved an article by the time it goes out: with a
 * single review level the publisher must be someone other than that reviewer.
 */
function twoPeople(state: WorkflowState, actor: WorkflowActor): boolean {
  if (actor.kind === 'system') return true;
  const approvers = new Set(state.approvals.map((a) => a.userId));
  // Signing off adds a person unless the signer already approved; then someone else must have too.
  return !approvers.has(actor.userId) || approvers.size >= 2;
}

/** Which commands make sense in each state: anything else is a conflict, whoever asks. */
const ALLOWED: Readonly<Record<ArticleStatus, readonly WorkflowCommandType[]>> = {
  draft: ['submit', 'edit', 'publish'],
  'in-review': ['approve', 'reject', 'edit'],
  approved: ['publish', 'schedule', 'edit', 'reject'],
  scheduled: ['unschedule', 'publish', 'publish-due', 'edit'],
  published: ['withdraw', 'edit', 'approve', 'reject', 'publish', 'amend'],
  withdrawn: ['restore', 'archive'],
  archived: [],
};

function startReview(
  state: WorkflowState,
  level: ReviewLevel,
  keep: readonly Approval[] = [],
): WorkflowState {
  return { ...state, status: 'in-review', reviewLevel: level, approvals: keep, scheduledAt: null };
}

function publishNow(
  state: WorkflowState,
  command: Extract<WorkflowCommand, { type: 'publish' }>,
  actor: WorkflowActor,
  ctx: WorkflowContext,
): TransitionResult {
  if (!may(actor, 'article.publish')) return fail('GZ_FORBIDDEN', 'article.publish');
  if (isAuthor(actor, state)) return fail('GZ_OWN_ARTICLE', 'an author does not sign off their own article');
  if (!twoPeople(state, actor))
    return fail('GZ_ONE_LEVEL_PER_PERSON', 'the only approver cannot also sign off');
  let at = ctx.now;
  let backdated = false;
  const reason = (command.reason ?? '').trim();
  if (command.at !== undefined) {
    const instant = parseInstant(command.at);
    if (instant === null) return fail('GZ_INVALID_INPUT', 'publish time must be ISO 8601 with an offset');
    const ms = Date.parse(instant);
    if (ms > Date.parse(ctx.now))
      return fail('GZ_INVALID_INPUT', 'a future time is a schedule, not a publication');
    if (ms < Date.parse(ctx.now)) {
      if (!may(actor, 'article.backdate')) return fail('GZ_BACKDATE_FORBIDDEN');
      if (actor.kind === 'user' && reason === '')
        return fail('GZ_REASON_REQUIRED', 'back-dating needs a reason');
      backdated = true;
    }
    at = new Date(ms).toISOString();
  }
  const publishedAt = state.publishedAt ?? at;
  return ok(
    { ...state, status: 'published', reviewLevel: 0, scheduledAt: null, publishedAt },
    { type: 'published', at: publishedAt, backdated, reason },
  );
}

/**
 * One person's approval at `level` (one level per person): the next level, or at the last level the review is
 * complete and the state takes `complete`.
 */
function approval(
  state: WorkflowState,
  level: ReviewLevel,
  actor: WorkflowActor,
  command: Extract<WorkflowCommand, { type: 'approve' }>,
  ctx: WorkflowContext,
  complete: Partial<WorkflowState>,
): TransitionResult {
  if (actor.kind === 'user' && state.approvals.some((a) => a.userId === actor.userId)) {
    return fail('GZ_ONE_LEVEL_PER_PERSON', `user ${actor.userId} already approved another level`);
  }
  const approvals =
    actor.kind === 'user' ? [...state.approvals, { level, userId: actor.userId }] : state.approvals;
  const comment = (command.comment ?? '').trim();
  if (level >= ctx.levels) {
    return ok(
      { ...state, ...complete, reviewLevel: 0, approvals },
      { type: 'approved', level, comment },
      { type: 'review-complete' },
    );
  }
  return ok(
    { ...state, reviewLevel: (level + 1) as ReviewLevel, approvals },
    { type: 'approved', level, comment },
  );
}

/**
 * Decides one step of the workflow. Pure: the same inputs always give the same answer.
 * Errors are returned as values with a stable code, never thrown.
 */
export function transition(
  state: WorkflowState,
  command: WorkflowCommand,
  actor: WorkflowActor,
  ctx: WorkflowContext,
): TransitionResult {
  if (!ALLOWED[state.status].includes(command.type)) {
    return fail('GZ_WORKFLOW_CONFLICT', `cannot ${command.type} an article that is ${state.status}`);
  }
  if (
    state.status === 'published' &&
    (command.type === 'approve' || command.type === 'reject' || command.type === 'publish')
  ) {
    return decideCorrection(state, command, actor, ctx);
  }
  switch (command.type) {
    case 'submit': {
      if (!may(actor, 'article.submit')) return fail('GZ_FORBIDDEN', 'article.submit');
      if (!isAuthor(actor, state) && !may(actor, 'article.edit-any'))
        return fail('GZ_FORBIDDEN', 'not your draft');
      return ok(startReview(state, 1), { type: 'submitted' });
    }

    case 'approve': {
      const level = state.reviewLevel === 0 ? 1 : state.reviewLevel;
      if (!may(actor, reviewPermission(level))) return fail('GZ_FORBIDDEN', reviewPermission(level));
      if (isAuthor(actor, state)) return fail('GZ_OWN_ARTICLE', 'nobody approves their own article');
      return approval(state, level, actor, command, ctx, { status: 'approved' });
    }

    case 'reject': {
      // An approved article can be sent back by whoever would sign it off.
      const level: ReviewLevel = state.status === 'approved' ? ctx.levels : state.reviewLevel || 1;
      const allowed =
        state.status === 'approved' ? may(actor, 'article.publish') : may(actor, reviewPermission(level));
      if (!allowed)
        return fail(
          'GZ_FORBIDDEN',
          state.status === 'approved' ? 'article.publish' : reviewPermission(level),
        );
      const comment = command.comment.trim();
      if (comment === '') return fail('GZ_REASON_REQUIRED', 'a rejection needs a comment for the author');
      return ok(
        { ...state, status: 'draft', reviewLevel: 0, approvals: [], scheduledAt: null },
        { type: 'rejected', level, comment },
      );
    }

    case 'publish': {
      // Straight from draft only for the system (imports, historical content): people go through review.
      if (state.status === 'draft' && actor.kind !== 'system')
        return fail('GZ_WORKFLOW_CONFLICT', 'review first');
      return publishNow(state, command, actor, ctx);
    }

    case 'schedule': {
      if (!may(actor, 'article.publish')) return fail('GZ_FORBIDDEN', 'article.publish');
      if (isAuthor(actor, state))
        return fail('GZ_OWN_ARTICLE', 'an author does not sign off their own article');
      if (!twoPeople(state, actor))
        return fail('GZ_ONE_LEVEL_PER_PERSON', 'the only approver cannot also sign off');
      const instant = parseInstant(command.at);
      if (instant === null) return fail('GZ_INVALID_INPUT', 'schedule time must be ISO 8601 with an offset');
      const ms = Date.parse(instant);
      if (ms <= Date.parse(ctx.now)) return fail('GZ_SCHEDULE_IN_PAST');
      const at = new Date(ms).toISOString();
      return ok({ ...state, status: 'scheduled', scheduledAt: at }, { type: 'scheduled', at });
    }

    case 'unschedule': {
      if (!may(actor, 'article.publish')) return fail('GZ_FORBIDDEN', 'article.publish');
      return ok({ ...state, status: 'approved', scheduledAt: null }, { type: 'unscheduled' });
    }

    case 'publish-due': {
      if (actor.kind !== 'system') return fail('GZ_FORBIDDEN', 'only the scheduler publishes due items');
      if (state.scheduledAt === null || Date.parse(state.scheduledAt) > Date.parse(ctx.now)) {
        return fail('GZ_WORKFLOW_CONFLICT', 'not due yet');
      }
      const publishedAt = state.publishedAt ?? ctx.now;
      return ok(
        { ...state, status: 'published', scheduledAt: null, publishedAt },
        { type: 'published', at: publishedAt, backdated: false, reason: '' },
      );
    }

    case 'withdraw': {
      if (!may(actor, 'article.withdraw')) return fail('GZ_FORBIDDEN', 'article.withdraw');
      const reason = command.reason.trim();
      if (reason === '') return fail('GZ_REASON_REQUIRED', 'withdrawing needs a reason');
      // A pending correction goes with the article (its text stays in the history).
      const dropped = state.correction ? withoutCorrection(state) : state;
      return ok({ ...dropped, status: 'withdrawn' }, { type: 'withdrawn', reason });
    }

    case 'amend': {
      if (actor.kind !== 'system') return fail('GZ_FORBIDDEN', 'only the system amends without review');
      const cause = command.cause.trim();
      if (cause === '') return fail('GZ_REASON_REQUIRED', 'a system change names its cause');
      return ok(state, { type: 'amended', cause });
    }

    case 'restore': {
      if (!may(actor, 'article.restore')) return fail('GZ_FORBIDDEN', 'article.restore');
      return ok({ ...state, status: 'published' }, { type: 'restored' });
    }

    case 'archive': {
      if (!may(actor, 'article.archive')) return fail('GZ_FORBIDDEN', 'article.archive');
      return ok({ ...state, status: 'archived' }, { type: 'archived' });
    }

    case 'edit':
      return edit(state, command, actor, ctx);
  }
}

const withoutCorrection = (state: WorkflowState): WorkflowState => ({
  ...state,
  reviewLevel: 0,
  approvals: [],
  correction: null,
});

const isCorrector = (actor: WorkflowActor, state: WorkflowState): boolean =>
  actor.kind === 'user' && state.correction?.correctorId === actor.userId;

/** Approving, rejecting and signing off the pending correction of a published article. */
function decideCorrection(
  state: WorkflowState,
  command: Extract<WorkflowCommand, { type: 'approve' | 'reject' | 'publish' }>,
  actor: WorkflowActor,
  ctx: WorkflowContext,
): TransitionResult {
  const correction = state.correction;
  if (correction === null) return fail('GZ_WORKFLOW_CONFLICT', 'no correction of this article is pending');
  const level: ReviewLevel = state.reviewLevel || ctx.levels;
  switch (command.type) {
    case 'approve': {
      if (correction.status !== 'in-review')
        return fail('GZ_WORKFLOW_CONFLICT', 'the correction is approved');
      if (!may(actor, reviewPermission(level))) return fail('GZ_FORBIDDEN', reviewPermission(level));
      if (isAuthor(actor, state)) return fail('GZ_OWN_ARTICLE', 'nobody approves their own article');
      if (isCorrector(actor, state)) return fail('GZ_OWN_ARTICLE', 'nobody approves their own correction');
      return approval(state, level, actor, command, ctx, {
        correction: { ...correction, status: 'approved' },
      });
    }
    case 'reject': {
      const permission = correction.status === 'approved' ? 'article.publish' : reviewPermission(level);
      if (!may(actor, permission)) return fail('GZ_FORBIDDEN', permission);
      const comment = command.comment.trim();
      if (comment === '') return fail('GZ_REASON_REQUIRED', 'a rejection needs a comment for the corrector');
      return ok(withoutCorrection(state), {
        type: 'rejected',
        level: correction.status === 'approved' ? ctx.levels : level,
        comment,
      });
    }
    case 'publish': {
      if (correction.status !== 'approved') return fail('GZ_WORKFLOW_CONFLICT', 'review first');
      if (!may(actor, 'article.publish')) return fail('GZ_FORBIDDEN', 'article.publish');
      if (isAuthor(actor, state))
        return fail('GZ_OWN_ARTICLE', 'an author does not sign off their own article');
      if (isCorrector(actor, state)) return fail('GZ_OWN_ARTICLE', 'nobody signs off their own correction');
      if (command.at !== undefined)
        return fail('GZ_INVALID_INPUT', 'a correction keeps the first publication date');
      return ok({ ...state, correction: null }, { type: 'correction-published' });
    }
  }
}

/** A correction of a published article: proposed for 终审, kept in review, or (紧急更正) put online at once. */
function correct(
  state: WorkflowState,
  command: Extract<WorkflowCommand, { type: 'edit' }>,
  actor: WorkflowActor,
  ctx: WorkflowContext,
  writer: boolean,
): TransitionResult {
  const correction = state.correction;
  if (command.urgent === true) {
    if (correction !== null)
      return fail('GZ_WORKFLOW_CONFLICT', 'a correction awaits review: approve or reject it first');
    if (!may(actor, 'article.correct-urgent')) return fail('GZ_FORBIDDEN', 'article.correct-urgent');
    if (isAuthor(actor, state))
      return fail('GZ_OWN_ARTICLE', 'an author does not put their own correction online unreviewed');
    const reason = (command.reason ?? '').trim();
    if (reason === '') return fail('GZ_REASON_REQUIRED', 'an urgent correction needs a reason');
    return ok(state, { type: 'corrected', urgent: true, reason });
  }
  // The system's own edits (imports of what is already public) are not a person's correction.
  if (actor.kind === 'system') return ok(state, { type: 'corrected', urgent: false, reason: '' });
  const level = state.reviewLevel || ctx.levels;
  if (
    correction?.status === 'in-review' &&
    may(actor, reviewPermission(level)) &&
    !isAuthor(actor, state) &&
    !isCorrector(actor, state)
  ) {
    // 终审 corrects the correction as part of the review; their decision is next.
    return ok(state, { type: 'edited', reviewRestartedAt: 0 });
  }
  if (!writer && !may(actor, 'article.publish')) return fail('GZ_FORBIDDEN', 'article.edit');
  return ok(
    {
      ...state,
      reviewLevel: ctx.levels,
      approvals: [],
      correction: { status: 'in-review', correctorId: actor.userId },
    },
    { type: 'correction-proposed', level: ctx.levels },
  );
}

function edit(
  state: WorkflowState,
  command: Extract<WorkflowCommand, { type: 'edit' }>,
  actor: WorkflowActor,
  ctx: WorkflowContext,
): TransitionResult {
  const writer = may(actor, 'article.edit-any') || (isAuthor(actor, state) && may(actor, 'article.edit-own'));
  if (command.urgent === true && state.status !== 'published')
    return fail('GZ_WORKFLOW_CONFLICT', 'an urgent correction is of a published article');
  switch (state.status) {
    case 'draft':
      if (!writer) return fail('GZ_FORBIDDEN', 'article.edit');
      return ok(state, { type: 'edited', reviewRestartedAt: 0 });

    case 'in-review': {
      const level = state.reviewLevel || 1;
      // The reviewer of the current level corrects the text as part of the review; their decision is next.
      if (may(actor, reviewPermission(level)) && !isAuthor(actor, state)) {
        return ok(state, { type: 'edited', reviewRestartedAt: 0 });
      }
      if (!writer) return fail('GZ_FORBIDDEN', 'article.edit');
      // Earlier approvals were given to other text: the review starts again.
      return ok(startReview(state, 1), { type: 'edited', reviewRestartedAt: 1 });
    }

    case 'approved':
    case 'scheduled': {
      const publisher = may(actor, 'article.publish');
      if (!writer && !publisher) return fail('GZ_FORBIDDEN', 'article.edit');
      if (command.minor === true && publisher && ctx.minorEditsToFinalLevel) {
        const keep = state.approvals.filter((a) => a.level < ctx.levels);
        return ok(startReview(state, ctx.levels, keep), { type: 'edited', reviewRestartedAt: ctx.levels });
      }
      return ok(startReview(state, 1), { type: 'edited', reviewRestartedAt: 1 });
    }

    case 'published':
      return correct(state, command, actor, ctx, writer);

    case 'withdrawn':
    case 'archived':
      return fail('GZ_WORKFLOW_CONFLICT', `cannot edit an article that is ${state.status}`);
  }
}

/** The commands a user could try in a state, for showing only the buttons that may work. */
export function availableCommands(
  state: WorkflowState,
  actor: WorkflowActor,
  ctx: WorkflowContext,
): WorkflowCommandType[] {
  const probe: Readonly<Record<WorkflowCommandType, WorkflowCommand>> = {
    submit: { type: 'submit' },
    approve: { type: 'approve' },
    reject: { type: 'reject', comment: '?' },
    publish: { type: 'publish' },
    schedule: { type: 'schedule', at: new Date(Date.parse(ctx.now) + 3_600_000).toISOString() },
    unschedule: { type: 'unschedule' },
    'publish-due': { type: 'publish-due' },
    withdraw: { type: 'withdraw', reason: '?' },
    restore: { type: 'restore' },
    archive: { type: 'archive' },
    edit: { type: 'edit' },
    amend: { type: 'amend', cause: '?' },
  };
  return ALLOWED[state.status].filter((type) => transition(state, probe[type], actor, ctx).ok);
}
