import { shanghaiParts } from './time.js';
import type { ArticleStatus, ReviewLevel } from './workflow.js';

export interface Attachment {
  readonly id: number;
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
}

export interface Article {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly status: ArticleStatus;
  readonly title: string;
  /** 引题, shown above the title. */
  readonly kicker: string;
  /** 副题, shown below the title. */
  readonly subtitle: string;
  readonly summary: string;
  /** Sanitised HTML: sanitised before it is stored, never evaluated as a template. */
  readonly bodyHtml: string;
  /** 信息来源 */
  readonly source: string;
  readonly originalAuthor: string;
  readonly originalTitle: string;
  readonly author: string;
  /** 责任编辑 */
  readonly editor: string;
  /** Set once, at first publication; never changes afterwards. */
  readonly path: string | null;
  readonly publishedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string;
  readonly coverUrl: string;
  readonly coverAlt: string;
  /** Print the cover above the body too; off by default (the cover is for lists and the home page). */
  readonly showCoverInBody: boolean;
  readonly viewCount: number;
  readonly version: number;
  /** Who wrote it (null for system-made content such as imports and the demo). */
  readonly authorId: number | null;
  /** The review level awaiting a decision while in review; 0 otherwise. */
  readonly reviewLevel: 0 | ReviewLevel;
  /** Counts review rounds: a new one starts at every submission and every edit that restarts review. */
  readonly reviewRound: number;
  readonly scheduledAt: string | null;
  readonly tags: readonly string[];
  readonly attachments: readonly Attachment[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The stable public path of an article, fixed at first publication:
 * `/{column path}/{yyyymm}/t{yyyymmdd}_{id}.html`, the shape readers of Chinese portals know.
 */
export function articlePath(columnPath: string, id: number, publishedAt: string): string {
  const p = shanghaiParts(publishedAt);
  const ym = `${p.year}${String(p.month).padStart(2, '0')}`;
  return `/${columnPath}/${ym}/t${ym}${String(p.day).padStart(2, '0')}_${id}.html`;
}

/** Normalises a tag as typed by an editor: trimmed, inner whitespace collapsed, at most 32 characters. */
export function normaliseTag(tag: string): string {
  const folded = tag.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return [...folded].slice(0, 32).join('').trim();
}

export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((tag) => tag !== '' && !tag.includes('/')))];
}
