import { assertWithdrawable, decidePublish, GazetteError, type Actor, type Article } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { plainText } from './sanitize.js';

export interface PublishOptions {
  /** A publish time earlier than now: the system actor only (historical content, imports). */
  readonly at?: string;
}

/** 签发: makes an article public at a URL that never changes afterwards. */
export function publishArticle(
  deps: AppDeps,
  articleId: number,
  actor: Actor,
  options: PublishOptions = {},
): Promise<Article> {
  return afterCommit(deps, async (store, emit) => {
    const article = await store.articles.get(articleId);
    if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    const column = await store.columns.get(article.columnId);
    if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(article.columnId));
    const now = deps.clock.now();
    const decision = decidePublish(article, column.path, now, actor, options.at);
    const published = await store.articles.setPublication(
      article.id,
      article.version,
      { status: 'published', ...decision, withdrawnAt: null, withdrawnReason: '' },
      now,
    );
    emit({ type: 'article-published', siteId: article.siteId, articleId });
    return published;
  });
}

/** 撤稿: the article leaves every list; its URL answers 410 and its record stays. */
export function withdrawArticle(
  deps: AppDeps,
  articleId: number,
  actor: Actor,
  reason: string,
): Promise<Article> {
  const why = plainText(reason);
  if (why === '') throw new GazetteError('GZ_INVALID_INPUT', 'a reason is required', { field: 'reason' });
  void actor; // issue #4 checks the actor's permission and writes the audit record
  return afterCommit(deps, async (store, emit) => {
    const article = await store.articles.get(articleId);
    if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    assertWithdrawable(article);
    const now = deps.clock.now();
    const withdrawn = await store.articles.setPublication(
      article.id,
      article.version,
      {
        status: 'withdrawn',
        path: article.path,
        publishedAt: article.publishedAt,
        withdrawnAt: now,
        withdrawnReason: why,
      },
      now,
    );
    emit({ type: 'article-withdrawn', siteId: article.siteId, articleId });
    return withdrawn;
  });
}
