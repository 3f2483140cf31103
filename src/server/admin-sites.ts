import { z } from 'zod';
import { createColumn, listColumnsOfSite, listSitesFor, readSiteForAdmin, updateSite } from '../app/index.js';
import { columnSettingsFields } from './admin-columns.js';
import { defineRoute } from './admin-route.js';
import { id, isoTime, text } from './schemas.js';

const siteParams = z.object({ id }).strict();

const siteBody = z
  .object({
    /** The `updatedAt` the settings screen loaded: a change made meanwhile answers 409 GZ_VERSION_CONFLICT. */
    updatedAt: isoTime.optional(),
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
    /** 哀悼日 greyscale of every public page; absent leaves it as it is. */
    mourning: z.boolean().optional(),
    /** Home-page blocks (政务服务, 互动交流), the 党政机关 mark and article view counts; absent leaves them. */
    portal: z
      .object({
        services: z.array(z.object({ name: text(40), url: text(2000) }).strict()).max(24),
        mailboxUrl: text(2000),
        hotline: text(20),
        errorReportUrl: text(2000),
        errorReportBadgeUrl: text(2000).nullable(),
        partyMarkUrl: text(2000),
        partyMarkBadgeUrl: text(2000).nullable(),
        showViewCount: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();

const columnBody = z
  .object({
    parentId: id.nullable(),
    slug: text(64),
    position: z.number().int().min(0).max(10_000).optional(),
    ...columnSettingsFields,
  })
  .strict();

const tag = 'sites';

/** Sites and their column trees. */
export const siteRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites',
    tag,
    summary: 'Sites the signed-in user has a role on',
    handler: async ({ deps, principal }) => ({ items: await listSitesFor(deps, principal) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id',
    tag,
    summary: 'One site with its identity and footer fields',
    params: siteParams,
    handler: ({ deps, principal, params }) => readSiteForAdmin(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id',
    tag,
    summary:
      'Change the site settings (identity, footer, accounts, home-page portal blocks); needs site.settings. Validates the site code (GZ_INVALID_SITE_CODE), ICP record (GZ_INVALID_ICP_RECORD), public-security record (GZ_INVALID_POLICE_RECORD), e-mail, hosts and base URL; 409 GZ_VERSION_CONFLICT when updatedAt is stale',
    params: siteParams,
    body: siteBody,
    handler: async ({ deps, principal, params, body }) => {
      const current = await readSiteForAdmin(deps, principal, params.id);
      const { mourning, portal, updatedAt, ...fields } = body;
      return updateSite(
        deps,
        principal,
        params.id,
        {
          ...fields,
          slug: current.slug,
          ...(mourning === undefined ? {} : { mourning }),
          ...(portal === undefined ? {} : { portal }),
        },
        updatedAt,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/columns',
    tag,
    summary: 'The column tree of a site (flat, with parentId and position)',
    params: siteParams,
    handler: async ({ deps, principal, params }) => ({
      items: await listColumnsOfSite(deps, principal, params.id),
    }),
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
        ...(body.updateClass !== undefined ? { updateClass: body.updateClass } : {}),
        ...(body.linkUrl !== undefined ? { linkUrl: body.linkUrl } : {}),
        ...(body.reviewLevels !== undefined ? { reviewLevels: body.reviewLevels } : {}),
      });
    },
  }),
] as const;
