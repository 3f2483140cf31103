import {
  consultationStage,
  CONSULTATION_KINDS,
  feedbackDueOn,
  feedbackMark,
  formatDate,
  GazetteError,
  isIsoDate,
  type CommentStatus,
  type ConsultationKind,
  type ConsultationStage,
  type FeedbackMark,
  type Principal,
} from '../core/index.js';
import { sensitiveWordRule } from '../check/index.js';
import type { Submission } from './anti-abuse.js';
import { afterCommit, type AppDeps } from './deps.js';
import { maskQuestion } from './interact-public.js';
import { cleanText, EMAIL, length, oneLine, PHONE } from './interact.js';
import { checkOptionsFor } from './manage-check-terms.js';
import { registerRetentionPurge } from './personal-data.js';
import type {
  CommentCounts,
  Consultation,
  ConsultationAttachment,
  ConsultationComment,
  ConsultationSettings,
} from './ports-consultation.js';
import type { Store } from './ports.js';
import { audit, principalName, requirePermission } from './principal.js';
import { sanitizeBody } from './sanitize.js';

/**
 * 意见征集: a site's administrators put a draft (a regulation, plan or policy) out for comment between two dates;
 * the public comments through a form with the anti-abuse checks of the letters; every comment is moderated
 * before it may be shown (and shown only if the site chooses to); after closing, the 采纳情况反馈 is required,
 * and a consultation closed longer than the site's limit without it is flagged for the self-check.
 */

/** Longest texts, in characters. */
export const CONSULTATION_LIMITS = {
  title: 100,
  drafter: 60,
  summary: 2000,
  body: 200_000,
  comment: 3000,
  displayName: 30,
  feedback: 20_000,
  note: 500,
  attachments: 20,
} as const;

const invalid = (field: string, detail: string) => new GazetteError('GZ_INVALID_INPUT', detail, { field });

const actorIdOf = (principal: Principal): number | null =>
  principal.kind === 'user' ? principal.user.id : null;

async function loadConsultation(store: Store, id: number): Promise<Consultation> {
  const consultation = await store.consultations.get(id);
  if (!consultation) throw new GazetteError('GZ_CONSULTATION_NOT_FOUND', String(id));
  return consultation;
}

// ---------------------------------------------------------------------------------------------- settings

export async function readConsultationSettings(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<ConsultationSettings> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  return deps.store.consultations.getSettings(siteId);
}

/** Whether approved comments are shown on the page, and the days after closing by which feedback is due. */
export function saveConsultationSettings(
  deps: AppDeps,
  principal: Principal,
  settings: ConsultationSettings,
): Promise<ConsultationSettings> {
  if (!Number.isInteger(settings.feedbackDays) || settings.feedbackDays < 1 || settings.feedbackDays > 365) {
    throw invalid('feedbackDays', 'feedback is due 1 to 365 days after closing');
  }
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: settings.siteId });
    const clean = {
      siteId: settings.siteId,
      showComments: settings.showComments,
      feedbackDays: settings.feedbackDays,
    };
    await store.consultations.setSettings(clean);
    await audit(store, principal, deps.clock.now(), {
      action: 'consultation.settings',
      targetType: 'site',
      targetId: String(settings.siteId),
      siteId: settings.siteId,
      result: 'ok',
      summary: { showComments: clean.showComments, feedbackDays: clean.feedbackDays },
    });
    return clean;
  });
}

// ---------------------------------------------------------------------------------------------- the draft

export interface ConsultationCommand {
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly drafter?: string | undefined;
  readonly summary?: string | undefined;
  readonly bodyHtml: string;
  /** Media library items of the site (PDF, Word, images…) attached to the draft. */
  readonly mediaIds?: readonly number[] | undefined;
  readonly opensOn: string;
  readonly closesOn: string;
}

