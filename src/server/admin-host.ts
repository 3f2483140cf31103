import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The admin's pages and API. */
const ADMIN = /^\/admin(?:[/?]|$)/;
/** What the admin's pages load besides themselves: uploaded files and the theme's assets (previews). */
const ADMIN_NEEDS = /^\/(?:media|assets)\//;

/**
 * The host a request was sent to, from the Host header itself: never X-Forwarded-Host, which a script of
 * the public site may set on its own requests.
 */
function hostOf(request: FastifyRequest): string {
  return (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
}

/**
 * Serves the admin on a host of its own (`GAZETTE_ADMIN_HOST`): /admin and /admin/api answer only there,
 * so that no script of the public site's origin can read the admin's session or CSRF token, and that host
 * serves nothing of the public site (its root leads to the admin). Every other host answers /admin with
 * the public site's 404. Registered first, before any route's own hooks.
 */
export function separateAdminHost(
  app: FastifyInstance,
  adminHost: string,
  publicNotFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | FastifyReply,
): void {
  const host = adminHost.toLowerCase();
  app.addHook('onRequest', async (request, reply) => {
    const admin = ADMIN.test(request.url);
    if (hostOf(request) !== host) return admin ? publicNotFound(request, reply) : undefined;
    if (admin || ADMIN_NEEDS.test(request.url)) return undefined;
    if (request.url === '/') return reply.redirect('/admin/', 302);
    return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('404');
  });
}
