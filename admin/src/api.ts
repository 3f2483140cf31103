/**
 * The admin's only way to the server: JSON over `/admin/api`, with the session cookie and the CSRF token
 * (from `GET /admin/api/session`) on every state change. Errors come back as `ApiError` carrying the
 * server's code and both messages, so a screen can show the Chinese or the English text.
 */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
  readonly field?: string;
  readonly findings?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.code;
  }
}

const BASE = '/admin/api';
let csrfToken: string | null = null;

/** Set after sign-in or after `GET /session`; sent as `x-csrf-token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, {
      code: 'GZ_NETWORK',
      message: 'The server cannot be reached. Check the connection and try again.',
      messageZh: '无法连接服务器，请检查网络后重试。',
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(
      response.status,
      error ?? {
        code: 'GZ_HTTP_' + response.status,
        message: `The server answered ${response.status}.`,
        messageZh: `服务器返回错误 ${response.status}。`,
      },
    );
  }
  return parsed as T;
}

/** Uploads one file as multipart form data (field `file`, plus any extra text fields). */
async function upload<T>(
  path: string,
  file: Blob,
  filename: string,
  fields: Record<string, string> = {},
): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', file, filename);
  const response = await fetch(BASE + path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    body: form,
  });
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(
      response.status,
      error ?? { code: 'GZ_HTTP_' + response.status, message: 'Upload failed.', messageZh: '上传失败。' },
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
  delete: <T>(path: string) => call<T>('DELETE', path),
  upload,
};

/** `?a=1&b=2` from an object, skipping empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