async function cleanConsultation(store: Store, siteId: number, command: ConsultationCommand) {
  if (!CONSULTATION_KINDS.includes(command.kind)) {
    throw invalid('kind', `one of ${CONSULTATION_KINDS.join(', ')}`);
  }
  const title = oneLine(command.title);
  if (length(title) < 4 || length(title) > CONSULTATION_LIMITS.title) {
    throw invalid('title', `a title has 4 to ${CONSULTATION_LIMITS.title} characters`);
  }
  const drafter = oneLine(command.drafter ?? '');
  if (length(drafter) > CONSULTATION_LIMITS.drafter) throw invalid('drafter', 'at most 60 characters');
  const summary = cleanText(command.summary ?? '');
  if (length(summary) > CONSULTATION_LIMITS.summary) throw invalid('summary', 'at most 2000 characters');
  if (command.bodyHtml.length > CONSULTATION_LIMITS.body) {
    throw new GazetteError('GZ_PAYLOAD_TOO_LARGE', 'the draft is too long', { field: 'bodyHtml' });
  }
  const bodyHtml = sanitizeBody(command.bodyHtml);
  if (bodyHtml.replace(/<[^>]*>/g, '').trim().length < 10) {
    throw invalid('bodyHtml', 'the draft needs its text (at least 10 characters)');
  }
  if (!isIsoDate(command.opensOn)) throw invalid('opensOn', 'a date YYYY-MM-DD');
  if (!isIsoDate(command.closesOn)) throw invalid('closesOn', 'a date YYYY-MM-DD');
  if (command.closesOn < command.opensOn) throw invalid('closesOn', 'closes on or after the opening day');
  const mediaIds = [...new Set(command.mediaIds ?? [])];
  if (mediaIds.length > CONSULTATION_LIMITS.attachments) throw invalid('mediaIds', 'at most 20 attachments');
  const attachments: ConsultationAttachment[] = [];
  for (const mediaId of mediaIds) {
    const item = await store.media.get(mediaId);
    if (!item || (item.siteId !== null && item.siteId !== siteId)) {
      throw new GazetteError('GZ_MEDIA_NOT_FOUND', String(mediaId), { field: 'mediaIds' });
    }
    attachments.push({
      mediaId,
      name: item.name,
      url: `/media/f/${item.key}.${item.ext}`,
      mime: item.mime,
      size: item.size,
    });
  }
  return {
    kind: command.kind,
    title,
    drafter,
    summary,
    bodyHtml,
    attachments,
    opensOn: command.opensOn,
    closesOn: command.closesOn,
  };
}

export function createConsultation(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  command: ConsultationCommand,
): Promise<Consultation> {
  return afterCommit(deps, async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId });
    const now = deps.clock.now();
    const clean = await cleanConsultation(store, siteId, command);
    const consultation = await store.consultations.create({ siteId, ...clean }, actorIdOf(principal), now);
    await audit(store, principal, now, {
      action: 'consultation.create',
      targetType: 'consultation',
      targetId: String(consultation.id),
      siteId,
      result: 'ok',
      summary: { title: clean.title, opensOn: clean.opensOn, closesOn: clean.closesOn },
    });
    return consultation;
  });
}

/**
 * Changes a consultation's draft or dates while it has not closed (a closed one keeps what people commented
 * on); the closing date may not move before today once comments are being taken.
 */
export function updateConsultation(
  deps: AppDeps,
  principal: Principal,
  id: number,
  expectedVersion: number,
  command: ConsultationCommand,
): Promise<Consultation> {
  return afterCommit(deps, async (store) => {
    const existing = await loadConsultation(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: existing.siteId });
    const now = deps.clock.now();
    const today = formatDate(now);
    if (consultationStage(existing.opensOn, existing.closesOn, today) === 'closed') {
      throw new GazetteError('GZ_CONSULTATION_STEP', 'closed: the draft stays as it was commented on');
    }
    const clean = await cleanConsultation(store, existing.siteId, command);
    if (clean.closesOn < today) throw invalid('closesOn', 'the closing date cannot be in the past');
    if (!(await store.consultations.update(id, expectedVersion, clean, now))) {
      throw new GazetteError('GZ_CONSULTATION_CHANGED');
    }
    await audit(store, principal, now, {
      action: 'consultation.update',
      targetType: 'consultation',
      targetId: String(id),
      siteId: existing.siteId,
      result: 'ok',
      summary: { title: clean.title, opensOn: clean.opensOn, closesOn: clean.closesOn },
    });
    return (await store.consultations.get(id)) as Consultation;
  });
}

