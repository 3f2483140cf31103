import { savePolicyDocument, type AppDeps } from '../app/index.js';
import { EMPTY_POLICY_FIELDS, GazetteError, type PolicyFields, type Principal } from '../core/index.js';
import { parseDateText } from './fields.js';
import type { ImportedItem, ImportedPolicy } from './model.js';

/**
 * The metadata table of a policy-document page (索引号, 主题分类, 发文机关, 成文日期, 发文字号, 发布日期, 有效性) in its
 * many layouts: a table with the label in one cell and the value in the next, `label：value` in one cell, a
 * list with the value on the next line, labels spaced out with ordinary, ideographic or no-break spaces
 * (`索 引 号`, `标\u3000\u3000题`). Read from the page's text (HTML reduced to cell and line boundaries).
 */

type Key = keyof ImportedPolicy | 'title' | 'other';

const GAP = '[\\s\\u3000\\u00a0]*';
const spaced = (label: string): string => [...label].join(GAP);

/** Labels by the field they name; longer labels first so that 发布日期 is not read as 发布. */
const LABELS: readonly (readonly [string, Key])[] = (
  [
    ['信息索引号', 'indexNumber'],
    ['索引号', 'indexNumber'],
    ['发文字号', 'documentNumber'],
    ['文件编号', 'documentNumber'],
    ['发文编号', 'documentNumber'],
    ['文号', 'documentNumber'],
    ['发文机关', 'issuers'],
    ['发文机构', 'issuers'],
    ['发文单位', 'issuers'],
    ['发布机构', 'issuers'],
    ['发布机关', 'issuers'],
    ['制发机关', 'issuers'],
    ['成文日期', 'writtenAt'],
    ['成文时间', 'writtenAt'],
    ['发文日期', 'writtenAt'],
    ['印发日期', 'writtenAt'],
    ['生成日期', 'writtenAt'],
    ['产生日期', 'writtenAt'],
    ['发布日期', 'publishedAt'],
    ['发布时间', 'publishedAt'],
    ['公开日期', 'publishedAt'],
    ['公开时间', 'publishedAt'],
    ['主题分类', 'themes'],
    ['信息分类', 'other'],
    ['组配分类', 'other'],
    ['关键词', 'other'],
    ['生效时间', 'other'],
    ['废止时间', 'other'],
    ['浏览次数', 'other'],
    ['所属主题', 'themes'],
    ['主题', 'themes'],
    ['分类', 'themes'],
    ['有效性', 'validity'],
    ['时效性', 'validity'],
    ['效力状态', 'validity'],
    ['是否有效', 'validity'],
    ['标题', 'title'],
    ['名称', 'title'],
    ['文件名称', 'title'],
    ['来源', 'other'],
    ['信息来源', 'other'],
    ['内容概述', 'other'],
    ['主题词', 'other'],
    ['体裁', 'other'],
    ['实施日期', 'other'],
    ['废止日期', 'other'],
    ['公开方式', 'other'],
    ['公开范围', 'other'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const LABEL = new RegExp(
  `^[•·*\\-\\s\\u3000]*(${LABELS.map(([l]) => spaced(l)).join('|')})${GAP}[:：]?${GAP}(.*)$`,
  'u',
);

const keyOf = (label: string): Key => {
  const bare = label.replace(/[\s\u3000\u00a0]/g, '');
  return LABELS.find(([l]) => l === bare)?.[1] ?? 'other';
};

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: '\u3000',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  ldquo: '“',
  rdquo: '”',
  middot: '·',
};

/** The page as lines of text, one per cell, item, paragraph or line break. */
export function textLines(source: string): string[] {
  const html = /<[a-z!/][^>]*>/i.test(source);
  const text = html
    ? source
        .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(
          /<\/?(td|th|tr|li|dt|dd|p|div|br|h\d|table|tbody|thead|ul|ol|dl|section|span|label|strong|b|em|font)\b[^>]*>/gi,
          '\n',
        )
        .replace(/<[^>]*>/g, '')
        .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
        .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
        .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
    : source;
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .filter((line) => line !== '');
}

const VALIDITY: readonly (readonly [RegExp, ImportedPolicy['validity']])[] = [
  [/废止|已作废/, 'repealed'],
  [/修改|修订|修正/, 'amended'],
  [/失效|过期|届满/, 'expired'],
  [/有效/, 'valid'],
];

const day = (value: string): string | null => parseDateText(value)?.slice(0, 10) ?? null;

/** A label with its colon inside a line (`索引号: … 组配分类: …`): where one field ends and the next begins. */
const INLINE_LABEL =
  /(?<=^|[\s\u3000\u00a0])\p{Script=Han}(?:[\s\u3000\u00a0]?\p{Script=Han}){1,5}[\s\u3000\u00a0]*[:：]/gu;

/** A line holding several `label: value` fields, one field a line. */
function fieldsOfLine(line: string): string[] {
  const starts = [...line.matchAll(INLINE_LABEL)].map((m) => m.index);
  if (starts.length < 2) return [line];
  return starts.map((start, i) => line.slice(start, starts[i + 1] ?? line.length).trim());
}

/** Labelled values of the page, first occurrence of each field: the label's own cell or line, else the next. */
function labelled(source: readonly string[]): Map<Key, string> {
  const lines = source.flatMap(fieldsOfLine);
  const found = new Map<Key, string>();
  for (let i = 0; i < lines.length; i++) {
    const match = LABEL.exec(lines[i] as string);
    if (!match) continue;
    const key = keyOf(match[1] as string);
    // A label alone is followed by its value, unless that line is itself a label (an empty field).
    let value = (match[2] ?? '').trim();
    if (value === '' && i + 1 < lines.length && !LABEL.test(lines[i + 1] as string))
      value = lines[i + 1] as string;
    if (value.length > 200) continue;
    if (!found.has(key) && value !== '') found.set(key, value);
    else if (!found.has(key)) found.set(key, '');
  }
  return found;
}

/**
 * The policy-document fields of a page, or null when it has no metadata table (at least a 索引号 or a 发文字号
 * and two fields found). Values are kept as found: import never rejects a page for a malformed 发文字号.
 */
export function readPolicyFields(source: string): ImportedPolicy | null {
  const found = labelled(textLines(source).slice(0, 400));
  const text = (key: Key) => (found.get(key) ?? '').replace(/\s+/g, ' ').trim();
  const indexNumber = text('indexNumber').split(' ')[0] ?? '';
  const documentNumber = text('documentNumber').replace(/\s+/g, '');
  const known = [
    'indexNumber',
    'documentNumber',
    'issuers',
    'writtenAt',
    'publishedAt',
    'themes',
    'validity',
  ].filter((k) => found.has(k as Key));
  if ((indexNumber === '' && documentNumber === '') || known.length < 2) return null;
  const validityText = text('validity');
  return {
    indexNumber,
    documentNumber: documentNumber === '无' ? '' : documentNumber,
    issuers: text('issuers')
      .split(/[、,，;；\s]+/)
      .filter((s) => s !== ''),
    writtenAt: day(text('writtenAt')),
    publishedAt: day(text('publishedAt')),
    themes: text('themes')
      .split(/[;；,，]+|\s{2,}/)
      .map((t) => t.replace(/\s*[\\＼/／>＞]\s*/g, '/').trim())
      .filter((t) => t !== ''),
    validity: VALIDITY.find(([pattern]) => pattern.test(validityText))?.[1] ?? null,
  };
}

/** Marks the page's first article as a policy document when its metadata table is found. */
export function withPolicyFields(source: string, items: readonly ImportedItem[]): ImportedItem[] {
  const policy = readPolicyFields(source);
  if (!policy || items[0]?.kind !== 'article') return [...items];
  const [first, ...rest] = items as [ImportedItem, ...ImportedItem[]];
  return [{ ...first, kind: 'policy', policy }, ...rest];
}

/**
 * Saves an imported page's policy fields on its article. Import never rejects a page for its metadata: a
 * field the rules refuse (an unreadable 发文字号, a theme the site does not have, a taken 索引号) is left
 * empty and the others are kept; the fields left out are returned.
 */
export async function importPolicyFields(
  deps: AppDeps,
  principal: Principal,
  articleId: number,
  policy: ImportedPolicy,
): Promise<string[]> {
  let fields: PolicyFields = {
    ...EMPTY_POLICY_FIELDS,
    indexNumber: policy.indexNumber,
    documentNumber: policy.documentNumber,
    issuers: policy.issuers,
    writtenAt: policy.writtenAt,
    publishedAt: policy.publishedAt,
    themes: policy.themes,
    ...(policy.validity === 'valid' || policy.validity === null
      ? {}
      : { validity: policy.validity, validityDate: policy.publishedAt ?? policy.writtenAt }),
  };
  const dropped: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await savePolicyDocument(deps, principal, articleId, fields, null, '导入');
      return dropped;
    } catch (error) {
      const field = error instanceof GazetteError ? error.details['field'] : undefined;
      if (typeof field !== 'string' || !(field in fields)) throw error;
      dropped.push(field);
      fields = { ...fields, [field]: (EMPTY_POLICY_FIELDS as unknown as Record<string, unknown>)[field] };
      if (field === 'validityDate' || field === 'replacedBy') fields = { ...fields, validity: 'valid' };
    }
  }
  return dropped;
}
