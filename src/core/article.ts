import { GazetteError } from './errors.js';
import { shanghaiParts } from './time.js';

/** Issue #4 adds the review levels between draft and published. */
export const ARTICLE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

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
  readonly viewCount: number;
  readonly version: number;
  readonly tags: readonly string[];
  readonly attachments: readonly Attachment[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the system actor may do that a person may not (issue #4 brings people and permissions). */
export type Actor =
  { readonly kind: 'system'; readonly reason: string } | { readonly kind: 'user'; readonly userId: number };

/**
 * The stable public path of an article, fixed at first publication:
 * `/{column path}/{yyyymm}/t{yyyymmdd}_{id}.html`, the shape readers of Chinese portals know.
 */
export function articlePath(columnPath: string, id: number, publishedAt: string): string {
  const p = shanghaiParts(publishedAt);
  const ym = `${p.year}${String(p.month).padStart(2, '0')}`;
  return `/${columnPath}/${ym}/t${ym}${String(p.day).padStart(2, '0')}_${id}.html`;
}

export interface PublishDecision {
  readonly publishedAt: string;
  readonly path: string;
}

/**
 * Decides the publication of an article. The time is the system's clock; an earlier time (back-dating,
 * as when importing or loading historical content) is allowed to the system actor only.
 */
export function decidePublish(
  article: Pick<Article, 'id' | 'status' | 'path' | 'publishedAt'>,
  columnPath: string,
  now: string,
  actor: Actor,
  requestedAt?: string,
): PublishDecision {
  if (article.status === 'published')
    throw new GazetteError('GZ_ARTICLE_NOT_PUBLISHABLE', 'already published');
  let requested: string | undefined;
  if (requestedAt !== undefined) {
    const ms = Date.parse(requestedAt);
    if (Number.isNaN(ms))
      throw new GazetteError('GZ_INVALID_INPUT', 'publish time is not a time', { field: 'at' });
    if (ms < Date.parse(now) && actor.kind !== 'system') throw new GazetteError('GZ_BACKDATE_FORBIDDEN');
    requested = new Date(ms).toISOString();
  }
  // A restored article keeps its original time and URL: re-dating old items as new is a serious error.
  const publishedAt = article.publishedAt ?? requested ?? now;
  return { publishedAt, path: article.path ?? articlePath(columnPath, article.id, publishedAt) };
}

export function assertWithdrawable(article: Pick<Article, 'status'>): void {
  if (article.status !== 'published') throw new GazetteError('GZ_ARTICLE_NOT_PUBLISHED');
}

/** Normalises a tag as typed by an editor: trimmed, inner whitespace collapsed, at most 32 characters. */
export function normaliseTag(tag: string): string {
  const folded = tag.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return [...folded].slice(0, 32).join('').trim();
}

export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter((tag) => tag !== '' && !tag.includes('/')))];
}
