import type { DatePrecision } from './time.js';
import { GazetteError } from './errors.js';
import { shanghaiParts } from './time.js';
import type { ArticleStatus, ReviewLevel } from './workflow.js';

export interface Attachment {
  readonly id: number;
  readonly name: string;
  readonly url: string;
  readonly mime: string;
  readonly size: number;
}

/**
 * A correction of a published article held beside the live text until 终审 and 签发 (see `workflow.ts`): the
 * public keeps seeing the article's own fields; the corrected content is the revision named here.
 */
export interface PendingCorrection {
  readonly status: 'in-review' | 'approved';
  /** Who proposed it (null: the system). */
  readonly correctorId: number | null;
  /** The revision holding the corrected content. */
  readonly revisionId: number;
  /** The attachments the article gets with the correction; null: they stay as they are. */
  readonly attachments: readonly Omit<Attachment, 'id'>[] | null;
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
  /** How much of `publishedAt` is known (an imported page may give the day only); absent: all of it. */
  readonly publishedPrecision?: DatePrecision;
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
  /** A correction of this published article awaiting review; null when none is. */
  readonly correction: PendingCorrection | null;
  readonly tags: readonly string[];
  readonly attachments: readonly Attachment[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The stable public path of an article, fixed at first publication:
 * `/{column path}/{yyyymm}/t{yyyymmdd}_{id}.html`, the shape readers of Chinese portals know.
 */
/**
 * The fields of an article the content checks read (`POST /admin/api/checks` takes these and no other):
 * its text and its column, not its tags or its attached files.
 */
export const CHECKED_FIELDS = [
  'columnId',
  'title',
  'kicker',
  'subtitle',
  'summary',
  'bodyHtml',
  'source',
  'originalAuthor',
  'originalTitle',
  'author',
  'editor',
  'coverUrl',
  'coverAlt',
] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/** What the checks take of an editor's save payload: the checked fields, a missing (null) column left out. */
export function checkedFieldsOf(payload: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of CHECKED_FIELDS) {
    if (payload[key] !== undefined && payload[key] !== null) fields[key] = payload[key];
  }
  return fields;
}

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

/** The most characters a tag has (after `normaliseTag`). */
export const MAX_TAG_LENGTH = 32;

/**
 * Why a normalised tag cannot be used, or null. A tag is a path segment (`/tags/<tag>/`, and a directory
 * of the static build), so it is never `.` or `..`, never holds a slash or backslash, and holds no control
 * character and no invisible format character (bidi overrides and marks, zero-width characters), which
 * would make a tag look like another.
 */
export function tagProblem(tag: string): string | null {
  if (tag === '') return 'a tag is empty';
  if ([...tag].length > MAX_TAG_LENGTH) return `a tag is longer than ${MAX_TAG_LENGTH} characters`;
  if (tag === '.' || tag === '..') return 'a tag cannot be "." or ".."';
  if (/[/\\]/.test(tag)) return 'a tag cannot hold a slash or backslash';
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(tag)) return 'a tag cannot hold control or invisible characters';
  return null;
}

/**
 * The tags an editor typed, normalised (`normaliseTag`), without empty ones and duplicates, in the order
 * first seen; throws `GZ_INVALID_TAG` (field `tags`) for a tag that `tagProblem` refuses.
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const typed of tags) {
    const tag = normaliseTag(typed);
    if (tag === '') continue;
    const problem = tagProblem(tag);
    if (problem !== null)
      throw new GazetteError('GZ_INVALID_TAG', `${problem}: ${JSON.stringify(tag)}`, { field: 'tags' });
    kept.add(tag);
  }
  return [...kept];
}
