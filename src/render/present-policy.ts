import type { PolicyPageData } from '../app/index.js';
import {
  DISCLOSURE_LABELS,
  INTERPRETATION_LABELS,
  VALIDITY_LABELS,
  type Article,
  type PolicyDocument,
} from '../core/index.js';
import type { LinkView, MetaTag } from './view-models.js';

export interface PolicyMetaRow {
  readonly label: string;
  readonly value: string;
}

/** A linked 解读 or document, with its form (图解, 专家解读…). */
export interface InterpretationView extends LinkView {
  readonly kindLabel: string;
}

/** The policy side of an article page (see `PolicyPageData`). */
export interface PolicyView {
  /** The metadata box in the order citizens know from gov.cn. */
  readonly rows: readonly PolicyMetaRow[];
  readonly validity: PolicyDocument['validity'];
  readonly validityLabel: string;
  /** 本文件已于…废止 / 修改, empty while valid. */
  readonly notice: string;
  readonly replacedBy: LinkView | null;
  readonly replaces: readonly LinkView[];
  /** 落款: issuing bodies and the 成文日期, right-aligned under the body; null when the body has its own. */
  readonly signature: { readonly issuers: readonly string[]; readonly date: string } | null;
}

/** YYYY-MM-DD as 2025年03月01日 (the box) or 2025年3月1日 (the 落款, `short`). */
export function chineseDate(date: string | null, short = false): string {
  if (date === null) return '';
  const [y, m, d] = date.split('-');
  return short ? `${y}年${Number(m)}月${Number(d)}日` : `${y}年${m}月${d}日`;
}

const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|\s+/g, '')
    .trim();

export function presentPolicy(article: Article, data: PolicyPageData): PolicyView | null {
  const { policy } = data;
  if (!policy) return null;
  const validityLabel = VALIDITY_LABELS[policy.validity];
  const date = chineseDate(policy.validityDate, true);
  const notice =
    policy.validity === 'repealed'
      ? `本文件已于${date}废止。`
      : policy.validity === 'amended'
        ? `本文件已于${date}修改。`
        : policy.validity === 'expired'
          ? `本文件已于${date}失效。`
          : '';
  const written = chineseDate(policy.writtenAt, true);
  const tail = textOf(article.bodyHtml).slice(-120);
  const signed = written !== '' && (tail.includes(written) || tail.includes(chineseDate(policy.writtenAt)));
  return {
    rows: [
      { label: '索引号', value: policy.indexNumber },
      { label: '主题分类', value: policy.themes.join('；') },
      { label: '发文机关', value: policy.issuers.join('　') },
      { label: '成文日期', value: chineseDate(policy.writtenAt) },
      { label: '标题', value: article.title },
      { label: '发文字号', value: policy.documentNumber },
      { label: '发布日期', value: chineseDate(policy.publishedAt) },
      { label: '有效性', value: validityLabel },
      ...(policy.keywords.length > 0 ? [{ label: '主题词', value: policy.keywords.join(' ') }] : []),
      ...(policy.disclosure !== 'active'
        ? [{ label: '公开方式', value: DISCLOSURE_LABELS[policy.disclosure] }]
        : []),
    ],
    validity: policy.validity,
    validityLabel,
    notice,
    replacedBy: data.replacedBy ? { name: data.replacedBy.title, url: data.replacedBy.path } : null,
    replaces: data.replaces.map((r) => ({ name: r.title, url: r.path })),
    signature:
      signed || (policy.issuers.length === 0 && written === '')
        ? null
        : { issuers: policy.issuers, date: written },
  };
}

export const interpretationViews = (links: PolicyPageData['interpretations']): InterpretationView[] =>
  links.map((l) => ({ name: l.title, url: l.path, kindLabel: INTERPRETATION_LABELS[l.kind] }));

/**
 * The portal meta tags a policy document fills: ContentSource falls back to the issuing bodies, Keywords
 * take the 主题词 first.
 */
export function policyMeta(tags: readonly MetaTag[], policy: PolicyDocument | null): MetaTag[] {
  if (!policy) return [...tags];
  return tags.map((tag) => {
    if (tag.name === 'ContentSource' && tag.content === '')
      return { ...tag, content: policy.issuers.join(',') };
    if (tag.name === 'Keywords') {
      const words = [...new Set([...policy.keywords, ...tag.content.split(',').filter((w) => w !== '')])];
      return { ...tag, content: words.join(',') };
    }
    return tag;
  });
}
