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
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T|-|\s)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;

/** An ISO 8601 time with its own offset (`2022-02-06T12:48:06+00:00`, `…Z`): a moment, not a wall-clock time. */
const ISO_WITH_OFFSET = /^\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})\s*$/i;

const pad = (value: string | undefined): string => (value ?? '0').padStart(2, '0');

/** How much of a publish time a page states: the day only, or the time to the minute or the second. */
export type DatePrecision = 'date' | 'minute' | 'second';

export interface ReadDate {
  /** ISO 8601 in Asia/Shanghai (`2024-03-18T10:12:00+08:00`); midnight when only the day is known. */
  readonly iso: string;
  readonly precision: DatePrecision;
}

const rank: Record<DatePrecision, number> = { date: 0, minute: 1, second: 2 };

/** True when `next` tells more of the same day than `current` (a shown time beside a date-only meta tag). */
export const moreExact = (current: ReadDate | null, next: ReadDate): boolean =>
  current === null ||
  (current.iso.slice(0, 10) === next.iso.slice(0, 10) && rank[next.precision] > rank[current.precision]);

/**
 * The first date in `text` (`2024-03-18`, `2024年03月18日 10:12`, `2024/3/18 10:12:05`, `2024.3.18`,
 * `2024-05-13-08:49:30`, or an ISO time with its offset) in Asia/Shanghai, with how precise the text is; null
 * when there is none or it is impossible.
 */
