import type { Kysely } from 'kysely';
import type { Revision, RevisionRepo, UrgentCorrection } from '../app/index.js';
import { contentColumns, contentOf } from './article-rows.js';
import type { Database } from './schema.js';
import type { ArticleRevisionRow, UrgentCorrectionRow } from './schema-audit.js';

/** Revisions are only added, never changed: restoring one adds a new revision with its content. */
export function createRevisionRepo(db: Kysely<Database>): RevisionRepo {
  const get = async (id: number): Promise<Revision | undefined> => {
    const row = await db.selectFrom('article_revisions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    // Revisions are never deleted: a revision's number is how many of its article's are as old or older.
    const { count } = await db
      .selectFrom('article_revisions')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('article_id', '=', row.article_id)
      .where('id', '<=', id)
      .executeTakeFirstOrThrow();
    return toRevision(row, Number(count));
  };

  const urgent = () =>
    db
      .selectFrom('urgent_corrections')
      .innerJoin('articles', 'articles.id', 'urgent_corrections.article_id')
      .selectAll('urgent_corrections')
      .select('articles.title');

  return {
    get,
    async addUrgent(input, at) {
      const { id } = await db
        .insertInto('urgent_corrections')
        .values({
          article_id: input.articleId,
          site_id: input.siteId,
          revision_id: input.revisionId,
          user_id: input.userId,
          actor_name: input.actorName,
          reason: input.reason,
          at,
          reviewed_by_name: '',
          note: '',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    async getUrgent(id) {
      const row = await urgent().where('urgent_corrections.id', '=', id).executeTakeFirst();
      return row ? toUrgent(row) : undefined;
    },
    async listUrgent(siteId, reviewed, limit) {
      let query = urgent().where('urgent_corrections.site_id', '=', siteId);
      if (!reviewed) query = query.where('urgent_corrections.reviewed_at', 'is', null);
      const rows = await query.orderBy('urgent_corrections.id', 'desc').limit(limit).execute();
      return rows.map(toUrgent);
    },
    async markUrgentReviewed(id, review) {
      const result = await db
        .updateTable('urgent_corrections')
        .set({
          reviewed_by: review.userId,
          reviewed_by_name: review.name,
          reviewed_at: review.at,
          note: review.note,
        })
        .where('id', '=', id)
        .where('reviewed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async add(input, at) {
      const { content } = input;
      const { id } = await db
        .insertInto('article_revisions')
        .values({
          article_id: input.articleId,
          version: input.version,
          at,
          actor_id: input.actorId,
          actor_name: input.actorName,
          ...contentColumns(content),
          tags: JSON.stringify(content.tags),
          note: input.note,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as Revision;
    },
    async list(articleId) {
      const rows = await db
        .selectFrom('article_revisions')
        .select(['id', 'article_id', 'version', 'at', 'actor_id', 'actor_name', 'note', 'title'])
        .where('article_id', '=', articleId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row, index) => ({
        id: row.id,
        articleId: row.article_id,
        number: rows.length - index,
        version: row.version,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        note: row.note,
        title: row.title,
      }));
    },
  };
}

function toUrgent(row: UrgentCorrectionRow & { title: string }): UrgentCorrection {
  return {
    id: row.id,
    articleId: row.article_id,
    siteId: row.site_id,
    revisionId: row.revision_id,
    userId: row.user_id,
    actorName: row.actor_name,
    reason: row.reason,
    at: row.at,
    title: row.title,
    reviewedById: row.reviewed_by,
    reviewedBy: row.reviewed_by_name,
    reviewedAt: row.reviewed_at,
    note: row.note,
  };
}

function toRevision(row: ArticleRevisionRow, number: number): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    number,
    version: row.version,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    note: row.note,
    content: {
      ...contentOf(row),
      tags: parseTags(row.tags),
    },
  };
}

function parseTags(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
