import type { Site } from '../core/index.js';
import type { ArticleFacts } from './plan.js';

/**
 * RSS 2.0 and Atom 1.0 feeds of a list of articles (the newest `FEED_ITEMS`). Plain strings built from
 * escaped text: no template, nothing an editor typed is ever interpreted.
 */
export interface FeedSpec {
  readonly site: Pick<Site, 'name' | 'baseUrl'>;
  /** Feed title, e.g. the site name or `栏目 - 站点`. */
  readonly title: string;
  readonly description: string;
  /** Path of the HTML page the feed mirrors, e.g. `/` or `/zwgk/`. */
  readonly pagePath: string;
  /** Path of this feed itself. */
  readonly feedPath: string;
  readonly items: readonly ArticleFacts[];
  /** Used as the feed's date when it has no item. */
  readonly now: string;
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const absolute = (spec: FeedSpec, path: string) => `${spec.site.baseUrl}${encodeURI(path)}`;
const updatedOf = (spec: FeedSpec) => spec.items[0]?.publishedAt ?? spec.now;

export function rssFeed(spec: FeedSpec): string {
  const item = (a: ArticleFacts) =>
    [
      '<item>',
      `<title>${escapeXml(a.title)}</title>`,
      `<link>${escapeXml(absolute(spec, a.path))}</link>`,
      `<guid isPermaLink="true">${escapeXml(absolute(spec, a.path))}</guid>`,
      `<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>`,
      ...(a.summary ? [`<description>${escapeXml(a.summary)}</description>`] : []),
      ...(a.source
        ? [`<source url="${escapeXml(absolute(spec, spec.feedPath))}">${escapeXml(a.source)}</source>`]
        : []),
      '</item>',
    ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(spec.title)}</title>`,
    `<link>${escapeXml(absolute(spec, spec.pagePath))}</link>`,
    `<description>${escapeXml(spec.description)}</description>`,
    '<language>zh-CN</language>',
    `<lastBuildDate>${new Date(updatedOf(spec)).toUTCString()}</lastBuildDate>`,
    `<atom:link href="${escapeXml(absolute(spec, spec.feedPath))}" rel="self" type="application/rss+xml"/>`,
    ...spec.items.map(item),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atomFeed(spec: FeedSpec): string {
  const entry = (a: ArticleFacts) =>
    [
      '<entry>',
      `<title>${escapeXml(a.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(absolute(spec, a.path))}"/>`,
      `<id>${escapeXml(absolute(spec, a.path))}</id>`,
      `<published>${new Date(a.publishedAt).toISOString()}</published>`,
      `<updated>${new Date(a.publishedAt).toISOString()}</updated>`,
      ...(a.summary ? [`<summary>${escapeXml(a.summary)}</summary>`] : []),
      `<author><name>${escapeXml(a.source || spec.site.name)}</name></author>`,
      '</entry>',
    ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${escapeXml(spec.title)}</title>`,
    `<subtitle>${escapeXml(spec.description)}</subtitle>`,
    `<id>${escapeXml(absolute(spec, spec.feedPath))}</id>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absolute(spec, spec.feedPath))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absolute(spec, spec.pagePath))}"/>`,
    `<updated>${new Date(updatedOf(spec)).toISOString()}</updated>`,
    `<author><name>${escapeXml(spec.site.name)}</name></author>`,
    ...spec.items.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
