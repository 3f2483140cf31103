import type { Kysely, Selectable } from 'kysely';
import type { ArticleContent, ArticleListItem } from '../app/index.js';
import {
  precisionOf,
  type Article,
  type Attachment,
  type PendingCorrection,
  type ReviewLevel,
} from '../core/index.js';
import type { ArticleContentColumns, ArticleRow, Database } from './schema.js';

/** The columns of a list row (no body). */
export const LIST_COLUMNS = [
  'id',
  'column_id',
  'title',
  'summary',
  'source',
  'path',
  'published_at',
] as const;

type ListRow = Pick<ArticleRow, (typeof LIST_COLUMNS)[number]>;

export const toListItem = (row: ListRow): ArticleListItem => ({
  id: row.id,
  columnId: row.column_id,
  title: row.title,
  summary: row.summary,
  source: row.source,
  path: row.path ?? '',
  publishedAt: row.published_at ?? '',
});

/** A row of `articles` or `article_revisions` as far as its content goes. */
export type ContentRow = Selectable<ArticleContentColumns>;

/** The content of an article or a revision, tags apart (each table keeps them its own way). */
export const contentOf = (row: ContentRow): Omit<ArticleContent, 'tags'> => ({
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
});

/** An article's or a revision's content as stored columns, tags apart. */
export const contentColumns = (content: ArticleContent) => ({
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
});

export const correctionColumns = (correction: PendingCorrection | null) => ({
  correction_status: correction?.status ?? '',
  correction_by: correction?.correctorId ?? null,
  correction_revision_id: correction?.revisionId ?? null,
  correction_attachments: correction?.attachments ? JSON.stringify(correction.attachments) : null,
});

function correctionOf(row: ArticleRow): PendingCorrection | null {
  const status = row.correction_status;
  if ((status !== 'in-review' && status !== 'approved') || row.correction_revision_id === null) return null;
  return {
    status,
    correctorId: row.correction_by,
    revisionId: row.correction_revision_id,
    attachments:
      row.correction_attachments === null
        ? null
        : (JSON.parse(row.correction_attachments) as Omit<Attachment, 'id'>[]),
  };
}

/** Loads tags and attachments for many rows in two queries, not one per row. */
export async function hydrate(db: Kysely<Database>, rows: readonly ArticleRow[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [tags, attachments] = await Promise.all([
    db.selectFrom('article_tags').selectAll().where('article_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('attachments')
      .selectAll()
      .where('article_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  return rows.map((row) => ({
    id: row.id,
    siteId: row.site_id,
    status: row.status,
    ...contentOf(row),
    path: row.path,
    publishedAt: row.published_at,
    ...(row.published_precision === null ? {} : { publishedPrecision: precisionOf(row.published_precision) }),
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    viewCount: row.view_count,
    version: row.version,
    authorId: row.author_id,
    reviewLevel: Math.min(3, Math.max(0, row.review_level)) as 0 | ReviewLevel,
    reviewRound: row.review_round,
    scheduledAt: row.scheduled_at,
    correction: correctionOf(row),
    tags: tags.filter((t) => t.article_id === row.id).map((t) => t.tag),
    attachments: attachments
      .filter((a) => a.article_id === row.id)
      .map((a): Attachment => ({ id: a.id, name: a.name, url: a.url, mime: a.mime, size: a.size })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** One article in any state, with its tags and attachments. */
export async function getArticle(db: Kysely<Database>, id: number): Promise<Article | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0] : undefined;
}
