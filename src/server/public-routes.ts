import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ViewCounter,
  type VisitCounter,
  isRobot,
  ownHostsOf,
  referrerDomain,
  seriesLabel,
  type AppDeps,
  type SiteContext,
  type SiteContexts,
  siteReader,
  type SiteReader,
} from '../app/index.js';
import {
  GazetteError,
  isGazetteError,
  pageOfTarget,
  publicPageOf,
  tagProblem,
  type Site,
} from '../core/index.js';
import {
  presentArticle,
  presentColumn,
  presentError,
  presentHome,
  presentSeries,
  presentSitemap,
  presentTag,
  readRenderPreferences,
  renderPreferenceKey,
  RENDER_PREFERENCE_COOKIES,
  type ErrorPage,
  type PageView,
  type PresentContext,
  type Theme,
} from '../render/index.js';
import { STATUS_BY_KIND } from './error-mapping.js';
import {
  NEVER_OVERLOADED,
  sendBusy,
  type LoadMonitor,
  type WorkLimiter,
  type WorkLimits,
} from './load-shedding.js';
import { renderedPage, type ContentEncoding, type PageCache, type RenderedPage } from './page-cache.js';

export interface PublicRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  /** Rendered pages, invalidated by content events; none disables caching. */
  readonly cache?: PageCache;
  /** Counts article page views (cached answers included). */
  readonly views?: ViewCounter;
  /** Visit statistics of every page read (cached answers included). */
  readonly visits?: VisitCounter;
  /** Where the site and its columns come from (kept between requests, or read for every page). */
  readonly siteContexts: SiteContexts;
  /** The reads pages come from (e.g. with list counts kept, see `createListCounts`); `deps`' own by default. */
  readonly reader?: SiteReader;
  /** Bounds the pages rendered at once (cache hits are not counted). */
  readonly limiter?: WorkLimiter;
  /** While it reports overload, pages not in the cache are refused with 503 (cached ones are still served). */
  readonly load?: LoadMonitor;
}

/** The query parameters a public page's bytes depend on; every other one is ignored (and not cached apart). */
export const PAGE_QUERY_PARAMETERS: readonly string[] = [];

/** How long browsers and proxies may keep each kind of page; `stale-while-revalidate` absorbs spikes. */
export const CACHE_CONTROL = {
  // An article changes rarely once published; a withdrawal still reaches readers within minutes.
  article: 'public, max-age=300, stale-while-revalidate=600',
  // Home, columns, tags, series and the sitemap change with every publication.
  listing: 'public, max-age=60, stale-while-revalidate=120',
  withdrawn: 'public, max-age=60',
  error: 'no-store',
} as const;

const HTML = 'text/html; charset=utf-8';
/** Longest path the public site answers; longer ones are refused before any lookup. */
export const MAX_PUBLIC_PATH = 1024;
/** The search page and API, which answer a URL of any length (up to the HTTP header limit). */
const SEARCH_PATHS: ReadonlySet<string> = new Set(['/search', '/api/search']);

/**
 * The public site: every page server-rendered from the theme, readable without JavaScript.
 * Routes only decode the URL, call the read side and render; nothing here knows the database.
 */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: ErrorPage['status'],
  httpStatus?: number,
) => Promise<FastifyReply>;