/** Takes a consultation off the public pages (or puts it back); the record and its comments stay. */
export function withdrawConsultation(
  deps: AppDeps,
  principal: Principal,
  id: number,
  expectedVersion: number,
  withdrawn: boolean,
  reason: string,
): Promise<Consultation> {
  return afterCommit(deps, async (store) => {
    const existing = await loadConsultation(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: existing.siteId });
    const note = oneLine(reason);
    if (withdrawn && (length(note) < 2 || length(note) > CONSULTATION_LIMITS.note)) {
      throw invalid('reason', 'withdrawing needs a reason (2 to 500 characters)');
    }
    const now = deps.clock.now();
    if (!(await store.consultations.update(id, expectedVersion, { withdrawn }, now))) {
      throw new GazetteError('GZ_CONSULTATION_CHANGED');
    }
    await audit(store, principal, now, {
      action: withdrawn ? 'consultation.withdraw' : 'consultation.restore',
      targetType: 'consultation',
      targetId: String(id),
      siteId: existing.siteId,
      result: 'ok',
      summary: { title: existing.title, reason: note },
    });
    return (await store.consultations.get(id)) as Consultation;
  });
}

/** Publishes (or corrects) the 采纳情况反馈 of a closed consultation: what was adopted, what not, and why. */
export function publishFeedback(
  deps: AppDeps,
  principal: Principal,
  id: number,
  expectedVersion: number,
  text: string,
): Promise<Consultation> {
  return afterCommit(deps, async (store) => {
    const existing = await loadConsultation(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: existing.siteId });
    const now = deps.clock.now();
    if (consultationStage(existing.opensOn, existing.closesOn, formatDate(now)) !== 'closed') {
      throw new GazetteError('GZ_CONSULTATION_STEP', 'feedback comes after the consultation has closed');
    }
    const feedback = cleanText(text);
    if (length(feedback) < 10 || length(feedback) > CONSULTATION_LIMITS.feedback) {
      throw invalid('feedback', `feedback has 10 to ${CONSULTATION_LIMITS.feedback} characters`);
    }
    const patch = {
      feedback,
      feedbackAt: now,
      feedbackById: actorIdOf(principal),
      feedbackByName: principalName(principal),
    };
    if (!(await store.consultations.update(id, expectedVersion, patch, now))) {
      throw new GazetteError('GZ_CONSULTATION_CHANGED');
    }
    await audit(store, principal, now, {
      action: existing.feedback === '' ? 'consultation.feedback' : 'consultation.feedback.revise',
      targetType: 'consultation',
      targetId: String(id),
      siteId: existing.siteId,
      result: 'ok',
      summary: { title: existing.title, characters: length(feedback) },
    });
    return (await store.consultations.get(id)) as Consultation;
  });
}

// ---------------------------------------------------------------------------------------------- admin reads

export interface ConsultationSummary {
  readonly id: number;
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly stage: ConsultationStage;
  readonly withdrawn: boolean;
  readonly comments: Omit<CommentCounts, 'consultationId'>;
  readonly feedback: FeedbackMark;
  /** The last day the feedback is on time. */
  readonly feedbackDueOn: string;
  readonly version: number;
}

const NO_COMMENTS = { total: 0, pending: 0, approved: 0, rejected: 0 };

