import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOn, type Permission, type Role } from './access.js';
import { GazetteError, type ErrorCode } from './errors.js';
import {
  availableCommands,
  initialWorkflowState,
  transition,
  type Approval,
  type ReviewLevel,
  type TransitionResult,
  type WorkflowActor,
  type WorkflowCommand,
  type WorkflowCommandType,
  type WorkflowContext,
  type WorkflowEvent,
  type WorkflowState,
} from './workflow.js';

// ---------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------

/** 2024-05-01 10:00 in Shanghai. */
const NOW = '2024-05-01T02:00:00.000Z';
const ONE_MINUTE_AGO = '2024-05-01T01:59:00.000Z';
const YESTERDAY = '2024-04-30T02:00:00.000Z';
const TOMORROW = '2024-05-02T02:00:00.000Z';
const FIRST_PUBLISHED = '2024-03-01T00:00:00.000Z';

const LEVELS: readonly ReviewLevel[] = [1, 2, 3];

const AUTHOR = 1;
/** The people who approved each level in the fixture states. */
const REVIEWER: Readonly<Record<ReviewLevel, number>> = { 1: 11, 2: 12, 3: 13 };
const HOLDER = 50;
const LACKING = 51;
const NOBODY = 52;
/** Who proposed the pending correction of a published article in the fixture states. */
const CORRECTOR = 53;

const REVIEW: Readonly<Record<ReviewLevel, Permission>> = {
  1: 'article.review-1',
  2: 'article.review-2',
  3: 'article.review-3',
};
const CONTRIBUTOR: readonly Permission[] = [
  'article.read',
  'article.create',
  'article.edit-own',
  'article.submit',
];
const EDITOR: readonly Permission[] = [...CONTRIBUTOR, 'article.edit-any'];
const PUBLISHER: readonly Permission[] = [
  'article.read',
  'article.publish',
  'article.withdraw',
  'article.restore',
  'article.archive',
];

const SYSTEM: WorkflowActor = { kind: 'system' };
const user = (userId: number, permissions: Iterable<Permission>): WorkflowActor => ({
  kind: 'user',
  userId,
  permissions: new Set(permissions),
});
const without = (...missing: Permission[]): Permission[] => PERMISSIONS.filter((p) => !missing.includes(p));

const context = (levels: ReviewLevel, minorEditsToFinalLevel = true): WorkflowContext => ({
  now: NOW,
  levels,
  minorEditsToFinalLevel,
});

const DRAFT: WorkflowState = {
  status: 'draft',
  reviewLevel: 0,
  approvals: [],
  authorId: AUTHOR,
  scheduledAt: null,
  publishedAt: null,
  correction: null,
};

const approvalsUpTo = (level: number): Approval[] =>
  LEVELS.filter((l) => l <= level).map((l) => ({ level: l, userId: REVIEWER[l] }));

