import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  disclosureCalculator,
  lookUpDisclosureRequest,
  MAX_IDENTITY_BYTES,
  submitDisclosureRequest,
  type AppDeps,
  type DisclosureSubmission,
  type PublicDisclosureStatus,
  type SiteContexts,
  type SubmittedRequest,
} from '../app/index.js';
import {
  errorSpec,
  isGazetteError,
  type DeliveryMethod,
  type OrganisationType,
  type RequesterKind,
} from '../core/index.js';
import {
  DISCLOSURE_PATH,
  presentDisclosure,
  readRenderPreferences,
  type DisclosureFormState,
  type Theme,
} from '../render/index.js';
import {
  challengeView,
  clientAddress,
  FORM_FIELDS,
  guardOf,
  refusalStatus,
  registerFormBodyParser,
  submissionOf,
  type FormFields,
} from './public-forms.js';

export interface DisclosureRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  readonly siteContexts: SiteContexts;
}

const LOOKUPS_PER_ADDRESS = { limit: 30, windowSeconds: 600 };
const MAX_FIELD_BYTES = 64 * 1024;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  requesterKind: '申请人类型',
  organisationType: '组织类型',
  name: '姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  contactPerson: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  description: '所需信息的内容描述',
  purpose: '用途',
  delivery: '获取信息的方式',
  identity: '身份证明',
  answer: '验证问题',
  queryCode: '查询码',
};

/** The Chinese message of a refused submission, naming the field. */
function messageOf(error: unknown): { message: string; field: string | null } {
  if (isGazetteError(error)) {
    const field = typeof error.details['field'] === 'string' ? error.details['field'] : null;
    const detail = error.details['detail'];
    // Validation details are written in Chinese for the person filling in the form; other codes speak for themselves.
    const own =
      error.code === 'GZ_INVALID_INPUT' && typeof detail === 'string' ? detail : errorSpec(error.code).zh;
    const label = field && FIELD_LABELS[field] ? `${FIELD_LABELS[field]}：` : '';
    return { message: `${label}${own}`, field };
  }
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return {
      message: `身份证明：文件不超过${MAX_IDENTITY_BYTES / 1024 / 1024}MB，请压缩后重新上传`,
      field: 'identity',
    };
  }
  return { message: '提交的内容无法读取，请检查后重新提交', field: null };
}

/**
 * The public side of requests for disclosure (依申请公开) at `/ysqgk/`: the form (works without JavaScript and
 * on a phone; a text question, rate limits and a honeypot from the shared anti-abuse module), the receipt with
 * the 申请编号 and 查询码, the status look-up, and the calculator of the latest reply date for a request sent
 * today. Nothing here is cached: every page holds a fresh challenge or someone's status.
 */
