import { z } from 'zod';
import { createColumn, updateSite } from '../app/index.js';
import { COLUMN_KINDS, GazetteError, type Principal } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const siteParams = z.object({ id }).strict();

const siteBody = z
  .object({
    name: text(100).min(1),
    baseUrl: text(300),
    hosts: z.array(text(253)).max(20),
    sponsor: z
      .object({
        name: text(200),
        address: text(300),
        phone: text(100),
        email: text(200),
        postcode: text(20),
      })
      .strict(),
    icpRecord: text(100),
    policeRecord: text(100),
    policeRecordCode: text(40),
    siteCode: text(12),
    footerNotice: text(2000),
    language: z.enum(['zh-CN', 'zh-TW', 'en']),
    accounts: z
      .array(
        z
          .object({
            name: text(100),
            kind: z.enum(['wechat', 'weibo', 'app', 'other']),
            qrUrl: text(2000).nullable(),
          })
          .strict(),
      )
      .max(20),
  })
  .strict();

const columnBody = z
  .object({
    parentId: id.nullable(),
    slug: text(64),
    name: text(100).min(1),
    kind: z.enum(COLUMN_KINDS),
    position: z.number().int().min(0).max(10_000).optional(),
    description: text(500).optional(),
    keywords: text(300).optional(),
    freshnessDays: z.number().int().min(1).max(3650).nullable().optional(),
    linkUrl: text(2000).nullable().optional(),
    reviewLevels: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  })
  .strict();

const tag = 'sites';

const visibleSite = (principal: Principal, siteId: number): boolean =>
  principal.kind === 'system' || principal.user.grants.some((g) => g.siteId === null || g.siteId === siteId);

/** Sites and their column trees. */
export const siteRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites',
    tag,
    summary: 'Sites the signed-in user has a role on',
    handler: async ({ deps, principal }) => {
      const sites = await deps.store.sites.list();
      return { items: sites.filter((site) => visibleSite(principal, site.id)) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id',
    tag,
    summary: 'One site with its identity and footer fields',
    params: siteParams,
    handler: async ({ deps, principal, params }) => {
      const site = await deps.store.sites.get(params.id);
      if (!site || !visibleSite(principal, site.id))
        throw new GazetteError('GZ_SITE_NOT_FOUND', String(params.id));
      return site;
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id',
    tag,
    summary: 'Change the site settings (identity, footer, accounts); needs site.settings',
    params: siteParams,
    body: siteBody,
    handler: async ({ deps, principal, params, body }) => {
      const current = await deps.store.sites.get(params.id);
      if (!current) throw new GazetteError('GZ_SITE_NOT_FOUND', String(params.id));
      return updateSite(deps, principal, params.id, { ...body, slug: current.slug });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/columns',
    tag,
    summary: 'The column tree of a site (flat, with parentId and position)',
    params: siteParams,
    handler: async ({ deps, principal, params }) => {
      if (!visibleSite(principal, params.id)) throw new GazetteError('GZ_SITE_NOT_FOUND', String(params.id));
      return { items: await deps.store.columns.listBySite(params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/columns',
    tag,
    summary: 'Create a column; needs column.manage',
    params: siteParams,
    body: columnBody,
    status: 201,
    handler: async ({ deps, principal, params, body }) => {
      return createColumn(deps, principal, {
        siteId: params.id,
        parentId: body.parentId,
        slug: body.slug,
        name: body.name,
        kind: body.kind,
        ...(body.position !== undefined ? { position: body.position } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.keywords !== undefined ? { keywords: body.keywords } : {}),
        ...(body.freshnessDays !== undefined ? { freshnessDays: body.freshnessDays } : {}),
        ...(body.linkUrl !== undefined ? { linkUrl: body.linkUrl } : {}),
        ...(body.reviewLevels !== undefined ? { reviewLevels: body.reviewLevels } : {}),
      });
    },
  }),
] as const;
