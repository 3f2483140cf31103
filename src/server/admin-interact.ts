import { z } from 'zod';
import {
  consultationStatistics,
  createChannel,
  handleLetter,
  listInbox,
  listOverdue,
  manageChannels,
  mailStatus,
  monthlyStatistics,
  readLetter,
  setRetentionDays,
  statisticsWorkbook,
  updateChannel,
} from '../app/index.js';
import { CHANNEL_KINDS, INVALID_KINDS, MESSAGE_STATUSES } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'interact';
const idParams = z.object({ id }).strict();

const channelBody = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    name: text(40),
    intro: text(1000).optional(),
    departmentId: id,
    columnId: id,
    deadlineDays: z.number().int().min(1).max(60).optional(),
    allowPublic: z.boolean().optional(),
    fields: z
      .object({
        phone: z.boolean().optional(),
        email: z.boolean().optional(),
        address: z.boolean().optional(),
      })
      .strict()
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

const command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), userId: id }).strict(),
  z.object({ type: z.literal('transfer'), departmentId: id, note: text(500) }).strict(),
  z.object({ type: z.literal('note'), note: text(2000) }).strict(),
  z.object({ type: z.literal('draft'), replyText: text(10_000) }).strict(),
  z.object({ type: z.literal('submit') }).strict(),
  z.object({ type: z.literal('approve') }).strict(),
  z.object({ type: z.literal('reject'), note: text(2000) }).strict(),
  z.object({ type: z.literal('publish'), showOnSite: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('invalid'), kind: z.enum(INVALID_KINDS), reason: text(500) }).strict(),
]);

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

/** 互动交流 in the admin: channels, the handling inbox and its steps, the overdue view, statistics. */
export const interactRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/interact/channels',
    tag,
    summary: "The site's letters channels (site.settings)",
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await manageChannels(deps, principal, params.id),
      mail: mailStatus(deps),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/interact/channels',
    tag,
    summary:
      'Add a letters channel (领导信箱, 咨询, 投诉, 建议, 纠错) with its department, column and deadline',
    params: idParams,
    status: 201,
    body: channelBody,
    handler: ({ deps, principal, params, body }) =>
      createChannel(deps, principal, { ...body, siteId: params.id }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/interact/channels/:id',
    tag,
    summary: 'Change a letters channel',
    params: idParams,
    body: channelBody,
    handler: ({ deps, principal, params, body }) => updateChannel(deps, principal, params.id, body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id/interact/settings',
    tag,
    summary: "How long writers' contact data is kept after a letter is closed (days)",
    params: idParams,
    body: z.object({ retentionDays: z.number().int() }).strict(),
    handler: async ({ deps, principal, params, body }) => {
      await setRetentionDays(deps, principal, params.id, body.retentionDays);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/interact/inbox',
    tag,
    summary: 'The handling inbox: letters of my departments and replies waiting for my review, by urgency',
    params: idParams,
    query: z
      .object({
        departmentId: z.coerce.number().int().positive().optional(),
        channelId: z.coerce.number().int().positive().optional(),
        status: z.enum(MESSAGE_STATUSES).optional(),
        urgent: z.enum(['1', 'true']).optional(),
      })
      .strict(),
    handler: ({ deps, principal, params, query }) =>
      listInbox(deps, principal, {
        siteId: params.id,
        ...(query.departmentId !== undefined ? { departmentId: query.departmentId } : {}),
        ...(query.channelId !== undefined ? { channelId: query.channelId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.urgent ? { urgent: true } : {}),
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/interact/messages/:id',
    tag,
    summary:
      'One letter with its deadline, history and (for its handlers only) the contact data; reading it is audited',
    params: idParams,
    handler: ({ deps, principal, params }) => readLetter(deps, principal, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/interact/messages/:id/steps',
    tag,
    summary:
      'One handling step (assign, transfer, note, draft, submit, approve, reject, publish, invalid), guarded by the version',
    params: idParams,
    body: z.object({ version: z.number().int().min(1), command }).strict(),
    handler: async ({ deps, principal, params, body }) => ({
      letter: await handleLetter(deps, principal, params.id, body.version, body.command),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/interact/overdue',
    tag,
    summary:
      'Every open letter past its due date, flagged at 60 days and failing at 3 months (site.settings)',
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await listOverdue(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/interact/statistics',
    tag,
    summary:
      'Statistics per channel and month of a year: received, answered, working days, on-time rate, ratings; consultations held, comments, feedback published',
    params: idParams,
    query: yearQuery,
    handler: async ({ deps, principal, params, query }) => ({
      items: await monthlyStatistics(deps, principal, params.id, query.year),
      consultations: await consultationStatistics(deps, principal, params.id, query.year),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/interact/statistics.xlsx',
    tag,
    summary: 'The same statistics as an Excel workbook',
    params: idParams,
    query: yearQuery,
    handler: async ({ deps, principal, params, query, reply }) => {
      const bytes = await statisticsWorkbook(deps, principal, params.id, query.year);
      return reply
        .header('content-disposition', `attachment; filename="interact-${query.year}.xlsx"`)
        .header('cache-control', 'no-store')
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(bytes);
    },
  }),
];
