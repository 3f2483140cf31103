import { errorSpec, isGazetteError, type ErrorKind } from '../core/index.js';

export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly messageZh: string;
    readonly field?: string;
    /** For GZ_ARTICLE_BLOCKED_BY_CHECKS: the findings that stop publication, each with the key to acknowledge. */
    readonly findings?: unknown;
  };
}

/** What a client may learn of an error: its code, and its message only when the code is public. */
export function publicError(error: unknown): { status: number; body: ErrorBody } {
  if (isGazetteError(error)) {
    const spec = errorSpec(error.code);
    const field = typeof error.details['field'] === 'string' ? error.details['field'] : undefined;
    if (spec.public) {
      return {
        status: STATUS_BY_KIND[error.kind],
        body: {
          error: {
            code: error.code,
            message: error.message,
            messageZh: spec.zh,
            ...(field ? { field } : {}),
            ...(Array.isArray(error.details['findings']) ? { findings: error.details['findings'] } : {}),
          },
        },
      };
    }
    return {
      status: STATUS_BY_KIND[error.kind],
      body: { error: { code: error.code, message: spec.en, messageZh: spec.zh } },
    };
  }
  const spec = errorSpec('GZ_INTERNAL');
  return { status: 500, body: { error: { code: 'GZ_INTERNAL', message: spec.en, messageZh: spec.zh } } };
}
