import { GazetteError, normaliseTags, type Article, type Column, type Principal } from '../core/index.js';
import { decide, persistable, recordCarriedApprovals } from './article-workflow.js';
import { afterCommit, type AppDeps } from './deps.js';
import { resolveAttachments } from './manage-media.js';
import type { ArticleContent, AttachmentInput, AttachmentRef, Store } from './ports.js';
import { audit, principalName, requirePermission } from './principal.js';
import {
  articleContent,
  revisionContent,
  revisionOfArticle,
  saveRevision,
  type RevisionAuthor,
} from './revisions.js';
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
  readonly showCoverInBody?: boolean;
  readonly tags?: readonly string[];
}

const MAX_TITLE = 200;

/** A cover is our own upload (/media/…) or an https image, like images in the body. */
function coverUrlOf(value: string): string {
  const url = value.trim();
  if (url === '' || /^\/media\/[\w./-]+$/.test(url) || /^https:\/\/[^\s"'<>]+$/.test(url)) return url;
  throw new GazetteError('GZ_INVALID_INPUT', 'a cover image is an uploaded file or an https URL', {
    field: 'coverUrl',
  });
}

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
    coverUrl: coverUrlOf(draft.coverUrl ?? ''),
    coverAlt: plainText(draft.coverAlt ?? ''),
    showCoverInBody: draft.showCoverInBody === true,
    tags: normaliseTags(draft.tags ?? []),
  };
}

async function columnOfSite(store: Store, siteId: number, columnId: number): Promise<Column> {
  const column = await store.columns.get(columnId);
  if (!column || column.siteId !== siteId) {
    throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(columnId), { field: 'columnId' });
  }
  if (column.kind === 'link') {
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column holds no articles', { field: 'columnId' });
  }
  return column;
}

/** Summary of what changed, for the audit log: field names with old and new values, long text abbreviated. */
export function contentChanges(
  before: ArticleContent | null,
  after: ArticleContent,
): Record<string, unknown> {
  const brief = (value: unknown): unknown =>
    typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…（${value.length}字）` : value;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof ArticleContent)[]) {
    const next = after[key];
    const previous = before?.[key];
    if (JSON.stringify(previous) !== JSON.stringify(next)) {
      changes[key] = before ? { from: brief(previous), to: brief(next) } : brief(next);
    }
  }
  return changes;
}

/** Creates a draft. The principal needs `article.create` on the column; they become its author. */
export function createArticle(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  draft: ArticleDraft,
  attachments: readonly (AttachmentInput | AttachmentRef)[] = [],
): Promise<Article> {
  const content = cleanContent(draft);
  return afterCommit(deps, async (store) => {
    await columnOfSite(store, siteId, content.columnId);
    await requirePermission(store, principal, 'article.create', { siteId, columnId: content.columnId });
    const now = deps.clock.now();
    const authorId = principal.kind === 'user' ? principal.user.id : null;
    const files = await resolveAttachments(store, principal, siteId, attachments, []);
    const article = await store.articles.create(siteId, content, authorId, now);
    if (files.length > 0) await store.articles.replaceAttachments(article.id, files);
    await saveRevision(store, article, revisionAuthor(principal), '创建', now);
    await audit(store, principal, now, {
      action: 'article.create',
      targetType: 'article',
      targetId: String(article.id),
      siteId,
      result: 'ok',
      summary: { title: content.title, columnId: content.columnId, attachments: attachments.length },
    });
    return attachments.length > 0 ? ((await store.articles.get(article.id)) as Article) : article;
  });
}

export interface UpdateOptions {
  /** A correction of form only: a publisher's minor edit of an approved article returns to the final level. */
  readonly minor?: boolean;
  /** Why this revision exists, kept with it (e.g. 恢复第3版). */
  readonly note?: string;
  /** When given, the article's attachments become these (files of the site's media library). */
  readonly attachments?: readonly AttachmentRef[];
}

/**
 * Saves new content; `expectedVersion` is the version the editor started from (optimistic locking).
 * Whether the edit is allowed, and whether it sends the article back for review, is the workflow's call.
 */
export function updateArticle(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  expectedVersion: number,
  draft: ArticleDraft,
  options: UpdateOptions = {},
): Promise<Article> {
  const content = cleanContent(draft);
  return afterCommit(deps, async (store, emit) => {
    const current = await store.articles.get(articleId);
    if (!current) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    if (current.version !== expectedVersion) {
      throw new GazetteError('GZ_VERSION_CONFLICT', `article ${articleId}`, {
        expectedVersion,
        version: current.version,
      });
    }
    await columnOfSite(store, current.siteId, content.columnId);
    if (content.columnId !== current.columnId) {
      await requirePermission(store, principal, 'article.create', {
        siteId: current.siteId,
        columnId: content.columnId,
      });
    }
    const now = deps.clock.now();
    const step = await decide(
      deps,
      store,
      principal,
      current,
      { type: 'edit', minor: options.minor === true },
      now,
    );
    const before = current.attachments.map(({ name, url, mime, size }) => ({ name, url, mime, size }));
    const files =
      options.attachments === undefined
        ? null
        : await resolveAttachments(store, principal, current.siteId, options.attachments, before);
    const filesChanged = files !== null && JSON.stringify(files) !== JSON.stringify(before);
    if (filesChanged) await store.articles.replaceAttachments(articleId, files);
    let article = await store.articles.updateContent(articleId, expectedVersion, content, now);
    if (
      step.state.status !== current.status ||
      step.state.reviewLevel !== current.reviewLevel ||
      step.round !== current.reviewRound
    ) {
      article = await store.articles.setPublication(
        articleId,
        article.version,
        persistable(article, step.state, step.round),
        now,
      );
    }
    if (current.status === 'published' || article.status === 'published') await store.search.sync(articleId);
    await recordCarriedApprovals(store, articleId, step, now);
    await saveRevision(store, article, revisionAuthor(principal), options.note ?? '', now);
    await audit(store, principal, now, {
      action: current.status === 'published' ? 'article.correct' : 'article.edit',
      targetType: 'article',
      targetId: String(articleId),
      siteId: current.siteId,
      result: 'ok',
      summary: {
        changes: contentChanges(articleContent(current), content),
        ...(filesChanged
          ? { attachments: { from: before.map((a) => a.name), to: files.map((a) => a.name) } }
          : {}),
        status: article.status,
        reviewLevel: article.reviewLevel,
      },
    });
    if (article.status === 'published') emit({ type: 'article-updated', siteId: article.siteId, articleId });
    return article;
  });
}

function revisionAuthor(principal: Principal): RevisionAuthor {
  return {
    actorId: principal.kind === 'user' ? principal.user.id : null,
    actorName: principalName(principal),
  };
}

/** Restores an earlier revision by saving its content as a new edit: history only grows. */
export async function restoreRevision(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  revisionId: number,
  expectedVersion: number,
): Promise<Article> {
  const revision = await revisionOfArticle(deps.store, articleId, revisionId);
  return updateArticle(deps, principal, articleId, expectedVersion, revisionContent(revision), {
    note: `恢复版本 ${revision.version}（修订 ${revision.id}）`,
  });
}
