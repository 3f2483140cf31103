import { z } from 'zod';
import { addSearchSynonym, listSearchSynonyms, removeSearchSynonym } from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'search';
const idParams = z.object({ id }).strict();

/** The site's own search synonyms, applied at query time besides the built-in official names. */
export const searchSynonymRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/search-synonyms',
    tag,
    summary: "The site's own search synonyms (site.settings)",
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await listSearchSynonyms(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/search-synonyms',
    tag,
    summary: 'Add two forms that find each other in search (both ways); applies within a minute',
    params: idParams,
    status: 201,
    body: z.object({ term: text(100), synonym: text(100), note: text(400).optional() }).strict(),
    handler: ({ deps, principal, params, body }) =>
      addSearchSynonym(deps, principal, {
        siteId: params.id,
        term: body.term,
        synonym: body.synonym,
        ...(body.note !== undefined ? { note: body.note } : {}),
      }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/search-synonyms/:id',
    tag,
    summary: 'Remove a search synonym',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      await removeSearchSynonym(deps, principal, params.id);
      return { ok: true };
    },
  }),
];
