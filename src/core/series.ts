import type { DatePrecision } from './time.js';
import type { ArticleStatus } from './workflow.js';

export interface Series {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number | null;
  readonly slug: string;
  readonly title: string;
  /** How the page names the group, e.g. 合集, 系列评论. */
  readonly label: string;
  /** Sanitised HTML. */
  readonly leadHtml: string;
  readonly source: string;
  readonly editor: string;
  readonly status: ArticleStatus;
  readonly publishedAt: string | null;
  /** How much of `publishedAt` is known (an imported page may give the day only); absent: all of it. */
  readonly publishedPrecision?: DatePrecision;
  readonly version: number;
  /** Member article ids in reading order. */
  readonly memberIds: readonly number[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function seriesPath(slug: string): string {
  return `/series/${slug}/`;
}

/** Anchor of the n-th member (1-based) on the series page: stable and independent of the title. */
export function memberAnchor(position: number): string {
  return `part-${position}`;
}
