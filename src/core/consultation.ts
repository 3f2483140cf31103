/**
 * 意见征集 (public consultations on drafts), as pure rules: the kinds of draft, the stage a consultation is at on
 * a given day (upcoming, open, closed), the states of a comment (moderated before it is shown), and the flag of a
 * consultation closed too long without its 采纳情况反馈 (the summary of what was adopted and why).
 */

export const CONSULTATION_KINDS = ['regulation', 'plan', 'policy'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const CONSULTATION_KIND_LABELS: Readonly<Record<ConsultationKind, string>> = {
  regulation: '法规草案',
  plan: '规划',
  policy: '政策文件',
};

/** Where a consultation stands on a day: before its opening date, open (both dates included), closed. */
export type ConsultationStage = 'upcoming' | 'open' | 'closed';

export const CONSULTATION_STAGE_LABELS: Readonly<Record<ConsultationStage, string>> = {
  upcoming: '即将开始',
  open: '征集中',
  closed: '已结束',
};

/** The stage on `today` (`YYYY-MM-DD`, Asia/Shanghai) of a consultation open from `opensOn` through `closesOn`. */
export function consultationStage(opensOn: string, closesOn: string, today: string): ConsultationStage {
  if (today < opensOn) return 'upcoming';
  if (today <= closesOn) return 'open';
  return 'closed';
}

/** A comment waits for a moderator; approved ones may be shown (if the site shows comments), rejected never. */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_STATUS_LABELS: Readonly<Record<CommentStatus, string>> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
};

/** Days after closing within which the 采纳情况反馈 is due when the site sets no limit of its own. */
export const DEFAULT_FEEDBACK_DAYS = 30;

/**
 * The feedback's state: `done` (published), `waiting` (still open or upcoming), `due` (closed, within the limit),
 * `overdue` (closed longer than `limitDays` calendar days without feedback: flagged).
 */
export type FeedbackMark = 'done' | 'waiting' | 'due' | 'overdue';

const DAY_MS = 86_400_000;

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function feedbackMark(
  closesOn: string,
  today: string,
  limitDays: number,
  hasFeedback: boolean,
): FeedbackMark {
  if (hasFeedback) return 'done';
  if (today <= closesOn) return 'waiting';
  return daysBetween(closesOn, today) > limitDays ? 'overdue' : 'due';
}

/** The last day the feedback is on time: `limitDays` calendar days after the closing date. */
export function feedbackDueOn(closesOn: string, limitDays: number): string {
  return new Date(Date.parse(`${closesOn}T00:00:00Z`) + limitDays * DAY_MS).toISOString().slice(0, 10);
}
