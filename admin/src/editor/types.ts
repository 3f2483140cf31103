/** The shapes the editor reads from `/admin/api` (see src/server/admin-articles.ts and admin-history.ts). */

import type { Article, Attachment, PendingCorrection } from '../../../src/core/article';
import type { WorkflowCommandType } from '../../../src/core/workflow';
import type { Finding as CheckFinding } from '../../../src/check/types';

export type { Article, Attachment } from '../../../src/core/article';
export type { ArticleStatus } from '../../../src/core/workflow';
export type { Column } from '../../../src/core/column';

/** The workflow buttons: every command but saving and the scheduler's own. */
export type WorkflowAction = Exclude<WorkflowCommandType, 'edit' | 'publish-due' | 'amend'>;

/** A check finding as the API sends it: block findings carry the key a publish override acknowledges. */
export interface Finding extends CheckFinding {
  readonly key?: string;
}

export interface ReviewDecision {
  readonly level: number;
  readonly decision: string;
  readonly comment: string;
  readonly actorName?: string;
  /** The person's name as shown to people (王初审); the account name when none is known. */
  readonly displayName?: string;
  readonly at?: string;
  readonly round?: number;
}

export interface ArticleView {
  readonly article: Article;
  readonly reviews: readonly ReviewDecision[];
  readonly actions: readonly WorkflowAction[];
  readonly canEdit: boolean;
  /** A correction of the published article awaiting 终审 or 签发: the editor shows and edits its content. */
  readonly correction: (PendingCorrection & { readonly content: ArticleContent }) | null;
  /** Whether this user may put a correction online at once (紧急更正, with a reason). */
  readonly canCorrectUrgently: boolean;
  readonly findings: readonly Finding[];
}

/** The editable fields of an article, as a pending correction holds them. */
type ArticleContent = Omit<
  Article,
  | 'id'
  | 'siteId'
  | 'status'
  | 'path'
  | 'publishedAt'
  | 'withdrawnAt'
  | 'withdrawnReason'
  | 'viewCount'
  | 'version'
  | 'authorId'
  | 'reviewLevel'
  | 'reviewRound'
  | 'scheduledAt'
  | 'correction'
  | 'attachments'
  | 'createdAt'
  | 'updatedAt'
>;

/** What the form edits: the pending correction when there is one, else the article itself. */
export function draftOfView(view: ArticleView): ArticleDraft {
  const pending = view.correction;
  if (!pending) return draftOf(view.article);
  return draftOf({
    ...view.article,
    ...pending.content,
    attachments: pending.attachments ?? view.article.attachments,
  });
}

export interface RevisionSummary {
  readonly id: number;
  /** 第 N 版: 1 for the article's first revision, counting every save. */
  readonly number: number;
  readonly version: number;
  readonly at: string;
  readonly actorName: string;
  readonly note: string;
  readonly title: string;
}

export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface RevisionDiff {
  readonly fields: readonly {
    readonly field: string;
    readonly changed: boolean;
    readonly parts: readonly DiffPart[];
  }[];
}

/** What `POST /admin/api/media` answers (MEDIA's endpoint). */
export interface MediaItem {
  readonly id: number;
  readonly url: string;
  readonly filename: string;
  readonly mime: string;
  readonly size: number;
  readonly width?: number;
  readonly height?: number;
}

/** The fields of the form: what `POST/PUT /articles` take. */
export interface ArticleDraft {
  columnId: number | null;
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  bodyHtml: string;
  source: string;
  originalAuthor: string;
  originalTitle: string;
  author: string;
  editor: string;
  coverUrl: string;
  coverAlt: string;
  /** Print the cover above the body too (off: lists and the home page only). */
  showCoverInBody: boolean;
  tags: string;
  /** Files of the media library listed under the article, in order. */
  attachments: readonly DraftAttachment[];
}

export interface DraftAttachment {
  readonly url: string;
  readonly name: string;
  readonly size: number;
}

export const EMPTY_DRAFT: ArticleDraft = {
  columnId: null,
  title: '',
  kicker: '',
  subtitle: '',
  summary: '',
  bodyHtml: '',
  source: '',
  originalAuthor: '',
  originalTitle: '',
  author: '',
  editor: '',
  coverUrl: '',
  coverAlt: '',
  showCoverInBody: false,
  tags: '',
  attachments: [],
};

export function draftOf(
  article: Omit<Article, 'attachments'> & { readonly attachments: readonly Omit<Attachment, 'id'>[] },
): ArticleDraft {
  return {
    columnId: article.columnId,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    source: article.source,
    originalAuthor: article.originalAuthor,
    originalTitle: article.originalTitle,
    author: article.author,
    editor: article.editor,
    coverUrl: article.coverUrl,
    coverAlt: article.coverAlt,
    showCoverInBody: article.showCoverInBody,
    tags: article.tags.join('，'),
    attachments: article.attachments.map(({ url, name, size }) => ({ url, name, size })),
  };
}

/** Tags as typed: separated by commas (half or full width), 顿号 or semicolons. */
export function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** The JSON body of a save: text fields trimmed (the body as the editor wrote it), tags as a list. */
export function payloadOf(draft: ArticleDraft): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    payload[key] = key === 'bodyHtml' || typeof value !== 'string' ? value : value.trim();
  }
  payload['tags'] = tagsOf(draft.tags);
  payload['attachments'] = draft.attachments.map(({ url, name }) => ({ url, name: name.trim() }));
  return payload;
}
