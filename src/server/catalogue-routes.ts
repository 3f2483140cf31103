import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  catalogueCsv,
  catalogueFacets,
  catalogueJsonRow,
  catalogueRequest,
  readCatalogue,
  type AppDeps,
  type SiteContext,
  type SiteContexts,
} from '../app/index.js';
import { VALIDITY_LABELS } from '../core/index.js';
import {
  catalogueAsPage,
  parseCataloguePath,
  presentCatalogue,
  readRenderPreferences,
  type CatalogueBrowse,
  type Theme,
  withBrowse,
} from '../render/index.js';
import { NEVER_OVERLOADED, sendBusy, type LoadMonitor } from './load-shedding.js';

export interface CatalogueRoutesOptions {
  readonly deps: AppDeps;
  readonly theme: Theme;
  readonly siteContexts: SiteContexts;
  readonly load?: LoadMonitor;
}

function segmentsOf(url: string): string[] | null {
  const path = url.split('?')[0] ?? '';
  try {
    return path
      .slice('/xxgk/'.length)
      .split('/')
      .filter((s, i, all) => s !== '' || i < all.length - 1)
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/**
 * The disclosure catalogue (政府信息公开目录): browse pages at `/xxgk/…/` (`index_N.html` for page N), the CSV
 * of the current result (`documents.csv`, UTF-8 with BOM), and the JSON API `/api/xxgk/documents`.
 */
export function registerCatalogueRoutes(app: FastifyInstance, options: CatalogueRoutesOptions): void {
  const { deps, theme } = options;
  const load = options.load ?? NEVER_OVERLOADED;

  app.get('/api/xxgk/documents', async (request, reply) => {
    if (load.overloaded) return sendBusy(reply, load.retryAfterSeconds, true);
    const ctx = await options.siteContexts.load(request.hostname);
    const query = catalogueRequest(request.query as Record<string, unknown>);
    const result = await readCatalogue(deps, ctx.site.id, query);
    return reply.header('cache-control', 'no-store').send({
      total: result.total,
      results: result.rows.map((row) => catalogueJsonRow(ctx.site.baseUrl, row)),
    });
  });

  const page = async (request: FastifyRequest, ctx: SiteContext, browse: CatalogueBrowse, at: number) => {
    const query = withBrowse({ ...catalogueRequest(request.query as Record<string, unknown>) }, browse);
    const asked = query.page && query.page > 1 ? query : { ...query, page: at };
    const [result, theme_, issuer, genre, year] = await Promise.all([
      readCatalogue(deps, ctx.site.id, asked),
      catalogueFacets(deps, ctx.site.id, 'theme'),
      catalogueFacets(deps, ctx.site.id, 'issuer'),
      catalogueFacets(deps, ctx.site.id, 'genre'),
      catalogueFacets(deps, ctx.site.id, 'year'),
    ]);
    const pc = {
      ctx,
      theme,
      now: deps.clock.now(),
      path: request.url.length <= 1024 ? request.url.split('?')[0]! : '/xxgk/',
      preferences: readRenderPreferences(request.headers.cookie),
    };
    // A page past the last one names nothing (the first page of an empty result does exist).
    if (result.page > result.pages) return null;
    return theme.render(
      catalogueAsPage(presentCatalogue(pc, browse, asked, result, { theme: theme_, issuer, genre, year })),
    );
  };

  app.get('/xxgk/*', async (request, reply) => {
    if (load.overloaded) return sendBusy(reply, load.retryAfterSeconds, false);
    const segments = segmentsOf(request.url);
    const parsed = segments ? parseCataloguePath(segments) : null;
    if (!parsed) return reply.callNotFound();
    const ctx = await options.siteContexts.load(request.hostname);
    if (parsed.csv) {
      const query = withBrowse(catalogueRequest(request.query as Record<string, unknown>), parsed.browse);
      const result = await readCatalogue(deps, ctx.site.id, query, null);
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          'attachment; filename="xxgk.csv"; filename*=UTF-8\'\'%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E7%9B%AE%E5%BD%95.csv',
        )
        .type('text/csv; charset=utf-8')
        .send(catalogueCsv(ctx.site.baseUrl, result.rows, VALIDITY_LABELS));
    }
    const html = await page(request, ctx, parsed.browse, parsed.page);
    if (html === null) return reply.callNotFound();
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });
}
