import type { Kysely } from 'kysely';
import type { ArticleReviews, ReviewDecision, ReviewDecisionType } from '../app/index.js';
import type { ReviewLevel } from '../core/index.js';
import type { Database } from './schema.js';

/** The review decisions of articles (审核记录): added, never changed. */
export function createArticleReviews(db: Kysely<Database>): ArticleReviews {
  return {
    async addReview(decision) {
      await db
        .insertInto('article_reviews')
        .values({
          article_id: decision.articleId,
          round: decision.round,
          level: decision.level,
          user_id: decision.userId,
          actor_name: decision.actorName,
          decision: decision.decision,
          comment: decision.comment,
          at: decision.at,
        })
        .execute();
    },
    async listReviews(articleId, round) {
      let query = db.selectFrom('article_reviews').selectAll().where('article_id', '=', articleId);
      if (round !== undefined) query = query.where('round', '=', round);
      const rows = await query.orderBy('id').execute();
      return rows.map((row): ReviewDecision => ({
        articleId: row.article_id,
        round: row.round,
        level: row.level as 0 | ReviewLevel,
        userId: row.user_id,
        actorName: row.actor_name,
        decision: reviewDecisionType(row.decision),
        comment: row.comment,
        at: row.at,
      }));
    },
  };
}

const DECISIONS: readonly ReviewDecisionType[] = [
  'approve',
  'reject',
  'publish',
  'schedule',
  'secrecy-pass',
  'secrecy-fail',
];

function reviewDecisionType(stored: string): ReviewDecisionType {
  return DECISIONS.find((d) => d === stored) ?? 'approve';
}
