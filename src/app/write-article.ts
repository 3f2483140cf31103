import { GazetteError, normaliseTags, type Article, type Column, type Principal } from '../core/index.js';
import { loadVisibleArticle } from './article-sight.js';
import { decide, persistable, recordCarriedApprovals, type Decision } from './article-workflow.js';
import { afterCommit, type AppDeps } from './deps.js';
import { resolveAttachments } from './article-attachments.js';
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
  /** 紧急更正 of a published article: online at once, with `reason`, and listed for review afterwards. */
  readonly urgent?: boolean;
  readonly reason?: string;
  /** Why this revision exists, kept with it (e.g. 恢复第3版). */
  readonly note?: string;
  /** When given, the article's attachments become these (files of the site's media library). */
  readonly attachments?: readonly AttachmentRef[];
}

/**
 * Saves new content; `expectedVersion` is the version the editor started from (optimistic locking).
 * Whether the edit is allowed, and whether it sends the article back for review, is the workflow's call.
 * A correction of a published article is held beside the live text (a revision named on the article) until
 * 终审 and 签发 put it online; only the system's edits and 紧急更正 change the live text at once.
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
    // Someone else's draft answers not found, exactly as a missing one does.
    const current = await loadVisibleArticle(store, principal, articleId);
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
      {
        type: 'edit',
        minor: options.minor === true,
        ...(options.urgent === true ? { urgent: true, reason: options.reason ?? '' } : {}),
      },
      now,
    );
    const before = current.attachments.map(({ name, url, mime, size }) => ({ name, url, mime, size }));
    const files =
      options.attachments === undefined
        ? null
        : await resolveAttachments(store, principal, current.siteId, options.attachments, before);
    const filesChanged = files !== null && JSON.stringify(files) !== JSON.stringify(before);
    if (step.state.correction !== null && !step.events.some((e) => e.type === 'corrected')) {
      return proposeCorrection(
        store,
        principal,
        current,
        content,
        step,
        filesChanged ? files : null,
        now,
        options,
      );
    }
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
    const revision = await saveRevision(store, article, revisionAuthor(principal), options.note ?? '', now);
    const urgent = step.events.find((e) => e.type === 'corrected' && e.urgent);
    const reason = urgent?.type === 'corrected' ? urgent.reason : '';
    await audit(store, principal, now, {
      action:
        current.status !== 'published'
          ? 'article.edit'
          : urgent
            ? 'article.correct-urgent'
            : 'article.correct',
      targetType: 'article',
      targetId: String(articleId),
      siteId: current.siteId,
      result: 'ok',
      summary: {
        changes: contentChanges(articleContent(current), content),
        ...(filesChanged
          ? { attachments: { from: before.map((a) => a.name), to: files.map((a) => a.name) } }
          : {}),
        ...(urgent ? { reason } : {}),
        status: article.status,
        reviewLevel: article.reviewLevel,
      },
    });
    if (urgent) {
      await store.revisions.addUrgent(
        {
          articleId,
          siteId: current.siteId,
          revisionId: revision.id,
          userId: principal.kind === 'user' ? principal.user.id : null,
          actorName: principalName(principal),
          reason,
        },
        now,
      );
    }
    if (article.status === 'published') emit({ type: 'article-updated', siteId: article.siteId, articleId });
    return article;
  });
}

/**
 * Holds a correction of a published article for review: its content becomes a revision named on the article,
 * the live text, attachments and search entry stay as they are, and nothing is announced to the public side.
 */
async function proposeCorrection(
  store: Store,
  principal: Principal,
  current: Article,
  content: ArticleContent,
  step: Decision,
  files: readonly AttachmentInput[] | null,
  now: string,
  options: UpdateOptions,
): Promise<Article> {
  const author = revisionAuthor(principal);
  const revision = await store.revisions.add(
    {
      articleId: current.id,
      version: current.version + 1,
      actorId: author.actorId,
      actorName: author.actorName,
      note: options.note ?? '更正（待审核）',
      content,
    },
    now,
  );
  const attachments = files ?? current.correction?.attachments ?? null;
  const article = await store.articles.setPublication(
    current.id,
    current.version,
    persistable(current, step.state, step.round, undefined, { revisionId: revision.id, attachments }),
    now,
  );
  const proposed = step.events.some((e) => e.type === 'correction-proposed');
  await audit(store, principal, now, {
    action: proposed ? 'article.correction-propose' : 'article.correction-edit',
    targetType: 'article',
    targetId: String(current.id),
    siteId: current.siteId,
    result: 'ok',
    summary: {
      // Against the live text: what would change on the public page.
      changes: contentChanges(articleContent(current), content),
      ...(files
        ? { attachments: { from: current.attachments.map((a) => a.name), to: files.map((a) => a.name) } }
        : {}),
      revisionId: revision.id,
      reviewLevel: article.reviewLevel,
    },
  });
  return article;
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
  await loadVisibleArticle(deps.store, principal, articleId);
  const revision = await revisionOfArticle(deps.store, articleId, revisionId);
  return updateArticle(deps, principal, articleId, expectedVersion, revisionContent(revision), {
    note: `恢复第 ${revision.number} 版`,
  });
}

/**
 * A field change the system makes because of another document: 有效性 set by a repealing or amending document
 * is the case this exists for. It goes online at once, without review (the document that caused it was
 * reviewed), and is audited as `article.amend` with its cause. Only the system calls it: a person's change
 * is an edit, and a correction of a published article waits for 终审.
 */
export function amendArticle(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  change: Partial<ArticleContent>,
  cause: string,
): Promise<Article> {
  if (principal.kind !== 'system') {
    return Promise.reject(new GazetteError('GZ_FORBIDDEN', 'only the system amends without review'));
  }
  return afterCommit(deps, async (store, emit) => {
    const current = await store.articles.get(articleId);
    if (!current) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    const now = deps.clock.now();
    const step = await decide(deps, store, principal, current, { type: 'amend', cause }, now);
    const content = cleanContent({ ...articleContent(current), ...change });
    const article = await store.articles.updateContent(articleId, current.version, content, now);
    await store.search.sync(articleId);
    const amended = step.events.find((e) => e.type === 'amended');
    const reason = amended?.type === 'amended' ? amended.cause : cause.trim();
    await saveRevision(store, article, revisionAuthor(principal), `系统变更：${reason}`, now);
    await audit(store, principal, now, {
      action: 'article.amend',
      targetType: 'article',
      targetId: String(articleId),
      siteId: current.siteId,
      result: 'ok',
      summary: { cause: reason, changes: contentChanges(articleContent(current), content) },
    });
    emit({ type: 'article-updated', siteId: article.siteId, articleId });
    return article;
  });
}
