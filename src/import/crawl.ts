import { load } from 'cheerio';
import { decodeBytes } from './decode.js';
import { MAX_PAGE_BYTES } from './parse-page.js';

export interface CrawlOptions {
  readonly maxPages: number;
  /** Pause between two requests, in milliseconds: the crawl is polite, one request at a time. */
  readonly delayMs: number;
  readonly fetch?: typeof fetch;
  readonly userAgent?: string;
}

export interface FetchedPage {
  readonly url: string;
  readonly bytes: Uint8Array;
  readonly charset: string | undefined;
}

/** A fetched page with the continuation pages of a long article (`a_2.html`…), or why it was not fetched. */
export type Fetched =
  | (FetchedPage & { readonly continuations: readonly FetchedPage[] })
  | { readonly url: string; readonly refused: string };

interface RobotRule {
  readonly allow: boolean;
  readonly path: string;
}

/** The Allow/Disallow rules of robots.txt for our agent (`gazette`), else for `*`. */
export function robotsRules(text: string, agent = 'gazette'): RobotRule[] {
  const groups = new Map<string, RobotRule[]>();
  let agents: string[] = [];
  let inRules = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (key === 'user-agent') {
      if (inRules) agents = [];
      inRules = false;
      agents.push(value.toLowerCase());
    } else if (key === 'allow' || key === 'disallow') {
      inRules = true;
      for (const name of agents) {
        const rules = groups.get(name) ?? [];
        if (value !== '') rules.push({ allow: key === 'allow', path: value });
        groups.set(name, rules);
      }
    }
  }
  return groups.get(agent) ?? groups.get('*') ?? [];
}

/** Longest matching rule wins; no rule allows. `*` and a final `$` are understood. */
export function robotsAllow(rules: readonly RobotRule[], path: string): boolean {
  let best: RobotRule | undefined;
  for (const rule of rules) {
    const pattern = new RegExp(
      `^${rule.path
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')
        .replace(/\\\$$/, '$')}`,
    );
    if (pattern.test(path) && (!best || rule.path.length > best.path.length)) best = rule;
  }
  return best?.allow ?? true;
}

const NOT_PAGES =
  /\.(jpe?g|png|gif|bmp|webp|svg|ico|css|js|pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|mp[34]|avi|flv|swf|xml|json|txt)$/i;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Crawls a site from `start`: same origin only, robots.txt respected, one request at a time with a pause
 * between requests, at most `maxPages` pages fetched. Yields each page's bytes (or why it was not fetched).
 */
export async function* crawl(start: string, options: CrawlOptions): AsyncGenerator<Fetched> {
  const get = options.fetch ?? fetch;
  const headers = { 'user-agent': options.userAgent ?? 'gazette-import (+robots.txt respected)' };
  const origin = new URL(start).origin;
  let first = true;
  const request = async (url: string): Promise<Response> => {
    if (!first) await sleep(options.delayMs);
    first = false;
    return get(url, { headers, redirect: 'follow' });
  };
  let rules: RobotRule[] = [];
  try {
    const robots = await request(`${origin}/robots.txt`);
    if (robots.ok) rules = robotsRules(await robots.text());
  } catch {
    // No robots.txt reachable: nothing is forbidden.
  }
  const fetchPage = async (url: string): Promise<FetchedPage | { url: string; refused: string }> => {
    let response: Response;
    try {
      response = await request(url);
    } catch (error) {
      return { url, refused: `request failed: ${(error as Error).message}` };
    }
    if (!response.ok) return { url, refused: `HTTP ${response.status}` };
    const type = response.headers.get('content-type') ?? '';
    if (type !== '' && !/html/i.test(type)) return { url, refused: `not a page (${type})` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_PAGE_BYTES) return { url, refused: 'too large (over 20 MB)' };
    return { url: response.url || url, bytes, charset: /charset=([\w-]+)/i.exec(type)?.[1] };
  };
  const linksOf = (page: FetchedPage): string[] => {
    const $ = load(decodeBytes(page.bytes, page.charset).text);
    const links: string[] = [];
    $('a[href]').each((_, a) => {
      try {
        const next = new URL($(a).attr('href') ?? '', page.url);
        next.hash = '';
        if (next.origin === origin && !NOT_PAGES.test(next.pathname)) links.push(next.toString());
      } catch {
        // Not a URL: not followed.
      }
    });
    return links;
  };

  const queue: string[] = [new URL(start).toString()];
  const seen = new Set(queue);
  const done = new Set<string>();
  let fetched = 0;
  while (queue.length > 0 && fetched < options.maxPages) {
    const url = queue.shift() as string;
    if (done.has(url)) continue;
    done.add(url);
    const parsed = new URL(url);
    if (!robotsAllow(rules, parsed.pathname + parsed.search)) {
      yield { url, refused: 'disallowed by robots.txt' };
      continue;
    }
    fetched += 1;
    const page = await fetchPage(url);
    if ('refused' in page) {
      yield page;
      continue;
    }
    let links = linksOf(page);
    // A long article's continuation pages are fetched now, to be imported with it.
    const stem = /^(.*)\.(s?html?)$/i.exec(new URL(page.url).pathname);
    const continuations: FetchedPage[] = [];
    if (stem && !/_\d+$/.test(stem[1] ?? '')) {
      const isContinuation = (link: string): boolean => {
        const path = new URL(link).pathname;
        return path.startsWith(`${stem[1] ?? ''}_`) && /_\d+\.s?html?$/i.test(path);
      };
      let next = links.find((link) => isContinuation(link) && !done.has(link));
      while (next !== undefined && fetched < options.maxPages) {
        done.add(next);
        seen.add(next);
        const nextPath = new URL(next);
        if (!robotsAllow(rules, nextPath.pathname + nextPath.search)) break;
        fetched += 1;
        const more = await fetchPage(next);
        if ('refused' in more) break;
        continuations.push(more);
        links = [...links, ...linksOf(more)];
        next = links.find((link) => isContinuation(link) && !done.has(link));
      }
    }
    yield { ...page, continuations };
    for (const link of links) {
      if (seen.has(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
}
