import type { ArticleStatus } from '../../src/core/workflow';

export type { Column, ColumnKind } from '../../src/core/column';
export type { Site } from '../../src/core/site';
export type { Series } from '../../src/core/series';
export type { ArticleStatus };

/** One row of `GET /articles` and of the dashboard lists. */
export interface ArticleRow {
  readonly id: number;
  readonly columnId: number;
  readonly title: string;
  readonly status: ArticleStatus;
  readonly reviewLevel: number;
  readonly authorId: number | null;
  readonly author: string;
  readonly path: string | null;
  readonly publishedAt: string | null;
  readonly scheduledAt: string | null;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ArticlePage {
  readonly items: readonly ArticleRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  /** Pass back as `cursor` for the next page; null on the last one. */
  readonly nextCursor?: string | null;
}
