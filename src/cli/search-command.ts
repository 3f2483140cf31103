import {
  addSearchTerm,
  listSearchTerms,
  reindexSearch,
  removeSearchTerm,
  searchSite,
  systemPrincipal,
} from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { GazetteError } from '../core/index.js';
import { UsageError } from './command.js';

/** Every `gazette search` command acts as the system, and is audited as `system:cli`. */
const CLI = systemPrincipal('cli');

/** `gazette search reindex [--site ID]`: rebuilds the search index from the published articles. */
export async function runSearchReindex(gazette: Gazette, siteId: number | undefined): Promise<number> {
  const started = performance.now();
  const count = await reindexSearch(gazette.deps, siteId);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Indexed ${count} published articles in ${seconds.toFixed(1)} s.`);
  return 0;
}

/**
 * `gazette search terms list|add|remove [TERM...] [--site ID]`: the user dictionary. Without --site, terms
 * are added as built-in terms for every site; `remove` takes a term or its id.
 */
export async function runSearchTerms(
  gazette: Gazette,
  action: string,
  terms: readonly string[],
  siteId: number | undefined,
): Promise<number> {
  const { deps } = gazette;
  if (action === 'list') {
    for (const t of await listSearchTerms(deps, CLI, siteId ?? null)) {
      console.log(
        `${String(t.id).padStart(5)}  ${t.siteId === 0 ? '全部站点' : `站点 ${t.siteId}`}  ${t.term}`,
      );
    }
    return 0;
  }
  if (action !== 'add' && action !== 'remove') {
    throw new UsageError(`unknown action "${action}" (list, add or remove)`);
  }
  if (terms.length === 0) throw new UsageError(`${action} needs at least one TERM`);
  if (action === 'add') {
    for (const term of terms) {
      const added = await addSearchTerm(deps, CLI, siteId ?? 0, term);
      console.log(`Added ${added.term} (id ${added.id}).`);
    }
    return 0;
  }
  {
    const all = await listSearchTerms(deps, CLI, null);
    for (const term of terms) {
      const found = all.find(
        (t) => String(t.id) === term || (t.term === term && (siteId === undefined || t.siteId === siteId)),
      );
      if (!found) throw new GazetteError('GZ_SEARCH_TERM_NOT_FOUND', term);
      await removeSearchTerm(deps, CLI, found.id);
      console.log(`Removed ${found.term}.`);
    }
    return 0;
  }
}

/** `gazette search query WORDS... [--site ID]`: what a visitor would find, for checking the index. */
export async function runSearchQuery(
  gazette: Gazette,
  words: readonly string[],
  siteId: number | undefined,
): Promise<number> {
  const site = siteId ?? (await gazette.deps.store.sites.list())[0]?.id;
  if (site === undefined) throw new GazetteError('GZ_SITE_NOT_FOUND', 'no site has been created yet');
  const outcome = await searchSite(gazette.deps, { q: words.join(' '), filter: { siteId: site } });
  console.log(
    `${outcome.total} results for ${outcome.query || '(nothing searchable)'} in ${outcome.tookMs} ms`,
  );
  if (outcome.interpretedAs) console.log(`searched as ${outcome.interpretedAs}`);
  for (const s of outcome.suggestions) console.log(`suggestion: ${s}`);
  for (const r of outcome.results) console.log(`${r.publishedAt.slice(0, 10)}  ${r.title}  ${r.url}`);
  return 0;
}
