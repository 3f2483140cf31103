import * as cheerio from 'cheerio';

/**
 * Dead-link check of a published site (链接可用性): crawls every internal HTML page from the start URL, and checks
 * every link, image, stylesheet, script and attachment they reference, internal and external, with a bounded
 * number of requests in flight, a timeout per request, and redirects followed. Inspection tools count dead links
 * on a government site; this finds them first.
 */
export interface LinkCheckOptions {
  /** The site's address, e.g. `http://127.0.0.1:8080/`; the crawl starts there and at its site map. */
  readonly base: string;
  /** Also check links to other sites (default true). */
  readonly external?: boolean;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** Per request, in milliseconds (default 10,000). */
  readonly timeoutMs?: number;
  /** Internal HTML pages crawled at most (default 50,000). */
  readonly maxPages?: number;
  /**
   * Other addresses of the same site (e.g. `https://www.example.gov.cn` when crawling a loopback copy): links to
   * them, such as canonical URLs, are checked on the crawled copy instead of over the network.
   */
  readonly sameSite?: readonly string[];
  readonly fetch?: typeof fetch;
}

export type LinkKind = 'internal' | 'external';

export interface LinkProblem {
  readonly url: string;
  readonly kind: LinkKind;
  /** The final HTTP status, or null when no answer came. */
  readonly status: number | null;
  /** Why it failed, in English (`not found`, `DNS lookup failed`, `timed out` …). */
  readonly reason: string;
  readonly reasonZh: string;
  /** Pages (paths for internal pages) that link to it, at most 20. */
  readonly foundOn: readonly string[];
}

export interface LinkReport {
  readonly pagesCrawled: number;
  readonly linksChecked: number;
  readonly problems: readonly LinkProblem[];
  /** True when the crawl stopped at `maxPages`. */
  readonly truncated: boolean;
}

const USER_AGENT = 'Gazette-LinkCheck/1 (+https://github.com/)';
const IGNORED_SCHEMES = /^(mailto|tel|sms|javascript|data|blob|about):/i;

/** Every URL an HTML page refers to (links, images, srcset candidates, stylesheets, scripts, media, forms excluded). */
export function extractReferences(html: string, pageUrl: string): string[] {
  const $ = cheerio.load(html);
  const baseHref = $('base[href]').attr('href');
  const base = baseHref ? (safeUrl(baseHref, pageUrl)?.href ?? pageUrl) : pageUrl;
  const found = new Set<string>();
  const add = (raw: string | undefined) => {
    if (!raw) return;
    const value = raw.trim();
    if (value === '' || value.startsWith('#') || IGNORED_SCHEMES.test(value)) return;
    const url = safeUrl(value, base);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return;
    url.hash = '';
    found.add(url.href);
  };
  $('a[href], area[href], link[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase();
    // Hints to the browser, not links a reader follows.
    if (/\b(preconnect|dns-prefetch)\b/.test(rel)) return;
    add($(el).attr('href'));
  });
  $('img[src], script[src], iframe[src], source[src], video[src], audio[src], embed[src], track[src]').each(
    (_, el) => add($(el).attr('src')),
  );
  $('object[data]').each((_, el) => add($(el).attr('data')));
  $('img[srcset], source[srcset]').each((_, el) => {
    for (const candidate of ($(el).attr('srcset') ?? '').split(',')) add(candidate.trim().split(/\s+/)[0]);
  });
  return [...found];
}

