import { GazetteError, type Article, type Permission, type Principal } from '../core/index.js';
import type { Store } from './ports.js';
import { permissionsFor } from './principal.js';

/** Reviewers and publishers see what has been submitted; an unsubmitted draft is its author's own business. */
const SUBMITTED_READER: readonly Permission[] = [
  'article.review-1',
  'article.review-2',
  'article.review-3',
  'article.publish',
];

/** What the principal may see of a column besides their own articles. */
export type Sight = 'everything' | 'submitted' | 'own';

export async function sightOf(
  store: Store,
  principal: Principal,
  siteId: number,
  columnId: number | null,
): Promise<Sight> {
  const permissions = await permissionsFor(store, principal, { siteId, columnId });
  if (permissions === 'all' || permissions.has('article.edit-any')) return 'everything';
  return SUBMITTED_READER.some((p) => permissions.has(p)) ? 'submitted' : 'own';
}

/** A draft that was never submitted is the author's; once a review round has started, reviewers see it too. */
const submitted = (article: Pick<Article, 'status' | 'reviewRound'>): boolean =>
  article.status !== 'draft' || article.reviewRound > 0;

/**
 * An article as its reader in the admin may see it. Someone else's draft is reported as not found, the same
 * answer as for an id that does not exist, so its existence does not leak.
 */
export async function loadVisibleArticle(
  store: Store,
  principal: Principal,
  articleId: number,
): Promise<Article> {
  const article = await store.articles.get(articleId);
  if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
  const own = principal.kind === 'user' && article.authorId === principal.user.id;
  const sight = own ? 'everything' : await sightOf(store, principal, article.siteId, article.columnId);
  if (sight === 'own' || (sight === 'submitted' && !submitted(article))) {
    throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
  }
  return article;
}
