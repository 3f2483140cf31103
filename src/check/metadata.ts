import { htmlToText } from '../core/index.js';
import type {
  CheckField,
  CheckInput,
  CheckOptions,
  Confidence,
  Finding,
  InputRule,
  Severity,
} from './types.js';

/**
 * Sources that name a news outlet (…日报, …网, 新华社, …电视台, …客户端, …公众号): an article with such a source
 * is a reprint. A government department as the source (青川市医疗保障局) is the site publishing its own
 * information, not a reprint.
 */
// 社 and 网 alone are not enough: 供销合作社 is a cooperative and 国家电网 a utility.
const OUTLET =
  /(报|新闻|新华社|中新社|通讯社|报社|杂志社|(?<!电)网|网站|电视台|广播电台|广播电视台|客户端|杂志|期刊|公众号|频道|融媒体中心)$/;

/** Whether an article counts as a reprint (转载), which must show the original author and title. */
export function isReprint(input: CheckInput, options: CheckOptions): boolean {
  const source = (input.source ?? '').trim().replace(/^《(.*)》$/, '$1');
  if ((input.originalTitle ?? '').trim() !== '' || (input.originalAuthor ?? '').trim() !== '') return true;
  if (source === '' || (options.ownSources ?? []).some((own) => own.trim() === source)) return false;
  return OUTLET.test(source);
}

function missing(
  field: CheckField,
  severity: Severity,
  confidence: Confidence,
  message: string,
  messageEn: string,
  excerpt = '',
): Finding {
  return {
    rule: 'metadata',
    severity,
    confidence,
    message,
    messageEn,
    field,
    start: 0,
    end: 0,
    excerpt,
    suggestion: null,
  };
}

/**
 * Metadata and structure, for articles only:
 * - 信息来源 and 责任编辑 missing: block (certain). Inspection rules require both on every item and a
 *   missing one cannot be right.
 * - a reprint (see `isReprint`) without original author or original title: warn (likely), since whether an
 *   item is a reprint is inferred from its source.
 * - images (and the cover) without alt text, empty headings: warn (certain); accessibility deductions.
 */
export function inspectMetadata(input: CheckInput, options: CheckOptions): Finding[] {
  if (input.article !== true) return [];
  const findings: Finding[] = [];
  if ((input.source ?? '').trim() === '') {
    findings.push(
      missing('source', 'block', 'certain', '缺少信息来源。', 'The source (信息来源) is missing.'),
    );
  }
  if ((input.editor ?? '').trim() === '') {
    findings.push(
      missing(
        'editor',
        'block',
        'certain',
        '缺少责任编辑。',
        'The responsible editor (责任编辑) is missing.',
      ),
    );
  }
  if (isReprint(input, options)) {
    if ((input.originalAuthor ?? '').trim() === '') {
      findings.push(
        missing(
          'originalAuthor',
          'warn',
          'likely',
          '转载稿件缺少原作者。',
          'A reprint must name the original author.',
        ),
      );
    }
    if ((input.originalTitle ?? '').trim() === '') {
      findings.push(
        missing(
          'originalTitle',
          'warn',
          'likely',
          '转载稿件缺少原标题。',
          'A reprint must give the original title.',
        ),
      );
    }
  }
  const body = htmlToText(input.bodyHtml ?? '');
  const images = [
    ...((input.coverUrl ?? '') !== '' ? [{ src: input.coverUrl ?? '', alt: input.coverAlt ?? '' }] : []),
    ...body.images,
  ];
  for (const image of images) {
    if (image.alt.trim() === '') {
      findings.push(
        missing(
          'images',
          'warn',
          'certain',
          '图片缺少替代文字（alt）。',
          'An image has no alternative text (alt).',
          image.src,
        ),
      );
    }
  }
  for (const heading of body.headings) {
    if (heading === '') {
      findings.push(
        missing('headings', 'warn', 'certain', '正文中有空标题。', 'The body has an empty heading.'),
      );
    }
  }
  return findings;
}

export const metadataRule: InputRule = {
  kind: 'input',
  id: 'metadata',
  inspect: inspectMetadata,
};