function summaryOf(
  consultation: Consultation,
  counts: Map<number, CommentCounts>,
  settings: ConsultationSettings,
  today: string,
): ConsultationSummary {
  const found = counts.get(consultation.id);
  const comments = found
    ? { total: found.total, pending: found.pending, approved: found.approved, rejected: found.rejected }
    : NO_COMMENTS;
  return {
    id: consultation.id,
    kind: consultation.kind,
    title: consultation.title,
    opensOn: consultation.opensOn,
    closesOn: consultation.closesOn,
    stage: consultationStage(consultation.opensOn, consultation.closesOn, today),
    withdrawn: consultation.withdrawn,
    comments,
    feedback: feedbackMark(consultation.closesOn, today, settings.feedbackDays, consultation.feedback !== ''),
    feedbackDueOn: feedbackDueOn(consultation.closesOn, settings.feedbackDays),
    version: consultation.version,
  };
}

/** Every consultation of a site with its stage, comment counts and feedback mark (site administrators). */
export async function listConsultations(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<{ items: ConsultationSummary[]; settings: ConsultationSettings }> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const settings = await deps.store.consultations.getSettings(siteId);
  const counts = new Map(
    (await deps.store.consultations.commentCounts(siteId)).map((c) => [c.consultationId, c]),
  );
  const today = formatDate(deps.clock.now());
  const items = (await deps.store.consultations.list(siteId)).map((c) =>
    summaryOf(c, counts, settings, today),
  );
  return { items, settings };
}

/** A comment as the moderators see it: never the sealed contact data. */
export type ModeratedComment = Omit<ConsultationComment, 'contactSealed'>;

function moderatedView(comment: ConsultationComment): ModeratedComment {
  const view: { -readonly [K in keyof ConsultationComment]?: ConsultationComment[K] } = { ...comment };
  delete view.contactSealed;
  return view as ModeratedComment;
}

export interface ConsultationDetail extends ConsultationSummary {
  readonly consultation: Consultation;
  readonly comments: Omit<CommentCounts, 'consultationId'>;
  readonly items: readonly ModeratedComment[];
}

export async function readConsultation(
  deps: AppDeps,
  principal: Principal,
  id: number,
): Promise<ConsultationDetail> {
  const consultation = await loadConsultation(deps.store, id);
  await requirePermission(deps.store, principal, 'site.settings', { siteId: consultation.siteId });
  const settings = await deps.store.consultations.getSettings(consultation.siteId);
  const comments = await deps.store.consultations.listComments(id);
  const counts = new Map([[id, countsOf(id, comments)]]);
  return {
    ...summaryOf(consultation, counts, settings, formatDate(deps.clock.now())),
    consultation,
    items: comments.map(moderatedView),
  };
}

function countsOf(consultationId: number, comments: readonly ConsultationComment[]): CommentCounts {
  const counts = { consultationId, ...NO_COMMENTS };
  for (const c of comments) {
    counts.total += 1;
    counts[c.status] += 1;
  }
  return counts;
}

/** Approves or rejects a comment (a rejection needs a note, kept for the record); either can be changed later. */
export function moderateComment(
  deps: AppDeps,
  principal: Principal,
  commentId: number,
  expectedVersion: number,
  decision: Exclude<CommentStatus, 'pending'>,
  note: string,
): Promise<ModeratedComment> {
  if (decision !== 'approved' && decision !== 'rejected') throw invalid('decision', 'approved or rejected');
  return afterCommit(deps, async (store) => {
    const comment = await store.consultations.getComment(commentId);
    if (!comment) throw new GazetteError('GZ_CONSULTATION_NOT_FOUND', `comment ${commentId}`);
    await requirePermission(store, principal, 'site.settings', { siteId: comment.siteId });
    const moderationNote = oneLine(note);
    if (decision === 'rejected' && length(moderationNote) < 2) {
      throw invalid('note', 'a rejection needs a reason');
    }
    if (length(moderationNote) > CONSULTATION_LIMITS.note) throw invalid('note', 'at most 500 characters');
    const now = deps.clock.now();
    const patch = {
      status: decision,
      moderatedById: actorIdOf(principal),
      moderatedByName: principalName(principal),
      moderatedAt: now,
      moderationNote,
    };
    if (!(await store.consultations.updateComment(commentId, expectedVersion, patch))) {
      throw new GazetteError('GZ_CONSULTATION_CHANGED');
    }
    await audit(store, principal, now, {
      action: `consultation.comment.${decision === 'approved' ? 'approve' : 'reject'}`,
      targetType: 'consultation-comment',
      targetId: String(commentId),
      siteId: comment.siteId,
      result: 'ok',
      summary: { consultationId: comment.consultationId, note: moderationNote },
    });
    return moderatedView((await store.consultations.getComment(commentId)) as ConsultationComment);
  });
}

