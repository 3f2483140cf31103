import type { CommentStatus, ConsultationKind } from '../core/index.js';

/** A file of the draft (from the media library): its public link, name, type and size. */
export interface ConsultationAttachment {
  readonly mediaId: number;
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
}

/** 意见征集: a draft put out for public comment on a site, from its opening date through its closing date. */
export interface Consultation {
  readonly id: number;
  readonly siteId: number;
  readonly kind: ConsultationKind;
  readonly title: string;
  /** Who drafted it (shown: 起草单位). */
  readonly drafter: string;
  /** Why and what, a paragraph or two of plain text (the 起草说明). */
  readonly summary: string;
  /** The draft itself, sanitised HTML. */
  readonly bodyHtml: string;
  readonly attachments: readonly ConsultationAttachment[];
  /** First and last day comments are taken, `YYYY-MM-DD` (Asia/Shanghai). */
  readonly opensOn: string;
  readonly closesOn: string;
  /** 采纳情况反馈: what was adopted and why; '' until published. */
  readonly feedback: string;
  readonly feedbackAt: string | null;
  readonly feedbackById: number | null;
  readonly feedbackByName: string;
  /** Withdrawn from the public pages (a draft put out by mistake); the record stays. */
  readonly withdrawn: boolean;
  readonly createdById: number | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ConsultationInput = Pick<
  Consultation,
  'siteId' | 'kind' | 'title' | 'drafter' | 'summary' | 'bodyHtml' | 'attachments' | 'opensOn' | 'closesOn'
>;

export type ConsultationPatch = Partial<
  Omit<Consultation, 'id' | 'siteId' | 'createdById' | 'version' | 'createdAt' | 'updatedAt'>
>;

/** A comment from the public form: moderated before it is shown; the writer's contact data sealed. */
export interface ConsultationComment {
  readonly id: number;
  readonly consultationId: number;
  readonly siteId: number;
  /** The name the writer wants shown ('' : 网友); never the contact data. */
  readonly displayName: string;
  /** Sealed `{ name, phone, email }`; '' once purged after the retention period. */
  readonly contactSealed: string;
  readonly body: string;
  /** The content checks found something (sensitive words): a moderator decides, never dropped silently. */
  readonly flagged: boolean;
  readonly flaggedReason: string;
  readonly status: CommentStatus;
  readonly moderatedById: number | null;
  readonly moderatedByName: string;
  readonly moderatedAt: string | null;
  /** Why a comment was rejected (kept for the record, not shown). */
  readonly moderationNote: string;
  readonly receivedAt: string;
  readonly version: number;
}

export type NewConsultationComment = Omit<
  ConsultationComment,
  'id' | 'status' | 'moderatedById' | 'moderatedByName' | 'moderatedAt' | 'moderationNote' | 'version'
>;

export type CommentPatch = Partial<
  Pick<
    ConsultationComment,
    'status' | 'moderatedById' | 'moderatedByName' | 'moderatedAt' | 'moderationNote' | 'contactSealed'
  >
>;

/** A site's choices for its consultations. */
export interface ConsultationSettings {
  readonly siteId: number;
  /** Approved comments are shown on the consultation's page (otherwise only their count). */
  readonly showComments: boolean;
  /** Calendar days after closing by which the 采纳情况反馈 is due; later it is flagged. */
  readonly feedbackDays: number;
}

export interface CommentCounts {
  readonly consultationId: number;
  readonly total: number;
  readonly pending: number;
  readonly approved: number;
  readonly rejected: number;
}

export interface ConsultationRepo {
  getSettings(siteId: number): Promise<ConsultationSettings>;
  setSettings(settings: ConsultationSettings): Promise<void>;
  create(input: ConsultationInput, createdById: number | null, now: string): Promise<Consultation>;
  get(id: number): Promise<Consultation | undefined>;
  /** A site's consultations, latest opening first. */
  list(siteId: number): Promise<Consultation[]>;
  /** Changes it only if its version is still `expectedVersion`; false when someone changed it first. */
  update(id: number, expectedVersion: number, patch: ConsultationPatch, now: string): Promise<boolean>;
  addComment(input: NewConsultationComment): Promise<ConsultationComment>;
  getComment(id: number): Promise<ConsultationComment | undefined>;
  /** A consultation's comments, oldest first; only those in `statuses` when given. */
  listComments(consultationId: number, statuses?: readonly CommentStatus[]): Promise<ConsultationComment[]>;
  updateComment(id: number, expectedVersion: number, patch: CommentPatch): Promise<boolean>;
  /** Comment counts by state for the consultations of a site. */
  commentCounts(siteId: number): Promise<CommentCounts[]>;
  /** Comments whose contact data is still kept, received before `before`. */
  listContactsToPurge(siteId: number, before: string, limit: number): Promise<ConsultationComment[]>;
}
