import { GazetteError, normaliseTags, type Article } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { ArticleContent, AttachmentInput, Store } from './ports.js';
import { plainText, sanitizeBody } from './sanitize.js';

export interface ArticleDraft {
  readonly columnId: number;
  readonly title: string;
  readonly kicker?: string;
  readonly subtitle?: string;
  readonly summary?: string;
  /** HTML as typed or pasted; sanitised here before it is stored. */
  readonly bodyHtml: string;
  readonly source?: string;
  readonly originalAuthor?: string;
  readonly originalTitle?: string;
  readonly author?: string;
  readonly editor?: string;
  readonly coverUrl?: string;
  readonly coverAlt?: string;
  readonly tags?: readonly string[];
}

const MAX_TITLE = 200;

/** Cleans a draft into storable content: plain text where text belongs, sanitised HTML in the body. */
export function cleanContent(draft: ArticleDraft): ArticleContent {
  const title = plainText(draft.title);
  if (title === '') throw new GazetteError('GZ_INVALID_INPUT', 'title is required', { field: 'title' });
  if (title.length > MAX_TITLE) {
    throw new GazetteError('GZ_INVALID_INPUT', `title is longer than ${MAX_TITLE} characters`, {
      field: 'title',
    });
  }
  return {
    columnId: draft.columnId,
    title,
    kicker: plainText(draft.kicker ?? ''),
    subtitle: plainText(draft.subtitle ?? ''),
    summary: plainText(draft.summary ?? ''),
    bodyHtml: sanitizeBody(draft.bodyHtml),
    source: plainText(draft.source ?? ''),
    originalAuthor: plainText(draft.originalAuthor ?? ''),
    originalTitle: plainText(draft.originalTitle ?? ''),
    author: plainText(draft.author ?? ''),
    editor: plainText(draft.editor ?? ''),
    coverUrl: (draft.coverUrl ?? '').trim(),
    coverAlt: plainText(draft.coverAlt ?? ''),
    tags: normaliseTags(draft.tags ?? []),
  };
}

async function assertColumnOfSite(store: Store, siteId: number, columnId: number): Promise<void> {
  const column = await store.columns.get(columnId);
  if (!column || column.siteId !== siteId) {
    throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(columnId), { field: 'columnId' });
  }
  if (column.kind === 'link') {
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column holds no articles', { field: 'columnId' });
  }
}

export function createArticle(
  deps: AppDeps,
  siteId: number,
  draft: ArticleDraft,
  attachments: readonly AttachmentInput[] = [],
): Promise<Article> {
  const content = cleanContent(draft);
  return afterCommit(deps, async (store) => {
    await assertColumnOfSite(store, siteId, content.columnId);
    const article = await store.articles.create(siteId, content, deps.clock.now());
    for (const attachment of attachments) {
      await store.articles.addAttachment(article.id, { ...attachment, name: plainText(attachment.name) });
    }
    return attachments.length > 0 ? ((await store.articles.get(article.id)) as Article) : article;
  });
}

/** Saves new content; `expectedVersion` is the version the editor started from (optimistic locking). */
export function updateArticle(
  deps: AppDeps,
  articleId: number,
  expectedVersion: number,
  draft: ArticleDraft,
): Promise<Article> {
  const content = cleanContent(draft);
  return afterCommit(deps, async (store, emit) => {
    const current = await store.articles.get(articleId);
    if (!current) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    await assertColumnOfSite(store, current.siteId, content.columnId);
    const article = await store.articles.updateContent(articleId, expectedVersion, content, deps.clock.now());
    if (article.status === 'published') emit({ type: 'article-updated', siteId: article.siteId, articleId });
    return article;
  });
}
