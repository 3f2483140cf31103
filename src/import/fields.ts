import { parseShanghai } from '../core/index.js';
import type { PageFields, SiteChrome } from './model.js';

/** Spaces a browser or an old CMS may put in text: NBSP, ideographic space, zero-width characters. */
export function normaliseSpace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u00a0\u3000\t\f\v]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const DATE =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T|\s)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;

const pad = (value: string | undefined): string => (value ?? '0').padStart(2, '0');

/**
 * The first date in `text` (`2024-03-18`, `2024年03月18日 10:12`, `2024/3/18 10:12:05`, `2024.3.18`) as an
 * ISO string in Asia/Shanghai (`2024-03-18T10:12:00+08:00`), or null when there is none or it is impossible.
 */
export function parseDateText(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const wall = `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (parseShanghai(wall) === null) return null;
  return `${wall.replace(' ', 'T')}+08:00`;
}

type FieldKey = 'source' | 'author' | 'editor' | 'date' | 'ignore' | `meta:${string}`;

/** Labels of byline and metadata fields, longest first so that 责任编辑 wins over 编辑. */
const LABELS: readonly (readonly [string, FieldKey])[] = (
  [
    ['信息来源', 'source'],
    ['文章来源', 'source'],
    ['稿件来源', 'source'],
    ['新闻来源', 'source'],
    ['来源', 'source'],
    ['作者', 'author'],
    ['資訊來源', 'source'],
    ['來源', 'source'],
    ['記者', 'author'],
    ['責任編輯', 'editor'],
    ['編輯', 'editor'],
    ['發佈日期', 'date'],
    ['發布日期', 'date'],
    ['發佈時間', 'date'],
    ['發布時間', 'date'],
    ['時間', 'date'],
    ['记者', 'author'],
    ['撰稿', 'author'],
    ['通讯员', 'author'],
    ['文/图', 'author'],
    ['责任编辑', 'editor'],
    ['责编', 'editor'],
    ['编辑', 'editor'],
    ['发布时间', 'date'],
    ['发布日期', 'date'],
    ['发表时间', 'date'],
    ['发稿时间', 'date'],
    ['更新时间', 'date'],
    ['时间', 'date'],
    ['日期', 'date'],
    ['索引号', 'meta:indexNumber'],
    ['发文字号', 'meta:documentNumber'],
    ['文号', 'meta:documentNumber'],
    ['发布机构', 'meta:issuer'],
    ['发文机关', 'meta:issuer'],
    ['成文日期', 'meta:writtenAt'],
    ['主题分类', 'meta:topic'],
    ['浏览次数', 'ignore'],
    ['点击数', 'ignore'],
    ['点击', 'ignore'],
    ['浏览', 'ignore'],
    ['阅读', 'ignore'],
    ['阅读次数', 'ignore'],
    ['访问量', 'ignore'],
    ['字体', 'ignore'],
    ['字号', 'ignore'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const LABEL_PATTERN = new RegExp(
  `(${LABELS.map(([label]) => label.replace('/', '\\/')).join('|')})\\s*[:：]\\s*`,
  'g',
);

const keyOf = (label: string): FieldKey => LABELS.find(([l]) => l === label)?.[1] ?? 'ignore';

/** Several names (`张三 李四`, `张三，李四`) written one way: `张三、李四`. */
const names = (value: string): string =>
  value
    .split(/[\s,，、/;；]+/)
    .filter((part) => part !== '')
    .join('、');

/** `《内蒙古日报》` is the paper 内蒙古日报: quotes around the whole value are presentation. */
const unquote = (value: string): string => value.replace(/^《([^《》]+)》$/, '$1');

const cleanValue = (value: string): string =>
  normaliseSpace(value.replace(/[|｜丨【】[\]()（）]+\s*$/g, '').replace(/[\s|｜丨]+$/, ''));

/**
 * Reads a byline line (`信息来源：《内蒙古日报》`, `来源：xx 作者：xx 时间：xx`, `（责任编辑：张三）`) into `fields`.
 * Returns false, leaving `fields` alone, when the line is not made of fields (e.g. prose mentioning 来源).
 */
export function readFieldLine(line: string, fields: PageFields): boolean {
  const text = normaliseSpace(line)
    .replace(/^[[【(（]\s*/, '')
    .replace(/\s*[\]】)）]$/, '');
  if (text === '' || text.length > 160) return false;
  const matches = [...text.matchAll(LABEL_PATTERN)];
  const first = matches[0];
  if (first === undefined) return readReporterLine(text, fields);
  const before = text.slice(0, first.index).trim();
  // Text before the first label may only be a date or separators.
  const leadingDate = before === '' ? null : parseDateText(before);
  if (before !== '' && (leadingDate === null || before.replace(DATE, '').replace(/[\s|｜丨]/g, '') !== '')) {
    return false;
  }
  const found: [FieldKey, string][] = [];
  matches.forEach((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    found.push([keyOf(match[1] ?? ''), cleanValue(text.slice(start, end))]);
  });
  // A long stretch after a label is prose, not a value.
  if (found.some(([key, value]) => key !== 'ignore' && value.length > 40)) return false;
  if (leadingDate !== null && fields.publishedAt === null) fields.publishedAt = leadingDate;
  for (const [key, value] of found) {
    if (value === '') continue;
    if (key === 'source') fields.source ||= unquote(value);
    else if (key === 'author') fields.author ||= names(value);
    else if (key === 'editor') fields.editor ||= names(value);
    else if (key === 'date') fields.publishedAt ??= parseDateText(value);
    else if (key.startsWith('meta:')) {
      const name = key.slice(5);
      fields.meta[name] ??= name === 'writtenAt' ? (parseDateText(value)?.slice(0, 10) ?? value) : value;
    }
  }
  return true;
}

const NAME = '[\\u4e00-\\u9fa5·]{2,5}';
/** `本报记者 张三 李四`, `记者 张三 通讯员 李四`: a byline without colons, names only. */
const REPORTERS = new RegExp(
  `^(?:本报|本台|本网|本刊)?(?:记者|通讯员)\\s*(${NAME}(?:[\\s、，]+(?:通讯员\\s*)?${NAME})*)$`,
);

function readReporterLine(text: string, fields: PageFields): boolean {
  const match = REPORTERS.exec(text);
  if (!match || text.length > 40) return false;
  fields.author ||= names((match[1] ?? '').replace(/通讯员/g, ' '));
  return true;
}

/** Lines that belong to the site around the article, never to its body. */
const FOOTER =
  /主办单位|\S主办(\s|$)|主办[:：]|承办单位|ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|技术支持[:：]|本网站发布的所有信息|免责声明|网站地图|联系我们|建议使用.*(浏览器|分辨率)|政府网站找错|网站纠错/i;
const NAVIGATION =
  /^(微信公众号|手机版|移动版|官方微博|政务微博|打印本页|打印|关闭窗口|关闭|返回顶部|回到顶部|收藏|分享|分享到.*|扫一扫.*|上一页|下一页|首页|尾页|末页|【?打印】?|【?关闭】?|\[?打印\]?|\[?关闭\]?|字体[:：]?.*[大中小].*|【字体[:：].*】|当前位置[:：].*|您的位置[:：].*|您现在的位置[:：]?.*|位置[:：].*[>›»].*|.*首页\s*[>›»].*|上一篇[:：].*|下一篇[:：].*|相关(文章|阅读|链接|新闻|稿件)[:：]?|【?(相关|推荐)阅读】?|共\s*\d+\s*页.*|第\s*\d+\s*页.*|(\d+\s*){2,}|[大中小]\s+[大中小]\s+[大中小]|视力保护色.*|【\s*(打印|关闭|收藏|纠错).*】.*|\S{1,6}(\s*[|｜]\s*\S{1,6}){3,})$/;

/** Marks that only a site's footer carries: never in an article. */
const STRONG_FOOTER = /ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©/i;

/** True for a line of site chrome: navigation, breadcrumbs, share and print bars, pagers, record numbers. */
export function isChromeLine(line: string): boolean {
  const text = normaliseSpace(line);
  if (text === '') return false;
  if (text.length <= 160 && /ICP备|ICP证|公网安备|网站标识码/.test(text)) return true;
  if (text.length <= 60 && NAVIGATION.test(text)) return true;
  // A bar of print/close/share commands in any arrangement.
  const words = text.split(/[\s【】[\]|｜]+/).filter((w) => w !== '');
  return (
    words.length >= 2 &&
    text.length <= 60 &&
    words.every((w) => /^(打印本页|打印|关闭窗口|关闭|收藏|分享|返回顶部|纠错|保存|字体|[大中小])$/.test(w))
  );
}

/** True for a line that may belong to a site's footer (主办单位, 版权所有, 联系我们…). */
export const isFooterLine = (line: string): boolean => {
  const text = normaliseSpace(line);
  return text !== '' && text.length <= 160 && (FOOTER.test(text) || isChromeLine(text));
};

/**
 * Where the site's footer starts in a run of lines, or -1: the first footer line followed, within a few lines,
 * by a mark only footers carry (ICP备, 公网安备, 版权所有…). A lone 主办单位 line in a notice stays in its body.
 */
export function footerStart(lines: readonly string[]): number {
  const filled = lines
    .map((line, index) => ({ line: normaliseSpace(line), index }))
    .filter((l) => l.line !== '');
  for (let i = 0; i < filled.length; i += 1) {
    const here = filled[i];
    if (!here || !FOOTER.test(here.line) || here.line.length > 160) continue;
    if (filled.slice(i, i + 5).some((l) => STRONG_FOOTER.test(l.line) && l.line.length <= 160))
      return here.index;
  }
  return -1;
}

/** Collects the site's identity fields from its chrome lines. */
export function readChrome(lines: readonly string[]): SiteChrome {
  let sponsor = '';
  let icpRecord = '';
  let policeRecord = '';
  let siteCode = '';
  for (const raw of lines) {
    const line = normaliseSpace(raw);
    sponsor ||=
      /主办(?:单位)?\s*[:：]\s*([^\s|｜丨，,;；]+)/.exec(line)?.[1] ??
      /(?:^|\s)([\u4e00-\u9fa5]{4,30}?)\s*主办(?![:：\u4e00-\u9fa5])/.exec(line)?.[1] ??
      '';
    icpRecord ||= /([\u4e00-\u9fa5]ICP[备证]\s*\d+号(?:-\d+)?)/.exec(line)?.[1]?.replace(/\s/g, '') ?? '';
    policeRecord ||= /([\u4e00-\u9fa5]公网安备\s*\d+号?)/.exec(line)?.[1]?.replace(/\s/g, '') ?? '';
    siteCode ||= /网站标识码\s*[:：]?\s*([A-Za-z0-9]+)/.exec(line)?.[1] ?? '';
  }
  return { sponsor, icpRecord, policeRecord, siteCode };
}
