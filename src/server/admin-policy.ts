import { z } from 'zod';
import {
  linkInterpretation,
  readPolicyDocument,
  readPolicySettings,
  recordSecrecyReview,
  savePolicyDocument,
  savePolicySettings,
  unlinkInterpretation,
} from '../app/index.js';
import { DISCLOSURES, INTERPRETATION_KINDS, POLICY_CLASSES, VALIDITIES } from '../core/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const tag = 'policy';
const idParams = z.object({ id }).strict();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .nullable();

/** The legal metadata of a policy document as the editor sends it (the rules are the domain's). */
export const policyFieldsBody = z
  .object({
    indexNumber: text(64),
    issuers: z.array(text(60)).max(10),
    documentNumber: text(128),
    writtenAt: day,
    publishedAt: day,
    effectiveAt: day,
    themes: z.array(text(128)).max(10),
    genre: text(20),
    policyClass: z.enum(POLICY_CLASSES),
    keywords: z.array(text(40)).max(20),
    validity: z.enum(VALIDITIES),
    validityDate: day,
    replacedBy: id.nullable(),
    disclosure: z.enum(DISCLOSURES),
    disclosureReason: text(500),
    /** The policy version the editor started from; null when the article is not a policy document yet. */
    version: z.number().int().positive().max(2_147_483_647).nullable(),
  })
  .strict();

const themeTree = z
  .array(z.object({ name: text(40), children: z.array(text(40)).max(100) }).strict())
  .max(100);

/** Policy documents: their metadata, 保密审查, 解读 links, and the site's policy settings. */
export const policyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/articles/:id/policy',
    tag,
    summary: "An article's policy-document metadata, 解读 links, field history and 保密审查 records",
    params: idParams,
    handler: ({ deps, principal, params }) => readPolicyDocument(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/articles/:id/policy',
    tag,
    summary:
      'Make an article a policy document or change its metadata; an empty 索引号 is generated; answers the warnings (a wrong bracket in the 发文字号, with its fix)',
    params: idParams,
    body: policyFieldsBody,
    handler: ({ deps, principal, params, body }) => {
      const { version, ...fields } = body;
      return savePolicyDocument(deps, principal, params.id, fields, version);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/:id/secrecy-review',
    tag,
    summary: '保密审查: record the confidentiality review (passed, or not with a comment) in the 审核记录',
    params: idParams,
    body: z.object({ passed: z.boolean(), comment: text(1000) }).strict(),
    handler: async ({ deps, principal, params, body }) => {
      await recordSecrecyReview(deps, principal, params.id, body.passed, body.comment);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/articles/:id/interpretations',
    tag,
    summary:
      'Link a 解读 (文字解读, 图解, 音视频, 专家解读, 媒体解读) to the policy document; both pages show it',
    params: idParams,
    body: z.object({ interpretationId: id, kind: z.enum(INTERPRETATION_KINDS) }).strict(),
    handler: async ({ deps, principal, params, body }) => {
      await linkInterpretation(deps, principal, params.id, body.interpretationId, body.kind);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/articles/:id/interpretations/:interpretationId',
    tag,
    summary: 'Remove the link between a policy document and a 解读',
    params: z.object({ id, interpretationId: id }).strict(),
    handler: async ({ deps, principal, params }) => ({
      removed: await unlinkInterpretation(deps, principal, params.id, params.interpretationId),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/sites/:id/policy-settings',
    tag,
    summary: "The site's 索引号 pattern and code, 主题分类 tree and 解读 grace days",
    params: idParams,
    handler: ({ deps, principal, params }) => readPolicySettings(deps, principal, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/sites/:id/policy-settings',
    tag,
    summary:
      "Change the site's 索引号 pattern ({code}, {yyyy}, {seq:N}), 主题分类 tree and 解读 grace days (site.settings)",
    params: idParams,
    body: z
      .object({
        indexPattern: text(128),
        indexCode: text(64),
        themes: themeTree,
        interpretationDays: z.number().int().min(0).max(365),
      })
      .strict(),
    handler: ({ deps, principal, params, body }) => savePolicySettings(deps, principal, params.id, body),
  }),
];
