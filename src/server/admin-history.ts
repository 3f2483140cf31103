import { z } from 'zod';
import {
  diffRevisions,
  exportAudit,
  loadVisibleArticle,
  readArticleForAdmin,
  restoreRevision,
  revisionOfArticle,
  verifyAudit,
  describeAuditProblem,
} from '../app/index.js';
import { can, GazetteError, paginate, type Principal } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, isoTime } from './schemas.js';

/** The audit log is for holders of `audit.read` (the audit administrator), on any site. */
function requireAuditReader(principal: Principal): void {
  if (principal.kind === 'system') return;
  const global = principal.user.grants.filter((g) => g.siteId === null);
  if (!can(global, 'audit.read', { siteId: null })) throw new GazetteError('GZ_FORBIDDEN', 'audit.read');
}

const auditQuery = z
  .object({
    from: isoTime.optional(),
    to: isoTime.optional(),
    actorId: id.optional(),
    action: z.string().max(64).optional(),
    targetType: z.string().max(32).optional(),
    targetId: z.string().max(64).optional(),
    siteId: id.optional(),
    page: z.string().max(8).optional(),
  })
  .strict();

type AuditQuery = z.infer<typeof auditQuery>;

const filterOf = (query: AuditQuery) => ({
  ...(query.from !== undefined ? { from: new Date(query.from).toISOString() } : {}),
  ...(query.to !== undefined ? { to: new Date(query.to).toISOString() } : {}),
  ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
  ...(query.action !== undefined ? { action: query.action } : {}),
  ...(query.targetType !== undefined ? { targetType: query.targetType } : {}),
  ...(query.targetId !== undefined ? { targetId: query.targetId } : {}),
  ...(query.siteId !== undefined ? { siteId: query.siteId } : {}),
});

/** Revisions of an article and the audit log. */
export const historyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/articles/:id/revisions',
    tag: 'revisions',
    summary: 'Every saved revision of an article, newest first',
    params: z.object({ id }).strict(),
    handler: async ({ deps, principal, params }) => {
      await loadVisibleArticle(deps.store, principal, params.id);
      return { items: await deps.store.revisions.list(params.id) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/articles/:id/revisions/diff',
    tag: 'revisions',
    summary: 'Word-level diff (Chinese segmented) between two revisions of the article',
    params: z.object({ id }).strict(),
    query: z.object({ from: id, to: id }).strict(),
    handler: async ({ deps, principal, params, query }) => {
      await loadVisibleArticle(deps.store, principal, params.id);
      const [older, newer] = await Promise.all([
        revisionOfArticle(deps.store, params.id, query.from),
        revisionOfArticle(deps.store, params.id, query.to),
      ]);
      return diffRevisions(older, newer);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/:id/revisions/:revisionId/restore',
    tag: 'revisions',
    summary: 'Restore a revision as a new revision (the workflow decides whether review restarts)',
    params: z.object({ id, revisionId: id }).strict(),
    body: z.object({ version: z.number().int().positive() }).strict(),
    handler: async ({ deps, principal, params, body }) => {
      await loadVisibleArticle(deps.store, principal, params.id);
      await restoreRevision(deps, principal, params.id, params.revisionId, body.version);
      return readArticleForAdmin(deps, principal, params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/audit',
    tag: 'audit',
    summary: 'The audit log, newest first, 50 a page (audit administrator)',
    query: auditQuery,
    handler: async ({ deps, principal, query }) => {
      requireAuditReader(principal);
      const filter = filterOf(query);
      const total = await deps.store.audit.count(filter);
      const page = paginate(query.page, total, 50);
      return {
        items: await deps.store.audit.list(filter, page.pageSize, page.offset),
        total,
        page: page.page,
        pages: page.pages,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/audit/export',
    tag: 'audit',
    summary: 'Export the audit log as CSV (Excel-ready) or JSON for auditors',
    query: auditQuery.omit({ page: true }).extend({ format: z.enum(['csv', 'json']).default('csv') }),
    handler: async ({ deps, principal, query, reply }) => {
      requireAuditReader(principal);
      const { format, ...rest } = query;
      const text = await exportAudit(deps.store, filterOf(rest), format);
      const stamp = deps.clock.now().slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="gazette-audit-${stamp}.${format}"`)
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .send(text);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/audit/verify',
    tag: 'audit',
    summary: 'Walk the hash chain and report every record edited, inserted or deleted',
    handler: async ({ deps, principal }) => {
      requireAuditReader(principal);
      const result = await verifyAudit(deps.store);
      return { ...result, messages: result.problems.map(describeAuditProblem) };
    },
  }),
] as const;
