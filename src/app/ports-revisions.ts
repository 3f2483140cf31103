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

export interface RevisionRepo {
  add(input: RevisionInput, at: string): Promise<Revision>;
  /** Revisions of an article, newest first. */
  list(articleId: number): Promise<RevisionSummary[]>;
  get(id: number): Promise<Revision | undefined>;
}
