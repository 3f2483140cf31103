import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ViewCounter,
  readArticle,
  readColumn,
  readHome,
  readSeries,
  readSitemap,
  readTag,
  loadSiteContext,
  type AppDeps,
  type SiteContext,
} from '../app/index.js';
import { GazetteError, isGazetteError } from '../core/index.js';
import {
  presentArticle,
  presentColumn,
  presentError,
  presentHome,
  presentSeries,
  presentSitemap,
  presentTag,
  type ErrorPage,
  type PageView,
  type PresentContext,
  type Theme,
} from '../render/index.js';
import { STATUS_BY_KIND } from './error-mapping.js';
import type { PageCache } from './page-cache.js';

export interface PublicRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  /** Rendered pages, invalidated by content events; none disables caching. */
  readonly cache?: PageCache;
  /** Counts article page views (cached answers included). */
  readonly views?: ViewCounter;
}

const HTML = 'text/html; charset=utf-8';
/** Longest path the public site answers; longer ones are refused before any lookup. */
export const MAX_PUBLIC_PATH = 1024;

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

  const { cache } = options;
  const siteOf = new WeakMap<FastifyRequest, { readonly siteId: number; readonly generation: number }>();

  const context = async (request: FastifyRequest, forError = false): Promise<PresentContext> => {
    const ctx = await loadSiteContext(deps.store, request.hostname);
    // The cache generation is read before the page's data, so a change committed meanwhile is noticed.
    siteOf.set(request, { siteId: ctx.site.id, generation: cache?.generation(ctx.site.id) ?? 0 });
    return { ctx, theme, now: deps.clock.now(), path: forError ? safePathOf(request) : pathOf(request) };
  };

  const send = async (reply: FastifyReply, view: PageView, status = 200): Promise<FastifyReply> => {
    const html = await theme.render(view);
    const site = siteOf.get(reply.request);
    // Pages and 410 records are the same for every reader until content changes; errors are not kept.
    if (cache && site && (status === 200 || status === 410) && reply.request.method === 'GET') {
      cache.set(cacheKey(reply.request), site.siteId, status, html, site.generation);
    }
    return reply.code(status).type(HTML).header('x-cache', 'miss').send(html);
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
      return reply.code(httpStatus).type('text/plain; charset=utf-8').send(`${httpStatus}`);
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
    if (request.url.length > MAX_PUBLIC_PATH) {
      await renderError(request, reply, 400, 414);
      return reply;
    }
    if (cache && (request.method === 'GET' || request.method === 'HEAD') && isPublicPage(request.url)) {
      const hit = cache.get(cacheKey(request));
      if (hit) return reply.code(hit.status).type(HTML).header('x-cache', 'hit').send(hit.body);
    }
    return undefined;
  });

  const { views } = options;
  if (views) {
    app.addHook('onResponse', (request, reply, done) => {
      // The id is the last number of an article's path (…/t20240318_42.html): no lookup needed.
      const id =
        reply.statusCode === 200 && request.method === 'GET' ? ARTICLE_ID.exec(request.url)?.[1] : undefined;
      if (id !== undefined) views.add(Number(id));
      done();
    });
  }

  app.get('/', async (request, reply) => {
    const pc = await context(request);
    return send(reply, presentHome(pc, await readHome(deps.store, pc.ctx)));
  });

  app.get('/sitemap.html', async (request, reply) => {
    const pc = await context(request);
    return send(reply, presentSitemap(pc, await readSitemap(deps.store, pc.ctx)));
  });

  app.get<{ Params: { slug: string } }>('/series/:slug/', async (request, reply) => {
    const pc = await context(request);
    return send(reply, presentSeries(pc, await readSeries(deps.store, pc.ctx, request.params.slug)));
  });

  const tagPage = async (
    request: FastifyRequest<{ Params: { tag: string; page?: string } }>,
    reply: FastifyReply,
  ) => {
    const pc = await context(request);
    const { tag, page } = request.params;
    if (page === '1') return reply.redirect(`/tags/${encodeURIComponent(tag)}/`, 301);
    return send(reply, presentTag(pc, tag, await readTag(deps.store, pc.ctx, tag, page)));
  };
  app.get('/tags/:tag/', tagPage);
  app.get('/tags/:tag/page/:page/', tagPage);

  app.get('/assets/*', (request, reply) => {
    const asset = theme.asset(pathOf(request));
    if (!asset) return renderError(request, reply, 404);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.contentType)
      .send(asset.body);
  });

  // Articles (`….html`) and columns (`…/`, `…/page/N/`) live at paths chosen by editors.
  app.get('/*', async (request, reply) => {
    const path = pathOf(request);
    const pc = await context(request);
    if (path.endsWith('.html')) {
      const data = await readArticle(deps.store, pc.ctx, path);
      if (data.kind === 'withdrawn') return send(reply, presentError(pc, 410, data.article), 410);
      return send(reply, presentArticle(pc, data));
    }
    const match = /^\/(.+?)\/(?:page\/([^/]+)\/)?$/.exec(path);
    if (!match?.[1]) {
      // `/zwgk` → `/zwgk/` when such a column exists
      const bare = path.replace(/^\//, '');
      if (pc.ctx.columns.some((c) => c.path === bare && c.kind !== 'link'))
        return reply.redirect(`${path}/`, 301);
      throw new GazetteError('GZ_PAGE_NOT_FOUND', path);
    }
    const [, columnPath, page] = match;
    const column = pc.ctx.columns.find((c) => c.path === columnPath && c.kind !== 'link');
    if (!column) throw new GazetteError('GZ_PAGE_NOT_FOUND', path);
    if (page === '1') return reply.redirect(`/${columnPath}/`, 301);
    return send(reply, presentColumn(pc, column, await readColumn(deps.store, pc.ctx, column, page)));
  });

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

/** Everything that changes a public page's bytes: the host (site) and the whole URL. */
function cacheKey(request: FastifyRequest): string {
  return `${request.hostname}\u0000${request.url}`;
}

const ARTICLE_ID = /_(\d{1,10})\.html(?:\?|$)/;

const NOT_PAGES = /^\/(?:admin|assets|media|api)(?:\/|$)/;

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