export async function registerDisclosureRoutes(
  app: FastifyInstance,
  options: DisclosureRoutesOptions,
): Promise<void> {
  const { deps, theme } = options;
  registerFormBodyParser(app);
  await app.register(multipart, {
    limits: { fileSize: MAX_IDENTITY_BYTES, files: 1, fields: 40, parts: 41, fieldSize: MAX_FIELD_BYTES },
  });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    page: {
      form?: DisclosureFormState;
      receipt?: SubmittedRequest;
      status?: PublicDisclosureStatus;
      lookupError?: string;
    },
  ) => {
    const ctx = await options.siteContexts.load(request.hostname);
    const pc = {
      ctx,
      theme,
      now: deps.clock.now(),
      path: DISCLOSURE_PATH,
      preferences: readRenderPreferences(request.headers.cookie),
    };
    const view = presentDisclosure(pc, {
      ...page,
      guard:
        page.receipt || page.status
          ? null
          : challengeView(guardOf(deps.antiAbuse).challenge(bucketOf(ctx.site.id))),
      calculator: await disclosureCalculator(deps),
      server: '',
      staticPage: false,
    });
    const html = await theme.render(view);
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  };

  app.get(DISCLOSURE_PATH, (request, reply) => render(request, reply, 200, {}));

  app.post(DISCLOSURE_PATH, async (request, reply) => {
    const ctx = await options.siteContexts.load(request.hostname);
    const fields: Record<string, string> = {};
    let identity: { filename: string; bytes: Uint8Array } | null = null;
    try {
      if (!request.isMultipart()) {
        Object.assign(fields, (request.body ?? {}) as FormFields);
      } else {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === 'identity' && bytes.length > 0)
              identity = { filename: part.filename, bytes };
          } else if (typeof part.value === 'string') {
            if (part.valueTruncated) {
              fields[part.fieldname] = '';
              throw Object.assign(new Error('field too long'), {
                code: 'FIELD_TOO_LONG',
                field: part.fieldname,
              });
            }
            fields[part.fieldname] = part.value;
          }
        }
      }
      // The static site's form is the first step: it holds no question (a static file cannot hold a fresh
      // one) and no upload; the server's page asks for both, with what was typed kept.
      if (fields[FORM_FIELDS.token] === undefined && fields['step'] === 'static') {
        return await render(request, reply, 200, {
          form: {
            values: keptValues(fields),
            error: null,
            notice: '还差一步：请上传身份证明并回答验证问题，然后提交申请。',
          },
        });
      }
      await guardOf(deps.antiAbuse).admit(
        submissionOf(fields, bucketOf(ctx.site.id), clientAddress(request)),
      );
      const receipt = await submitDisclosureRequest(deps, submissionFrom(ctx.site.id, fields, identity));
      return await render(request, reply, 201, { receipt });
    } catch (error) {
      const tooLong = (error as { code?: string }).code === 'FIELD_TOO_LONG';
      const status = tooLong
        ? 413
        : (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
          ? 413
          : refusalStatus(error, reply);
      if (status === null) throw error;
      const refusal = tooLong
        ? { message: `${FIELD_LABELS[(error as { field: string }).field] ?? '内容'}：内容过长`, field: null }
        : messageOf(error);
      return render(request, reply, status, { form: { values: keptValues(fields), error: refusal } });
    }
  });

  app.post(`${DISCLOSURE_PATH}status`, async (request, reply) => {
    const ctx = await options.siteContexts.load(request.hostname);
    const fields = (request.body ?? {}) as FormFields;
    try {
      await guardOf(deps.antiAbuse).limit(`xxgk-lookup:${clientAddress(request)}`, LOOKUPS_PER_ADDRESS);
      const status = await lookUpDisclosureRequest(
        deps,
        ctx.site.id,
        fields['number'] ?? '',
        fields['queryCode'] ?? '',
      );
      return await render(request, reply, 200, { status });
    } catch (error) {
      const code = refusalStatus(error, reply);
      if (code === null) throw error;
      return render(request, reply, code, { lookupError: messageOf(error).message });
    }
  });
}

const bucketOf = (siteId: number) => `xxgk-request:${siteId}`;

/** What the form shows again after a refusal: the typed values, never the identity file or the challenge. */
function keptValues(fields: FormFields): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of Object.keys(FIELD_LABELS)) {
    if (name in fields && name !== 'answer' && name !== 'queryCode')
      kept[name] = String(fields[name]).slice(0, 10000);
  }
  return kept;
}

function submissionFrom(
  siteId: number,
  fields: FormFields,
  identity: { filename: string; bytes: Uint8Array } | null,
): DisclosureSubmission {
  const field = (name: string) => fields[name] ?? '';
  return {
    siteId,
    requesterKind: field('requesterKind') as RequesterKind,
    organisationType: (field('organisationType') || null) as OrganisationType | null,
    delivery: field('delivery') as DeliveryMethod,
    name: field('name'),
    idType: field('idType'),
    idNumber: field('idNumber'),
    contactPerson: field('contactPerson'),
    phone: field('phone'),
    email: field('email'),
    address: field('address'),
    postcode: field('postcode'),
    description: field('description'),
    purpose: field('purpose'),
    identity,
  };
}
