import { GazetteError, htmlToLine, type Principal, type Site } from '../core/index.js';
import {
  ANALYSIS_VERSION,
  BUILT_IN_TERMS,
  correctionsFor,
  expandQuery,
  highlight,
  isExpanded,
  looksLikePinyin,
  MAX_RANKED,
  normalise,
  parseQuery,
  queryText,
  snippet,
  wordsForPinyin,
  type Analyzer,
  type ParsedQuery,
  type SearchFilter,
  type SearchSort,
  type SearchTerm,
} from '../search/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { synonymsForSite } from './manage-search-synonyms.js';
import type { Store } from './ports.js';
import { audit, requirePermission } from './principal.js';

export const SEARCH_PAGE_SIZE = 10;
/** Deepest result page served: nobody reads page 500, and deep offsets cost the database. */
export const MAX_SEARCH_PAGE = 50;

export interface SearchRequest {
  readonly q: string;
  readonly filter: SearchFilter;
  readonly sort?: SearchSort;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface SearchResultItem {
  readonly id: number;
  readonly url: string;
  readonly title: string;
  /** The title, escaped, with the query terms in <mark>. */
  readonly titleHtml: string;
  /** Text around the best match, escaped, with the query terms in <mark>. */
  readonly snippetHtml: string;
  readonly publishedAt: string;
  readonly columnId: number;
  readonly source: string;
  /** The article's site: on a platform search, another site than the one searched from. */
  readonly siteId: number;
  /** Its site's name on a platform search (results link to that site's own host), else ''. */
  readonly siteName: string;
}

export interface SearchOutcome {
  /** The query as understood (canonical form); '' when it held nothing searchable. */
  readonly query: string;
  /** Matching articles; when `totalExact` is false, more than this many match. */
  readonly total: number;
  readonly totalExact: boolean;
  /** When more match than are counted: about how many, rounded (null when not known). */
  readonly estimatedTotal: number | null;
  readonly page: number;
  readonly pages: number;
  readonly results: readonly SearchResultItem[];
  /** Nothing matched every term, these match some of them. */
  readonly partial: boolean;
  /** A pinyin query was searched as these Chinese words. */
  readonly interpretedAs: string | null;
  /** Queries that would find something, when this one found nothing. */
  readonly suggestions: readonly string[];
  readonly tookMs: number;
}

const WORD_SOURCE_TITLES = 3000;

const KNOWN_WORDS_TTL_MS = 5 * 60_000;
const knownWordsCache = new Map<string, { readonly at: number; readonly words: Set<string> }>();

/**
 * Words for suggestions and pinyin input: the dictionary plus words of recent titles. Kept for a few
 * minutes per site and dictionary: queries that find nothing are common and must stay cheap.
 */
async function knownWords(deps: AppDeps, analyzer: Analyzer, siteId: number): Promise<Set<string>> {
  const key = `${siteId}:${analyzer.terms.size}`;
  const cached = knownWordsCache.get(key);
  if (cached && Date.now() - cached.at < KNOWN_WORDS_TTL_MS) return cached.words;
  const words = await collectWords(deps, analyzer, siteId);
  if (knownWordsCache.size > 100) knownWordsCache.clear();
  knownWordsCache.set(key, { at: Date.now(), words });
  return words;
}

async function collectWords(deps: AppDeps, analyzer: Analyzer, siteId: number): Promise<Set<string>> {
  const words = new Set(analyzer.terms);
  for (const title of await deps.store.search.recentTitles(siteId, WORD_SOURCE_TITLES)) {
    for (const word of analyzer.queryWords(normalise(title))) {
      if ([...word].length >= 2 && /\p{Script=Han}/u.test(word)) words.add(word);
    }
  }
  return words;
}

/** How long a process reuses the site list a platform-wide search names and links its results by. */
const PLATFORM_SITES_TTL_MS = 10_000;
const platformSiteLists = new WeakMap<Store, { readonly at: number; readonly sites: Map<number, Site> }>();

/** Every site by id, read at most every few seconds per store (a platform search names each result's site). */
async function platformSites(store: Store): Promise<Map<number, Site>> {
  const kept = platformSiteLists.get(store);
  if (kept && Date.now() - kept.at < PLATFORM_SITES_TTL_MS) return kept.sites;
  const sites = new Map((await store.sites.list()).map((s) => [s.id, s]));
  platformSiteLists.set(store, { at: Date.now(), sites });
  return sites;
}

/** Searches the published articles of a site. Never throws on what a visitor typed. */
export async function searchSite(deps: AppDeps, request: SearchRequest): Promise<SearchOutcome> {
  const started = performance.now();
  const pageSize = Math.min(Math.max(request.pageSize ?? SEARCH_PAGE_SIZE, 1), 50);
  const page = Math.min(Math.max(Math.trunc(request.page ?? 1) || 1, 1), MAX_SEARCH_PAGE);
  const sort = request.sort ?? 'relevance';
  const { search } = deps.store;
  const analyzer = await search.analyzer();
  const now = deps.clock.now();

  const find = (query: ParsedQuery, anyTerm: boolean, limit: number, offset: number) =>
    search.find({ query, filter: request.filter, sort, anyTerm, limit, offset, now });
  const synonyms = await synonymsForSite(deps.store, request.filter.siteId);
  // With synonyms (国办 / 国务院办公厅), articles with the words as typed come first, then those found
  // only through a synonym; sorted by date, all together.
  const run = async (typed: ParsedQuery, anyTerm: boolean) => {
    const offset = (page - 1) * pageSize;
    const expanded = expandQuery(typed, synonyms, analyzer);
    if (!isExpanded(expanded)) return find(typed, anyTerm, pageSize, offset);
    if (sort === 'date') return find(expanded, anyTerm, pageSize, offset);
    const exact = await find(typed, anyTerm, MAX_RANKED, 0);
    const exactIds = new Set(exact.hits.map((h) => h.articleId));
    const wider = await find(expanded, anyTerm, offset + pageSize + exactIds.size, 0);
    const merged = [...exact.hits, ...wider.hits.filter((h) => !exactIds.has(h.articleId))];
    return {
      ...wider,
      total: Math.max(wider.total, exact.total),
      hits: merged.slice(offset, offset + pageSize),
    };
  };

  let query = parseQuery(request.q, analyzer);
  let interpretedAs: string | null = null;
  let partial = false;
  let suggestions: string[] = [];
  let found = await run(query, false);

  if (found.total === 0 && query.include.length > 0 && looksLikePinyin(request.q)) {
    const [word] = wordsForPinyin(request.q, await knownWords(deps, analyzer, request.filter.siteId));
    if (word) {
      const chinese = parseQuery(word, analyzer);
      const again = await run(chinese, false);
      if (again.total > 0) {
        query = chinese;
        interpretedAs = word;
        found = again;
      }
    }
  }
  // Nothing has every term: show what has some of them, leaving out single characters (noise).
  const broad = { include: query.include.filter((t) => [...t.text].length >= 2), exclude: query.exclude };
  if (found.total === 0 && broad.include.length >= 2) {
    const some = await run(broad, true);
    if (some.total > 0) {
      partial = true;
      found = some;
    }
  }
  if (found.total === 0 && query.include.length > 0) {
    suggestions = await suggest(deps, analyzer, query, request);
  }

  const sources = new Map((await search.sources(found.hits.map((h) => h.articleId))).map((s) => [s.id, s]));
  const shown = expandQuery(query, synonyms, analyzer);
  const needles = [
    ...new Set(
      shown.include.flatMap((t) => [
        t.text.replace(/\s+/g, ''),
        ...t.words,
        ...(t.alternatives ?? []).map((a) => a.text),
      ]),
    ),
  ]
    .filter((n) => n !== '')
    .sort((a, b) => b.length - a.length);
  const sites = request.filter.platform ? await platformSites(deps.store) : new Map<number, Site>();
  const results: SearchResultItem[] = [];
  for (const hit of found.hits) {
    const source = sources.get(hit.articleId);
    if (!source) continue;
    const body = htmlToLine(source.bodyHtml);
    const inBody = snippet(body, needles);
    results.push({
      id: source.id,
      // A page of another site is reached under that site's own host, never this one's.
      url:
        source.siteId === request.filter.siteId
          ? source.path
          : `${sites.get(source.siteId)?.baseUrl ?? ''}${source.path}`,
      siteId: source.siteId,
      siteName: request.filter.platform ? (sites.get(source.siteId)?.name ?? '') : '',
      title: source.title,
      titleHtml: highlight(source.title, needles),
      snippetHtml:
        inBody.includes('<mark>') || source.summary === '' ? inBody : snippet(source.summary, needles),
      publishedAt: source.publishedAt,
      columnId: source.columnId,
      source: source.source,
    });
  }
  return {
    query: queryText(query),
    total: Math.min(found.total, MAX_RANKED),
    totalExact: found.total <= MAX_RANKED,
    estimatedTotal: found.total > MAX_RANKED && found.estimate !== undefined ? roughly(found.estimate) : null,
    page,
    pages: Math.max(1, Math.min(MAX_SEARCH_PAGE, Math.ceil(Math.min(found.total, MAX_RANKED) / pageSize))),
    results,
    partial,
    interpretedAs,
    suggestions,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** Two significant digits: an estimate shown with more would claim a precision it does not have. */
function roughly(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1);
  return Math.round(n / unit) * unit;
}

/** How the page states the count: 57, 超过1000, 约2.7万 (an estimate). */
export function totalText(outcome: Pick<SearchOutcome, 'total' | 'totalExact' | 'estimatedTotal'>): string {
  if (outcome.totalExact) return String(outcome.total);
  const estimate = outcome.estimatedTotal;
  if (estimate === null || estimate <= outcome.total) return `超过${outcome.total}`;
  return estimate >= 10_000 ? `约${Number((estimate / 10_000).toFixed(1))}万` : `约${estimate}`;
}

async function suggest(
  deps: AppDeps,
  analyzer: Analyzer,
  query: ParsedQuery,
  request: SearchRequest,
): Promise<string[]> {
  const words = await knownWords(deps, analyzer, request.filter.siteId);
  const out: string[] = [];
  for (const [i, term] of query.include.entries()) {
    for (const fix of correctionsFor(term.text, words).slice(0, 5)) {
      const texts = query.include.map((t, j) => (j === i ? fix : t.text));
      const candidate = parseQuery(texts.join(' '), analyzer);
      const found = await deps.store.search.find({
        query: candidate,
        filter: request.filter,
        sort: 'relevance',
        anyTerm: false,
        limit: 1,
        offset: 0,
        now: deps.clock.now(),
      });
      if (found.total > 0) out.push(texts.join(' '));
      if (out.length >= 3) return out;
    }
  }
  return [...new Set(out)];
}

/**
 * Rebuilds the index when it was built by an older analysis (or never: existing articles on first start),
 * or when it does not hold exactly the published articles.
 */
export async function ensureSearchIndex(deps: AppDeps): Promise<number | null> {
  const seeded = await deps.store.transaction((store) =>
    store.search.seedTerms(BUILT_IN_TERMS, deps.clock.now()),
  );
  if (!seeded && (await deps.store.search.indexVersion()) >= ANALYSIS_VERSION) {
    // The state says built, but the index may not be this database's own: `db copy` copies the state and
    // not the index (each dialect indexes differently), so an index that misses articles is rebuilt too.
    const { indexed, published } = await deps.store.search.coverage();
    if (indexed === published) return null;
  }
  return reindexSearch(deps);
}

/** `gazette search reindex`: rebuilds the whole index (or one site's) in one transaction. */
export function reindexSearch(deps: AppDeps, siteId?: number): Promise<number> {
  return deps.store.transaction(async (store) => {
    const count = await store.search.reindex(siteId);
    if (siteId === undefined) await store.search.setIndexVersion(ANALYSIS_VERSION);
    return count;
  });
}

/**
 * Re-indexes the published articles that contain `term` (found through the bigram index, which does not
 * depend on the dictionary), so that they are segmented with the changed dictionary.
 */
async function resegment(store: Store, siteId: number, term: string, now: string): Promise<number> {
  const analyzer = await store.search.analyzer();
  const query = parseQuery(`"${term}"`, analyzer);
  const sites = siteId === 0 ? (await store.sites.list()).map((s) => s.id) : [siteId];
  let count = 0;
  for (const site of sites) {
    for (let offset = 0; ; offset += RESEGMENT_BATCH) {
      const found = await store.search.find({
        query,
        filter: { siteId: site },
        sort: 'date',
        anyTerm: false,
        limit: RESEGMENT_BATCH,
        offset,
        now,
      });
      for (const hit of found.hits) await store.search.sync(hit.articleId);
      count += found.hits.length;
      if (found.hits.length < RESEGMENT_BATCH) break;
    }
  }
  return count;
}

const RESEGMENT_BATCH = 1000;

const TERM = /^[\p{Script=Han}\p{L}\p{N}]{2,32}$/u;

/** The dictionary of a site (with the built-in terms). Reading it needs the site settings permission. */
export async function listSearchTerms(
  deps: AppDeps,
  principal: Principal,
  siteId: number | null,
): Promise<SearchTerm[]> {
  if (siteId !== null) await requirePermission(deps.store, principal, 'site.settings', { siteId });
  else if (principal.kind !== 'system') throw new GazetteError('GZ_FORBIDDEN', 'site.settings');
  return deps.store.search.listTerms(siteId);
}

/**
 * Adds a term to a site's dictionary (site 0: every site, for the system only) and rebuilds that site's
 * index so that articles already published are segmented with it; audited.
 */
export function addSearchTerm(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  raw: string,
): Promise<SearchTerm> {
  const term = normalise(raw).trim();
  if (!TERM.test(term)) throw new GazetteError('GZ_SEARCH_TERM_INVALID', undefined, { field: 'term' });
  return afterCommit(deps, async (store) => {
    if (siteId === 0) {
      if (principal.kind !== 'system') throw new GazetteError('GZ_FORBIDDEN', 'site.settings');
    } else {
      if (!(await store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
      await requirePermission(store, principal, 'site.settings', { siteId });
    }
    const existing = await store.search.listTerms(siteId === 0 ? null : siteId);
    if (existing.some((t) => t.term === term && (t.siteId === siteId || t.siteId === 0)))
      throw new GazetteError('GZ_SEARCH_TERM_EXISTS', term, { field: 'term' });
    const now = deps.clock.now();
    const added = await store.search.addTerm(
      siteId,
      term,
      principal.kind === 'user' ? principal.user.username : '系统',
      now,
    );
    const reindexed = await resegment(store, siteId, term, now);
    await audit(store, principal, now, {
      action: 'search.term-add',
      targetType: 'search-term',
      targetId: String(added.id),
      siteId: siteId === 0 ? null : siteId,
      result: 'ok',
      summary: { term, reindexed },
    });
    return added;
  });
}

/** Removes a term from the dictionary and rebuilds the affected index; audited. */
export function removeSearchTerm(deps: AppDeps, principal: Principal, id: number): Promise<SearchTerm> {
  return afterCommit(deps, async (store) => {
    const term = (await store.search.listTerms(null)).find((t) => t.id === id);
    if (!term) throw new GazetteError('GZ_SEARCH_TERM_NOT_FOUND', String(id));
    if (term.siteId === 0) {
      if (principal.kind !== 'system') throw new GazetteError('GZ_FORBIDDEN', 'site.settings');
    } else await requirePermission(store, principal, 'site.settings', { siteId: term.siteId });
    await store.search.removeTerm(id);
    const now = deps.clock.now();
    const reindexed = await resegment(store, term.siteId, term.term, now);
    await audit(store, principal, now, {
      action: 'search.term-remove',
      targetType: 'search-term',
      targetId: String(id),
      siteId: term.siteId === 0 ? null : term.siteId,
      result: 'ok',
      summary: { term: term.term, reindexed },
    });
    return term;
  });
}