// ---------------------------------------------------------------------------------------------- public side

export interface PublicConsultationItem {
  readonly id: number;
  readonly kind: ConsultationKind;
  readonly title: string;
  readonly drafter: string;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly stage: ConsultationStage;
  readonly hasFeedback: boolean;
}

const publicItem = (c: Consultation, today: string): PublicConsultationItem => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  drafter: c.drafter,
  opensOn: c.opensOn,
  closesOn: c.closesOn,
  stage: consultationStage(c.opensOn, c.closesOn, today),
  hasFeedback: c.feedback !== '',
});

/** The public list: open consultations (closing soonest first) and closed ones (latest first); none upcoming. */
export async function readPublicConsultations(
  deps: AppDeps,
  siteId: number,
): Promise<{ open: PublicConsultationItem[]; closed: PublicConsultationItem[] }> {
  const today = formatDate(deps.clock.now());
  const items = (await deps.store.consultations.list(siteId))
    .filter((c) => !c.withdrawn)
    .map((c) => publicItem(c, today));
  return {
    open: items.filter((c) => c.stage === 'open').sort((a, b) => a.closesOn.localeCompare(b.closesOn)),
    closed: items.filter((c) => c.stage === 'closed'),
  };
}

export interface PublicComment {
  readonly displayName: string;
  /** Personal numbers masked. */
  readonly body: string;
  readonly receivedOn: string;
}

export interface PublicConsultation extends PublicConsultationItem {
  readonly summary: string;
  readonly bodyHtml: string;
  readonly attachments: readonly ConsultationAttachment[];
  readonly feedback: string;
  readonly feedbackOn: string;
  /** Approved comments, when the site shows them; an empty list otherwise. */
  readonly comments: readonly PublicComment[];
  readonly showComments: boolean;
  /** Comments received in all (shown whether or not the site shows the comments themselves). */
  readonly commentCount: number;
}

/** One consultation as the public sees it; undefined when withdrawn, upcoming, or of another site. */
export async function readPublicConsultation(
  deps: AppDeps,
  siteId: number,
  id: number,
): Promise<PublicConsultation | undefined> {
  const consultation = await deps.store.consultations.get(id);
  const today = formatDate(deps.clock.now());
  if (!consultation || consultation.siteId !== siteId || consultation.withdrawn) return undefined;
  const item = publicItem(consultation, today);
  if (item.stage === 'upcoming') return undefined;
  const settings = await deps.store.consultations.getSettings(siteId);
  const all = await deps.store.consultations.listComments(id);
  const shown = settings.showComments ? all.filter((c) => c.status === 'approved') : [];
  return {
    ...item,
    summary: consultation.summary,
    bodyHtml: consultation.bodyHtml,
    attachments: consultation.attachments,
    feedback: consultation.feedback,
    feedbackOn: consultation.feedbackAt ? formatDate(consultation.feedbackAt) : '',
    showComments: settings.showComments,
    commentCount: all.filter((c) => c.status !== 'rejected').length,
    comments: shown.map((c) => ({
      displayName: c.displayName || '网友',
      body: maskQuestion(c.body, c.displayName, today),
      receivedOn: formatDate(c.receivedAt),
    })),
  };
}

