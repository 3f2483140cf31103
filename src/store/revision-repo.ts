import type { Kysely } from 'kysely';
import type { Revision, RevisionRepo } from '../app/ports-revisions.js';
import type { Database } from './schema.js';
import type { ArticleRevisionRow } from './schema-audit.js';

/** Revisions are only added, never changed: restoring one adds a new revision with its content. */
export function createRevisionRepo(db: Kysely<Database>): RevisionRepo {
  const get = async (id: number): Promise<Revision | undefined> => {
    const row = await db.selectFrom('article_revisions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRevision(row) : undefined;
  };

  return {
    get,
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
          column_id: content.columnId,
          title: content.title,
          kicker: content.kicker,
          subtitle: content.subtitle,
          summary: content.summary,
          body_html: content.bodyHtml,
          source: content.source,
          original_author: content.originalAuthor,
          original_title: content.originalTitle,
          author: content.author,
          editor: content.editor,
          cover_url: content.coverUrl,
          cover_alt: content.coverAlt,
          show_cover_in_body: content.showCoverInBody ? 1 : 0,
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
      return rows.map((row) => ({
        id: row.id,
        articleId: row.article_id,
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

function toRevision(row: ArticleRevisionRow): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    note: row.note,
    content: {
      columnId: row.column_id,
      title: row.title,
      kicker: row.kicker,
      subtitle: row.subtitle,
      summary: row.summary,
      bodyHtml: row.body_html,
      source: row.source,
      originalAuthor: row.original_author,
      originalTitle: row.original_title,
      author: row.author,
      editor: row.editor,
      coverUrl: row.cover_url,
      coverAlt: row.cover_alt,
      showCoverInBody: row.show_cover_in_body === 1,
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
