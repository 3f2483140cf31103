import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/index.js';
import { createAdminArticleReads } from '../../src/store/article-admin-reads.js';
import { createPublishedArticleReads } from '../../src/store/article-public-reads.js';
import { createArticleRepo } from '../../src/store/article-repo.js';
import { createArticleReviews } from '../../src/store/article-reviews.js';
import { createArticleWrites } from '../../src/store/article-writes.js';

// The factories only close over the connection; none of them queries while being built.
const db = {} as Kysely<Database>;

const READERS = {
  writes: createArticleWrites(db),
  publicReads: createPublishedArticleReads(db),
  adminReads: createAdminArticleReads(db),
  reviews: createArticleReviews(db),
};

describe('the article repository, one part per reader', () => {
  it('gives each reader its own methods, none defined twice (a spread would hide one)', () => {
    const seen = new Map<string, string>();
    for (const [reader, part] of Object.entries(READERS)) {
      for (const method of Object.keys(part)) {
        expect(seen.get(method), `${method} in ${reader} and ${seen.get(method)}`).toBeUndefined();
        seen.set(method, reader);
      }
    }
    expect(Object.keys(READERS.reviews).sort()).toEqual(['addReview', 'listReviews']);
    expect(Object.keys(READERS.adminReads).sort()).toEqual([
      'authorIds',
      'columnStatsForAdmin',
      'countByStatusForAdmin',
      'countForAdmin',
      'listDue',
      'listForAdmin',
    ]);
    expect(Object.keys(READERS.publicReads)).not.toContain('get');
  });

  it('composes the four parts into the one repository the store hands out', () => {
    const repo = createArticleRepo(db);
    const parts = Object.values(READERS).flatMap((part) => Object.keys(part));
    expect(Object.keys(repo).sort()).toEqual(parts.sort());
  });
});
