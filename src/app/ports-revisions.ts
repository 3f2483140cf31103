import type { ArticleContent } from './ports.js';

/** One saved state of an article, written by every save (create, edit, restore). */
export interface RevisionInput {
  readonly articleId: number;
  /** The article's lock version after this save. */
  readonly version: number;
  /** null for the system actor. */
  readonly actorId: number | null;
  readonly actorName: string;
  /** Why it was saved, when there is more to say than "edited": e.g. `restored revision 12`. */
  readonly note: string;
  readonly content: ArticleContent;
}

export interface Revision extends RevisionInput {
  readonly id: number;
  /** 第 N 版: its place among the article's revisions, 1 for the first (versions skip, these do not). */
  readonly number: number;
  readonly at: string;
}

/** A revision in a list: who saved which version when, without the content. */
export interface RevisionSummary {
  readonly id: number;
  readonly articleId: number;
  /** 第 N 版: its place among the article's revisions, 1 for the first. */
  readonly number: number;
  /** The article's lock version after this save (workflow steps raise it too, so it skips). */
  readonly version: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actorName: string;
  readonly note: string;
  readonly title: string;
}

/** 紧急更正: a correction put online before review, listed until someone reviews it afterwards. */
export interface UrgentCorrectionInput {
  readonly articleId: number;
  readonly siteId: number;
  /** The revision that went online. */
  readonly revisionId: number;
  readonly userId: number | null;
  readonly actorName: string;
  readonly reason: string;
}

export interface UrgentCorrection extends UrgentCorrectionInput {
  readonly id: number;
  readonly at: string;
  /** The article's title now. */
  readonly title: string;
  readonly reviewedById: number | null;
  /** Username of who reviewed it; '' until then. */
  readonly reviewedBy: string;
  readonly reviewedAt: string | null;
  readonly note: string;
}

export interface UrgentReview {
  readonly userId: number | null;
  readonly name: string;
  readonly note: string;
  readonly at: string;
}

export interface RevisionRepo {
  add(input: RevisionInput, at: string): Promise<Revision>;
  /** Revisions of an article, newest first. */
  list(articleId: number): Promise<RevisionSummary[]>;
  get(id: number): Promise<Revision | undefined>;
  addUrgent(input: UrgentCorrectionInput, at: string): Promise<number>;
  getUrgent(id: number): Promise<UrgentCorrection | undefined>;
  /** A site's urgent corrections, newest first: those awaiting review, or (`reviewed`) every one. */
  listUrgent(siteId: number, reviewed: boolean, limit: number): Promise<UrgentCorrection[]>;
  /** Records the review; false when someone reviewed it already (the first review stands). */
  markUrgentReviewed(id: number, review: UrgentReview): Promise<boolean>;
}
