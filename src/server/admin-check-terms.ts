import { z } from 'zod';
import { addCheckTerm, listCheckTerms, removeCheckTerm } from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'checks';
const idParams = z.object({ id }).strict();

/** The site's own check dictionary (校对词库): wrong forms with their correct form, sensitive and allowed words. */
export const checkTermRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/check-terms',
    tag,
    summary: "The site's own check dictionary entries (site.settings)",
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await listCheckTerms(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/check-terms',
    tag,
    summary: 'Add a wrong form (with its correct form), a sensitive word or an allowed term; applies at once',
    params: idParams,
    status: 201,
    body: z
      .object({
        kind: z.enum(['formulation', 'sensitive', 'allowed', 'closed-domain', 'dark-domain']),
        term: text(200),
        canonical: text(200).nullable().optional(),
        note: text(400).optional(),
      })
      .strict(),
    handler: ({ deps, principal, params, body }) =>
      addCheckTerm(deps, principal, {
        siteId: params.id,
        kind: body.kind,
        term: body.term,
        canonical: body.canonical ?? null,
        ...(body.note !== undefined ? { note: body.note } : {}),
      }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/check-terms/:id',
    tag,
    summary: 'Remove an entry of a check dictionary',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      await removeCheckTerm(deps, principal, params.id);
      return { ok: true };
    },
  }),
];
