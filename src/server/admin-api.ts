import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/index.js';
import { articleRoutes } from './admin-articles.js';
import { registerAdminAuth, requireUser, sessionEndpoints } from './admin-auth.js';
import { openApiDocument, registerRoutes, type AnyAdminRoute } from './admin-route.js';
import { historyRoutes } from './admin-history.js';
import { siteRoutes } from './admin-sites.js';
import { userRoutes } from './admin-users.js';

const VERSION = '0.1.0';

/** Every declarative admin route; the OpenAPI document is generated from this same list. */
export const adminRoutes: readonly AnyAdminRoute[] = [
  ...articleRoutes,
  ...historyRoutes,
  ...siteRoutes,
  ...userRoutes,
];

/** The admin API under /admin/api: sign-in, sessions and CSRF first, then the content endpoints. */
export async function registerAdminApi(scope: FastifyInstance, deps: AppDeps): Promise<void> {
  await registerAdminAuth(scope, deps);
  registerRoutes(scope, adminRoutes, deps, requireUser);
  const document = openApiDocument(
    [
      ...sessionEndpoints.map((endpoint) => ({
        ...endpoint,
        tag: 'session',
        handler: () => Promise.resolve(undefined),
      })),
      ...adminRoutes,
    ],
    VERSION,
  );
  scope.get('/openapi.json', (_request, reply) => reply.header('cache-control', 'no-cache').send(document));
}
