import { htmlToText } from '../core/index.js';
import type { CheckInput, CheckOptions, Finding, InputRule } from './types.js';

/** An article's public path: `/{column}/{yyyymm}/t{yyyymmdd}_{id}.html`. */
const ARTICLE_PATH = /^\/[\w/-]+\/\d{6}\/t\d{8}_\d+\.html$/;

/** The path of a link to one of the site's own articles, or null for any other link. */
export function internalArticlePath(href: string, siteBaseUrl?: string): string | null {
  let path: string;
  if (href.startsWith('/') && !href.startsWith('//')) {
    path = href;
  } else {
    if (!siteBaseUrl) return null;
    let url: URL;
    let base: URL;
    try {
      url = new URL(href);
      base = new URL(siteBaseUrl);
    } catch {
      return null;
    }
    if (url.host !== base.host) return null;
    path = url.pathname;
  }
  path = path.replace(/[?#].*$/, '');
  return ARTICLE_PATH.test(path) ? path : null;
}

/** Every internal article path a body links to, for the caller to look up before the checks run. */
export function internalArticleLinks(bodyHtml: string, siteBaseUrl?: string): string[] {
  const paths = htmlToText(bodyHtml).links.flatMap((link) => {
    const path = internalArticlePath(link.href, siteBaseUrl);
    return path === null ? [] : [path];
  });
  return [...new Set(paths)];
}

/**
 * Links in the body to the site's own articles that are withdrawn (answer 410) or do not exist: dead links,
 * which inspections count. The caller looks the paths up (`deadLinks`); the rule only places the findings.
 */
export const internalLinkRule: InputRule = {
  kind: 'input',
  id: 'internal-link',
  inspect(input: CheckInput, options: CheckOptions): Finding[] {
    const dead = options.deadLinks;
    if (!dead || dead.size === 0 || input.bodyHtml === undefined) return [];
    const body = htmlToText(input.bodyHtml);
    const findings: Finding[] = [];
    for (const link of body.links) {
      const path = internalArticlePath(link.href, options.siteBaseUrl);
      const state = path === null ? undefined : dead.get(path);
      if (state === undefined) continue;
      const withdrawn = state === 'withdrawn';
      findings.push({
        rule: 'internal-link',
        severity: 'block',
        confidence: 'certain',
        message: withdrawn
          ? `链接指向已撤稿的稿件（访问将显示410）：${path}`
          : `链接指向不存在的稿件（访问将显示404）：${path}`,
        messageEn: withdrawn
          ? `The link points to a withdrawn article (it answers 410): ${path}`
          : `The link points to an article that does not exist (404): ${path}`,
        field: 'body',
        start: link.start,
        end: link.end,
        excerpt: body.text.slice(link.start, link.end),
        suggestion: null,
      });
    }
    return findings;
  },
};
