import { z } from 'zod';
import {
  describeAuditProblem,
  exportAudit,
  listArticleRevisions,
  listAudit,
  readArticleForAdmin,
  readRevisionDiff,
  restoreRevision,
  verifyAudit,
} from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, isoTime } from './schemas.js';

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
    handler: async ({ deps, principal, params }) => ({
      items: await listArticleRevisions(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/articles/:id/revisions/diff',
    tag: 'revisions',
    summary: 'Word-level diff (Chinese segmented) between two revisions of the article',
    params: z.object({ id }).strict(),
    query: z.object({ from: id, to: id }).strict(),
    handler: ({ deps, principal, params, query }) =>
      readRevisionDiff(deps, principal, params.id, query.from, query.to),
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/:id/revisions/:revisionId/restore',
    tag: 'revisions',
    summary: 'Restore a revision as a new revision (the workflow decides whether review restarts)',
    params: z.object({ id, revisionId: id }).strict(),
    body: z.object({ version: z.number().int().positive() }).strict(),
    handler: async ({ deps, principal, params, body }) => {
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
    handler: ({ deps, principal, query }) => listAudit(deps, principal, filterOf(query), query.page),
  }),
  defineRoute({
    method: 'GET',
    url: '/audit/export',
    tag: 'audit',
    summary: 'Export the audit log as CSV (Excel-ready) or JSON for auditors',
    query: auditQuery.omit({ page: true }).extend({ format: z.enum(['csv', 'json']).default('csv') }),
    handler: async ({ deps, principal, query, reply }) => {
      const { format, ...rest } = query;
      const text = await exportAudit(deps, principal, filterOf(rest), format);
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
      const result = await verifyAudit(deps, principal);
      return { ...result, messages: result.problems.map(describeAuditProblem) };
    },
  }),
] as const;
