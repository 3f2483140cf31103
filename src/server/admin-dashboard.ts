import { z } from 'zod';
import { listRoles, readDashboard, readMe } from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id } from './schemas.js';

/** Who is signed in and what they may do, the roles there are, and the start screen. */
export const dashboardRoutes = [
  defineRoute({
    method: 'GET',
    url: '/me',
    tag: 'session',
    summary:
      'The signed-in user, their roles, installation-wide permissions and, per site, the permissions site-wide, anywhere on the site (anyColumn) and per column where column-scoped grants differ: show only the menus and buttons allowed',
    handler: ({ deps, principal }) => readMe(deps, principal),
  }),
  defineRoute({
    method: 'GET',
    url: '/roles',
    tag: 'users',
    summary:
      'The roles that can be granted, with their label, permissions, scope (global or per site) and 2FA need',
    handler: () => Promise.resolve({ items: listRoles() }),
  }),
  defineRoute({
    method: 'GET',
    url: '/dashboard',
    tag: 'dashboard',
    summary:
      'Start screen: counts by status, my drafts, what waits for my decision at my level, recently published, and columns stale, at risk or blank by the inspection rules',
    query: z.object({ siteId: id }).strict(),
    handler: ({ deps, principal, query }) => readDashboard(deps, principal, query.siteId),
  }),
] as const;
