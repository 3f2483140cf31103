import { z } from 'zod';
import {
  createConsultation,
  listConsultations,
  moderateComment,
  publishFeedback,
  readConsultation,
  readConsultationSettings,
  saveConsultationSettings,
  updateConsultation,
  withdrawConsultation,
} from '../app/index.js';
import { CONSULTATION_KINDS } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'consultations';
const idParams = z.object({ id }).strict();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const version = z.number().int().min(1);

const consultationBody = z
  .object({
    kind: z.enum(CONSULTATION_KINDS),
    title: text(200),
    drafter: text(120).optional(),
    summary: text(4000).optional(),
    bodyHtml: text(400_000),
    mediaIds: z.array(id).max(20).optional(),
    opensOn: day,
    closesOn: day,
  })
  .strict();

/** 意见征集 in the admin: the drafts out for comment, moderation of the comments, the 采纳情况反馈. */
export const consultationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/consultations',
    tag,
    summary: "The site's consultations with their stage, comment counts and feedback mark (site.settings)",
    params: idParams,
    handler: ({ deps, principal, params }) => listConsultations(deps, principal, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/consultations',
    tag,
    summary: 'Put a draft (regulation, plan, policy) out for comment between two dates',
    params: idParams,
    status: 201,
    body: consultationBody,
    handler: ({ deps, principal, params, body }) => createConsultation(deps, principal, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/consultations/:id',
    tag,
    summary: 'One consultation with every comment (never the contact data)',
    params: idParams,
    handler: ({ deps, principal, params }) => readConsultation(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/consultations/:id',
    tag,
    summary: 'Change the draft or its dates before it closes, guarded by the version',
    params: idParams,
    body: consultationBody.extend({ version }).strict(),
    handler: ({ deps, principal, params, body }) => {
      const { version: expected, ...command } = body;
      return updateConsultation(deps, principal, params.id, expected, command);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/consultations/:id/withdraw',
    tag,
    summary: 'Take a consultation off the public pages (with a reason) or put it back',
    params: idParams,
    body: z.object({ version, withdrawn: z.boolean(), reason: text(1000) }).strict(),
    handler: ({ deps, principal, params, body }) =>
      withdrawConsultation(deps, principal, params.id, body.version, body.withdrawn, body.reason),
  }),
  defineRoute({
    method: 'PUT',
    url: '/consultations/:id/feedback',
    tag,
    summary:
      'Publish or correct the 采纳情况反馈 (what was adopted and why) once the consultation has closed',
    params: idParams,
    body: z.object({ version, feedback: text(40_000) }).strict(),
    handler: ({ deps, principal, params, body }) =>
      publishFeedback(deps, principal, params.id, body.version, body.feedback),
  }),
  defineRoute({
    method: 'POST',
    url: '/consultation-comments/:id/moderation',
    tag,
    summary: 'Approve or reject a comment (a rejection with a reason), guarded by the version',
    params: idParams,
    body: z
      .object({ version, decision: z.enum(['approved', 'rejected']), note: text(1000).optional() })
      .strict(),
    handler: ({ deps, principal, params, body }) =>
      moderateComment(deps, principal, params.id, body.version, body.decision, body.note ?? ''),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/consultations/settings',
    tag,
    summary: 'Whether approved comments are shown, and the days after closing by which feedback is due',
    params: idParams,
    handler: ({ deps, principal, params }) => readConsultationSettings(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id/consultations/settings',
    tag,
    summary: 'Change whether approved comments are shown and the feedback limit (days after closing)',
    params: idParams,
    body: z.object({ showComments: z.boolean(), feedbackDays: z.number().int() }).strict(),
    handler: ({ deps, principal, params, body }) =>
      saveConsultationSettings(deps, principal, { siteId: params.id, ...body }),
  }),
];
