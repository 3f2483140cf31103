import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/index.js';
import type { Theme } from '../render/index.js';
import { articleRoutes } from './admin-articles.js';
import { calendarRoutes, departmentRoutes } from './admin-calendar.js';
import { interactRoutes } from './admin-interact.js';
import { consultationRoutes } from './admin-consultations.js';
import { checkTermRoutes } from './admin-check-terms.js';
import { searchSynonymRoutes } from './admin-search-synonyms.js';
import { disclosureRoutes, xxgkReportRoutes } from './admin-disclosure.js';
import { policyRoutes } from './admin-policy.js';
import { registerAdminAuth, requireUser, sessionEndpoints } from './admin-auth.js';
import { columnRoutes } from './admin-columns.js';
import { dashboardRoutes } from './admin-dashboard.js';
import { previewRoutes } from './admin-preview.js';
import { seriesRoutes } from './admin-series.js';
import { openApiDocument, registerRoutes, type AnyAdminRoute } from './admin-route.js';
import { historyRoutes } from './admin-history.js';
import { inspectionRoutes } from './admin-inspections.js';
import { mediaRoutes, registerMediaUploads } from './admin-media.js';
import { platformRoutes } from './admin-platform.js';
import { relayRoutes } from './admin-relays.js';
import { distributionRoutes } from './admin-distribution.js';
import { siteRoutes } from './admin-sites.js';
import { userRoutes } from './admin-users.js';
import { searchTermRoutes } from './search-routes.js';

const VERSION = '0.1.0';

/** Every declarative admin route; the OpenAPI document is generated from this same list. */
export const adminRoutes: readonly AnyAdminRoute[] = [
  ...articleRoutes,
  ...historyRoutes,
  ...siteRoutes,
  ...userRoutes,
  ...searchTermRoutes,
  ...checkTermRoutes,
  ...searchSynonymRoutes,
  ...policyRoutes,
  ...mediaRoutes,
  ...dashboardRoutes,
  ...columnRoutes,
  ...seriesRoutes,
  ...inspectionRoutes,
  ...platformRoutes,
  ...relayRoutes,
  ...distributionRoutes,
  ...calendarRoutes,
  ...departmentRoutes,
  ...interactRoutes,
  ...consultationRoutes,
  ...disclosureRoutes,
  ...xxgkReportRoutes,
];

/** The admin API under /admin/api: sign-in, sessions and CSRF first, then the content endpoints. */
export async function registerAdminApi(scope: FastifyInstance, deps: AppDeps, theme?: Theme): Promise<void> {
  await registerAdminAuth(scope, deps);
  // Previews render with the public theme, which only the server holds.
  const routes = [...adminRoutes, ...(theme ? previewRoutes(theme) : [])];
  registerRoutes(scope, routes, deps, requireUser);
  await registerMediaUploads(scope, deps);
  const document = openApiDocument(
    [
      ...sessionEndpoints.map((endpoint) => ({
        ...endpoint,
        tag: 'session',
        handler: () => Promise.resolve(undefined),
      })),
      ...routes,
    ],
    VERSION,
  );
  scope.get('/openapi.json', (_request, reply) => reply.header('cache-control', 'no-cache').send(document));
}
