import { errorSpec, GazetteError, isGazetteError, type ErrorKind } from '../core/index.js';

export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  unavailable: 503,
  'insufficient-storage': 507,
  internal: 500,
};

/** Error codes of a full disk or database: the file system's, SQLite's and PostgreSQL's (SQLSTATE 53100). */
const STORAGE_FULL_CODES: ReadonlySet<unknown> = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/**
 * `GZ_STORAGE_FULL` (with the original error as its cause) when `error`, or an error it was caused by,
 * says that the disk or the database is full; null otherwise.
 */
export function storageFullError(error: unknown): GazetteError | null {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if (isGazetteError(at) && at.code === 'GZ_STORAGE_FULL') return at;
    const code = (at as { code?: unknown }).code;
    if (STORAGE_FULL_CODES.has(code)) {
      return new GazetteError('GZ_STORAGE_FULL', `${String(code)}: ${at.message}`, {}, { cause: error });
    }
  }
  return null;
}

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
            // A rule that names its field may give its own Chinese message (e.g. 成文日期不能晚于发布日期).
            messageZh: typeof error.details['messageZh'] === 'string' ? error.details['messageZh'] : spec.zh,
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
