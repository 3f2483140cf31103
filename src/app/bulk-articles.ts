import { GazetteError, type Principal } from '../core/index.js';
import { decide, publishArticle, withdrawArticle } from './article-workflow.js';
import { afterCommit, type AppDeps } from './deps.js';
import { audit } from './principal.js';
import { loadVisibleArticle } from './article-sight.js';
import { visibleArticleFilter } from './read-admin.js';
import { articleContent } from './revisions.js';
import { updateArticle } from './write-article.js';

/**
 * 删除草稿: a draft that never entered review goes, with its revisions (the audit log keeps the record). Who may
 * edit the draft may delete it; anything submitted once, or a member of a series, stays.
 */
export function deleteDraft(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  expectedVersion: number,
): Promise<void> {
  return afterCommit(deps, async (store) => {
    const article = await store.articles.get(articleId);
    if (!article) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(articleId));
    if (article.status !== 'draft' || article.reviewRound > 0) {
      throw new GazetteError('GZ_WORKFLOW_CONFLICT', 'only a draft that never entered review can be deleted');
    }
    const series = await store.series.listBySite(article.siteId);
    if (series.some((s) => s.memberIds.includes(articleId))) {
      throw new GazetteError('GZ_WORKFLOW_CONFLICT', 'the draft is a member of a series');
    }
    const now = deps.clock.now();
    // Deleting is allowed to whoever may edit the draft now (its author, an editor of the column).
    await decide(deps, store, principal, article, { type: 'edit' }, now);
    await store.articles.deleteDraft(articleId, expectedVersion);
    await audit(store, principal, now, {
      action: 'article.delete',
      targetType: 'article',
      targetId: String(articleId),
      siteId: article.siteId,
      result: 'ok',
      summary: { title: article.title, columnId: article.columnId },
    });
  });
}

export type BulkAction =
  | { readonly type: 'publish'; readonly comment?: string }
  | { readonly type: 'withdraw'; readonly reason: string }
  | { readonly type: 'move'; readonly columnId: number }
  | { readonly type: 'delete' };

/** One article of a bulk action: its id and the version the person saw in the list. */
export interface BulkTarget {
  readonly id: number;
  readonly version: number;
}

export type BulkResult =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly error: GazetteError };

export interface BulkOutcome {
  readonly succeeded: number;
  readonly refused: number;
  readonly results: readonly BulkResult[];
}

/** The most articles one bulk action takes (a page of the list is 20). */
export const MAX_BULK = 100;

/**
 * 批量操作 on the admin list: each article goes through the single action's own use case (its rules, its
 * transaction, its audit record), one after another; what one refuses (a state that does not allow it, a
 * missing permission, a newer version, the publish checks) is reported with its reason and the rest go on.
 */
export async function runBulkAction(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  action: BulkAction,
  targets: readonly BulkTarget[],
): Promise<BulkOutcome> {
  if (targets.length === 0 || targets.length > MAX_BULK) {
    throw new GazetteError('GZ_INVALID_INPUT', `choose 1 to ${MAX_BULK} articles`, { field: 'articles' });
  }
  if (action.type === 'withdraw' && action.reason.trim() === '') {
    throw new GazetteError('GZ_REASON_REQUIRED', 'a withdrawal needs a reason', { field: 'reason' });
  }
  // The person must be able to work with the site's articles at all (the list's own rule).
  await visibleArticleFilter(deps.store, principal, { siteId });
  if (action.type === 'move') {
    const column = await deps.store.columns.get(action.columnId);
    if (!column || column.siteId !== siteId) {
      throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(action.columnId), { field: 'columnId' });
    }
  }
  const results: BulkResult[] = [];
  for (const target of targets) {
    try {
      // Someone else's draft answers not found, exactly as a missing one does.
      const article = await loadVisibleArticle(deps.store, principal, target.id);
      if (article.siteId !== siteId) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(target.id));
      await runOne(deps, principal, action, article.id, target.version);
      results.push({ id: target.id, ok: true });
    } catch (error) {
      if (!(error instanceof GazetteError) || error.kind === 'internal') throw error;
      results.push({ id: target.id, ok: false, error });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, refused: results.length - succeeded, results };
}

async function runOne(
  deps: AppDeps,
  principal: Principal,
  action: BulkAction,
  id: number,
  version: number,
): Promise<void> {
  switch (action.type) {
    case 'publish':
      await publishArticle(deps, principal, id, action.comment ? { comment: action.comment } : {}, version);
      return;
    case 'withdraw':
      await withdrawArticle(deps, principal, id, action.reason, version);
      return;
    case 'move': {
      const current = await deps.store.articles.get(id);
      if (!current) throw new GazetteError('GZ_ARTICLE_NOT_FOUND', String(id));
      await updateArticle(deps, principal, id, version, {
        ...articleContent(current),
        columnId: action.columnId,
      });
      return;
    }
    case 'delete':
      await deleteDraft(deps, principal, id, version);
  }
}

/** The people who wrote the site's articles, by the name they go by, for the list's author filter. */
export async function listArticleAuthors(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<{ id: number; name: string }[]> {
  await visibleArticleFilter(deps.store, principal, { siteId });
  const authors = [];
  for (const id of await deps.store.articles.authorIds(siteId)) {
    const user = await deps.store.users.get(id);
    if (user) authors.push({ id, name: user.displayName || user.username });
  }
  return authors.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