/** Registers the public site; returns the error-page renderer for errors raised before routing. */
export function publicRoutes(app: FastifyInstance, options: PublicRoutesOptions): ErrorPageRenderer {
  const { deps, theme } = options;

  const { cache, limiter } = options;
  const load = options.load ?? NEVER_OVERLOADED;
  const { siteContexts } = options;
  const reads = options.reader ?? siteReader(deps);
  /** The site a public page request was answered for (set when the host is resolved, read when counting). */
  const pageSite = new WeakMap<FastifyRequest, Site>();
  const siteOf = new WeakMap<FastifyRequest, { readonly siteId: number; readonly generation: number }>();

  const context = async (request: FastifyRequest, forError = false): Promise<PresentContext> => {
    const ctx = await siteContexts.load(request.hostname);
    // The cache generation is read before the page's data, so a change committed meanwhile is noticed.
    siteOf.set(request, { siteId: ctx.site.id, generation: cache?.generation(ctx.site.id) ?? 0 });
    return {
      ctx,
      theme,
      now: deps.clock.now(),
      path: forError ? safePathOf(request) : pathOf(request),
      // The same cookies the cache keys pages by (`cacheKeyOf`): the renderer's own list.
      preferences: readRenderPreferences(request.headers.cookie),
    };
  };

  const send = async (
    reply: FastifyReply,
    view: PageView,
    status = 200,
    labels: readonly string[] = [],
  ): Promise<FastifyReply> => {
    const html = await theme.render(view);
    const page = renderedPage(status, html, cacheControlOf(view, status), Date.now());
    const site = siteOf.get(reply.request);
    const key = site ? cacheKeyOf(reply.request, site.siteId) : undefined;
    // Pages and 410 records are the same for every reader until content changes; errors are not kept.
    if (cache && site && key && (status === 200 || status === 410)) {
      const identity = { siteId: site.siteId, path: pathOf(reply.request), labels };
      cache.set(key, identity, page, site.generation);
    }
    return answer(reply, page, 'miss');
  };

  const renderError = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: ErrorPage['status'],
    httpStatus: number = status,
  ): Promise<FastifyReply> => {
    let pc: PresentContext;
    try {
      pc = await context(request, true);
    } catch {
      return reply
        .code(httpStatus)
        .header('cache-control', CACHE_CONTROL.error)
        .type('text/plain; charset=utf-8')
        .send(`${httpStatus}`);
    }
    return send(reply, presentError(pc, status), httpStatus);
  };

  app.setNotFoundHandler((request, reply) => renderError(request, reply, 404));
  app.setErrorHandler(async (error, request, reply) => {
    if (isGazetteError(error)) {
      const status = STATUS_BY_KIND[error.kind];
      if (status >= 500) request.log.error({ err: error }, 'public page failed');
      return renderError(
        request,
        reply,
        status === 404 || status === 410 || status === 503 ? status : status >= 500 ? 500 : 400,
        status,
      );
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'public page failed');
    return renderError(request, reply, status === 404 ? 404 : status >= 500 ? 500 : 400, status);
  });

  app.addHook('onRequest', async (request, reply) => {
    // Search reads only its own parameters and cuts a long query itself: it is never refused for length.
    if (request.url.length > MAX_PUBLIC_PATH && !SEARCH_PATHS.has(request.url.split('?', 1)[0] ?? '')) {
      await renderError(request, reply, 400, 414);
      return reply;
    }
    if (!isPublicPage(request.url)) return undefined;
    // A host no site answers to is the platform's 404 (through the error handler), before any render.
    const { site } = await siteContexts.load(request.hostname);
    pageSite.set(request, site);
    const key = cache ? cacheKeyOf(request, site.id) : undefined;
    const hit = key === undefined ? undefined : cache?.get(key);
    if (hit) return answer(reply, hit, 'hit');
    // Only misses are rendered, so only they are shed and wait for a turn; past the queue the reader is
    // asked to come back.
    if (load.overloaded) return sendBusy(reply, load.retryAfterSeconds, false);
    if (limiter && !(await limiter.acquire())) return sendBusy(reply, limiter.retryAfterSeconds, false);
    // 'close' comes once per response, sent or aborted: the slot always returns.
    if (limiter) reply.raw.once('close', () => limiter.release());
    return undefined;
  });

  const { views, visits } = options;
  if (views || visits) {
    app.addHook('onResponse', (request, reply, done) => {
      const shown = (reply.statusCode === 200 || reply.statusCode === 304) && request.method === 'GET';
      const site = shown ? pageSite.get(request) : undefined;
      if (site !== undefined) {
        // The id is the last number of an article's path (…/t20240318_42.html): no lookup needed.
        const id = views ? ARTICLE_ID.exec(request.url)?.[1] : undefined;
        if (id !== undefined) views?.add(Number(id));
        const userAgent = request.headers['user-agent'] ?? '';
        const path = visits && !isRobot(userAgent) ? pageOfTarget(request.url) : null;
        if (path !== null) {
          const { referer } = request.headers;
          visits?.page({
            siteId: site.id,
            path,
            visitor: `${request.ip} ${userAgent}`,
            // A link from the site's own pages is no referrer.
            referrer: referer ? referrerDomain(referer, [request.hostname, ...ownHostsOf(site)]) : null,
          });
        }
      }
      done();
    });
  }

  app.get('/assets/*', (request, reply) => {
    const asset = theme.asset(pathOf(request));
    if (!asset) return renderError(request, reply, 404);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.contentType)
      .send(asset.body);
  });

  // Every other path is looked up in the URL table (core/public-urls.ts) the static build uses too.
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request);
    const pc = await context(request);
    const target = publicPageOf(path);
    switch (target.kind) {
      case 'home':
        return send(reply, presentHome(pc, await reads.home(pc.ctx)));
      case 'sitemap':
        return send(reply, presentSitemap(pc, await reads.sitemap(pc.ctx)));
      case 'series':
        return send(reply, presentSeries(pc, await reads.series(pc.ctx, target.slug)));
      case 'tag': {
        const { tag } = target;
        if (tagProblem(tag) !== null) throw new GazetteError('GZ_PAGE_NOT_FOUND', request.url);
        if (target.page === '1') return reply.redirect(`/tags/${encodeURIComponent(tag)}/`, 301);
        return send(reply, presentTag(pc, tag, await reads.tag(pc.ctx, tag, target.page)));
      }
      case 'article': {
        const data = await reads.article(pc.ctx, path);
        if (data.kind === 'withdrawn') return send(reply, presentError(pc, 410, data.article), 410);
        return send(reply, presentArticle(pc, data), 200, data.series ? [seriesLabel(data.series.id)] : []);
      }
      case 'column': {
        const { columnPath } = target;
        const column = pc.ctx.columns.find((c) => c.path === columnPath && c.kind !== 'link');
        if (!column) throw new GazetteError('GZ_PAGE_NOT_FOUND', path);
        if (target.page === '1') return reply.redirect(`/${columnPath}/`, 301);
        return send(reply, presentColumn(pc, column, await reads.column(pc.ctx, column, target.page)));
      }
      case 'none': {
        // `/zwgk` → `/zwgk/` when such a column exists
        const bare = path.replace(/^\//, '');
        if (pc.ctx.columns.some((c) => c.path === bare && c.kind !== 'link'))
          return reply.redirect(`${path}/`, 301);
        throw new GazetteError('GZ_PAGE_NOT_FOUND', path);
      }
    }
  };
  app.get('/', page);
  app.get('/*', page);

  return renderError;
}

