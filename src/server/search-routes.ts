import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addSearchTerm,
  listSearchTerms,
  removeSearchTerm,
  isRobot,
  searchSite,
  type AppDeps,
  type SiteContexts,
  type VisitCounter,
} from '../app/index.js';
import { descendantIds, errorSpec, parseShanghai, type Column } from '../core/index.js';
import { presentSearch, readRenderPreferences, type SearchQuery, type Theme } from '../render/index.js';
import { MAX_QUERY_CHARS, type SearchFilter } from '../search/index.js';
import { defineRoute, type AnyAdminRoute } from './admin-route.js';
import { NEVER_OVERLOADED, sendBusy, type LoadMonitor, type WorkLimiter } from './load-shedding.js';
import { id } from './schemas.js';

export interface SearchRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  /** Searches per client address per minute (page and API together). */
  readonly perMinute?: number;
  /** The site and column tree per host, as the public pages get them. */
  readonly siteContexts: SiteContexts;
  /** Bounds the searches run at once (page and API together); none: unbounded. */
  readonly limiter?: WorkLimiter;
  /** While it reports overload, searches are refused with 503. */
  readonly load?: LoadMonitor;
  /** Counts the terms searched (first page of results only) and those that found nothing. */
  readonly visits?: VisitCounter;
}

/** What the search page and the API read from the query string; anything malformed is ignored, never a 500. */
type SearchParams = SearchQuery;

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u001f\u007f]/g;

function one(value: unknown, max: number): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.replace(CONTROL, ' ').slice(0, max) : '';
}

export function searchParams(query: unknown): SearchParams {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const page = Number.parseInt(one(raw['page'], 6), 10);
  // Read a little past the longest query, enough to know whether it was longer.
  const given = [...one(raw['q'], MAX_QUERY_CHARS * 4 + 4).trim()];
  return {
    q: given.slice(0, MAX_QUERY_CHARS).join('').trim(),
    truncated: given.length > MAX_QUERY_CHARS,
    column: one(raw['column'], 200).trim(),
    from: one(raw['from'], 10).trim(),
    to: one(raw['to'], 10).trim(),
    source: one(raw['source'], 100).trim(),
    sort: one(raw['sort'], 10) === 'date' ? 'date' : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    platform: one(raw['scope'], 10) === 'platform',
  };
}

/** A column given by id or by path (zwgk/tzgg), with its descendants; unknown columns match nothing. */
function columnFilter(columns: readonly Column[], value: string): readonly number[] | undefined {
  if (value === '') return undefined;
  const path = value.replace(/^\/+|\/+$/g, '');
  const column = columns.find((c) => String(c.id) === value || c.path === path);
  return column ? descendantIds(columns, column.id) : [];
}

/** A YYYY-MM-DD day in Shanghai as the first (or last) instant of that day; invalid dates are ignored. */
function dayBound(value: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const at = parseShanghai(`${value} ${end ? '23:59:59' : '00:00:00'}`);
  return at ?? undefined;
}

