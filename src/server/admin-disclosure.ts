import { z } from 'zod';
import {
  actOnDisclosureRequest,
  buildXxgkReport,
  saveXxgkReportTexts,
  xxgkReportWorkbook,
  listDisclosureInbox,
  readDisclosureRequest,
  readDisclosureSettings,
  readIdentityFile,
  saveDisclosureSettings,
} from '../app/index.js';
import { DISCLOSURE_STATES, REPLY_TYPES } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'disclosure';
const idParams = z.object({ id }).strict();
const date = text(10);
const version = z.number().int().positive().max(2_147_483_647);

/** Every step of handling a request, each with its own fields; `version` is the version the handler saw. */
const stepBody = z.discriminatedUnion('step', [
  z.object({ step: z.literal('register'), version, receivedOn: date.optional() }).strict(),
  z.object({ step: z.literal('accept'), version }).strict(),
  z.object({ step: z.literal('request-correction'), version, note: text(4000) }).strict(),
  z.object({ step: z.literal('receive-correction'), version, receivedOn: date }).strict(),
  z
    .object({
      step: z.literal('extend'),
      version,
      days: z.number().int(),
      reason: text(2000),
      approverRole: text(100),
    })
    .strict(),
  z.object({ step: z.literal('consult'), version, on: date, note: text(2000) }).strict(),
  z.object({ step: z.literal('consultation-answered'), version, on: date, note: text(4000) }).strict(),
  z
    .object({
      step: z.literal('review'),
      version,
      replyType: z.enum(REPLY_TYPES),
      replyReason: text(40).nullable(),
      replyText: text(40000),
      attachments: z.array(z.object({ name: text(400), url: text(400) }).strict()).max(20),
      conclusion: z.enum(['pass', 'fail']),
      note: text(2000),
    })
    .strict(),
  z.object({ step: z.literal('answer'), version }).strict(),
  z.object({ step: z.literal('close'), version }).strict(),
]);

const yearParams = z.object({ id, year: z.coerce.number().int().min(2008).max(2100) }).strict();

/** The handling department's inbox of requests for disclosure (依申请公开) and the site's settings for it. */
export const disclosureRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/disclosure/settings',
    tag,
    summary: 'The handling department and the retention period of personal data (site.settings)',
    params: idParams,
    handler: ({ deps, principal, params }) => readDisclosureSettings(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id/disclosure/settings',
    tag,
    summary: 'Set the handling department and the retention period (days after closing)',
    params: idParams,
    body: z.object({ departmentId: id.nullable(), retentionDays: z.number().int() }).strict(),
    handler: ({ deps, principal, params, body }) =>
      saveDisclosureSettings(deps, principal, { siteId: params.id, ...body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/disclosure/requests',
    tag,
    summary:
      'The inbox, most urgent first: days left, 第 N 个工作日, due soon and overdue (handling department)',
    params: idParams,
    query: z.object({ state: z.enum(DISCLOSURE_STATES).optional() }).strict(),
    handler: ({ deps, principal, params, query }) =>
      listDisclosureInbox(deps, principal, params.id, query.state ? { states: [query.state] } : {}),
  }),
  defineRoute({
    method: 'GET',
    url: '/disclosure/requests/:id',
    tag,
    summary: "One request with the requester's data, its steps and how its deadline was computed (audited)",
    params: idParams,
    handler: ({ deps, principal, params }) => readDisclosureRequest(deps, principal, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/disclosure/requests/:id/identity/:file',
    tag,
    summary: "The requester's proof of identity, opened (audited)",
    params: z.object({ id, file: id }).strict(),
    handler: async ({ deps, principal, params, reply }) => {
      const file = await readIdentityFile(deps, principal, params.id, params.file);
      const ascii = file.filename.replace(/[^\w.-]/g, '_');
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .type(file.mime)
        .send(file.bytes);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/disclosure/requests/:id/steps',
    tag,
    summary:
      'Take a step: register, accept, request-correction, receive-correction, extend, consult, consultation-answered, review (保密审查 of the reply), answer, close',
    params: idParams,
    body: stepBody,
    handler: ({ deps, principal, params, body }) => {
      const { version: seen, ...command } = body;
      return actOnDisclosureRequest(deps, principal, params.id, seen, command);
    },
  }),
];

/** The annual report on government information disclosure: the counted tables, the office's text, the .xlsx. */
export const xxgkReportRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/xxgk-report/:year',
    tag: 'xxgk-report',
    summary:
      'The annual report of a year: counted tables (二 from the policy documents, 三 from the inbox) and the office sections',
    params: yearParams,
    handler: ({ deps, principal, params }) => buildXxgkReport(deps, principal, params.id, params.year),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id/xxgk-report/:year',
    tag: 'xxgk-report',
    summary: 'Save what the office writes in the annual report (sections 一, 二 other rows, 四, 五, 六)',
    params: yearParams,
    body: z
      .object({
        overview: text(40000).optional(),
        permits: text(40000).optional(),
        reviewLitigation: text(40000).optional(),
        problems: text(40000).optional(),
        other: text(40000).optional(),
      })
      .strict(),
    handler: ({ deps, principal, params, body }) =>
      saveXxgkReportTexts(deps, principal, { siteId: params.id, year: params.year, office: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/xxgk-report/:year/xlsx',
    tag: 'xxgk-report',
    summary: 'The annual report as an .xlsx workbook in the national layout',
    params: yearParams,
    handler: async ({ deps, principal, params, reply }) => {
      const report = await buildXxgkReport(deps, principal, params.id, params.year);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="xxgk-report-${params.year}.xlsx"`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await xxgkReportWorkbook(report));
    },
  }),
];
