import { can, GazetteError, type Permission, type Principal } from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { UrgentCorrection } from './ports-revisions.js';
import { audit, principalName } from './principal.js';

/** 终审 reviewers and publishers look at urgent corrections afterwards. */
const REVIEWERS: readonly Permission[] = ['article.review-3', 'article.publish'];

function requireReviewer(principal: Principal, siteId: number): void {
  if (principal.kind === 'system') return;
  const scope = { siteId, columnTrail: [] };
  if (!REVIEWERS.some((permission) => can(principal.user.grants, permission, scope))) {
    throw new GazetteError('GZ_FORBIDDEN', REVIEWERS.join(' or '));
  }
}

/** A site's urgent corrections awaiting review afterwards (with `reviewed`, every one), newest first. */
export async function listUrgentCorrections(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  reviewed = false,
): Promise<UrgentCorrection[]> {
  requireReviewer(principal, siteId);
  return deps.store.revisions.listUrgent(siteId, reviewed, 200);
}

/**
 * Records that someone other than its maker has looked at an urgent correction afterwards; audited. A second
 * review is a conflict: the first one stands.
 */
export function reviewUrgentCorrection(
  deps: AppDeps,
  principal: Principal,
  id: number,
  note = '',
): Promise<UrgentCorrection> {
  return afterCommit(deps, async (store) => {
    const item = await store.revisions.getUrgent(id);
    if (!item) throw new GazetteError('GZ_CORRECTION_NOT_FOUND', `urgent correction ${id}`);
    requireReviewer(principal, item.siteId);
    if (principal.kind === 'user' && item.userId === principal.user.id) {
      throw new GazetteError('GZ_OWN_ARTICLE', 'nobody reviews their own urgent correction');
    }
    const now = deps.clock.now();
    const done = await store.revisions.markUrgentReviewed(id, {
      userId: principal.kind === 'user' ? principal.user.id : null,
      name: principalName(principal),
      note: note.trim(),
      at: now,
    });
    if (!done) throw new GazetteError('GZ_WORKFLOW_CONFLICT', 'this urgent correction was reviewed already');
    await audit(store, principal, now, {
      action: 'article.urgent-review',
      targetType: 'urgent-correction',
      targetId: String(id),
      siteId: item.siteId,
      result: 'ok',
      summary: { articleId: item.articleId, reason: item.reason, note: note.trim() },
    });
    return (await store.revisions.getUrgent(id)) as UrgentCorrection;
  });
}
