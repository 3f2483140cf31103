import type { Kysely } from 'kysely';
import type { ArticleWrites } from '../app/index.js';
import { GazetteError, type Article } from '../core/index.js';
import { mediaRefsOf } from '../media/index.js';
import { contentColumns, correctionColumns, getArticle, hydrate } from './article-rows.js';
import type { ArticleRow, Database } from './schema.js';
import { refreshListed } from './policy-repo.js';

/** One article in any state by id or path, and every write of an article's row, tags and attachments. */
export function createArticleWrites(db: Kysely<Database>): ArticleWrites {
  const get = (id: number): Promise<Article | undefined> => getArticle(db, id);

  /** `listedAt`: the publish time while the article is published (tag lists are ordered by it), else null. */
  const replaceTags = async (
    articleId: number,
    siteId: number,
    tags: readonly string[],
    listedAt: string | null = null,
  ): Promise<void> => {
    await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    if (tags.length === 0) return;
    await db
      .insertInto('article_tags')
      .values(
        tags.map((tag, position) => ({
          article_id: articleId,
          site_id: siteId,
          tag,
          position,
          listed_at: listedAt,
        })),
      )
      .execute();
  };

  /** Records what the article's live content refers to under /media/ (see `media_refs`), after every write of it. */
  const refreshMediaRefs = async (articleId: number): Promise<void> => {
    const row = await db
      .selectFrom('articles')
      .select(['body_html', 'cover_url'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    await db.deleteFrom('media_refs').where('article_id', '=', articleId).execute();
    if (!row) return;
    const files = await db
      .selectFrom('attachments')
      .select('url')
      .where('article_id', '=', articleId)
      .execute();
    const refs = mediaRefsOf(
      row.body_html,
      row.cover_url,
      files.map((f) => f.url),
    );
    if (refs.length > 0) {
      await db
        .insertInto('media_refs')
        .values(refs.map((ref) => ({ article_id: articleId, ref })))
        .execute();
    }
  };

  /** Conditional write: the row must still carry `expectedVersion`; bumps it. */
  const writeVersioned = async (
    id: number,
    expectedVersion: number,
    values: Partial<Omit<ArticleRow, 'id' | 'version'>>,
  ): Promise<void> => {
    const result = await db
      .updateTable('articles')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const exists = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
      throw exists
        ? new GazetteError('GZ_VERSION_CONFLICT', `article ${id}`, { expectedVersion })
        : new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id));
    }
  };

  return {
    get,
    async getByPath(siteId, path) {
      const row = await db
        .selectFrom('articles')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('path', '=', path)
        .executeTakeFirst();
      return row ? (await hydrate(db, [row]))[0] : undefined;
    },
    async create(siteId, content, authorId, now) {
      const { id } = await db
        .insertInto('articles')
        .values({
          ...contentColumns(content),
          site_id: siteId,
          status: 'draft',
          withdrawn_reason: '',
          view_count: 0,
          version: 1,
          author_id: authorId,
          review_level: 0,
          review_round: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceTags(id, siteId, content.tags);
      await refreshMediaRefs(id);
      return (await get(id)) as Article;
    },
    async updateContent(id, expectedVersion, content, now) {
      await writeVersioned(id, expectedVersion, { ...contentColumns(content), updated_at: now });
      await refreshMediaRefs(id);
      const article = (await get(id)) as Article;
      await replaceTags(
        id,
        article.siteId,
        content.tags,
        article.status === 'published' ? article.publishedAt : null,
      );
      return { ...article, tags: [...content.tags] };
    },
    async setPublishedPrecision(id, precision) {
      await db.updateTable('articles').set({ published_precision: precision }).where('id', '=', id).execute();
    },
    async setPublication(id, expectedVersion, state, now) {
      await writeVersioned(id, expectedVersion, {
        status: state.status,
        review_level: state.reviewLevel,
        review_round: state.reviewRound,
        scheduled_at: state.scheduledAt,
        path: state.path,
        published_at: state.publishedAt,
        withdrawn_at: state.withdrawnAt,
        withdrawn_reason: state.withdrawnReason,
        ...(state.correction === undefined ? {} : correctionColumns(state.correction)),
        updated_at: now,
      });
      await db
        .updateTable('article_tags')
        .set({ listed_at: state.status === 'published' ? state.publishedAt : null })
        .where('article_id', '=', id)
        .execute();
      await refreshListed(db, id);
      return (await get(id)) as Article;
    },
    async deleteDraft(id, expectedVersion) {
      const current = await get(id);
      if (!current || current.version !== expectedVersion) {
        throw new GazetteError('GZ_VERSION_CONFLICT', `article ${id}`, {
          expectedVersion,
          version: current?.version ?? null,
        });
      }
      await db.deleteFrom('article_revisions').where('article_id', '=', id).execute();
      await db.deleteFrom('imports').where('article_id', '=', id).execute();
      // A draft that was a policy document takes its metadata and 解读 links with it.
      await db.deleteFrom('policy_document_facets').where('article_id', '=', id).execute();
      await db.deleteFrom('policy_document_revisions').where('article_id', '=', id).execute();
      await db.deleteFrom('policy_documents').where('article_id', '=', id).execute();
      await db
        .updateTable('policy_documents')
        .set({ replaced_by: null })
        .where('replaced_by', '=', id)
        .execute();
      await db
        .deleteFrom('policy_interpretations')
        .where((eb) => eb.or([eb('policy_id', '=', id), eb('interpretation_id', '=', id)]))
        .execute();
      await db.deleteFrom('articles').where('id', '=', id).where('version', '=', expectedVersion).execute();
    },
    async addViews(counts) {
      for (const [id, views] of counts) {
        await db
          .updateTable('articles')
          .set((eb) => ({ view_count: eb('view_count', '+', views) }))
          .where('id', '=', id)
          .where('status', '=', 'published')
          .execute();
      }
    },
    async addAttachment(articleId, attachment) {
      const { count } = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('article_id', '=', articleId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('attachments')
        .values({ article_id: articleId, ...attachment, position: Number(count) })
        .execute();
      await refreshMediaRefs(articleId);
    },
    async replaceAttachments(articleId, attachments) {
      await db.deleteFrom('attachments').where('article_id', '=', articleId).execute();
      for (const [position, attachment] of attachments.entries()) {
        await db
          .insertInto('attachments')
          .values({ article_id: articleId, ...attachment, position })
          .execute();
      }
      await refreshMediaRefs(articleId);
    },
  };
}
