import { GazetteError, type Principal } from '../core/index.js';
import { normalise, synonymTable, type SynonymPair, type SynonymTable } from '../search/index.js';
import type { AppDeps } from './deps.js';
import { requireSite } from './manage-check-terms.js';
import type { SearchSynonym } from './ports-search-synonyms.js';
import type { Store } from './ports.js';
import { audit, principalName, requirePermission } from './principal.js';
import { plainText } from './sanitize.js';

export interface SearchSynonymCommand {
  readonly siteId: number;
  readonly term: string;
  readonly synonym: string;
  readonly note?: string;
}

const MIN_FORM = 2;
const MAX_FORM = 50;

function cleanForm(value: string, field: 'term' | 'synonym'): string {
  const form = normalise(plainText(value)).replace(/\s+/g, ' ').trim();
  const length = [...form].length;
  // One character would stand for half the site's articles.
  if (length < MIN_FORM || length > MAX_FORM) {
    throw new GazetteError('GZ_INVALID_INPUT', `a synonym has ${MIN_FORM} to ${MAX_FORM} characters`, {
      field,
    });
  }
  return form;
}

function clean(command: SearchSynonymCommand): Required<SearchSynonymCommand> {
  const term = cleanForm(command.term, 'term');
  const synonym = cleanForm(command.synonym, 'synonym');
  if (term === synonym) {
    throw new GazetteError('GZ_INVALID_INPUT', 'the two forms must differ', { field: 'synonym' });
  }
  const note = plainText(command.note ?? '');
  if ([...note].length > 200) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a note has at most 200 characters', { field: 'note' });
  }
  return { siteId: command.siteId, term, synonym, note };
}

/** The site's own search synonyms; kept to those who manage the site's settings, like its check dictionary. */
export async function listSearchSynonyms(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<SearchSynonym[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  await requireSite(deps.store, siteId);
  return deps.store.searchSynonyms.list(siteId);
}

export function addSearchSynonym(
  deps: AppDeps,
  principal: Principal,
  command: SearchSynonymCommand,
): Promise<SearchSynonym> {
  const input = clean(command);
  return deps.store.transaction(async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: input.siteId });
    await requireSite(store, input.siteId);
    if (await store.searchSynonyms.find(input.siteId, input.term, input.synonym)) {
      throw new GazetteError('GZ_SEARCH_SYNONYM_EXISTS', `${input.term} = ${input.synonym}`, {
        field: 'synonym',
      });
    }
    const now = deps.clock.now();
    const added = await store.searchSynonyms.add({ ...input, createdBy: principalName(principal) }, now);
    await audit(store, principal, now, {
      action: 'search-synonym.add',
      targetType: 'search-synonym',
      targetId: String(added.id),
      siteId: added.siteId,
      result: 'ok',
      summary: { term: added.term, synonym: added.synonym },
    });
    forgetSiteSynonyms(added.siteId);
    return added;
  });
}

export function removeSearchSynonym(deps: AppDeps, principal: Principal, id: number): Promise<void> {
  return deps.store.transaction(async (store) => {
    const found = await store.searchSynonyms.get(id);
    if (!found) throw new GazetteError('GZ_SEARCH_SYNONYM_NOT_FOUND', String(id));
    await requirePermission(store, principal, 'site.settings', { siteId: found.siteId });
    await store.searchSynonyms.remove(id);
    await audit(store, principal, deps.clock.now(), {
      action: 'search-synonym.remove',
      targetType: 'search-synonym',
      targetId: String(id),
      siteId: found.siteId,
      result: 'ok',
      summary: { term: found.term, synonym: found.synonym },
    });
    forgetSiteSynonyms(found.siteId);
  });
}

/** How long a site's synonym table is reused by searches in this process (other processes see edits by then). */
const SYNONYMS_TTL_MS = 60_000;
const siteTables = new Map<number, { readonly at: number; readonly table: SynonymTable }>();

function forgetSiteSynonyms(siteId: number): void {
  siteTables.delete(siteId);
}

/** The built-in synonyms with the site's own, for search at query time. */
export async function synonymsForSite(store: Store, siteId: number): Promise<SynonymTable> {
  const cached = siteTables.get(siteId);
  if (cached && Date.now() - cached.at < SYNONYMS_TTL_MS) return cached.table;
  const pairs: SynonymPair[] = (await store.searchSynonyms.list(siteId)).map((s) => [s.term, s.synonym]);
  const table = synonymTable(pairs);
  if (siteTables.size > 100) siteTables.clear();
  siteTables.set(siteId, { at: Date.now(), table });
  return table;
}