export function readDate(text: string): ReadDate | null {
  const iso = ISO_WITH_OFFSET.exec(text);
  if (iso) {
    const ms = Date.parse(`${iso[1] ?? ''}${(iso[2] ?? '').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
    if (!Number.isNaN(ms)) {
      const wall = new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19);
      return { iso: `${wall}+08:00`, precision: (iso[1] ?? '').length > 16 ? 'second' : 'minute' };
    }
  }
  const match = DATE.exec(text);
  if (!match) return englishDate(text);
  const [, y, mo, d, h, mi, s] = match;
  if (h === undefined) {
    const zoned = ZONED_TIME.exec(text.slice((match.index ?? 0) + match[0].length));
    if (zoned) return zonedDate(`${y}-${pad(mo)}-${pad(d)}`, zoned);
  }
  const wall = `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (parseShanghai(wall) === null) return null;
  const precision: DatePrecision = h === undefined ? 'date' : s === undefined ? 'minute' : 'second';
  return { iso: `${wall.replace(' ', 'T')}+08:00`, precision };
}

const ZONED_TIME_ANYWHERE =
  /(北京时间|格林尼治标准时间|格林威治标准时间|格林尼治时间|格林威治时间|GMT|UTC)\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?/gi;

/** A time of day named by its zone after the date (`2012年12月10日, 格林尼治标准时间10:41`, `北京时间 08:30`). */
const ZONED_TIME =
  /^\s*[,，]?\s*(北京时间|格林尼治标准时间|格林威治标准时间|格林尼治时间|格林威治时间|GMT|UTC)\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?/i;

/** The day and a zoned time of day as a moment in Asia/Shanghai (Greenwich times are eight hours behind). */
function zonedDate(day: string, zoned: RegExpExecArray): ReadDate | null {
  const [, zone, h, mi, s] = zoned;
  const wall = `${day} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (parseShanghai(wall) === null) return null;
  const precision: DatePrecision = s === undefined ? 'minute' : 'second';
  if ((zone ?? '').startsWith('北京')) return { iso: `${wall.replace(' ', 'T')}+08:00`, precision };
  const moment = new Date(Date.parse(`${wall.replace(' ', 'T')}Z`) + 8 * 3600 * 1000).toISOString();
  return { iso: `${moment.slice(0, 19)}+08:00`, precision };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ENGLISH_DATE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?/i;

/** A date written in English as blog software prints it (`Saturday, September 10th, 2005 10:56 am`). */
function englishDate(text: string): ReadDate | null {
  const match = ENGLISH_DATE.exec(text);
  if (!match) return null;
  const [, month, day, year, hour, minute, second, half] = match;
  const h =
    hour === undefined ? undefined : String((Number(hour) % 12) + (half?.toLowerCase() === 'pm' ? 12 : 0));
  const clock = half === undefined ? hour : h;
  const mo = String(MONTHS.indexOf((month ?? '').toLowerCase().slice(0, 3)) + 1);
  const wall = `${year}-${pad(mo)}-${pad(day)} ${pad(clock)}:${pad(minute)}:${pad(second)}`;
  if (parseShanghai(wall) === null) return null;
  const precision: DatePrecision = hour === undefined ? 'date' : second === undefined ? 'minute' : 'second';
  return { iso: `${wall.replace(' ', 'T')}+08:00`, precision };
}

/** `readDate` without the precision: the ISO string, or null. */
export const parseDateText = (text: string): string | null => readDate(text)?.iso ?? null;

/** Records a date read from the page when none is known yet, or when it tells more of the same day. */
export function offerDate(fields: PageFields, date: ReadDate | null): void {
  if (date === null) return;
  const current =
    fields.publishedAt === null
      ? null
      : { iso: fields.publishedAt, precision: fields.datePrecision ?? 'second' };
  if (moreExact(current, date)) {
    fields.publishedAt = date.iso;
    fields.datePrecision = date.precision;
  }
}

type FieldKey = 'source' | 'author' | 'editor' | 'date' | 'ignore' | `meta:${string}`;

/** Labels of byline and metadata fields, longest first so that 责任编辑 wins over 编辑. */
const LABELS: readonly (readonly [string, FieldKey])[] = (
  [
    ['信息来源', 'source'],
    ['本文来源', 'source'],
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
    ['发布于', 'date'],
    ['转自', 'source'],
    ['发表于', 'date'],
    ['发布', 'date'],
    ['来自', 'source'],
    ['翻译', 'ignore'],
    ['执笔人', 'author'],
    ['执笔', 'author'],
    ['译', 'ignore'],
    ['测试', 'ignore'],
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
    .split(/[\s,，、/;；_]+/)
    .filter((part) => part !== '' && !STAFF_CODE.test(part))
    .join('、');

/** A staff number printed beside or instead of an editor's name (`朱家浒 PN054`, `化成雨_NBJ11143`, `NF041`). */
const STAFF_CODE = /^[A-Za-z]{1,5}\d{2,}$/;

/** `《内蒙古日报》` is the paper 内蒙古日报: quotes or brackets around the whole value are presentation. */
const unquote = (value: string): string =>
  value
    .replace(/^《([^《》]+)》$/, '$1')
    .replace(/^[[【(（]\s*([^\]】)）]+?)\s*[\]】)）]$/, '$1')
    .trim();

/** Words that stand where a source is not known: no source at all. */
const PLACEHOLDER_SOURCE = /^(转载|转载文章|转自网络|网络|互联网|本站|本网|原创|原创稿|综合|未知|佚名|其他)$/;

/**
 * The source's name alone: without quotes and brackets, and without what follows it on the line after a space
 * (`第一财经日报 网友评论`, `某某网-某频道 原创稿`); names joined by a dash stay whole. '' for a placeholder.
 */
export function sourceName(value: string): string {
  const name = unquote(normaliseSpace(value).replace(/^[[【(（]\s+|\s+[\]】)）]$/g, '')).split(' ')[0] ?? '';
  const bare = unquote(name)
    .replace(/^[[【(（《]|[\]】)）》]$/g, '')
    .replace(/(?<=[^\s(（]{2})[(（][^()（）]{1,8}[)）]?$/, '');
  return PLACEHOLDER_SOURCE.test(bare) ? '' : bare;
}

const cleanValue = (value: string): string =>
  normaliseSpace(value.replace(/[|｜丨【】[\]()（）]+\s*$/g, '').replace(/[\s|｜丨]+$/, ''));

/**
 * A byline's text with private-use characters as spaces: a GBK page's broken separator (`0xA3 |`) decodes to one,
 * and no byline needs them (a body keeps them: some CMSs put rare characters of names there).
 */
const fieldText = (line: string): string => normaliseSpace(line.replace(/[\ue000-\uf8ff]/g, ' '));

/** `[ 黄宇 ]` before the fields of a byline: the author. */
const BRACKETED_NAMES = /^[[【]\s*([\u4e00-\u9fa5·]{2,5}(?:\s+[\u4e00-\u9fa5·]{2,5})*)\s*[\]】]$/;

/**
 * Reads a byline line (`信息来源：《内蒙古日报》`, `来源：xx 作者：xx 时间：xx`, `（责任编辑：张三）`) into `fields`.
 * Returns false, leaving `fields` alone, when the line is not made of fields (e.g. prose mentioning 来源).
 */
export function readFieldLine(line: string, fields: PageFields): boolean {
  const text = fieldText(line)
    .replace(/^[□■●◆▲]\s*/, '')
    .replace(/^[[【(（]\s*([^\]】)）]*?)\s*[\]】)）]$/, '$1');
  if (text === '' || text.length > 160) return false;
  const matches = [...text.matchAll(LABEL_PATTERN)];
  const first = matches[0];
  if (first === undefined) return readReporterLine(text, fields);
  // Text before the first label may only be a site address, a date, a bracketed name or separators.
  const before = stripAddresses(text.slice(0, first.index));
  const bracketed = BRACKETED_NAMES.exec(before);
  const leadingDate = before === '' || bracketed ? null : readDate(before);
  const rest =
    leadingDate === null ? before : normaliseSpace(before.replace(DATE, '').replace(/更新|发布/g, ''));
  const byline = bracketed ?? BRACKETED_NAMES.exec(rest);
  if (byline === null && rest.replace(/[\s|｜丨【[(（]/g, '') !== '') return false;
  const found: [FieldKey, string][] = [];
  matches.forEach((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    found.push([keyOf(match[1] ?? ''), cleanValue(text.slice(start, end))]);
  });
  // A long stretch after a label is prose, not a value.
  if (found.some(([key, value]) => key !== 'ignore' && value.length > 40)) return false;
  offerDate(fields, leadingDate);
  if (byline) fields.author ||= names(byline[1] ?? '');
  for (const [key, value] of found) {
    if (value === '') continue;
    if (key === 'source') fields.source ||= sourceName(value);
    else if (key === 'author') fields.author ||= names(value);
    else if (key === 'editor') fields.editor ||= names(value);
    else if (key === 'date') offerDate(fields, readDate(value));
    else if (key.startsWith('meta:')) {
      const name = key.slice(5);
      fields.meta[name] ??= name === 'writtenAt' ? (parseDateText(value)?.slice(0, 10) ?? value) : value;
    }
  }
  return true;
}

const NAME = '[\\u4e00-\\u9fa5·]{2,5}';
/** `本报记者 张三 李四`, `光明日报记者 张三`, `记者 张三 通讯员 李四`: a byline without colons, names only. */
const REPORTERS = new RegExp(
  `^[\\u4e00-\\u9fa5·\\s]{0,14}?(?:记者|通讯员)\\s*(${NAME}(?:[\\s、，]+(?:通讯员\\s*)?${NAME})*)$`,
);
/** `松花江网编辑 孙桂芳`, `责任编辑 张三`: an editor without a colon. */
const EDITORS = new RegExp(
  `^[\\u4e00-\\u9fa5]{0,8}?(?:责任编辑|责编|编辑)\\s+(${NAME}(?:[\\s、，]+${NAME})*)$`,
);
/** `顶端新闻·河南商报记者马俊峰/文受访者供图`, `本报记者 张三 摄`: a credit line. */
const CREDIT = /^[^。，！？]{0,30}(?:记者|通讯员)[^。，！？]{1,20}(?:\/文|\/图|摄|供图|报道)$/;

function readReporterLine(text: string, fields: PageFields): boolean {
  if (text.length > 40) return false;
  const editor = EDITORS.exec(text);
  if (editor) {
    fields.editor ||= names(editor[1] ?? '');
    return true;
  }
  if (CREDIT.test(text)) return true;
  const match = REPORTERS.exec(text);
  if (!match) return false;
  fields.author ||= names((match[1] ?? '').replace(/通讯员/g, ' '));
  return true;
}

/** Site addresses and domains written beside a date (`http://www.sina.net`, `BUSINESS.SOHU.COM`), removed. */
const stripAddresses = (text: string): string =>
  normaliseSpace(
    text
      .replace(/https?:\/\/\S+/gi, ' ')
      .replace(/\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov)(?:\.cn)?\b\/?/gi, ' '),
  );

/** A short name that can stand alone as a source (`光明网`, `河南日报客户端`, `新华社`). */
const SOURCE_LIKE =
  /^[\u4e00-\u9fa5·—-]{2,20}(网|报|社|台|刊|客户端|频道|杂志|周刊|中心|政府|委员会|局|厅|部|办公室|电视台|广播)$/;

/**
 * Reads a dateline: a short line made of a date and what stands beside it on news pages (the site's address, the
 * source's name: `http://www.sina.net 2005年03月21日 11:21 《理财周刊》`, `2022-02-13 20:04:17`). Returns false,
 * leaving `fields` alone, for anything else.
 */
export function readDateline(line: string, fields: PageFields): boolean {
  const text = fieldText(line);
  if (text === '' || text.length > 80 || /[。！？]/.test(text)) return false;
  const date = readDate(text);
  if (date === null) return false;
  const rest = stripAddresses(
    text
      .replace(DATE, ' ')
      .replace(ENGLISH_DATE, ' ')
      .replace(/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?/gi, ' ')
      .replace(ZONED_TIME_ANYWHERE, ' ')
      .replace(/更新|发布|时间|日期/g, ' '),
  ).replace(/^[|｜丨,，\s]+|[|｜丨,，\s]+$/g, '');
  const name = sourceName(rest);
  const word = rest.split(' ')[0] ?? '';
  if (rest !== '' && name !== unquote(word)) return false;
  if (rest !== '' && !/^[《[【]?[\u4e00-\u9fa5·—-]{2,20}[》\]】]?$/.test(word)) return false;
  // Beside a date, only a name that reads as a publisher's is a source: a related article's headline is not.
  if (rest !== '' && !/^[《[【]/.test(word) && !SOURCE_LIKE.test(name)) return false;
  offerDate(fields, date);
  if (name !== '') fields.source ||= name;
  return true;
}

/** True for a line that names a source by itself (`光明网` under the date). */
export const isSourceName = (line: string): boolean => SOURCE_LIKE.test(normaliseSpace(line));

/** Lines that belong to the site around the article, never to its body. */
const FOOTER =
  /主办单位|\S主办(\s|$)|主办[:：]|承办单位|ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|技术支持[:：]|本网站发布的所有信息|免责声明|网站地图|联系我们|建议使用.*(浏览器|分辨率)|政府网站找错|网站纠错/i;
const NAVIGATION =
  /^(微信公众号|手机版|移动版|官方微博|政务微博|打印本页|打印|关闭窗口|关闭|返回顶部|回到顶部|收藏|分享|分享到.*|扫一扫.*|上一页|下一页|首页|尾页|末页|【?打印】?|【?关闭】?|\[?打印\]?|\[?关闭\]?|字体[:：]?.*[大中小].*|【字体[:：].*】|当前位置[:：].*|您的位置[:：].*|您现在的位置[:：]?.*|位置[:：].*[>›»].*|.*首页\s*[>›»].*|上一篇[:：].*|下一篇[:：].*|相关(文章|阅读|链接|新闻|稿件)[:：]?|【?(相关|推荐)阅读】?|共\s*\d+\s*页.*|第\s*\d+\s*页.*|(\d+\s*){2,}|[大中小]\s+[大中小]\s+[大中小]|视力保护色.*|【\s*(打印|关闭|收藏|纠错).*】.*|\S{1,6}(\s*[|｜]\s*\S{1,6}){3,})$/;

/**
 * Page furniture that old news and government templates leave inside the article's container: pagers in their
 * many forms, player and gallery placeholders, promotions, share and comment bars, broken markup, stray brackets.
 */
const FURNITURE = [
  /^(<<|«)?\s*上一页.*下一页\s*(>>|»)?$/,
  /^(\[\s*\d+\s*\]\s*)+$/,
  /^\[?上一篇\]?\s*\[?下一篇\]?$/,
  /^第?\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页$/,
  /^(首页|上一页|下一页|尾页|末页|\d+|[<>«»]+|\s)+$/,
  /^(?!.*[。！？]$).{0,30}(点击进入|点击阅读|点击查看|点击此处|点此进入|更多内容).{0,20}$/,
  /^.{1,30}(>>|》》|→)$/,
  /^.{0,12}\/(strip|ignore-error|imageslim|format)[^\u4e00-\u9fa5]*$/,
  /^[^\u4e00-\u9fa5]*(imageslim|ignore-error)[^\u4e00-\u9fa5]*$/,
  /^#[^#]{1,20}#(\s*@\S+)*$/,
  /^[()（）[\]【】<>《》|｜·•\s-]+$/,
  /^(视频|音频)\s*\d{1,2}:\d{2}$/,
  /您的浏览器不支持|视频加载中|请升级浏览器|Adobe Flash Player/,
  /^(点击)?(播放|看大图|查看原图|查看大图|放大图片)$/,
  /^(上一张|下一张|上一幅|下一幅)(\s*(上一张|下一张|上一幅|下一幅))?$/,
  /^更多精彩(图片|内容|视频).*$/,
  /^(分享让更多人看到|分享到[:：]?|分享[:：]|我要分享|一键分享)$/,
  /^(发送给朋友|打印本文|打印此文|推荐给朋友|返回页首.*|返回顶部.*|【?我来说两句】?.*|发表评论|查看评论|网友评论.*|热门评论|最新评论|更多评论.*|页面功能.*|精彩推荐|热点推荐|今日推荐|今日焦点[:：]?|推荐阅读|延伸阅读[:：].*|相关(报道|新闻|链接|文章|阅读|稿件)[:：]?)$/,
  /^■?\s*相关链接$/,
  /^(小字号|大字号|字号[:：].*|阅读[:：]\s*\d+|浏览[:：]\s*\d+)$/,
  /^共找到\s*[\d,]+\s*个相关/,
  /^共找到\s*[\d,]+$/,
  /^个相关(新闻|文章|内容|报道)[.。]?$/,
];

/** True for page furniture inside a body container (pagers, placeholders, promotions, share bars…). */
export const isFurniture = (line: string): boolean => {
  const text = normaliseSpace(line);
  return text !== '' && text.length <= 80 && FURNITURE.some((pattern) => pattern.test(text));
};

/** Marks after which an article has ended: the rest of its container is the page's (相关报道, 发送给朋友…). */
const END_MARK =
  /^(相关(报道|新闻|链接|文章|阅读|稿件)[:：]?|■?\s*相关链接|发送给朋友|打印本文|我要说两句|【?我来说两句】?.*|页面功能.*|返回页首.*|网友评论.*|热门评论|最新评论|推荐阅读|精彩推荐|分享让更多人看到|分享到[:：]?|反侵权公告[:：]?)$/;
export const isEndMark = (line: string): boolean => END_MARK.test(normaliseSpace(line));

/**
 * A paragraph without the promotions glued to it: `…冲锋号。（详情请点击链接：`, `…标准。>>>更多内容，点击阅读`, and
 * a closing bracket left at its start by the link removed before it.
 */
export const withoutPromotion = (text: string): string =>
  text
    .replace(/[（(]\s*(详情|详见|更多|全文)[^（）()]{0,8}(点击|请点击|请见|见)[^（）()]*[)）]?\s*$/, '')
    .replace(/\s*(>>>?|》》)\s*(更多内容[，,]?\s*)?(点击|请点击)?(阅读|查看|进入)?[^。！？]{0,12}$/, '')
    .replace(/^[)）]\s*(?=\S)/, '')
    .trim();

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