/** Freezes everything reachable, Sets included (their mutators throw), so a mutating transition fails loudly. */
function deepFreeze<T>(value: T): T {
  if (value instanceof Set) {
    for (const item of value as Set<unknown>) deepFreeze(item);
    const refuse = (): never => {
      throw new TypeError('a frozen Set was mutated');
    };
    Object.defineProperties(value, {
      add: { value: refuse },
      delete: { value: refuse },
      clear: { value: refuse },
    });
    Object.freeze(value);
  } else if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

type Summary =
  | { readonly ok: true; readonly state: WorkflowState; readonly events: readonly WorkflowEvent[] }
  | { readonly ok: false; readonly code: ErrorCode };

const summarize = (result: TransitionResult): Summary =>
  result.ok
    ? { ok: true, state: result.state, events: result.events }
    : { ok: false, code: result.error.code };

const codeOf = (result: TransitionResult): ErrorCode | 'ok' => (result.ok ? 'ok' : result.error.code);

function expectOk(result: TransitionResult): { state: WorkflowState; events: readonly WorkflowEvent[] } {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code} (${result.error.message})`);
  return result;
}

/** Runs commands in order, each expected to succeed; returns the final state and every event. */
function run(
  start: WorkflowState,
  ctx: WorkflowContext,
  steps: readonly (readonly [WorkflowCommand, WorkflowActor])[],
): { state: WorkflowState; events: WorkflowEvent[] } {
  let state = start;
  const events: WorkflowEvent[] = [];
  for (const [command, actor] of steps) {
    const next = expectOk(transition(deepFreeze(state), command, actor, ctx));
    state = next.state;
    events.push(...next.events);
  }
  return { state, events };
}

// ---------------------------------------------------------------------------------------------------------
// The transition table, written out independently of the code
// ---------------------------------------------------------------------------------------------------------

const VARIANTS = [
  'draft',
  'in-review',
  'approved',
  'scheduled (future)',
  'scheduled (due)',
  'published',
  'published (correction in review)',
  'published (correction approved)',
  'withdrawn',
  'archived',
] as const;
type Variant = (typeof VARIANTS)[number];

interface Situation {
  readonly label: string;
  readonly variant: Variant;
  /** Levels the column requires. */
  readonly levels: ReviewLevel;
  /** The level awaiting a decision (in-review only), else 0. */
  readonly reviewLevel: 0 | ReviewLevel;
  readonly state: WorkflowState;
}

function stateFor(variant: Variant, levels: ReviewLevel, reviewLevel: 0 | ReviewLevel): WorkflowState {
  const signedOff: WorkflowState = { ...DRAFT, approvals: approvalsUpTo(levels) };
  switch (variant) {
    case 'draft':
      return DRAFT;
    case 'in-review':
      return { ...DRAFT, status: 'in-review', reviewLevel, approvals: approvalsUpTo(reviewLevel - 1) };
    case 'approved':
      return { ...signedOff, status: 'approved' };
    case 'scheduled (future)':
      return { ...signedOff, status: 'scheduled', scheduledAt: TOMORROW };
    case 'scheduled (due)':
      return { ...signedOff, status: 'scheduled', scheduledAt: ONE_MINUTE_AGO };
    case 'published':
      return { ...signedOff, status: 'published', publishedAt: FIRST_PUBLISHED };
    // A correction (更正) waits for 终审 beside the live text: a round of its own, at the final level.
    case 'published (correction in review)':
      return {
        ...signedOff,
        status: 'published',
        publishedAt: FIRST_PUBLISHED,
        reviewLevel: levels,
        approvals: [],
        correction: { status: 'in-review', correctorId: CORRECTOR },
      };
    case 'published (correction approved)':
      return {
        ...signedOff,
        status: 'published',
        publishedAt: FIRST_PUBLISHED,
        approvals: [{ level: levels, userId: REVIEWER[1] }],
        correction: { status: 'approved', correctorId: CORRECTOR },
      };
    case 'withdrawn':
      return { ...signedOff, status: 'withdrawn', publishedAt: FIRST_PUBLISHED };
    case 'archived':
      return { ...signedOff, status: 'archived', publishedAt: FIRST_PUBLISHED };
  }
}

const SITUATIONS: readonly Situation[] = LEVELS.flatMap((levels) =>
  VARIANTS.flatMap((variant) => {
    const reviewLevels: readonly (0 | ReviewLevel)[] =
      variant === 'in-review' ? LEVELS.filter((l) => l <= levels) : [0];
    return reviewLevels.map((reviewLevel) => ({
      label:
        variant === 'in-review'
          ? `in-review at level ${reviewLevel} of ${levels}`
          : `${variant} (${levels} level${levels > 1 ? 's' : ''})`,
      variant,
      levels,
      reviewLevel,
      state: stateFor(variant, levels, reviewLevel),
    }));
  }),
);

const currentLevel = (s: Situation): ReviewLevel => {
  if (s.reviewLevel === 0) throw new Error(`${s.label} has no current level`);
  return s.reviewLevel;
};

const COMMAND_NAMES = [
  'submit',
  'approve',
  'reject',
  'publish',
  'schedule',
  'unschedule',
  'publish-due',
  'withdraw',
  'restore',
  'archive',
  'edit',
  'edit (minor)',
  'edit (urgent)',
  'amend',
] as const;
type CommandName = (typeof COMMAND_NAMES)[number];

const COMMANDS: Readonly<Record<CommandName, WorkflowCommand>> = {
  submit: { type: 'submit' },
  approve: { type: 'approve', comment: ' 同意 ' },
  reject: { type: 'reject', comment: '请核实数据' },
  publish: { type: 'publish' },
  schedule: { type: 'schedule', at: TOMORROW },
  unschedule: { type: 'unschedule' },
  'publish-due': { type: 'publish-due' },
  withdraw: { type: 'withdraw', reason: ' 信息已过时 ' },
  restore: { type: 'restore' },
  archive: { type: 'archive' },
  edit: { type: 'edit' },
  'edit (minor)': { type: 'edit', minor: true },
  'edit (urgent)': { type: 'edit', urgent: true, reason: ' 数据有误，立即更正 ' },
  amend: { type: 'amend', cause: ' 被《关于废止部分文件的决定》废止 ' },
};

/**
 * The actors tried on every cell:
 * - system: the scheduler, importer, CLI;
 * - holder: a user (not the author) holding exactly the permissions the cell `needs`;
 * - lacking: a user (not the author) holding every permission except the ones the cell `lacks` (default `needs`);
 * - nobody: a user with no permission at all;
 * - author: the author, with a contributor's permissions;
 * - authorAll: the author, holding every permission;
 * - approver: the level-1 approver of this round, holding every permission (only where there are approvals);
 * - corrector: who proposed the pending correction, holding every permission (only where one is pending).
 */
const ACTOR_NAMES = [
  'system',
  'holder',
  'lacking',
  'nobody',
  'author',
  'authorAll',
  'approver',
  'corrector',
] as const;
type ActorName = (typeof ACTOR_NAMES)[number];

type Success = 'ok' | 'kept' | 'restarted' | 'final' | 'proposed';
type Verdict = Success | ErrorCode;
type Outcome = { state: WorkflowState; events: WorkflowEvent[] };

interface Rule {
  readonly needs: (s: Situation) => Permission[];
  readonly lacks?: (s: Situation) => Permission[];
  readonly who: Readonly<Record<Exclude<ActorName, 'approver' | 'corrector'>, Verdict>> & {
    readonly approver?: Verdict | ((s: Situation) => Verdict);
    readonly corrector?: Verdict;
  };
  readonly results: Readonly<Partial<Record<Success, (s: Situation, by: WorkflowActor) => Outcome>>>;
}

const CONFLICT = 'GZ_WORKFLOW_CONFLICT';
const FORBIDDEN = 'GZ_FORBIDDEN';
const OWN = 'GZ_OWN_ARTICLE';
const ONCE = 'GZ_ONE_LEVEL_PER_PERSON';

/**
 * docs/gov-rules.md: at least two distinct approvers. In a one-level column the level-1 reviewer and the publisher are
 * the only two, so the person who approved may not also sign off. With more levels the reviewers already differ.
 */
const signOffBy = (s: Situation): Verdict => (s.levels === 1 ? ONCE : 'ok');

// Expected outcomes, built from the input state by hand.
const backInReview = (s: Situation, level: ReviewLevel, approvals: readonly Approval[]): WorkflowState => ({
  ...s.state,
  status: 'in-review',
  reviewLevel: level,
  approvals,
  scheduledAt: null,
});
const backToDraft = (s: Situation, level: ReviewLevel): Outcome => ({
  state: { ...s.state, status: 'draft', reviewLevel: 0, approvals: [], scheduledAt: null },
  events: [{ type: 'rejected', level, comment: '请核实数据' }],
});
const publishedNow = (s: Situation): Outcome => ({
  state: { ...s.state, status: 'published', reviewLevel: 0, scheduledAt: null, publishedAt: NOW },
  events: [{ type: 'published', at: NOW, backdated: false, reason: '' }],
});
const unchanged =
  (event: WorkflowEvent) =>
  (s: Situation): Outcome => ({ state: s.state, events: [event] });
const restarted = (s: Situation): Outcome => ({
  state: backInReview(s, 1, []),
  events: [{ type: 'edited', reviewRestartedAt: 1 }],
});
const toFinalLevel = (s: Situation): Outcome => ({
  state: backInReview(
    s,
    s.levels,
    s.state.approvals.filter((a) => a.level < s.levels),
  ),
  events: [{ type: 'edited', reviewRestartedAt: s.levels }],
});
function approvedAtCurrentLevel(s: Situation, by: WorkflowActor): Outcome {
  const level = currentLevel(s);
  // The system's approval is no person's: it is not recorded as one.
  const approvals =
    by.kind === 'user' ? [...s.state.approvals, { level, userId: by.userId }] : s.state.approvals;
  const approved: WorkflowEvent = { type: 'approved', level, comment: '同意' };
  if (level === s.levels) {
    return {
      state: { ...s.state, status: 'approved', reviewLevel: 0, approvals },
      events: [approved, { type: 'review-complete' }],
    };
  }
  return { state: { ...s.state, reviewLevel: (level + 1) as ReviewLevel, approvals }, events: [approved] };
}

/** While approved or scheduled: a writer or a publisher may edit; review starts again. */
const EDIT_SIGNED_OFF: Rule = {
  needs: () => ['article.edit-any'],
  lacks: () => ['article.edit-any', 'article.publish'],
  who: {
    system: 'restarted',
    holder: 'restarted',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: 'restarted',
    authorAll: 'restarted',
    approver: 'restarted',
  },
  results: { restarted },
};
/** A publisher's minor edit goes back to the final level only; anyone else's restarts review. */
const MINOR_EDIT_SIGNED_OFF: Rule = {
  needs: () => ['article.publish'],
  lacks: () => ['article.edit-any', 'article.publish'],
  who: {
    system: 'final',
    holder: 'final',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: 'restarted',
    authorAll: 'final',
    approver: 'final',
  },
  results: { final: toFinalLevel, restarted },
};
const PUBLISH_SIGNED_OFF: Rule = {
  needs: () => ['article.publish'],
  who: {
    system: 'ok',
    holder: 'ok',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: OWN,
    approver: signOffBy,
  },
  results: { ok: publishedNow },
};
const SCHEDULED_COMMON: Partial<Record<CommandName, Rule>> = {
  unschedule: {
    needs: () => ['article.publish'],
    who: {
      system: 'ok',
      holder: 'ok',
      lacking: FORBIDDEN,
      nobody: FORBIDDEN,
      author: FORBIDDEN,
      authorAll: 'ok',
      approver: 'ok',
    },
    results: {
      ok: (s) => ({
        state: { ...s.state, status: 'approved', scheduledAt: null },
        events: [{ type: 'unscheduled' }],
      }),
    },
  },
  publish: PUBLISH_SIGNED_OFF,
  edit: EDIT_SIGNED_OFF,
  'edit (minor)': MINOR_EDIT_SIGNED_OFF,
};
/**
 * A correction (更正) of a live article is proposed by a writer or a publisher and waits for 终审 beside the
 * live text; the system's edits (imports of what is already public) go live at once.
 */
const proposed = (s: Situation, by: WorkflowActor): Outcome => ({
  state: {
    ...s.state,
    reviewLevel: s.levels,
    approvals: [],
    correction: { status: 'in-review', correctorId: by.kind === 'user' ? by.userId : null },
  },
  events: [{ type: 'correction-proposed', level: s.levels }],
});
const PROPOSE_CORRECTION: Rule = {
  needs: () => ['article.edit-any'],
  lacks: () => ['article.edit-any', 'article.publish'],
  who: {
    system: 'ok',
    holder: 'proposed',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: 'proposed',
    authorAll: 'proposed',
    approver: 'proposed',
    corrector: 'proposed',
  },
  results: {
    ok: unchanged({ type: 'corrected', urgent: false, reason: '' }),
    proposed,
  },
};
/** While a correction is in 终审, that level's reviewer edits it as part of the review; a writer's edit restarts it. */
const EDIT_CORRECTION_IN_REVIEW: Rule = {
  needs: (s) => [REVIEW[s.levels]],
  lacks: (s) => [REVIEW[s.levels], 'article.edit-any', 'article.publish'],
  who: {
    system: 'ok',
    holder: 'kept',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: 'proposed',
    authorAll: 'proposed',
    corrector: 'proposed',
  },
  results: {
    ok: unchanged({ type: 'corrected', urgent: false, reason: '' }),
    kept: unchanged({ type: 'edited', reviewRestartedAt: 0 }),
    proposed,
  },
};
/** 紧急更正: live at once, for holders of article.correct-urgent, with a reason; reviewed afterwards. */
const URGENT_CORRECTION: Rule = {
  needs: () => ['article.correct-urgent'],
  who: {
    system: 'ok',
    holder: 'ok',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: OWN,
    approver: 'ok',
  },
  results: { ok: unchanged({ type: 'corrected', urgent: true, reason: '数据有误，立即更正' }) },
};
/** A field change the system makes because of another document (有效性 after a repeal): audited, not reviewed. */
const AMEND: Rule = {
  needs: () => [...PERMISSIONS],
  who: {
    system: 'ok',
    holder: FORBIDDEN,
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: FORBIDDEN,
    approver: FORBIDDEN,
    corrector: FORBIDDEN,
  },
  results: { ok: unchanged({ type: 'amended', cause: '被《关于废止部分文件的决定》废止' }) },
};
const correctionDropped = (s: Situation): WorkflowState => ({
  ...s.state,
  reviewLevel: 0,
  approvals: [],
  correction: null,
});
const WITHDRAW_PUBLISHED: Rule = {
  needs: () => ['article.withdraw'],
  who: {
    system: 'ok',
    holder: 'ok',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: 'ok',
    approver: 'ok',
    corrector: 'ok',
  },
  results: {
    // A pending correction is dropped with the article (its text stays in the history).
    ok: (s) => ({
      state: s.state.correction
        ? { ...correctionDropped(s), status: 'withdrawn' }
        : { ...s.state, status: 'withdrawn' },
      events: [{ type: 'withdrawn', reason: '信息已过时' }],
    }),
  },
};
const REJECT_CORRECTION = (needs: (s: Situation) => Permission[]): Rule => ({
  needs,
  who: {
    system: 'ok',
    holder: 'ok',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: 'ok',
    approver: 'ok',
    corrector: 'ok',
  },
  results: {
    ok: (s) => ({
      state: correctionDropped(s),
      events: [{ type: 'rejected', level: s.levels, comment: '请核实数据' }],
    }),
  },
});
const ARCHIVE: Rule = {
  needs: () => ['article.archive'],
  who: {
    system: 'ok',
    holder: 'ok',
    lacking: FORBIDDEN,
    nobody: FORBIDDEN,
    author: FORBIDDEN,
    authorAll: 'ok',
    approver: 'ok',
  },
  results: { ok: (s) => ({ state: { ...s.state, status: 'archived' }, events: [{ type: 'archived' }] }) },
};

/** A missing cell is a conflict for everybody, the system included. */
const TABLE: Readonly<Record<Variant, Partial<Record<CommandName, Rule>>>> = {
  draft: {
    submit: {
      // Someone else's draft: an editor.
      needs: () => ['article.submit', 'article.edit-any'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: 'ok',
        authorAll: 'ok',
      },
      results: { ok: (s) => ({ state: backInReview(s, 1, []), events: [{ type: 'submitted' }] }) },
    },
    edit: {
      needs: () => ['article.edit-any'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: 'ok',
        authorAll: 'ok',
      },
      results: { ok: unchanged({ type: 'edited', reviewRestartedAt: 0 }) },
    },
    'edit (minor)': {
      needs: () => ['article.edit-any'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: 'ok',
        authorAll: 'ok',
      },
      results: { ok: unchanged({ type: 'edited', reviewRestartedAt: 0 }) },
    },
    // Straight from draft only for the system (imports); people go through review.
    publish: {
      needs: () => ['article.publish'],
      who: {
        system: 'ok',
        holder: CONFLICT,
        lacking: CONFLICT,
        nobody: CONFLICT,
        author: CONFLICT,
        authorAll: CONFLICT,
      },
      results: { ok: publishedNow },
    },
  },
  'in-review': {
    approve: {
      needs: (s) => [REVIEW[currentLevel(s)]],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: OWN,
        approver: ONCE,
      },
      results: { ok: approvedAtCurrentLevel },
    },
    reject: {
      needs: (s) => [REVIEW[currentLevel(s)]],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: 'ok',
        approver: 'ok',
      },
      results: { ok: (s) => backToDraft(s, currentLevel(s)) },
    },
    // The current level's reviewer edits as part of the review; a writer's edit restarts it.
    edit: {
      needs: (s) => [REVIEW[currentLevel(s)]],
      lacks: (s) => [REVIEW[currentLevel(s)], 'article.edit-any'],
      who: {
        system: 'kept',
        holder: 'kept',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: 'restarted',
        authorAll: 'restarted',
        approver: 'kept',
      },
      results: { kept: unchanged({ type: 'edited', reviewRestartedAt: 0 }), restarted },
    },
    'edit (minor)': {
      needs: (s) => [REVIEW[currentLevel(s)]],
      lacks: (s) => [REVIEW[currentLevel(s)], 'article.edit-any'],
      who: {
        system: 'kept',
        holder: 'kept',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: 'restarted',
        authorAll: 'restarted',
        approver: 'kept',
      },
      results: { kept: unchanged({ type: 'edited', reviewRestartedAt: 0 }), restarted },
    },
  },
  approved: {
    publish: PUBLISH_SIGNED_OFF,
    schedule: {
      ...PUBLISH_SIGNED_OFF,
      results: {
        ok: (s) => ({
          state: { ...s.state, status: 'scheduled', scheduledAt: TOMORROW },
          events: [{ type: 'scheduled', at: TOMORROW }],
        }),
      },
    },
    // Sent back by whoever would sign it off, as a rejection at the final level.
    reject: {
      needs: () => ['article.publish'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: 'ok',
        approver: 'ok',
      },
      results: { ok: (s) => backToDraft(s, s.levels) },
    },
    edit: EDIT_SIGNED_OFF,
    'edit (minor)': MINOR_EDIT_SIGNED_OFF,
  },
  'scheduled (future)': {
    ...SCHEDULED_COMMON,
    'publish-due': {
      needs: () => ['article.publish'],
      who: {
        system: CONFLICT,
        holder: FORBIDDEN,
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: FORBIDDEN,
        approver: FORBIDDEN,
      },
      results: {},
    },
  },
  'scheduled (due)': {
    ...SCHEDULED_COMMON,
    'publish-due': {
      needs: () => ['article.publish'],
      who: {
        system: 'ok',
        holder: FORBIDDEN,
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: FORBIDDEN,
        approver: FORBIDDEN,
      },
      results: { ok: publishedNow },
    },
  },
  published: {
    withdraw: WITHDRAW_PUBLISHED,
    // Minor or not, a correction of a live article waits for 终审; approve, reject and publish are conflicts
    // while none is pending.
    edit: PROPOSE_CORRECTION,
    'edit (minor)': PROPOSE_CORRECTION,
    'edit (urgent)': URGENT_CORRECTION,
    amend: AMEND,
    // Archiving a live article would take it down without the reason a withdrawal needs: withdraw first.
  },
  // The live text stays online; an urgent correction would overwrite the pending one, so it is a conflict.
  'published (correction in review)': {
    withdraw: WITHDRAW_PUBLISHED,
    approve: {
      needs: (s) => [REVIEW[s.levels]],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: OWN,
        corrector: OWN,
      },
      results: {
        ok: (s, by) => ({
          state: {
            ...s.state,
            reviewLevel: 0,
            approvals: by.kind === 'user' ? [{ level: s.levels, userId: by.userId }] : [],
            correction: { status: 'approved', correctorId: CORRECTOR },
          },
          events: [{ type: 'approved', level: s.levels, comment: '同意' }, { type: 'review-complete' }],
        }),
      },
    },
    reject: REJECT_CORRECTION((s) => [REVIEW[s.levels]]),
    edit: EDIT_CORRECTION_IN_REVIEW,
    'edit (minor)': EDIT_CORRECTION_IN_REVIEW,
    amend: AMEND,
  },
  // 签发 of the approved correction puts it online; nobody signs off their own correction.
  'published (correction approved)': {
    withdraw: WITHDRAW_PUBLISHED,
    reject: REJECT_CORRECTION(() => ['article.publish']),
    publish: {
      needs: () => ['article.publish'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: OWN,
        approver: 'ok',
        corrector: OWN,
      },
      results: {
        ok: (s) => ({
          state: { ...s.state, correction: null },
          events: [{ type: 'correction-published' }],
        }),
      },
    },
    edit: PROPOSE_CORRECTION,
    'edit (minor)': PROPOSE_CORRECTION,
    amend: AMEND,
  },
  withdrawn: {
    restore: {
      needs: () => ['article.restore'],
      who: {
        system: 'ok',
        holder: 'ok',
        lacking: FORBIDDEN,
        nobody: FORBIDDEN,
        author: FORBIDDEN,
        authorAll: 'ok',
        approver: 'ok',
      },
      // publishedAt stays the first publication's: never re-dated.
      results: {
        ok: (s) => ({ state: { ...s.state, status: 'published' }, events: [{ type: 'restored' }] }),
      },
    },
    archive: ARCHIVE,
  },
  archived: {},
};

interface Case {
  readonly name: string;
  readonly situation: Situation;
  readonly command: CommandName;
  readonly actorName: ActorName;
  readonly actor: WorkflowActor;
  readonly verdict: Verdict;
  readonly expected: Summary;
}

function actorsFor(s: Situation, rule: Rule | undefined): [ActorName, WorkflowActor][] {
  const actors: [ActorName, WorkflowActor][] = [
    ['system', SYSTEM],
    // In a conflict cell, even every permission does not help.
    ['holder', user(HOLDER, rule ? rule.needs(s) : PERMISSIONS)],
  ];
  if (rule) actors.push(['lacking', user(LACKING, without(...(rule.lacks ?? rule.needs)(s)))]);
  actors.push(
    ['nobody', user(NOBODY, [])],
    ['author', user(AUTHOR, CONTRIBUTOR)],
    ['authorAll', user(AUTHOR, PERMISSIONS)],
  );
  if (s.state.approvals.length > 0) actors.push(['approver', user(REVIEWER[1], PERMISSIONS)]);
  if (s.state.correction !== null) actors.push(['corrector', user(CORRECTOR, PERMISSIONS)]);
  return actors;
}

function verdictOf(s: Situation, rule: Rule | undefined, actorName: ActorName): Verdict {
  if (!rule) return CONFLICT;
  const verdict = rule.who[actorName];
  if (verdict === undefined) throw new Error(`the table has no verdict for ${actorName} in ${s.label}`);
  return typeof verdict === 'function' ? verdict(s) : verdict;
}

const isSuccess = (verdict: Verdict): verdict is Success => !verdict.startsWith('GZ_');

function expectedSummary(
  s: Situation,
  rule: Rule | undefined,
  verdict: Verdict,
  actor: WorkflowActor,
): Summary {
  if (!isSuccess(verdict)) return { ok: false, code: verdict };
  const then = rule?.results[verdict];
  if (!then) throw new Error(`the table has no '${verdict}' result in ${s.label}`);
  return { ok: true, ...then(s, actor) };
}

const CASES: readonly Case[] = SITUATIONS.flatMap((situation) =>
  COMMAND_NAMES.flatMap((command) => {
    const rule = TABLE[situation.variant][command];
    return actorsFor(situation, rule).map(([actorName, actor]): Case => {
      const verdict = verdictOf(situation, rule, actorName);
      return {
        name: `${situation.label} · ${command} · ${actorName} → ${verdict}`,
        situation,
        command,
        actorName,
        actor,
        verdict,
        expected: expectedSummary(situation, rule, verdict, actor),
      };
    });
  }),
);

describe('transition: the whole table', () => {
  it('tries every command type', () => {
    const everyType: Readonly<Record<WorkflowCommandType, true>> = {
      submit: true,
      approve: true,
      reject: true,
      publish: true,
      schedule: true,
      unschedule: true,
      'publish-due': true,
      withdraw: true,
      restore: true,
      archive: true,
      edit: true,
      amend: true,
    };
    expect(new Set(Object.values(COMMANDS).map((c) => c.type))).toEqual(new Set(Object.keys(everyType)));
  });

  it('covers every status, level and actor', () => {
    expect(new Set(SITUATIONS.map((s) => s.state.status)).size).toBe(7);
    expect(SITUATIONS).toHaveLength(9 * 3 + (1 + 2 + 3));
    expect(new Set(CASES.map((c) => c.actorName))).toEqual(new Set(ACTOR_NAMES));
    expect(CASES.length).toBeGreaterThan(1900);
  });

  it.each(CASES)('$name', ({ situation, command, actor, expected }) => {
    const state = deepFreeze(structuredClone(situation.state));
    const cmd = deepFreeze(structuredClone(COMMANDS[command]));
    const ctx = deepFreeze(context(situation.levels));
    const frozenActor = deepFreeze(
      actor.kind === 'user' ? user(actor.userId, actor.permissions) : { ...actor },
    );
    const before = structuredClone({ state, cmd, ctx, actor: frozenActor });

    const first = transition(state, cmd, frozenActor, ctx);
    const second = transition(state, cmd, frozenActor, ctx);

    expect(summarize(first)).toEqual(expected);
    expect(summarize(second)).toEqual(summarize(first));
    expect({ state, cmd, ctx, actor: frozenActor }).toEqual(before);
    if (!first.ok) expect(first.error).toBeInstanceOf(GazetteError);
  });
});

describe('availableCommands', () => {
  const FIXED: readonly ActorName[] = ['system', 'nobody', 'author', 'authorAll', 'approver', 'corrector'];
  const probeName = (type: WorkflowCommandType): CommandName => type;
  const ALL_TYPES: readonly WorkflowCommandType[] = [
    'submit',
    'approve',
    'reject',
    'publish',
    'schedule',
    'unschedule',
    'publish-due',
    'withdraw',
    'restore',
    'archive',
    'edit',
    'amend',
  ];

  const listCases = SITUATIONS.flatMap((situation) =>
    actorsFor(situation, undefined)
      .filter(([name]) => FIXED.includes(name))
      .map(([actorName, actor]) => ({
        name: `${situation.label} · ${actorName}`,
        situation,
        actor,
        expected: ALL_TYPES.filter((type) =>
          isSuccess(verdictOf(situation, TABLE[situation.variant][probeName(type)], actorName)),
        ).sort(),
      })),
  );

  it.each(listCases)('lists exactly what would succeed: $name', ({ situation, actor, expected }) => {
    const state = deepFreeze(structuredClone(situation.state));
    expect([...availableCommands(state, actor, context(situation.levels))].sort()).toEqual(expected);
  });

  const holderCases = CASES.filter(
    (c) =>
      c.command !== 'edit (minor)' &&
      c.command !== 'edit (urgent)' &&
      ['holder', 'lacking'].includes(c.actorName),
  );
  it.each(holderCases)(
    'offers a command only when it would succeed: $name',
    ({ situation, command, actor, verdict }) => {
      const offered = availableCommands(situation.state, actor, context(situation.levels));
      expect(offered.includes(COMMANDS[command].type)).toBe(isSuccess(verdict));
    },
  );

  it('shows the author of a draft the submit and edit buttons', () => {
    expect([...availableCommands(DRAFT, user(AUTHOR, CONTRIBUTOR), context(3))].sort()).toEqual([
      'edit',
      'submit',
    ]);
  });

  it('shows a publisher every sign-off action on an approved article', () => {
    const approved = stateFor('approved', 3, 0);
    expect([...availableCommands(approved, user(20, PUBLISHER), context(3))].sort()).toEqual([
      'edit',
      'publish',
      'reject',
      'schedule',
    ]);
  });

  it('offers nothing on an archived article, even to the system', () => {
    expect(availableCommands(stateFor('archived', 3, 0), SYSTEM, context(3))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------------------

/** An actor whose permissions come from one role granted on the whole of site 1, as the server builds it. */
const asRole = (userId: number, role: Role): WorkflowActor =>
  user(userId, permissionsOn([{ role, siteId: 1, columnId: null }], { siteId: 1, columnTrail: [5] }));

describe('initialWorkflowState', () => {
  it('starts as an empty draft of its author', () => {
    expect(initialWorkflowState(AUTHOR)).toEqual(DRAFT);
  });

  it('has no author for system-made content', () => {
    expect(initialWorkflowState(null)).toEqual({ ...DRAFT, authorId: null });
  });
});

describe('the 三审 path', () => {
  const author = asRole(AUTHOR, 'contributor');
  const first = asRole(11, 'reviewer-1');
  const second = asRole(12, 'reviewer-2');
  const third = asRole(13, 'reviewer-3');
  const publisher = asRole(20, 'publisher');

  it('takes an article from draft to published through three levels and five distinct people', () => {
    const { state, events } = run(initialWorkflowState(AUTHOR), context(3), [
      [{ type: 'submit' }, author],
      [{ type: 'approve', comment: '初审通过' }, first],
      [{ type: 'approve' }, second],
      [{ type: 'approve', comment: '同意发布' }, third],
      [{ type: 'publish' }, publisher],
    ]);
    expect(events).toEqual([
      { type: 'submitted' },
      { type: 'approved', level: 1, comment: '初审通过' },
      { type: 'approved', level: 2, comment: '' },
      { type: 'approved', level: 3, comment: '同意发布' },
      { type: 'review-complete' },
      { type: 'published', at: NOW, backdated: false, reason: '' },
    ]);
    expect(state).toEqual({
      status: 'published',
      reviewLevel: 0,
      approvals: [
        { level: 1, userId: 11 },
        { level: 2, userId: 12 },
        { level: 3, userId: 13 },
      ],
      authorId: AUTHOR,
      scheduledAt: null,
      publishedAt: NOW,
      correction: null,
    });
  });

  it('waits for each level in turn', () => {
    const ctx = context(3);
    const atOne = run(DRAFT, ctx, [[{ type: 'submit' }, author]]).state;
    expect(atOne).toMatchObject({ status: 'in-review', reviewLevel: 1 });
    expect(codeOf(transition(atOne, { type: 'approve' }, second, ctx))).toBe('GZ_FORBIDDEN');
    expect(codeOf(transition(atOne, { type: 'publish' }, publisher, ctx))).toBe('GZ_WORKFLOW_CONFLICT');
    const atTwo = run(atOne, ctx, [[{ type: 'approve' }, first]]).state;
    expect(atTwo).toMatchObject({ status: 'in-review', reviewLevel: 2 });
    expect(codeOf(transition(atTwo, { type: 'approve' }, third, ctx))).toBe('GZ_FORBIDDEN');
  });

  it('is approved after 初审 alone in a column with one level', () => {
    const { state, events } = run(DRAFT, context(1), [
      [{ type: 'submit' }, author],
      [{ type: 'approve' }, first],
    ]);
    expect(state).toMatchObject({
      status: 'approved',
      reviewLevel: 0,
      approvals: [{ level: 1, userId: 11 }],
    });
    expect(events.at(-1)).toEqual({ type: 'review-complete' });
    expect(expectOk(transition(state, { type: 'publish' }, publisher, context(1))).state.status).toBe(
      'published',
    );
  });

  it('is approved after 复审 in a column with two levels', () => {
    const { state, events } = run(DRAFT, context(2), [
      [{ type: 'submit' }, author],
      [{ type: 'approve' }, first],
      [{ type: 'approve' }, second],
    ]);
    expect(state).toMatchObject({
      status: 'approved',
      approvals: [
        { level: 1, userId: 11 },
        { level: 2, userId: 12 },
      ],
    });
    expect(events.filter((e) => e.type === 'review-complete')).toHaveLength(1);
  });

  it('completes at the current level when the column now needs fewer levels', () => {
    const atThree = stateFor('in-review', 3, 3);
    const result = expectOk(transition(atThree, { type: 'approve' }, third, context(2)));
    expect(result.state).toMatchObject({ status: 'approved', reviewLevel: 0 });
  });

  it('lets the server-built role permissions walk the path (contributor, 初审, 复审, 终审, 签发)', () => {
    const ctx = context(3);
    expect(availableCommands(DRAFT, author, ctx)).toContain('submit');
    expect(availableCommands(stateFor('in-review', 3, 1), first, ctx)).toEqual(['approve', 'reject', 'edit']);
    expect(availableCommands(stateFor('approved', 3, 0), publisher, ctx)).toContain('publish');
  });
});

describe('rejecting', () => {
  const reviewer = (level: ReviewLevel) => user(REVIEWER[level] + 100, [REVIEW[level]]);

  it.each(LEVELS)(
    'returns the article from level %i to draft with the comment and clears the approvals',
    (level) => {
      const inReview = stateFor('in-review', 3, level);
      const result = expectOk(
        transition(inReview, { type: 'reject', comment: ' 数据有误 ' }, reviewer(level), context(3)),
      );
      expect(result.state).toEqual({ ...DRAFT });
      expect(result.events).toEqual([{ type: 'rejected', level, comment: '数据有误' }]);

      // The next round starts from level 1 with nobody's approval, so earlier approvers may approve again.
      const again = run(result.state, context(3), [
        [{ type: 'submit' }, user(AUTHOR, CONTRIBUTOR)],
        [{ type: 'approve' }, user(REVIEWER[2], [REVIEW[1]])],
      ]).state;
      expect(again).toMatchObject({
        status: 'in-review',
        reviewLevel: 2,
        approvals: [{ level: 1, userId: 12 }],
      });
    },
  );

  it('lets a publisher send an approved article back, as a rejection at the final level', () => {
    const result = expectOk(
      transition(
        stateFor('approved', 2, 0),
        { type: 'reject', comment: '标题需修改' },
        user(20, PUBLISHER),
        context(2),
      ),
    );
    expect(result.state).toEqual(DRAFT);
    expect(result.events).toEqual([{ type: 'rejected', level: 2, comment: '标题需修改' }]);
  });

  it.each(['', '   '])('needs a comment for the author (%j)', (comment) => {
    expect(
      codeOf(transition(stateFor('in-review', 3, 2), { type: 'reject', comment }, reviewer(2), context(3))),
    ).toBe('GZ_REASON_REQUIRED');
  });

  it('is refused to a reviewer of another level', () => {
    expect(
      codeOf(
        transition(stateFor('in-review', 3, 2), { type: 'reject', comment: '不行' }, reviewer(1), context(3)),
      ),
    ).toBe('GZ_FORBIDDEN');
  });
});

describe('one person, one level; nobody approves their own article', () => {
  it('stops a reviewer holding 初审 and 复审 from approving both levels', () => {
    const both = user(30, ['article.review-1', 'article.review-2']);
    const atTwo = run(DRAFT, context(3), [
      [{ type: 'submit' }, user(AUTHOR, CONTRIBUTOR)],
      [{ type: 'approve' }, both],
    ]).state;
    expect(atTwo).toMatchObject({ reviewLevel: 2, approvals: [{ level: 1, userId: 30 }] });
    const result = transition(atTwo, { type: 'approve' }, both, context(3));
    expect(codeOf(result)).toBe('GZ_ONE_LEVEL_PER_PERSON');
    expect(result.ok ? null : result.error.kind).toBe('forbidden');
  });

  it('stops a reviewer holding every level from approving level 3 after level 2', () => {
    const all = user(31, [REVIEW[1], REVIEW[2], REVIEW[3]]);
    const atThree = run(stateFor('in-review', 3, 2), context(3), [[{ type: 'approve' }, all]]).state;
    expect(codeOf(transition(atThree, { type: 'approve' }, all, context(3)))).toBe('GZ_ONE_LEVEL_PER_PERSON');
  });

  it.each(LEVELS)('stops the author holding reviewer permissions from approving level %i', (level) => {
    const authorReviewer = user(AUTHOR, [...CONTRIBUTOR, REVIEW[1], REVIEW[2], REVIEW[3]]);
    const result = transition(
      stateFor('in-review', 3, level),
      { type: 'approve' },
      authorReviewer,
      context(3),
    );
    expect(codeOf(result)).toBe('GZ_OWN_ARTICLE');
  });

  it('stops the author holding publisher permissions from publishing or scheduling', () => {
    const authorPublisher = user(AUTHOR, [...CONTRIBUTOR, ...PUBLISHER]);
    const approved = stateFor('approved', 3, 0);
    expect(codeOf(transition(approved, { type: 'publish' }, authorPublisher, context(3)))).toBe(
      'GZ_OWN_ARTICLE',
    );
    expect(
      codeOf(transition(approved, { type: 'schedule', at: TOMORROW }, authorPublisher, context(3))),
    ).toBe('GZ_OWN_ARTICLE');
  });

  // docs/gov-rules.md 先审后发: "at least two distinct approvers". With one level the publisher is the second one.
  it('stops the only reviewer of a one-level column from also signing it off (two distinct approvers)', () => {
    const reviewerPublisher = user(11, [REVIEW[1], ...PUBLISHER]);
    const approved = run(stateFor('in-review', 1, 1), context(1), [
      [{ type: 'approve' }, reviewerPublisher],
    ]).state;
    expect(approved.status).toBe('approved');
    expect(codeOf(transition(approved, { type: 'publish' }, reviewerPublisher, context(1)))).toBe(
      'GZ_ONE_LEVEL_PER_PERSON',
    );
    expect(
      codeOf(transition(approved, { type: 'schedule', at: TOMORROW }, reviewerPublisher, context(1))),
    ).toBe('GZ_ONE_LEVEL_PER_PERSON');
  });

  it('lets the final reviewer sign off when other people approved the lower levels', () => {
    const reviewerPublisher = user(13, [REVIEW[3], ...PUBLISHER]);
    const approved = run(stateFor('in-review', 3, 3), context(3), [
      [{ type: 'approve' }, reviewerPublisher],
    ]).state;
    expect(
      expectOk(transition(approved, { type: 'publish' }, reviewerPublisher, context(3))).state.status,
    ).toBe('published');
  });
});

describe('editing', () => {
  const editor = user(40, EDITOR);
  const publisher = user(20, PUBLISHER);
  const author = user(AUTHOR, CONTRIBUTOR);

  it.each([
    ['an editor', editor],
    ['the author', author],
    ['a publisher, without claiming a minor edit', publisher],
  ] as const)('restarts review at level 1 when %s edits an approved article', (_who, actor) => {
    const result = expectOk(transition(stateFor('approved', 3, 0), { type: 'edit' }, actor, context(3)));
    expect(result.state).toEqual({ ...DRAFT, status: 'in-review', reviewLevel: 1, approvals: [] });
    expect(result.events).toEqual([{ type: 'edited', reviewRestartedAt: 1 }]);
  });

  it("sends a publisher's minor edit to the final level, keeping the lower approvals", () => {
    const ctx = context(3);
    const result = expectOk(
      transition(stateFor('approved', 3, 0), { type: 'edit', minor: true }, publisher, ctx),
    );
    expect(result.state).toEqual({
      ...DRAFT,
      status: 'in-review',
      reviewLevel: 3,
      approvals: [
        { level: 1, userId: 11 },
        { level: 2, userId: 12 },
      ],
    });
    expect(result.events).toEqual([{ type: 'edited', reviewRestartedAt: 3 }]);
    // 终审 looks at the new text again, and the article is approved once more.
    const again = run(result.state, ctx, [[{ type: 'approve' }, user(13, [REVIEW[3]])]]).state;
    expect(again).toEqual(stateFor('approved', 3, 0));
  });

  it("sends a publisher's minor edit in a two-level column to level 2", () => {
    const result = expectOk(
      transition(stateFor('approved', 2, 0), { type: 'edit', minor: true }, publisher, context(2)),
    );
    expect(result.state).toMatchObject({
      status: 'in-review',
      reviewLevel: 2,
      approvals: [{ level: 1, userId: 11 }],
    });
  });

  it('restarts at level 1 when minor edits are not configured to go to the final level', () => {
    const result = expectOk(
      transition(stateFor('approved', 3, 0), { type: 'edit', minor: true }, publisher, context(3, false)),
    );
    expect(result.state).toMatchObject({ status: 'in-review', reviewLevel: 1, approvals: [] });
    expect(result.events).toEqual([{ type: 'edited', reviewRestartedAt: 1 }]);
  });

  it('ignores a minor-edit claim by someone who is not a publisher', () => {
    const result = expectOk(
      transition(stateFor('approved', 3, 0), { type: 'edit', minor: true }, editor, context(3)),
    );
    expect(result.state).toMatchObject({ reviewLevel: 1, approvals: [] });
  });

  it('takes a scheduled article off the schedule and back into review', () => {
    const result = expectOk(
      transition(stateFor('scheduled (future)', 3, 0), { type: 'edit' }, editor, context(3)),
    );
    expect(result.state).toMatchObject({
      status: 'in-review',
      reviewLevel: 1,
      scheduledAt: null,
      approvals: [],
    });
  });

  it("keeps the level and approvals when the current level's reviewer edits in review", () => {
    const atTwo = stateFor('in-review', 3, 2);
    const result = expectOk(transition(atTwo, { type: 'edit' }, user(12, [REVIEW[2]]), context(3)));
    expect(result.state).toEqual(atTwo);
    expect(result.events).toEqual([{ type: 'edited', reviewRestartedAt: 0 }]);
  });

  it.each([
    ['the author', author],
    ['an editor', editor],
  ] as const)('restarts review at level 1 when %s edits in review', (_who, actor) => {
    const result = expectOk(transition(stateFor('in-review', 3, 3), { type: 'edit' }, actor, context(3)));
    expect(result.state).toEqual({ ...DRAFT, status: 'in-review', reviewLevel: 1 });
    expect(result.events).toEqual([{ type: 'edited', reviewRestartedAt: 1 }]);
  });

  it('restarts review when the author holding reviewer permissions edits in review', () => {
    const authorReviewer = user(AUTHOR, [...CONTRIBUTOR, REVIEW[2]]);
    const result = expectOk(
      transition(stateFor('in-review', 3, 2), { type: 'edit' }, authorReviewer, context(3)),
    );
    expect(result.state).toMatchObject({ reviewLevel: 1, approvals: [] });
  });

  it('refuses an edit in review by a reviewer of another level', () => {
    expect(
      codeOf(transition(stateFor('in-review', 3, 2), { type: 'edit' }, user(11, [REVIEW[1]]), context(3))),
    ).toBe('GZ_FORBIDDEN');
  });

  it("refuses an edit of someone else's draft without article.edit-any", () => {
    expect(codeOf(transition(DRAFT, { type: 'edit' }, user(2, CONTRIBUTOR), context(3)))).toBe(
      'GZ_FORBIDDEN',
    );
    expect(codeOf(transition(DRAFT, { type: 'edit' }, editor, context(3)))).toBe('ok');
  });

  it.each(['withdrawn', 'archived'] as const)(
    'refuses any edit of a %s article, even by the system',
    (variant) => {
      expect(codeOf(transition(stateFor(variant, 3, 0), { type: 'edit' }, SYSTEM, context(3)))).toBe(
        'GZ_WORKFLOW_CONFLICT',
      );
    },
  );
});

describe('a published article', () => {
  const published = stateFor('published', 3, 0);
  const publisher = user(20, PUBLISHER);

  it('keeps the live text while a correction waits for 终审, and puts it online only at 签发', () => {
    const corrector = user(20, PUBLISHER);
    const final = user(13, [REVIEW[3]]);
    const signer = user(21, PUBLISHER);
    const proposal = expectOk(transition(published, { type: 'edit' }, corrector, context(3)));
    expect(proposal.state).toEqual({
      ...published,
      reviewLevel: 3,
      approvals: [],
      correction: { status: 'in-review', correctorId: 20 },
    });
    expect(proposal.events).toEqual([{ type: 'correction-proposed', level: 3 }]);
    // Still published, at its first date: the public page keeps the live revision.
    expect(proposal.state.status).toBe('published');
    expect(proposal.state.publishedAt).toBe(FIRST_PUBLISHED);
    // The corrector neither approves nor signs off their own correction.
    expect(codeOf(transition(proposal.state, { type: 'approve' }, user(20, PERMISSIONS), context(3)))).toBe(
      'GZ_OWN_ARTICLE',
    );
    expect(codeOf(transition(proposal.state, { type: 'publish' }, signer, context(3)))).toBe(
      'GZ_WORKFLOW_CONFLICT',
    );
    const { state, events } = run(proposal.state, context(3), [
      [{ type: 'approve', comment: '更正属实' }, final],
      [{ type: 'publish' }, signer],
    ]);
    expect(state).toEqual({ ...published, approvals: [{ level: 3, userId: 13 }], correction: null });
    expect(events).toEqual([
      { type: 'approved', level: 3, comment: '更正属实' },
      { type: 'review-complete' },
      { type: 'correction-published' },
    ]);
  });

  it('sends a minor correction to 终审 as well: nothing a person writes goes live unreviewed', () => {
    const result = expectOk(transition(published, { type: 'edit', minor: true }, publisher, context(3)));
    expect(result.events).toEqual([{ type: 'correction-proposed', level: 3 }]);
    expect(result.state.correction).toEqual({ status: 'in-review', correctorId: 20 });
  });

  it('drops a rejected correction and leaves the live article as it was', () => {
    const pending = expectOk(transition(published, { type: 'edit' }, publisher, context(3))).state;
    const result = expectOk(
      transition(pending, { type: 'reject', comment: '无需更正' }, user(13, [REVIEW[3]]), context(3)),
    );
    expect(result.state).toEqual({ ...published, approvals: [], correction: null });
    expect(result.events).toEqual([{ type: 'rejected', level: 3, comment: '无需更正' }]);
  });

  it('corrects at once only for article.correct-urgent, with a reason, and not over a pending correction', () => {
    const chief = asRole(30, 'chief-publisher');
    expect(codeOf(transition(published, { type: 'edit', urgent: true }, chief, context(3)))).toBe(
      'GZ_REASON_REQUIRED',
    );
    expect(
      codeOf(transition(published, { type: 'edit', urgent: true, reason: '  ' }, chief, context(3))),
    ).toBe('GZ_REASON_REQUIRED');
    expect(
      codeOf(transition(published, { type: 'edit', urgent: true, reason: '错误' }, publisher, context(3))),
    ).toBe('GZ_FORBIDDEN');
    const urgent = expectOk(
      transition(published, { type: 'edit', urgent: true, reason: ' 电话号码错误 ' }, chief, context(3)),
    );
    expect(urgent.state).toEqual(published);
    expect(urgent.events).toEqual([{ type: 'corrected', urgent: true, reason: '电话号码错误' }]);
    const pending = expectOk(transition(published, { type: 'edit' }, publisher, context(3))).state;
    expect(
      codeOf(transition(pending, { type: 'edit', urgent: true, reason: '错误' }, chief, context(3))),
    ).toBe('GZ_WORKFLOW_CONFLICT');
    expect(
      codeOf(
        transition(
          stateFor('approved', 3, 0),
          { type: 'edit', urgent: true, reason: '错误' },
          chief,
          context(3),
        ),
      ),
    ).toBe('GZ_WORKFLOW_CONFLICT');
  });

  it('takes a system field change (有效性 after a repeal) without review, needing a cause, from the system only', () => {
    const result = expectOk(transition(published, { type: 'amend', cause: '已废止' }, SYSTEM, context(3)));
    expect(result.state).toEqual(published);
    expect(result.events).toEqual([{ type: 'amended', cause: '已废止' }]);
    expect(codeOf(transition(published, { type: 'amend', cause: ' ' }, SYSTEM, context(3)))).toBe(
      'GZ_REASON_REQUIRED',
    );
    expect(
      codeOf(transition(published, { type: 'amend', cause: '已废止' }, user(1, PERMISSIONS), context(3))),
    ).toBe('GZ_FORBIDDEN');
  });

  it.each(['', '  '])('is not withdrawn without a reason (%j)', (reason) => {
    expect(codeOf(transition(published, { type: 'withdraw', reason }, publisher, context(3)))).toBe(
      'GZ_REASON_REQUIRED',
    );
  });

  it('is withdrawn with a reason, keeping its publication date', () => {
    const result = expectOk(
      transition(published, { type: 'withdraw', reason: ' 政策已废止 ' }, publisher, context(3)),
    );
    expect(result.state).toEqual({ ...published, status: 'withdrawn' });
    expect(result.events).toEqual([{ type: 'withdrawn', reason: '政策已废止' }]);
  });

  it('is not withdrawn by someone without article.withdraw', () => {
    expect(
      codeOf(transition(published, { type: 'withdraw', reason: '过时' }, user(40, EDITOR), context(3))),
    ).toBe('GZ_FORBIDDEN');
  });

  it('is restored with its original publication date, never re-dated', () => {
    const aYearLater: WorkflowContext = { ...context(3), now: '2025-05-01T02:00:00.000Z' };
    const { state, events } = run(published, aYearLater, [
      [{ type: 'withdraw', reason: '核实中' }, publisher],
      [{ type: 'restore' }, publisher],
    ]);
    expect(state).toEqual(published);
    expect(state.publishedAt).toBe(FIRST_PUBLISHED);
    expect(events).toEqual([{ type: 'withdrawn', reason: '核实中' }, { type: 'restored' }]);
  });

  it('is archived from withdrawn, after which nothing is possible', () => {
    const result = expectOk(
      transition(stateFor('withdrawn', 3, 0), { type: 'archive' }, publisher, context(3)),
    );
    expect(result.state).toEqual({ ...published, status: 'archived' });
    expect(result.events).toEqual([{ type: 'archived' }]);
    expect(availableCommands(result.state, SYSTEM, context(3))).toEqual([]);
  });

  it('is not archived straight from published: that would be a withdrawal without a reason', () => {
    const result = transition(stateFor('published', 3, 0), { type: 'archive' }, publisher, context(3));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('GZ_WORKFLOW_CONFLICT');
  });
});

describe('scheduling', () => {
  const approved = stateFor('approved', 3, 0);
  const publisher = user(20, PUBLISHER);

  it.each([YESTERDAY, NOW, '2024-05-01T10:00:00+08:00'])(
    'refuses a time that is not in the future (%s)',
    (at) => {
      expect(codeOf(transition(approved, { type: 'schedule', at }, publisher, context(3)))).toBe(
        'GZ_SCHEDULE_IN_PAST',
      );
    },
  );

  it('stores the scheduled time as a UTC instant', () => {
    const result = expectOk(
      transition(approved, { type: 'schedule', at: '2024-05-02T09:30:00+08:00' }, publisher, context(3)),
    );
    expect(result.state).toEqual({
      ...approved,
      status: 'scheduled',
      scheduledAt: '2024-05-02T01:30:00.000Z',
    });
    expect(result.events).toEqual([{ type: 'scheduled', at: '2024-05-02T01:30:00.000Z' }]);
  });

  it.each(['', 'tomorrow', 'not a time', '2024-13-01T00:00:00Z'])('refuses a garbage time (%j)', (at) => {
    expect(codeOf(transition(approved, { type: 'schedule', at }, publisher, context(3)))).toBe(
      'GZ_INVALID_INPUT',
    );
  });

  it('is undone by unscheduling, back to approved', () => {
    const result = expectOk(
      transition(stateFor('scheduled (future)', 3, 0), { type: 'unschedule' }, publisher, context(3)),
    );
    expect(result.state).toEqual(approved);
    expect(result.events).toEqual([{ type: 'unscheduled' }]);
  });

  it('is published when due only by the system', () => {
    const due = stateFor('scheduled (due)', 3, 0);
    expect(codeOf(transition(due, { type: 'publish-due' }, publisher, context(3)))).toBe('GZ_FORBIDDEN');
    expect(codeOf(transition(due, { type: 'publish-due' }, user(99, PERMISSIONS), context(3)))).toBe(
      'GZ_FORBIDDEN',
    );
    expect(codeOf(transition(due, { type: 'publish-due' }, SYSTEM, context(3)))).toBe('ok');
  });

  it('is not published before its time, and is published at exactly its time', () => {
    const scheduled: WorkflowState = { ...approved, status: 'scheduled', scheduledAt: NOW };
    const early: WorkflowContext = { ...context(3), now: ONE_MINUTE_AGO };
    expect(codeOf(transition(scheduled, { type: 'publish-due' }, SYSTEM, early))).toBe(
      'GZ_WORKFLOW_CONFLICT',
    );
    const result = expectOk(transition(scheduled, { type: 'publish-due' }, SYSTEM, context(3)));
    expect(result.state).toEqual({ ...approved, status: 'published', publishedAt: NOW });
    expect(result.events).toEqual([{ type: 'published', at: NOW, backdated: false, reason: '' }]);
  });

  it('keeps an existing publication date when a due item is published', () => {
    const scheduled: WorkflowState = { ...stateFor('scheduled (due)', 3, 0), publishedAt: FIRST_PUBLISHED };
    const result = expectOk(transition(scheduled, { type: 'publish-due' }, SYSTEM, context(3)));
    expect(result.state.publishedAt).toBe(FIRST_PUBLISHED);
    expect(result.events).toEqual([{ type: 'published', at: FIRST_PUBLISHED, backdated: false, reason: '' }]);
  });

  it('can be overtaken by publishing at once', () => {
    const result = expectOk(
      transition(stateFor('scheduled (future)', 3, 0), { type: 'publish' }, publisher, context(3)),
    );
    expect(result.state).toMatchObject({ status: 'published', scheduledAt: null, publishedAt: NOW });
  });
});

describe('publish times and back-dating', () => {
  const approved = stateFor('approved', 3, 0);
  const publisher = user(20, PUBLISHER);
  const backdater = user(21, [...PUBLISHER, 'article.backdate']);
  const publish = (at: string, reason?: string): WorkflowCommand =>
    reason === undefined ? { type: 'publish', at } : { type: 'publish', at, reason };

  it('publishes at the time the system gives', () => {
    const result = expectOk(transition(approved, { type: 'publish' }, publisher, context(3)));
    expect(result.state.publishedAt).toBe(NOW);
    expect(result.events).toEqual([{ type: 'published', at: NOW, backdated: false, reason: '' }]);
  });

  it('refuses back-dating to a user without article.backdate, even with a reason', () => {
    expect(codeOf(transition(approved, publish(YESTERDAY, '补录'), publisher, context(3)))).toBe(
      'GZ_BACKDATE_FORBIDDEN',
    );
  });

  it.each([undefined, '', '   '])('needs a reason to back-date (%j)', (reason) => {
    expect(codeOf(transition(approved, publish(YESTERDAY, reason), backdater, context(3)))).toBe(
      'GZ_REASON_REQUIRED',
    );
  });

  it('back-dates with the permission and a reason, saying so in the event', () => {
    const result = expectOk(
      transition(approved, publish(YESTERDAY, ' 补录纸质公告 '), backdater, context(3)),
    );
    expect(result.state).toMatchObject({ status: 'published', publishedAt: YESTERDAY });
    expect(result.events).toEqual([
      { type: 'published', at: YESTERDAY, backdated: true, reason: '补录纸质公告' },
    ]);
  });

  it('treats the current time written in Shanghai time as now, not as back-dating', () => {
    const result = expectOk(
      transition(approved, publish('2024-05-01T10:00:00+08:00'), publisher, context(3)),
    );
    expect(result.state.publishedAt).toBe(NOW);
    expect(result.events).toEqual([{ type: 'published', at: NOW, backdated: false, reason: '' }]);
  });

  it('compares a +08:00 time as an instant: 09:00 Shanghai is an hour before 02:00 UTC', () => {
    const at = '2024-05-01T09:00:00+08:00';
    expect(codeOf(transition(approved, publish(at, '补录'), publisher, context(3)))).toBe(
      'GZ_BACKDATE_FORBIDDEN',
    );
    const result = expectOk(transition(approved, publish(at, '补录'), backdater, context(3)));
    expect(result.state.publishedAt).toBe('2024-05-01T01:00:00.000Z');
    expect(result.events).toEqual([
      { type: 'published', at: '2024-05-01T01:00:00.000Z', backdated: true, reason: '补录' },
    ]);
  });

  it.each([TOMORROW, '2024-04-30T20:00:00-08:00'])(
    'refuses a future time on publish (%s): that is a schedule',
    (at) => {
      expect(codeOf(transition(approved, publish(at, '提前'), backdater, context(3)))).toBe(
        'GZ_INVALID_INPUT',
      );
    },
  );

  it.each(['', 'yesterday', 'not a time', '2024-13-01T00:00:00Z'])('refuses a garbage time (%j)', (at) => {
    expect(codeOf(transition(approved, publish(at, '补录'), backdater, context(3)))).toBe('GZ_INVALID_INPUT');
  });

  // Date.parse is lenient: these read as a real date different from what was meant (or depend on the server's
  // time zone), which would silently forge a publish date. Only an ISO instant with an offset is a time.
  it.each([
    ['a day that does not exist', '2024-02-30T00:00:00Z'],
    ['a bare number', '1'],
    ['a local time without an offset', '2024-04-30T10:00:00'],
    ['a non-ISO date', '2024/04/30'],
  ])('refuses %s as a publish or schedule time (%s)', (_what, at) => {
    expect(codeOf(transition(approved, publish(at, '补录'), backdater, context(3)))).toBe('GZ_INVALID_INPUT');
    const future = at.replace('2024', '2025');
    expect(codeOf(transition(approved, { type: 'schedule', at: future }, publisher, context(3)))).toBe(
      'GZ_INVALID_INPUT',
    );
  });

  it('lets the system publish straight from draft, but not a user holding every permission', () => {
    const result = expectOk(transition(DRAFT, { type: 'publish' }, SYSTEM, context(3)));
    expect(result.state).toEqual({ ...DRAFT, status: 'published', publishedAt: NOW });
    expect(codeOf(transition(DRAFT, { type: 'publish' }, user(99, PERMISSIONS), context(3)))).toBe(
      'GZ_WORKFLOW_CONFLICT',
    );
  });

  it('lets the system import historical content with its original date and a reason', () => {
    const imported = initialWorkflowState(null);
    const result = expectOk(
      transition(imported, publish(FIRST_PUBLISHED, '历史数据迁移'), SYSTEM, context(3)),
    );
    expect(result.state).toMatchObject({ status: 'published', publishedAt: FIRST_PUBLISHED });
    expect(result.events).toEqual([
      { type: 'published', at: FIRST_PUBLISHED, backdated: true, reason: '历史数据迁移' },
    ]);
  });
});

describe('purity', () => {
  it('gives deep-equal answers for the same input and mutates nothing', () => {
    const state = deepFreeze(stateFor('in-review', 3, 2));
    const actor = deepFreeze(user(12, [REVIEW[2]]));
    const ctx = deepFreeze(context(3));
    const command = deepFreeze<WorkflowCommand>({ type: 'approve', comment: '好' });
    const snapshot = structuredClone({ state, actor, ctx, command });
    const a = transition(state, command, actor, ctx);
    const b = transition(state, command, actor, ctx);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(availableCommands(state, actor, ctx)).toEqual(availableCommands(state, actor, ctx));
    expect({ state, actor, ctx, command }).toEqual(snapshot);
  });

  it('returns errors as values, never throwing', () => {
    const result = transition(stateFor('archived', 3, 0), { type: 'restore' }, SYSTEM, context(3));
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error).toBeInstanceOf(GazetteError);
  });

  it('freezes for real in the helper used above', () => {
    const set = deepFreeze(new Set<Permission>(['article.read']));
    expect(() => set.add('article.publish')).toThrow(TypeError);
    const object = deepFreeze({ nested: { list: [1] } });
    expect(() => object.nested.list.push(2)).toThrow(TypeError);
  });
});