function safeUrl(value: string, base: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

interface Answer {
  readonly status: number | null;
  readonly contentType: string;
  readonly body: string | null;
  readonly error: { readonly reason: string; readonly reasonZh: string } | null;
}

/** Why a request failed, from the error fetch throws (undici puts the system error in `cause`). */
export function describeFailure(error: unknown): { reason: string; reasonZh: string } {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return { reason: 'timed out', reasonZh: '请求超时' };
  const code = err.cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { reason: 'DNS lookup failed', reasonZh: '域名无法解析' };
  if (code === 'ECONNREFUSED') return { reason: 'connection refused', reasonZh: '连接被拒绝' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return { reason: 'connection reset', reasonZh: '连接被重置' };
  if (code.startsWith('ERR_TLS') || code.includes('CERT'))
    return { reason: `TLS error (${code})`, reasonZh: '证书或加密连接错误' };
  const message = err.cause?.message ?? err.message ?? 'request failed';
  if (/redirect/i.test(message))
    return { reason: 'too many redirects', reasonZh: '重定向次数过多（可能循环）' };
  return { reason: message, reasonZh: '请求失败' };
}

function statusReason(status: number): { reason: string; reasonZh: string } {
  if (status === 404) return { reason: 'not found (404)', reasonZh: '页面不存在（404）' };
  if (status === 410) return { reason: 'gone (410): withdrawn', reasonZh: '已撤销（410）' };
  if (status === 401 || status === 403)
    return { reason: `refused (${status})`, reasonZh: `拒绝访问（${status}）` };
  if (status >= 500) return { reason: `server error (${status})`, reasonZh: `服务器错误（${status}）` };
  return { reason: `HTTP ${status}`, reasonZh: `异常状态（${status}）` };
}

/** Runs `work` over `items` with at most `limit` at once; new items may be pushed while it runs. */
async function pool<T>(queue: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let running = 0;
  let failure: unknown = null;
  await new Promise<void>((resolve) => {
    const next = () => {
      if (failure !== null) return;
      while (running < limit && queue.length > 0) {
        const item = queue.shift() as T;
        running += 1;
        work(item)
          .catch((error: unknown) => {
            failure = error;
          })
          .finally(() => {
            running -= 1;
            if (failure !== null || (running === 0 && queue.length === 0)) resolve();
            else next();
          });
      }
      if (running === 0 && queue.length === 0) resolve();
    };
    next();
  });
  if (failure !== null) throw failure instanceof Error ? failure : new Error('link check failed');
}

export async function checkLinks(options: LinkCheckOptions): Promise<LinkReport> {
  const doFetch = options.fetch ?? fetch;
  const base = new URL(options.base.endsWith('/') ? options.base : `${options.base}/`);
  const external = options.external ?? true;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPages = options.maxPages ?? 50_000;
  const isInternal = (url: URL) => url.origin === base.origin;
  const aliases = new Set(
    (options.sameSite ?? []).flatMap((address) => {
      const url = safeUrl(address, base.href);
      return url ? [url.origin] : [];
    }),
  );
  /** A link to another address of the same site, moved onto the crawled copy. */
  const onCopy = (href: string) => {
    const url = new URL(href);
    if (!aliases.has(url.origin)) return href;
    return new URL(url.pathname + url.search, base).href;
  };
  /** Hosts whose name did not resolve: their other links fail at once instead of waiting again. */
  const unresolved = new Set<string>();
  const pathOf = (href: string) => {
    const url = new URL(href);
    return isInternal(url) ? url.pathname + url.search : href;
  };

  const referrers = new Map<string, Set<string>>();
  const scheduled = new Set<string>();
  const problems: LinkProblem[] = [];
  const queue: string[] = [];
  let pagesCrawled = 0;
  let truncated = false;

  const request = async (href: string, wantBody: boolean): Promise<Answer> => {
    const attempt = async (method: 'HEAD' | 'GET'): Promise<Answer> => {
      const response = await doFetch(href, {
        method,
        redirect: 'follow',
        headers: { 'user-agent': USER_AGENT, accept: wantBody ? 'text/html,*/*;q=0.8' : '*/*' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const contentType = response.headers.get('content-type') ?? '';
      const isHtml = contentType.includes('text/html');
      const body = method === 'GET' && wantBody && isHtml && response.ok ? await response.text() : null;
      if (body === null) await response.body?.cancel().catch(() => undefined);
      return { status: response.status, contentType, body, error: null };
    };
    const host = new URL(href).host;
    if (unresolved.has(host)) {
      return {
        status: null,
        contentType: '',
        body: null,
        error: describeFailure({ cause: { code: 'ENOTFOUND' } }),
      };
    }
    try {
      if (wantBody) return await attempt('GET');
      const head = await attempt('HEAD');
      // Many servers refuse or mishandle HEAD; ask again with GET before calling the link dead.
      if (head.status !== null && head.status >= 400 && head.status !== 404 && head.status !== 410) {
        return await attempt('GET');
      }
      return head;
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.reason === 'DNS lookup failed') unresolved.add(host);
      return { status: null, contentType: '', body: null, error: failure };
    }
  };

  const schedule = (href: string, from: string | null) => {
    if (from !== null) {
      let set = referrers.get(href);
      if (!set) referrers.set(href, (set = new Set()));
      if (set.size < 20) set.add(from);
    }
    if (scheduled.has(href)) return;
    const url = new URL(href);
    if (!isInternal(url) && !external) return;
    scheduled.add(href);
    queue.push(href);
  };

  // Pages are crawled; a link with a query (a preference switch, a filter) is only checked: it shows a page
  // that is crawled anyway, and following every such variant would multiply the crawl.
  const looksLikePage = (url: URL) => url.search === '' && /(\/|\.html?|\/[^./]*)$/.test(url.pathname);

  schedule(base.href, null);
  schedule(new URL('sitemap.html', base).href, null);

  await pool(queue, options.concurrency ?? 8, async (href) => {
    const url = new URL(href);
    const internal = isInternal(url);
    let crawl = internal && looksLikePage(url);
    if (crawl && pagesCrawled >= maxPages) {
      truncated = true;
      crawl = false;
    }
    if (crawl) pagesCrawled += 1;
    const answer = await request(href, crawl);
    const failed =
      answer.error ?? (answer.status !== null && answer.status >= 400 ? statusReason(answer.status) : null);
    if (failed) {
      problems.push({
        url: internal ? pathOf(href) : href,
        kind: internal ? 'internal' : 'external',
        status: answer.status,
        ...failed,
        foundOn: [],
      });
      return;
    }
    if (answer.body !== null) {
      for (const reference of extractReferences(answer.body, href)) schedule(onCopy(reference), pathOf(href));
    }
  });

  const withReferrers = problems.map((problem) => {
    const key = problem.kind === 'internal' ? new URL(problem.url, base).href : problem.url;
    return { ...problem, foundOn: [...(referrers.get(key) ?? [])].sort() };
  });
  withReferrers.sort((a, b) => a.kind.localeCompare(b.kind) || a.url.localeCompare(b.url));
  return { pagesCrawled, linksChecked: scheduled.size, problems: withReferrers, truncated };
}
