import { z } from 'zod';
import { readInspections, runInspection } from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id } from './schemas.js';

const idParams = z.object({ id }).strict();
const tag = 'inspections';

/** 自查: the kept results of the self-check with their trend and digest, and a run on demand. */
export const inspectionRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/inspections',
    tag,
    summary:
      'Self-check results of a site on the national inspection indicators: runs newest first (verdict, score, vetoes failed and at risk: the trend), the latest report, and the digest of vetoes failed or failing within 3 working days; needs site.settings',
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(366).optional() }).strict(),
    handler: ({ deps, principal, params, query }) =>
      readInspections(deps, principal, params.id, query.limit ?? 90),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/inspections',
    tag,
    status: 201,
    summary:
      'Run the self-check now from what the database holds (the daily run and `gazette inspect` also read the pages as served and check links) and keep it; answers the report; needs site.settings',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      const outcome = await runInspection(deps, principal, params.id, {}, 'manual');
      return { runId: outcome.run?.id ?? null, report: outcome.report };
    },
  }),
] as const;
