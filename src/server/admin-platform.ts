import { z } from 'zod';
import { addSite, listPlatformSites, setSiteStatus } from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const siteParams = z.object({ id }).strict();

const newSiteBody = z
  .object({
    name: text(100).min(1),
    /** The first is the site's canonical host; none: the site answers every host no other site claims. */
    hosts: z.array(text(253)).max(20),
    slug: text(40).optional(),
    baseUrl: text(300).optional(),
    /** A site whose column tree the new one copies instead of the standard columns. */
    templateSiteId: id.optional(),
  })
  .strict();

const tag = 'platform';

/** The sites of the platform (集约化), for its system administrators and operators. */
export const platformRoutes = [
  defineRoute({
    method: 'GET',
    url: '/platform/sites',
    tag,
    summary:
      'Every site of the installation with its hosts, status, what it holds (columns, articles, published, in review, last publication) and whether it has published nothing for 14 days (stale); needs platform.read',
    handler: async ({ deps, principal }) => ({
      items: (await listPlatformSites(deps, principal)).map(({ site, counts, stale }) => ({
        id: site.id,
        slug: site.slug,
        name: site.name,
        hosts: site.hosts,
        baseUrl: site.baseUrl,
        status: site.status,
        stale,
        ...counts,
      })),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/platform/sites',
    tag,
    summary:
      'Add a site with the standard columns (or a template site’s), an empty identity and no content; needs platform.manage. 409 GZ_HOST_TAKEN for a host another site holds, 400 GZ_INVALID_HOST for a host with a port, upper case, a scheme or a path',
    body: newSiteBody,
    status: 201,
    handler: async ({ deps, principal, body }) =>
      addSite(deps, principal, {
        name: body.name,
        hosts: body.hosts,
        ...(body.slug === undefined ? {} : { slug: body.slug }),
        ...(body.baseUrl === undefined ? {} : { baseUrl: body.baseUrl }),
        ...(body.templateSiteId === undefined ? {} : { templateSiteId: body.templateSiteId }),
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/platform/sites/:id/disable',
    tag,
    summary:
      'Switch a site off: its hosts answer the platform 404 at once on every process; needs platform.manage. 409 GZ_LAST_ACTIVE_SITE for the only active site',
    params: siteParams,
    handler: async ({ deps, principal, params }) => setSiteStatus(deps, principal, params.id, 'disabled'),
  }),
  defineRoute({
    method: 'POST',
    url: '/platform/sites/:id/enable',
    tag,
    summary: 'Switch a disabled site on again; needs platform.manage',
    params: siteParams,
    handler: async ({ deps, principal, params }) => setSiteStatus(deps, principal, params.id, 'active'),
  }),
] as const;