export interface CommentForm {
  /** The name shown with the comment ('' : 网友). */
  readonly displayName: string;
  readonly phone: string;
  readonly email: string;
  readonly body: string;
}

export interface CommentReceipt {
  readonly consultationId: number;
  readonly receivedOn: string;
  /** The content checks found something: a person looks at it first (it is not dropped). */
  readonly flagged: boolean;
}

function cleanComment(form: CommentForm) {
  const displayName = oneLine(form.displayName);
  const phone = oneLine(form.phone);
  const email = oneLine(form.email).toLowerCase();
  const body = cleanText(form.body);
  if (length(body) > CONSULTATION_LIMITS.comment) {
    throw new GazetteError('GZ_PAYLOAD_TOO_LARGE', `at most ${CONSULTATION_LIMITS.comment} characters`, {
      field: 'body',
    });
  }
  if (length(displayName) > CONSULTATION_LIMITS.displayName) {
    throw invalid('displayName', 'a name has at most 30 characters');
  }
  if (phone !== '' && !PHONE.test(phone)) throw invalid('phone', 'a phone number has 5 to 20 digits');
  if (email !== '' && (email.length > 100 || !EMAIL.test(email)))
    throw invalid('email', 'not an email address');
  if (phone === '' && email === '') throw invalid('phone', 'leave a phone number or an email address');
  if (length(body) < 5) throw invalid('body', 'a comment needs at least 5 characters');
  return { displayName, contact: { name: displayName, phone, email }, body };
}

/**
 * A comment from the public form, while the consultation is open: the anti-abuse checks (challenge, honeypot,
 * per-address and per-consultation limits), the content checks (a comment with sensitive words is flagged for
 * the moderator, never dropped), contact data sealed. Every comment waits for moderation.
 */
export async function submitComment(
  deps: AppDeps,
  consultationId: number,
  form: CommentForm,
  guard: Submission,
): Promise<CommentReceipt> {
  if (!deps.antiAbuse) throw new GazetteError('GZ_SERVER_BUSY', 'no anti-abuse guard');
  if (!deps.personalData) throw new GazetteError('GZ_PERSONAL_DATA_KEY', 'no personal-data vault');
  const cleaned = cleanComment(form);
  await deps.antiAbuse.admit({ ...guard, bucket: `consult:${consultationId}` });
  const consultation = await deps.store.consultations.get(consultationId);
  if (!consultation || consultation.withdrawn) {
    throw new GazetteError('GZ_CONSULTATION_NOT_FOUND', String(consultationId));
  }
  const now = deps.clock.now();
  const today = formatDate(now);
  if (consultationStage(consultation.opensOn, consultation.closesOn, today) !== 'open') {
    throw new GazetteError('GZ_CONSULTATION_CLOSED');
  }
  const site = await deps.store.sites.get(consultation.siteId);
  const options = await checkOptionsFor(deps.store, site, now);
  const findings = [
    ...sensitiveWordRule.scan(cleaned.displayName, options),
    ...sensitiveWordRule.scan(cleaned.body, options),
  ];
  const vault = deps.personalData;
  return afterCommit(deps, async (store) => {
    const flagged = findings.length > 0;
    const comment = await store.consultations.addComment({
      consultationId,
      siteId: consultation.siteId,
      displayName: cleaned.displayName,
      contactSealed: vault.seal(cleaned.contact, `consult:${consultationId}:${now}`),
      body: cleaned.body,
      flagged,
      flaggedReason: flagged ? findings.map((f) => f.excerpt).join('、') : '',
      receivedAt: now,
    });
    await store.audit.append(
      {
        action: 'consultation.comment.receive',
        targetType: 'consultation-comment',
        targetId: String(comment.id),
        siteId: consultation.siteId,
        result: 'ok',
        actorId: null,
        actorName: 'public',
        ip: '',
        summary: { consultationId, flagged },
      },
      now,
    );
    return { consultationId, receivedOn: today, flagged };
  });
}