/** The decoded path of a request, without the query. Undecodable escapes are a 400. */
function pathOf(request: FastifyRequest): string {
  const raw = request.url.split('?')[0] ?? '/';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    throw new GazetteError('GZ_INVALID_INPUT', 'malformed URL escape');
  }
  // No page has a control character in its path; PostgreSQL would refuse a NUL in the lookup.
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || code === 0x7f)
      throw new GazetteError('GZ_INVALID_INPUT', 'control character in the path');
  }
  return path;
}

/**
 * Everything that changes a public page's bytes: the site (never the raw Host, which readers choose), the decoded path, the query parameters
 * that matter and the reader's preference cookies. Undefined for a request that is not cached (a method
 * other than GET/HEAD, an undecodable path: its error page is rendered each time).
 */
function cacheKeyOf(request: FastifyRequest, siteId: number): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  let path: string;
  try {
    path = pathOf(request);
  } catch {
    return undefined;
  }
  const query = request.url.includes('?') ? pageQuery(request.url) : '';
  // The renderer's own reading of its preference cookies, reduced to a key of a dozen values at most.
  const preferences = renderPreferenceKey(readRenderPreferences(request.headers.cookie));
  return `${siteId}\u0000${path}\u0000${query}\u0000${preferences}`;
}

function pageQuery(url: string): string {
  if (PAGE_QUERY_PARAMETERS.length === 0) return '';
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  return PAGE_QUERY_PARAMETERS.map((name) => `${name}=${params.get(name) ?? ''}`).join('&');
}

