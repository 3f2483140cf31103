import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AntiAbuse, Challenge, Submission } from '../app/index.js';
import { errorSpec, GazetteError, isGazetteError } from '../core/index.js';

/**
 * HTTP glue of the anti-abuse module for public forms (letters, comments, disclosure requests): the form body
 * parser, the fields every protected form carries, the challenge endpoint for the page's script, and the
 * answer to a refused submission.
 *
 * Every protected form has these fields besides its own:
 * - `challenge`: the signed token (hidden), `answer`: the reply to the text question shown beside it;
 * - `work`: a proof of work the page's script (`/assets/form-guard.js`) fills in where JavaScript runs, so
 *   the question may be left empty there;
 * - `website`: the honeypot, hidden from people (and from screen readers) by the theme; must stay empty.
 */
export const FORM_FIELDS = {
  token: 'challenge',
  answer: 'answer',
  work: 'work',
  honeypot: 'website',
} as const;

/**
 * The largest form body without attachments a public form takes: well above the longest letter (3000
 * characters, under 30 KB even percent-encoded), so that a far too long one still reaches the form and is
 * refused with a message naming the field; past this, 413.
 */
export const FORM_BODY_LIMIT = 512 * 1024;

/** Fields in one urlencoded body; a form has a few dozen. */
const MAX_FORM_FIELDS = 100;

export type FormFields = Readonly<Record<string, string>>;

/** Parses `application/x-www-form-urlencoded` bodies in `scope` into one string per field (the first one). */
export function registerFormBodyParser(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      let count = 0;
      for (const [name, value] of new URLSearchParams(body as string)) {
        if (++count > MAX_FORM_FIELDS) {
          done(new GazetteError('GZ_INPUT_TOO_COMPLEX', `more than ${MAX_FORM_FIELDS} fields`), undefined);
          return;
        }
        if (!(name in fields)) fields[name] = value;
      }
      done(null, fields);
    },
  );
}

/** The protection fields of a parsed form body, as the anti-abuse module reads them. */
export function submissionOf(fields: FormFields, bucket: string, address: string): Submission {
  return {
    bucket,
    address,
    token: fields[FORM_FIELDS.token] ?? '',
    answer: fields[FORM_FIELDS.answer],
    work: fields[FORM_FIELDS.work],
    honeypot: fields[FORM_FIELDS.honeypot],
  };
}

/** What a template needs to print the protection fields (see `partials/form-guard.liquid`). */
export interface ChallengeView {
  readonly token: string;
  readonly question: string;
  readonly workBits: number;
  readonly fields: typeof FORM_FIELDS;
}

export const challengeView = (challenge: Challenge): ChallengeView => ({
  token: challenge.token,
  question: challenge.question,
  workBits: challenge.workBits,
  fields: FORM_FIELDS,
});

/** The anti-abuse guard, or a clear 503 where the installation has none (never an unprotected form). */
export function guardOf(antiAbuse: AntiAbuse | undefined): AntiAbuse {
  if (!antiAbuse) throw new GazetteError('GZ_SERVER_BUSY', 'no anti-abuse guard configured');
  return antiAbuse;
}

/** Buckets a client may ask a challenge for: a form name and an optional number, e.g. `interact:12`. */
const BUCKET = /^[a-z][a-z-]{0,30}(?::\d{1,9})?$/;

/**
 * `GET /api/challenge?form=interact:12`: a fresh challenge as JSON, for the page's script (proof of work) or a
 * page that wants a new question. Never cached.
 */
export function registerChallengeRoute(scope: FastifyInstance, antiAbuse: AntiAbuse | undefined): void {
  scope.get('/api/challenge', (request, reply) => {
    const form = (request.query as Record<string, unknown>)['form'];
    if (typeof form !== 'string' || !BUCKET.test(form)) {
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'GZ_INVALID_INPUT', field: 'form' } });
    }
    const challenge = guardOf(antiAbuse).challenge(form);
    return reply.header('cache-control', 'no-store').send({
      token: challenge.token,
      question: challenge.question,
      workBits: challenge.workBits,
      expiresAt: challenge.expiresAt,
    });
  });
}

/**
 * The status of a refused submission: 429 with Retry-After when rate-limited, 413 when too large, else the
 * error kind's. Returns null for errors that are not the submitter's (they go to the error handler).
 */
export function refusalStatus(error: unknown, reply: FastifyReply): number | null {
  if (!isGazetteError(error)) {
    const status = (error as { statusCode?: number }).statusCode;
    return status === 413 ? 413 : null;
  }
  if (error.code === 'GZ_RATE_LIMITED') {
    const retry = Number(error.details['retryAfterSeconds'] ?? 60);
    void reply.header('retry-after', String(retry));
    return 429;
  }
  if (error.code === 'GZ_PAYLOAD_TOO_LARGE') return 413;
  if (error.kind === 'invalid') return 400;
  if (error.kind === 'not-found') return 404;
  if (error.kind === 'conflict') return 409;
  return null;
}

/** The client's address as the server trusts it (Fastify applies `trustProxy`). */
export const clientAddress = (request: FastifyRequest): string => request.ip;

/**
 * The answer to a rate-limited submission: a short page of its own, not the themed form, so that a flood
 * from one address costs the server next to nothing (the Retry-After header is set by `refusalStatus`).
 */
export function sendRateLimited(reply: FastifyReply): FastifyReply {
  const retry = String(reply.getHeader('retry-after') ?? '60');
  return reply
    .code(429)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>提交过于频繁</title></head><body><main><h1>提交过于频繁，请稍后再试</h1><p>请在 ${retry} 秒后再提交。Too many submissions; try again later.</p><p><a href="/">返回首页</a></p></main></body></html>`,
    );
}

/** The form fields by the names the forms show them under (an error names the field a person sees). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '姓名',
  displayName: '署名',
  phone: '联系电话',
  email: '电子邮箱',
  address: '联系地址',
  subject: '主题',
  body: '内容',
  wantsPublic: '希望公开',
  consent: '同意公开',
  answer: '验证问题',
  challenge: '验证问题',
};

/**
 * What a public form shows for a refused submission: the error's Chinese text and the field under the name the
 * form shows it; null for an error that is not a refusal.
 */
export function formErrorOf(error: unknown): { message: string; field: string } | null {
  if (!isGazetteError(error)) return null;
  const spec = errorSpec(error.code);
  const field = typeof error.details['field'] === 'string' ? error.details['field'] : '';
  return {
    // Neither phone nor email: the rule, not only the field, is what the writer needs to read.
    message:
      field === 'phone' && error.code === 'GZ_INVALID_INPUT'
        ? `${spec.zh}：电话和电子邮箱至少填写一项`
        : spec.zh,
    field: FIELD_LABELS[field] ?? field,
  };
}
