import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AntiAbuse, Challenge, Submission } from '../app/index.js';
import { GazetteError, isGazetteError } from '../core/index.js';

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

/** The largest form body without attachments a public form takes (a long letter is far smaller). */
export const FORM_BODY_LIMIT = 256 * 1024;

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