function cacheControlOf(view: PageView, status: number): string {
  if (status === 410) return CACHE_CONTROL.withdrawn;
  if (status !== 200) return CACHE_CONTROL.error;
  return view.template === 'article' ? CACHE_CONTROL.article : CACHE_CONTROL.listing;
}

const VARY = RENDER_PREFERENCE_COOKIES.length > 0 ? 'Accept-Encoding, Cookie' : 'Accept-Encoding';

/**
 * Sends a rendered page: 304 when the reader's copy is current (If-None-Match, else If-Modified-Since),
 * otherwise the body in the best encoding the reader accepts. HEAD gets the same headers without a body.
 */
function answer(reply: FastifyReply, page: RenderedPage, cacheState: 'hit' | 'miss'): FastifyReply {
  const { request } = reply;
  reply
    .header('cache-control', page.cacheControl)
    .header('vary', VARY)
    .header('x-cache', cacheState)
    .type(HTML);
  if (page.status === 200) {
    reply.header('etag', page.etag).header('last-modified', page.lastModified);
    if (notModified(request, page)) return reply.code(304).send();
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity' && page.encoded(encoding) !== page.body) {
    reply.header('content-encoding', encoding);
  }
  return reply.code(page.status).send(page.encoded(encoding));
}

function notModified(request: FastifyRequest, page: RenderedPage): boolean {
  const tags = request.headers['if-none-match'];
  if (tags !== undefined) {
    // Weak comparison, as RFC 9110 asks for If-None-Match: W/"x" matches "x".
    return tags
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === page.etag);
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && Date.parse(page.lastModified) <= at;
}

/**
 * The reader's preferred encoding among those kept (br, gzip, identity), by Accept-Encoding q-values;
 * br wins a tie. `*` stands for any encoding not named. Identity is the answer when nothing is acceptable.
 */
export function chooseEncoding(header: string | undefined): ContentEncoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    if (!name) continue;
    const weight = params.find((p) => p.startsWith('q='));
    const value = weight === undefined ? 1 : Number(weight.slice(2));
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  }
  const star = q.get('*');
  // Identity not named is acceptable (RFC 9110 §12.5.3) but preferred last; `*` also covers it.
  const weightOf = (name: ContentEncoding) =>
    q.get(name) ?? (name === 'identity' ? (star === 0 ? 0 : 0.001) : (star ?? 0));
  let best: ContentEncoding = 'identity';
  let bestQ = 0;
  for (const name of ['br', 'gzip', 'identity'] as const) {
    const weight = weightOf(name);
    if (weight > bestQ) {
      best = name;
      bestQ = weight;
    }
  }
  return best;
}

/** Public pages rendered at once and queued before readers get 503. */
export const DEFAULT_RENDER_LIMITS: WorkLimits = {
  maxRunning: 16,
  maxQueued: 256,
  maxWaitMs: 5000,
  retryAfterSeconds: 5,
};

const ARTICLE_ID = /_(\d{1,10})\.html(?:\?|$)/;

/** Not pages of the public site; search bounds its own work (see `registerSearchRoutes`). */
const NOT_PAGES = /^\/(?:admin|assets|media|api|search|hudong)(?:[/?]|$)/;

function isPublicPage(url: string): boolean {
  return !NOT_PAGES.test(url);
}

function safePathOf(request: FastifyRequest): string {
  try {
    return pathOf(request).slice(0, MAX_PUBLIC_PATH);
  } catch {
    return '/';
  }
}

export type { SiteContext };
