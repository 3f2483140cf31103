import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONSULTATION_LIMITS,
  readPublicConsultation,
  readPublicConsultations,
  submitComment,
  type AppDeps,
  type PublicConsultation,
  type PublicConsultationItem,
} from '../app/index.js';
import {
  CONSULTATION_KIND_LABELS,
  CONSULTATION_STAGE_LABELS,
  GazetteError,
  type Site,
} from '../core/index.js';
import {
  challengeView,
  clientAddress,
  FORM_BODY_LIMIT,
  guardOf,
  refusalStatus,
  sendRateLimited,
  submissionOf,
  type FormFields,
  formErrorOf,
} from './public-forms.js';

/**
 * 意见征集 at /hudong/zhengji/: the open and closed consultations, one consultation's page (the draft, its
 * attachments, the approved comments if the site shows them, the 采纳情况反馈 once published) with the comment
 * form while it is open (no JavaScript needed; the anti-abuse fields of public-forms.ts). Never cached: the
 * form carries a fresh challenge.
 */
export interface ConsultationRoutesOptions {
  readonly deps: AppDeps;
  readonly render: (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    hudong: Record<string, unknown>,
  ) => Promise<FastifyReply>;
  readonly siteOf: (request: FastifyRequest) => Promise<Site>;
}

const paragraphs = (text: string): string[] => text.split(/\n+/).filter((line) => line.trim() !== '');
const field = (fields: FormFields, name: string): string => fields[name] ?? '';
const bodyOf = (request: FastifyRequest): FormFields =>
  (typeof request.body === 'object' && request.body !== null ? request.body : {}) as FormFields;

const itemView = (item: PublicConsultationItem) => ({
  ...item,
  url: `/hudong/zhengji/${item.id}`,
  kindLabel: CONSULTATION_KIND_LABELS[item.kind],
  stageLabel: CONSULTATION_STAGE_LABELS[item.stage],
});

/** The id in the path, or null when it is not a plausible one. */
function idOf(request: FastifyRequest): number | null {
  const raw = String((request.params as { id?: string }).id ?? '');
  if (!/^\d{1,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

export function registerConsultationRoutes(app: FastifyInstance, options: ConsultationRoutesOptions): void {
  const { deps, render, siteOf } = options;

  const pageView = (
    consultation: PublicConsultation,
    values: FormFields,
    error: { message: string; field: string } | null,
    receipt: { flagged: boolean } | null,
  ) => ({
    view: 'consultation',
    consultation: {
      ...itemView(consultation),
      summaryParagraphs: paragraphs(consultation.summary),
      bodyHtml: consultation.bodyHtml,
      attachments: consultation.attachments.map((a) => ({
        ...a,
        sizeLabel:
          a.size >= 1024 * 1024
            ? `${(a.size / 1024 / 1024).toFixed(1)} MB`
            : `${Math.max(1, Math.round(a.size / 1024))} KB`,
      })),
      feedbackParagraphs: paragraphs(consultation.feedback),
      feedbackOn: consultation.feedbackOn,
      comments: consultation.comments.map((c) => ({ ...c, bodyParagraphs: paragraphs(c.body) })),
      showComments: consultation.showComments,
      commentCount: consultation.commentCount,
    },
    limits: CONSULTATION_LIMITS,
    values: {
      displayName: field(values, 'displayName'),
      phone: field(values, 'phone'),
      email: field(values, 'email'),
      body: field(values, 'body').slice(0, CONSULTATION_LIMITS.comment + 100),
    },
    error,
    receipt,
    guard:
      consultation.stage === 'open'
        ? challengeView(guardOf(deps.antiAbuse).challenge(`consult:${consultation.id}`))
        : null,
  });

  const missing = (request: FastifyRequest, reply: FastifyReply) =>
    render(request, reply, 404, '意见征集不存在', { view: 'missing' });

  app.get('/hudong/zhengji/', async (request, reply) => {
    const site = await siteOf(request);
    const { open, closed } = await readPublicConsultations(deps, site.id);
    return render(request, reply, 200, '意见征集', {
      view: 'consultations',
      open: open.map(itemView),
      closed: closed.map(itemView),
    });
  });

  app.get('/hudong/zhengji/:id', async (request, reply) => {
    const site = await siteOf(request);
    const id = idOf(request);
    const consultation = id === null ? undefined : await readPublicConsultation(deps, site.id, id);
    if (!consultation) return missing(request, reply);
    return render(request, reply, 200, consultation.title, pageView(consultation, {}, null, null));
  });

  app.post('/hudong/zhengji/:id', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const site = await siteOf(request);
    const id = idOf(request);
    const fields = bodyOf(request);
    const current = async () => (id === null ? undefined : readPublicConsultation(deps, site.id, id));
    try {
      if (id === null) throw new GazetteError('GZ_CONSULTATION_NOT_FOUND');
      // Only consultations of this site: another site's id is answered as unknown.
      if (!(await current())) throw new GazetteError('GZ_CONSULTATION_NOT_FOUND', String(id));
      const receipt = await submitComment(
        deps,
        id,
        {
          displayName: field(fields, 'displayName'),
          phone: field(fields, 'phone'),
          email: field(fields, 'email'),
          body: field(fields, 'body'),
        },
        submissionOf(fields, `consult:${id}`, clientAddress(request)),
      );
      const consultation = await current();
      if (!consultation) return await missing(request, reply);
      return await render(
        request,
        reply,
        201,
        consultation.title,
        pageView(consultation, {}, null, { flagged: receipt.flagged }),
      );
    } catch (error) {
      const status = refusalStatus(error, reply);
      if (status === null) throw error;
      if (status === 429) return sendRateLimited(reply);
      const consultation = await current();
      if (!consultation) return missing(request, reply);
      return render(
        request,
        reply,
        status,
        consultation.title,
        pageView(consultation, fields, formErrorOf(error), null),
      );
    }
  });
}
