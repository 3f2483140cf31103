import {
  catalogueCsv,
  catalogueFacets,
  defaultPolicy,
  noEvents,
  readCatalogue,
  type AppDeps,
} from '../app/index.js';
import { VALIDITY_LABELS } from '../core/index.js';
import {
  browsePath,
  catalogueAsPage,
  presentCatalogue,
  withBrowse,
  type CatalogueBrowse,
  type CatalogueFacetsData,
} from '../render/index.js';
import type { PageSource } from './pages.js';

/**
 * The catalogue (政府信息公开目录) as files: every browse page (the whole catalogue and each value of each facet)
 * with its pages (`index.html`, `index_N.html`) and its CSV (`documents.csv`). Search, 有效性 and combined
 * filters are the server's: the form on these pages posts to it.
 */
export async function catalogueFiles(source: PageSource): Promise<Map<string, string>> {
  const deps: AppDeps = {
    store: source.store,
    clock: { now: () => source.now },
    events: noEvents,
    policy: defaultPolicy,
  };
  const { ctx } = source.index;
  const siteId = ctx.site.id;
  const facets: CatalogueFacetsData = {
    theme: await catalogueFacets(deps, siteId, 'theme'),
    issuer: await catalogueFacets(deps, siteId, 'issuer'),
    genre: await catalogueFacets(deps, siteId, 'genre'),
    year: await catalogueFacets(deps, siteId, 'year'),
  };
  const browses: CatalogueBrowse[] = [
    { facet: null, value: '' },
    ...(['theme', 'issuer', 'genre', 'year'] as const).flatMap((facet) =>
      facets[facet].map((f) => ({ facet, value: f.value })),
    ),
  ];
  const files = new Map<string, string>();
  for (const browse of browses) {
    const folder = browsePath(browse);
    const request = withBrowse({ order: 'newest' }, browse);
    const all = await readCatalogue(deps, siteId, request, null);
    files.set(`${folder}documents.csv`, catalogueCsv(ctx.site.baseUrl, all.rows, VALIDITY_LABELS));
    const pages = Math.max(1, Math.ceil(all.total / 20));
    for (let page = 1; page <= pages; page++) {
      const path = page === 1 ? folder : `${folder}index_${page}.html`;
      const rows = all.rows.slice((page - 1) * 20, page * 20);
      const view = presentCatalogue(
        { ctx, theme: source.theme, now: source.now, path },
        browse,
        { ...request, page },
        { total: all.total, page, pages, rows },
        facets,
      );
      files.set(page === 1 ? `${folder}index.html` : path, await source.theme.render(catalogueAsPage(view)));
    }
  }
  return files;
}
