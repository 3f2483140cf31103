import { z } from 'zod';
import { readDistribution, retryDistribution } from '../app/index.js';
import { defineRoute } from './admin-route.js';

const tag = 'distribution';
const targetName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a target name');

/** 分发: the targets the static output is copied to (docs/deploy.md), their state, and a run on demand. */
export const distributionRoutes = [
  defineRoute({
    method: 'GET',
    url: '/distribution/targets',
    tag,
    summary:
      'Each distribution target of the static output with its state: last success, lag, failures in a row, last error, next attempt, the last package (files, ms); `running` is false where this process distributes nothing; needs platform.read',
    handler: ({ deps, principal }) => readDistribution(deps, principal),
  }),
  defineRoute({
    method: 'POST',
    url: '/distribution/run',
    tag,
    summary:
      "Send the pending changes now to one target (`target`) or to all, ignoring the back-off of failed ones; answers each target's result; audited as distribution.retry; needs platform.manage",
    body: z.object({ target: targetName.nullable().optional() }).strict(),
    handler: async ({ deps, principal, body }) => ({
      results: await retryDistribution(deps, principal, body.target ?? null),
    }),
  }),
] as const;
