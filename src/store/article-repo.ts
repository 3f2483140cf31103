import type { Kysely } from 'kysely';
import type { ArticleRepo } from '../app/index.js';
import { createAdminArticleReads } from './article-admin-reads.js';
import { createPublishedArticleReads } from './article-public-reads.js';
import { createArticleReviews } from './article-reviews.js';
import { createArticleWrites } from './article-writes.js';
import type { Database } from './schema.js';

/**
 * Articles, one port per reader: writes (with the article in any state by id or path), the public site's
 * reads of published articles, the admin's lists and counts, and review decisions.
 */
export function createArticleRepo(db: Kysely<Database>): ArticleRepo {
  return {
    ...createArticleWrites(db),
    ...createPublishedArticleReads(db),
    ...createAdminArticleReads(db),
    ...createArticleReviews(db),
  };
}
