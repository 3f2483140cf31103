/**
 * Every error Gazette reports has a stable code from this one registry.
 * Callers branch on `code`, never on message text. `public` messages may be
 * shown to the person who caused the error; others are replaced by a generic one.
 */
export type ErrorKind =
  'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'unauthorised' | 'gone' | 'unavailable' | 'internal';

export interface ErrorSpec {
  readonly kind: ErrorKind;
  readonly zh: string;
  readonly en: string;
  readonly public: boolean;
}

export const errorRegistry = {
  GZ_INVALID_INPUT: { kind: 'invalid', zh: '输入有误', en: 'Invalid input', public: true },
  GZ_INVALID_SITE_CODE: {
    kind: 'invalid',
    zh: '网站标识码应为10位数字，或“bm”加8位数字',
    en: 'Site identifier code must be 10 digits, or "bm" followed by 8 digits',
    public: true,
  },
  GZ_INVALID_SLUG: {
    kind: 'invalid',
    zh: '路径名只能使用小写字母、数字和连字符，且不能使用保留名',
    en: 'A slug may use lower-case letters, digits and hyphens only, and must not be a reserved name',
    public: true,
  },
  GZ_INVALID_PAGE: { kind: 'not-found', zh: '没有这一页', en: 'No such page', public: true },
  GZ_SITE_NOT_FOUND: { kind: 'not-found', zh: '站点不存在', en: 'Site not found', public: true },
  GZ_COLUMN_NOT_FOUND: { kind: 'not-found', zh: '栏目不存在', en: 'Column not found', public: true },
  GZ_COLUMN_PATH_TAKEN: {
    kind: 'conflict',
    zh: '同一站点内已有相同路径的栏目',
    en: 'A column with this path already exists in the site',
    public: true,
  },
  GZ_COLUMN_CYCLE: {
    kind: 'invalid',
    zh: '栏目不能移动到自己的下级栏目中',
    en: 'A column cannot be moved under itself',
    public: true,
  },
  GZ_ARTICLE_NOT_FOUND: { kind: 'not-found', zh: '稿件不存在', en: 'Article not found', public: true },
  GZ_ARTICLE_WITHDRAWN: {
    kind: 'gone',
    zh: '该信息已撤下',
    en: 'This item has been withdrawn',
    public: true,
  },
  GZ_ARTICLE_NOT_PUBLISHABLE: {
    kind: 'conflict',
    zh: '稿件当前状态不能签发',
    en: 'The article cannot be published in its current state',
    public: true,
  },
  GZ_ARTICLE_NOT_PUBLISHED: {
    kind: 'conflict',
    zh: '稿件未发布，不能撤稿',
    en: 'Only a published article can be withdrawn',
    public: true,
  },
  GZ_VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '他人已修改此内容，请刷新后再保存',
    en: 'Someone else saved this meanwhile; reload before saving',
    public: true,
  },
  GZ_BACKDATE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '发布时间由系统设定，无权倒填日期',
    en: 'Publish times are set by the system; back-dating is not allowed',
    public: true,
  },
  GZ_SERIES_NOT_FOUND: { kind: 'not-found', zh: '合集不存在', en: 'Series not found', public: true },
  GZ_SERIES_SLUG_TAKEN: {
    kind: 'conflict',
    zh: '同一站点内已有相同路径的合集',
    en: 'A series with this slug already exists in the site',
    public: true,
  },
  GZ_PAGE_NOT_FOUND: { kind: 'not-found', zh: '页面不存在', en: 'Page not found', public: true },
  GZ_STORAGE_NOT_WRITABLE: {
    kind: 'unavailable',
    zh: '数据目录不可写',
    en: 'The data directory is not writable',
    public: false,
  },
  GZ_STORAGE_LOCKED: {
    kind: 'unavailable',
    zh: '数据库被其他进程锁定',
    en: 'The database is locked by another process',
    public: false,
  },
  GZ_CONFIG_INVALID: { kind: 'invalid', zh: '配置有误', en: 'Invalid configuration', public: true },
  GZ_INTERNAL: { kind: 'internal', zh: '服务器内部错误', en: 'Internal server error', public: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry;

export class GazetteError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** Extra facts for the log and, when the code is public, for the client (e.g. the field name). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    detail?: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    const spec: ErrorSpec = errorRegistry[code];
    super(detail ? `${spec.en}: ${detail}` : spec.en, options);
    this.name = 'GazetteError';
    this.code = code;
    this.kind = spec.kind;
    this.details = detail ? { ...details, detail } : details;
  }
}

export function isGazetteError(value: unknown): value is GazetteError {
  return value instanceof GazetteError;
}

export function errorSpec(code: ErrorCode): ErrorSpec {
  return errorRegistry[code];
}
