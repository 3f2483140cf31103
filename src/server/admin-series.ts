import { z } from 'zod';
import {
  createSeries,
  listSeries,
  publishSeries,
  readSeriesWithMembers,
  setSeriesMembers,
  updateSeries,
  withdrawSeries,
} from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text, version } from './schemas.js';

const idParams = z.object({ id }).strict();
const tag = 'series';

const fields = {
  columnId: id.nullable(),
  slug: text(128),
  title: text(200).min(1),
  label: text(32),
  leadHtml: text(200_000),
  source: text(200),
  editor: text(200),
};
const memberIds = z.array(id).max(500);

const createBody = z
  .object({
    siteId: id,
    ...fields,
    label: fields.label.optional(),
    leadHtml: fields.leadHtml.optional(),
    source: fields.source.optional(),
    editor: fields.editor.optional(),
    memberIds: memberIds.optional(),
  })
  .strict();
const updateBody = z.object({ version, ...fields }).strict();
const membersBody = z.object({ version, memberIds }).strict();
const versioned = z.object({ version }).strict();

/** Series (合集): an ordered group of articles shown as one page. */
export const seriesRoutes = [
  defineRoute({
    method: 'GET',
    url: '/series',
    tag,
    summary: 'Every series of a site in any state, newest change first, with member counts',
    query: z.object({ siteId: id }).strict(),
    handler: async ({ deps, principal, query }) => ({
      items: (await listSeries(deps, principal, query.siteId)).map((series) => ({
        ...series,
        memberCount: series.memberIds.length,
      })),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/series/:id',
    tag,
    summary: 'A series with its members in reading order (title, status, path, publish time of each)',
    params: idParams,
    handler: ({ deps, principal, params }) => readSeriesWithMembers(deps, principal, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/series',
    tag,
    summary: 'Create a series (draft); the lead text HTML is sanitised; needs series.manage',
    body: createBody,
    status: 201,
    handler: ({ deps, principal, body }) =>
      createSeries(deps, principal, {
        siteId: body.siteId,
        columnId: body.columnId,
        slug: body.slug,
        title: body.title,
        label: body.label ?? '',
        leadHtml: body.leadHtml ?? '',
        source: body.source ?? '',
        editor: body.editor ?? '',
        memberIds: body.memberIds ?? [],
      }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/series/:id',
    tag,
    summary:
      'Change title, slug, label, lead text, source, editor or column; 409 GZ_VERSION_CONFLICT when someone saved meanwhile, 409 GZ_SLUG_LOCKED for the slug of a published series',
    params: idParams,
    body: updateBody,
    handler: ({ deps, principal, params, body }) => {
      const { version: seen, ...rest } = body;
      return updateSeries(deps, principal, params.id, seen, rest);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/series/:id/members',
    tag,
    summary: 'Replace the members in reading order (add, remove and reorder in one call)',
    params: idParams,
    body: membersBody,
    handler: ({ deps, principal, params, body }) =>
      setSeriesMembers(deps, principal, params.id, body.version, body.memberIds),
  }),
  defineRoute({
    method: 'POST',
    url: '/series/:id/publish',
    tag,
    summary: 'Publish the series page (needs article.publish); its published members are shown in order',
    params: idParams,
    body: versioned,
    handler: ({ deps, principal, params, body }) =>
      publishSeries(deps, principal, params.id, undefined, body.version),
  }),
  defineRoute({
    method: 'POST',
    url: '/series/:id/withdraw',
    tag,
    summary: 'Take the series page down (back to draft; needs article.withdraw); its members stay published',
    params: idParams,
    body: versioned,
    handler: ({ deps, principal, params, body }) => withdrawSeries(deps, principal, params.id, body.version),
  }),
] as const;