function filterOf(siteId: number, columns: readonly Column[], params: SearchParams): SearchFilter {
  const columnIds = columnFilter(columns, params.column);
  const from = dayBound(params.from, false);
  const to = dayBound(params.to, true);
  return {
    siteId,
    ...(params.platform ? { platform: true } : {}),
    ...(columnIds ? { columnIds } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(params.source ? { source: params.source } : {}),
  };
}

const RATE_LIMITED = errorSpec('GZ_SEARCH_RATE_LIMITED');

/**
 * Public search: the page `/search` (server-rendered, works without JavaScript) and the JSON API
 * `/api/search`, rate-limited per client address. Register inside its own plugin scope so that the
 * limit applies to these routes only.
 */
export async function registerSearchRoutes(
  app: FastifyInstance,
  options: SearchRoutesOptions,
): Promise<void> {
  const { deps, theme } = options;
  await app.register(rateLimit, {
    max: options.perMinute ?? 60,
    timeWindow: 60_000,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'GZ_SEARCH_RATE_LIMITED',
      retryAfterMs: context.ttl,
      message: RATE_LIMITED.en,
    }),
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode !== 429) throw error;
    const body = {
      error: { code: 'GZ_SEARCH_RATE_LIMITED', message: RATE_LIMITED.en, messageZh: RATE_LIMITED.zh },
    };
    if (request.url.startsWith('/api/')) return reply.code(429).send(body);
    return reply
      .code(429)
      .type('text/html; charset=utf-8')
      .send(
        `<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>${RATE_LIMITED.zh}</title>` +
          `<p>${RATE_LIMITED.zh}</p><p lang="en">${RATE_LIMITED.en}</p><p><a href="/">返回首页</a></p></html>`,
      );
  });

  // After the per-address limit: a search refused there takes no turn. Searches wait for a turn, and are
  // refused at once while the process is overloaded or the queue is full.
  const { limiter } = options;
  const load = options.load ?? NEVER_OVERLOADED;
  app.addHook('onRequest', async (request, reply) => {
    const json = request.url.startsWith('/api/');
    if (load.overloaded) return sendBusy(reply, load.retryAfterSeconds, json);
    if (!limiter) return undefined;
    if (!(await limiter.acquire())) return sendBusy(reply, limiter.retryAfterSeconds, json);
    // 'close' comes once per response, sent or aborted: the slot always returns.
    reply.raw.once('close', () => limiter.release());
    return undefined;
  });

  const run = async (request: FastifyRequest) => {
    const ctx = await options.siteContexts.load(request.hostname);
    const params = searchParams(request.query);
    const outcome =
      params.q === ''
        ? null
        : await searchSite(deps, {
            q: params.q,
            filter: filterOf(ctx.site.id, ctx.columns, params),
            sort: params.sort,
            page: params.page,
          });
    if (outcome && params.page === 1 && !isRobot(request.headers['user-agent'] ?? ''))
      options.visits?.search(ctx.site.id, params.q, outcome.total > 0);
    return { ctx, params, outcome };
  };

  app.get('/api/search', async (request, reply) => {
    const { ctx, params, outcome } = await run(request);
    const columnName = (columnId: number) => ctx.columns.find((c) => c.id === columnId)?.name ?? '';
    return reply.header('cache-control', 'no-store').send({
      q: params.q,
      truncated: params.truncated,
      maxQueryChars: MAX_QUERY_CHARS,
      query: outcome?.query ?? '',
      total: outcome?.total ?? 0,
      totalExact: outcome?.totalExact ?? true,
      estimatedTotal: outcome?.estimatedTotal ?? null,
      page: outcome?.page ?? params.page,
      pages: outcome?.pages ?? 0,
      tookMs: outcome?.tookMs ?? 0,
      partial: outcome?.partial ?? false,
      interpretedAs: outcome?.interpretedAs ?? null,
      suggestions: outcome?.suggestions ?? [],
      results: (outcome?.results ?? []).map((r) => ({
        url: r.url.startsWith('/') ? `${ctx.site.baseUrl}${r.url}` : r.url,
        site: r.siteName || ctx.site.name,
        title: r.title,
        titleHtml: r.titleHtml,
        snippet: r.snippetHtml,
        publishedAt: r.publishedAt,
        column: columnName(r.columnId),
        source: r.source,
      })),
    });
  });

  app.get('/search', async (request, reply) => {
    const { ctx, params, outcome } = await run(request);
    // The reader's display modes apply here as on every page; the mode links come back to the same results.
    const pc = {
      ctx,
      theme,
      now: deps.clock.now(),
      path: request.url.length <= 1024 ? request.url : '/search',
      preferences: readRenderPreferences(request.headers.cookie),
    };
    const html = await theme.render(presentSearch(pc, { query: params, outcome }));
    return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });
}

const siteQuery = z.object({ siteId: id }).strict();

/** Admin API: the user dictionary of site search (`site.settings` on the site; every change audited). */
export const searchTermRoutes: readonly AnyAdminRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/search/terms',
    summary: 'List the search dictionary of a site (built-in terms have siteId 0)',
    tag: 'search',
    query: siteQuery,
    handler: async ({ deps, principal, query }) => ({
      terms: await listSearchTerms(deps, principal, query.siteId),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/search/terms',
    summary: 'Add a term to the search dictionary of a site; articles containing it are re-indexed',
    tag: 'search',
    status: 201,
    body: z.object({ siteId: id, term: z.string().max(64) }).strict(),
    handler: async ({ deps, principal, body }) => ({
      term: await addSearchTerm(deps, principal, body.siteId, body.term),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/search/terms/:id',
    summary: 'Remove a term from the search dictionary',
    tag: 'search',
    params: z.object({ id }).strict(),
    handler: async ({ deps, principal, params }) => ({
      term: await removeSearchTerm(deps, principal, params.id),
    }),
  }),
];
