import { GazetteError } from './errors.js';

/**
 * 政策文件: the legal metadata a policy document carries beside its article (标题, 正文 and 附件 are the
 * article's). Pure rules only: parsing 发文字号, checking 索引号, the order of the dates, the repeal chain.
 */

export const VALIDITIES = ['valid', 'expired', 'repealed', 'amended'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Readonly<Record<Validity, string>> = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
  amended: '已修改',
};

/** 公开方式: only `active` (主动公开) documents appear on the site. */
export const DISCLOSURES = ['active', 'on-request', 'withheld'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export const DISCLOSURE_LABELS: Readonly<Record<Disclosure, string>> = {
  active: '主动公开',
  'on-request': '依申请公开',
  withheld: '不予公开',
};

/** The class the annual report counts apart. */
export const POLICY_CLASSES = ['rule', 'normative', 'other'] as const;
export type PolicyClass = (typeof POLICY_CLASSES)[number];
export const POLICY_CLASS_LABELS: Readonly<Record<PolicyClass, string>> = {
  rule: '规章',
  normative: '行政规范性文件',
  other: '其他',
};

/** 体裁: the 15 kinds of 党政机关公文 plus the forms local rules and normative documents take. */
export const GENRES = [
  '命令',
  '决定',
  '决议',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
  '办法',
  '规定',
  '细则',
  '规划',
  '方案',
  '其他',
] as const;

export const INTERPRETATION_KINDS = ['text', 'graphic', 'media', 'expert', 'press'] as const;
export type InterpretationKind = (typeof INTERPRETATION_KINDS)[number];
export const INTERPRETATION_LABELS: Readonly<Record<InterpretationKind, string>> = {
  text: '文字解读',
  graphic: '图解',
  media: '音视频',
  expert: '专家解读',
  press: '媒体解读',
};

export interface PolicyFields {
  /** 索引号 */
  readonly indexNumber: string;
  /** 发文机关, in order; several for 联合发文. */
  readonly issuers: readonly string[];
  /** 发文字号 as written (may be empty: not every document has one). */
  readonly documentNumber: string;
  /** 成文日期, YYYY-MM-DD */
  readonly writtenAt: string | null;
  /** 发布日期, YYYY-MM-DD */
  readonly publishedAt: string | null;
  /** 实施日期, YYYY-MM-DD */
  readonly effectiveAt: string | null;
  /** 主题分类 as paths `一级` or `一级/二级`. */
  readonly themes: readonly string[];
  /** 体裁 */
  readonly genre: string;
  readonly policyClass: PolicyClass;
  /** 主题词 */
  readonly keywords: readonly string[];
  readonly validity: Validity;
  /** When it stopped being valid or was amended; null while valid. */
  readonly validityDate: string | null;
  /** The article (a policy document) that repealed or amended it. */
  readonly replacedBy: number | null;
  readonly disclosure: Disclosure;
  /** Why a document is not 主动公开 (the 条例's ground). */
  readonly disclosureReason: string;
}

export interface PolicyDocument extends PolicyFields {
  readonly articleId: number;
  readonly siteId: number;
  readonly version: number;
  readonly updatedAt: string;
}

export interface Warning {
  readonly field: string;
  readonly message: string;
  /** The corrected value, when there is one. */
  readonly fix?: string;
}

export interface ParsedDocumentNumber {
  /** 机关代字, e.g. 青政办发 */
  readonly prefix: string;
  /** null for numbers without a year (国务院令第777号). */
  readonly year: number | null;
  readonly serial: number;
  /** The number as it should be written. */
  readonly normalised: string;
}

export type DocumentNumberResult =
  | { readonly ok: true; readonly value: ParsedDocumentNumber | null; readonly warning?: Warning }
  | { readonly ok: false; readonly message: string };

const OPEN = '〔[（(【［〖﹝{｛<《';
const CLOSE = '〕]）)】］〗﹞}｝>》';
const DIGITS = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * Reads a 发文字号: `机关代字〔年份〕序号号` (GB/T 9704: the year in 六角括号). Another bracket, none at all, or a
 * `第` before the serial is understood and answered with a warning that gives the right form; a number that
 * cannot be read at all is an error. An empty number is none.
 */
export function parseDocumentNumber(input: string): DocumentNumberResult {
  const text = DIGITS(input.replace(/[\s\u3000]+/g, '')).trim();
  if (text === '' || text === '无') return { ok: true, value: null };
  const bracketed = new RegExp(
    `^([\\p{Script=Han}A-Za-z·]+?)([${escapeClass(OPEN)}])(\\d{4})([${escapeClass(CLOSE)}])(第?)(\\d{1,6})号$`,
    'u',
  ).exec(text);
  const bare = /^([\p{Script=Han}A-Za-z·]+?)(\d{4})(年?)(第?)(\d{1,6})号$/u.exec(text);
  const order = /^([\p{Script=Han}A-Za-z·]+?)第(\d{1,6})号$/u.exec(text);
  let prefix: string;
  let year: number | null;
  let serial: number;
  let wellFormed: boolean;
  if (bracketed) {
    prefix = bracketed[1] as string;
    year = Number(bracketed[3]);
    serial = Number(bracketed[6]);
    wellFormed = bracketed[2] === '〔' && bracketed[4] === '〕' && bracketed[5] === '';
  } else if (bare && !/^[\d]/.test(bare[1] as string)) {
    prefix = bare[1] as string;
    year = Number(bare[2]);
    serial = Number(bare[5]);
    wellFormed = false;
  } else if (order) {
    return {
      ok: true,
      value: { prefix: order[1] as string, year: null, serial: Number(order[2]), normalised: text },
    };
  } else {
    return {
      ok: false,
      message: `发文字号“${input.trim()}”无法识别，应写作“机关代字〔年份〕序号号”，如“青政办发〔2025〕7号”`,
    };
  }
  if (year < 1949 || year > 2200) {
    return { ok: false, message: `发文字号“${input.trim()}”中的年份${year}不正确` };
  }
  if (serial === 0) return { ok: false, message: `发文字号“${input.trim()}”的序号不能为0` };
  const normalised = `${prefix}〔${year}〕${serial}号`;
  const value = { prefix, year, serial, normalised };
  if (wellFormed && normalised === input.trim()) return { ok: true, value };
  return {
    ok: true,
    value,
    warning: {
      field: 'documentNumber',
      message: `发文字号的年份应使用六角括号〔〕，序号不编虚位、不加“第”字，应写作“${normalised}”`,
      fix: normalised,
    },
  };
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}

const INDEX_NUMBER = /^[0-9A-Za-z][0-9A-Za-z/._-]{2,63}$/;

/** Why a 索引号 is malformed, or null. */
export function indexNumberProblem(value: string): string | null {
  if (value === '') return null;
  if (!INDEX_NUMBER.test(value)) {
    return `索引号“${value}”格式不正确：只能由字母、数字和“/”“-”“.”“_”组成，以字母或数字开头，长3至64位`;
  }
  return null;
}

/**
 * The site's 索引号 pattern: literal text with `{yyyy}` (the year) and `{seq}` or `{seq:N}` (the yearly
 * sequence, zero-padded to N digits, 5 by default). `{code}` is the site's organisation code.
 */
export const DEFAULT_INDEX_PATTERN = '{code}/{yyyy}-{seq:5}';

export function indexPatternProblem(pattern: string): string | null {
  if (!/\{seq(?::\d)?\}/.test(pattern)) return '索引号规则须包含序号 {seq} 或 {seq:N}';
  const sample = formatIndexNumber(pattern, { code: 'CODE', year: 2025, seq: 1 });
  return indexNumberProblem(sample) === null ? null : `索引号规则生成的“${sample}”不是合法的索引号`;
}

export function formatIndexNumber(
  pattern: string,
  values: { readonly code: string; readonly year: number; readonly seq: number },
): string {
  return pattern
    .replace(/\{yyyy\}/g, String(values.year))
    .replace(/\{code\}/g, values.code)
    .replace(/\{seq(?::(\d))?\}/g, (_m, width: string | undefined) =>
      String(values.seq).padStart(Number(width ?? 5), '0'),
    );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  writtenAt: '成文日期',
  publishedAt: '发布日期',
  effectiveAt: '实施日期',
  validityDate: '有效性变更日期',
};

function invalid(field: string, message: string): GazetteError {
  return new GazetteError('GZ_INVALID_POLICY_FIELD', message, { field, messageZh: message });
}

/** A two-level theme path (`一级` or `一级/二级`), trimmed. */
export function normaliseThemePath(path: string): string {
  return path
    .split('/')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('/');
}

/**
 * Checks and cleans policy fields; throws `GZ_INVALID_POLICY_FIELD` naming the field with a Chinese message.
 * Returns the cleaned fields and the warnings (a 发文字号 with the wrong brackets is saved as written).
 */
export function validatePolicyFields(
  fields: PolicyFields,
  themeTree?: ReadonlySet<string>,
): { fields: PolicyFields; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const indexNumber = fields.indexNumber.trim();
  const indexProblem = indexNumberProblem(indexNumber);
  if (indexProblem) throw invalid('indexNumber', indexProblem);
  const documentNumber = fields.documentNumber.trim().replace(/[\s\u3000]+/g, '');
  const parsed = parseDocumentNumber(documentNumber);
  if (!parsed.ok) throw invalid('documentNumber', parsed.message);
  if (parsed.warning) warnings.push(parsed.warning);
  for (const key of ['writtenAt', 'publishedAt', 'effectiveAt', 'validityDate'] as const) {
    const value = fields[key];
    if (value !== null && !isCalendarDate(value)) {
      throw invalid(key, `${FIELD_NAMES[key]}“${value}”不是有效日期，应写作“YYYY-MM-DD”`);
    }
  }
  if (fields.writtenAt && fields.publishedAt && fields.writtenAt > fields.publishedAt) {
    throw invalid('writtenAt', `成文日期（${fields.writtenAt}）不能晚于发布日期（${fields.publishedAt}）`);
  }
  const issuers = unique(fields.issuers.map((i) => i.trim()));
  if (issuers.some((i) => [...i].length > 60)) throw invalid('issuers', '发文机关名称不能超过60个字');
  const themes = unique(fields.themes.map(normaliseThemePath));
  for (const theme of themes) {
    if (theme.split('/').length > 2) throw invalid('themes', `主题分类“${theme}”超过两级`);
    if (themeTree && !themeTree.has(theme)) throw invalid('themes', `主题分类“${theme}”不在本站的主题分类中`);
  }
  const genre = fields.genre.trim();
  if ([...genre].length > 20) throw invalid('genre', '体裁不能超过20个字');
  const keywords = unique(fields.keywords.flatMap((k) => k.split(/[\s\u3000,，;；、]+/)));
  if (keywords.length > 20) throw invalid('keywords', '主题词不能超过20个');
  if (!VALIDITIES.includes(fields.validity))
    throw invalid('validity', '有效性只能是有效、失效、废止或已修改');
  if (!DISCLOSURES.includes(fields.disclosure))
    throw invalid('disclosure', '公开方式只能是主动公开、依申请公开或不予公开');
  if (!POLICY_CLASSES.includes(fields.policyClass))
    throw invalid('policyClass', '文件类别只能是规章、行政规范性文件或其他');
  const disclosureReason = fields.disclosureReason.trim();
  if (fields.disclosure !== 'active' && disclosureReason === '') {
    throw invalid('disclosureReason', `${DISCLOSURE_LABELS[fields.disclosure]}须写明理由`);
  }
  let { validityDate, replacedBy } = fields;
  if (fields.validity === 'valid') {
    validityDate = null;
    replacedBy = null;
  } else {
    if (validityDate === null) {
      throw invalid('validityDate', `有效性为“${VALIDITY_LABELS[fields.validity]}”时须填写日期`);
    }
    if (fields.writtenAt && validityDate < fields.writtenAt) {
      throw invalid(
        'validityDate',
        `有效性变更日期（${validityDate}）不能早于成文日期（${fields.writtenAt}）`,
      );
    }
    if (fields.validity === 'expired') replacedBy = null;
  }
  return {
    fields: {
      ...fields,
      indexNumber,
      documentNumber,
      issuers,
      themes,
      genre,
      keywords,
      validityDate,
      replacedBy,
      disclosureReason: fields.disclosure === 'active' ? '' : disclosureReason,
    },
    warnings,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

/**
 * Refuses a repeal or amendment that points at the document itself or, following the documents that replaced
 * each other (`replacedByOf`), comes back to it.
 */
export function checkReplacementChain(
  articleId: number,
  replacedBy: number | null,
  replacedByOf: (id: number) => number | null | undefined,
): void {
  if (replacedBy === null) return;
  if (replacedBy === articleId) {
    throw invalid('replacedBy', '废止或修改本文件的文件不能是本文件自身');
  }
  const seen = new Set<number>([articleId]);
  let next: number | null | undefined = replacedBy;
  while (next !== null && next !== undefined) {
    if (seen.has(next)) {
      throw invalid('replacedBy', '废止或修改关系形成循环：所选文件已（直接或间接）被本文件废止或修改');
    }
    seen.add(next);
    next = replacedByOf(next);
  }
}

/** Fields of a document freshly made a policy document. */
export const EMPTY_POLICY_FIELDS: PolicyFields = {
  indexNumber: '',
  issuers: [],
  documentNumber: '',
  writtenAt: null,
  publishedAt: null,
  effectiveAt: null,
  themes: [],
  genre: '',
  policyClass: 'other',
  keywords: [],
  validity: 'valid',
  validityDate: null,
  replacedBy: null,
  disclosure: 'active',
  disclosureReason: '',
};