// ---------------------------------------------------------------------------------------------- statistics

export interface ConsultationYearStatistics {
  readonly year: number;
  /** Consultations that opened in the year (withdrawn ones not counted). */
  readonly held: number;
  /** Comments received in the year. */
  readonly comments: number;
  readonly commentsApproved: number;
  readonly commentsRejected: number;
  /** Consultations of the year whose feedback is published. */
  readonly feedbackPublished: number;
  /** Consultations of the year closed longer than the site's limit without feedback. */
  readonly feedbackOverdue: number;
}

/** For the reports: consultations held, comments received, feedback published, in a year. */
export async function consultationStatisticsOf(
  store: Store,
  siteId: number,
  year: number,
  now: string,
): Promise<ConsultationYearStatistics> {
  const prefix = `${year}-`;
  const settings = await store.consultations.getSettings(siteId);
  const today = formatDate(now);
  // A withdrawn consultation (put out by mistake) was not held.
  const held = (await store.consultations.list(siteId)).filter(
    (c) => !c.withdrawn && c.opensOn.startsWith(prefix),
  );
  let comments = 0;
  let commentsApproved = 0;
  let commentsRejected = 0;
  for (const consultation of await store.consultations.list(siteId)) {
    for (const comment of await store.consultations.listComments(consultation.id)) {
      if (!formatDate(comment.receivedAt).startsWith(prefix)) continue;
      comments += 1;
      if (comment.status === 'approved') commentsApproved += 1;
      if (comment.status === 'rejected') commentsRejected += 1;
    }
  }
  return {
    year,
    held: held.length,
    comments,
    commentsApproved,
    commentsRejected,
    feedbackPublished: held.filter((c) => c.feedback !== '').length,
    feedbackOverdue: held.filter(
      (c) => feedbackMark(c.closesOn, today, settings.feedbackDays, c.feedback !== '') === 'overdue',
    ).length,
  };
}

export async function consultationStatistics(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  year: number,
): Promise<ConsultationYearStatistics> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  return consultationStatisticsOf(deps.store, siteId, year, deps.clock.now());
}

// ---------------------------------------------------------------------------------------------- the self-check

export interface FeedbackOverdue {
  readonly id: number;
  readonly title: string;
  readonly closesOn: string;
  readonly feedbackDueOn: string;
  readonly daysClosed: number;
}

/**
 * Consultations of a site closed longer than the site's limit (default 30 days) without their 采纳情况反馈, for
 * the self-check and the platform view. Withdrawn ones are not counted.
 */
export async function consultationsWithoutFeedback(
  store: Store,
  siteId: number,
  now: string,
): Promise<FeedbackOverdue[]> {
  const settings = await store.consultations.getSettings(siteId);
  const today = formatDate(now);
  return (await store.consultations.list(siteId))
    .filter(
      (c) =>
        !c.withdrawn &&
        feedbackMark(c.closesOn, today, settings.feedbackDays, c.feedback !== '') === 'overdue',
    )
    .map((c) => ({
      id: c.id,
      title: c.title,
      closesOn: c.closesOn,
      feedbackDueOn: feedbackDueOn(c.closesOn, settings.feedbackDays),
      daysClosed: Math.round((Date.parse(today) - Date.parse(c.closesOn)) / 86_400_000),
    }))
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------- retention

registerRetentionPurge({
  name: 'consultation-contacts',
  async run(deps, now) {
    let purged = 0;
    for (const site of await deps.store.sites.list()) {
      const { retentionDays } = await deps.store.interact.getSettings(site.id);
      const before = new Date(Date.parse(now) - retentionDays * 86_400_000).toISOString();
      for (const comment of await deps.store.consultations.listContactsToPurge(site.id, before, 1000)) {
        if (
          await deps.store.consultations.updateComment(comment.id, comment.version, { contactSealed: '' })
        ) {
          purged += 1;
        }
      }
    }
    return purged;
  },
});
