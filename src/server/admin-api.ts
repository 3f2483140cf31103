import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/index.js';
import { articleRoutes } from './admin-articles.js';
import { registerAdminAuth, requireUser } from './admin-auth.js';
import { openApiDocument, registerRoutes, type AnyAdminRoute } from './admin-route.js';
import { siteRoutes } from './admin-sites.js';

const VERSION = '0.1.0';

/** Every declarative admin route; the OpenAPI document is generated from this same list. */
export const adminRoutes: readonly AnyAdminRoute[] = [...articleRoutes, ...siteRoutes];

/** The admin API under /admin/api: sign-in, sessions and CSRF first, then the content endpoints. */
export async function registerAdminApi(scope: FastifyInstance, deps: AppDeps): Promise<void> {
  await registerAdminAuth(scope, deps);
  registerRoutes(scope, adminRoutes, deps, requireUser);
  const document = openApiDocument(adminRoutes, VERSION);
  scope.get('/openapi.json', (_request, reply) => reply.header('cache-control', 'no-cache').send(document));
}
