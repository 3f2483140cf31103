import { GazetteError, type Article } from '../core/index.js';
import type { ArticleContent, Store } from './ports.js';
import type { Revision } from './ports-revisions.js';

/** The editable content of an article, as a revision keeps it and as the update use case takes it. */
export function articleContent(article: Article): ArticleContent {
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
    tags: article.tags,
  };
}

/** Who saved a revision: a person (their id and username) or the system (`system:<reason>`). */
export interface RevisionAuthor {
  readonly actorId: number | null;
  readonly actorName: string;
}

/**
 * Stores the content `article` has now as a new revision. Call it inside the use case's transaction,
 * right after every save that changes content (create, edit, restore), with the saved article.
 */
export function saveRevision(
  store: Store,
  article: Article,
  author: RevisionAuthor,
  note: string,
  now: string,
): Promise<Revision> {
  return store.revisions.add(
    {
      articleId: article.id,
      version: article.version,
      actorId: author.actorId,
      actorName: author.actorName,
      note,
      content: articleContent(article),
    },
    now,
  );
}

/**
 * The content of a revision, in the shape the article update use case takes (an `ArticleDraft`):
 * restoring a revision is saving this as a new edit, which writes a new revision in turn, so history
 * only ever grows.
 */
export function revisionContent(revision: Pick<Revision, 'content'>): ArticleContent {
  return { ...revision.content, tags: [...revision.content.tags] };
}

/**
 * A revision of the article named in the request: `GZ_REVISION_NOT_FOUND` when there is none, or when
 * it belongs to another article (a revision id must not open another article's history). The caller
 * checks first that the principal may read the article.
 */
export async function revisionOfArticle(
  store: Store,
  articleId: number,
  revisionId: number,
): Promise<Revision> {
  const revision = await store.revisions.get(revisionId);
  if (!revision || revision.articleId !== articleId) {
    throw new GazetteError('GZ_REVISION_NOT_FOUND', String(revisionId));
  }
  return revision;
}
