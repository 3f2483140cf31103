import type { Analysis, Analyzer } from './analyzer.js';
import type { ParsedQuery } from './query-parser.js';

/** The indexed fields of an article, as plain text. */
export interface SearchDocument {
  readonly articleId: number;
  readonly siteId: number;
  /** 标题 */
  readonly title: string;
  /** 引题, 副题, 摘要, 标签 */
  readonly lead: string;
  /** 来源, 作者, 附件名, images' alternative texts (and attachment text when the media side provides it) */
  readonly meta: string;
  /** 正文 */
  readonly body: string;
}

export interface AnalysedDocument {
  readonly articleId: number;
  readonly siteId: number;
  readonly title: Analysis;
  readonly lead: Analysis;
  readonly meta: Analysis;
  readonly body: Analysis;
}

export type SearchSort = 'relevance' | 'date';

export interface SearchFilter {
  /** The site searched (from whose host). */
  readonly siteId: number;
  /**
   * Every active site of the installation instead of `siteId` alone (the platform search of 集约化); a
   * column filter does not apply across sites.
   */
  readonly platform?: boolean;
  /** A column and its descendants; every column when absent. */
  readonly columnIds?: readonly number[];
  /** Inclusive bounds on the publication time (ISO strings). */
  readonly from?: string;
  readonly to?: string;
  /** Part of the 信息来源. */
  readonly source?: string;
}

export interface IndexQuery {
  readonly query: ParsedQuery;
  readonly filter: SearchFilter;
  readonly sort: SearchSort;
  /** Any term may match instead of all of them (a second try when nothing matched all). */
  readonly anyTerm: boolean;
  readonly limit: number;
  readonly offset: number;
  /** For the freshness boost. */
  readonly now: string;
}

export interface IndexHit {
  readonly articleId: number;
  readonly score: number;
}

/**
 * One search index over one connection or transaction. Only published articles are in it; the SQLite
 * (FTS5) and PostgreSQL (tsvector + GIN) implementations hold all dialect-specific SQL of search.
 */
export interface SearchIndex {
  /** Adds or replaces an article's entry; `fresh` when it is known to have none (a rebuild). */
  put(document: AnalysedDocument, fresh?: boolean): Promise<void>;
  remove(articleId: number): Promise<void>;
  /** Empties the index (of one site, or all). */
  clear(siteId?: number): Promise<void>;
  find(query: IndexQuery): Promise<IndexResult>;
  /** Articles indexed (the fewest of the dialect's tables, when it keeps more than one). */
  count(): Promise<number>;
}

export interface IndexResult {
  /** Matching articles, counted up to `MAX_RANKED` + 1. */
  readonly total: number;
  /** When more than `MAX_RANKED` match: about how many (absent when the index cannot tell cheaply). */
  readonly estimate?: number;
  readonly hits: readonly IndexHit[];
}

/**
 * Ranking reads at most this many matches, newest first, and orders them by relevance (or date): a
 * query that matches a large part of a big site stays fast, and what it leaves out is old and generic.
 * Counting stops there too: a total above it is shown as "more than".
 */
export const MAX_RANKED = 1000;

/** Orders candidates (id, score, publication time) and cuts one page. */
export function pageOf(
  candidates: readonly { id: number; score: number; publishedAt: string }[],
  q: Pick<IndexQuery, 'sort' | 'limit' | 'offset'>,
): IndexResult {
  const sorted = [...candidates].sort((a, b) =>
    q.sort === 'date'
      ? b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id
      : b.score - a.score || b.id - a.id,
  );
  return {
    total: candidates.length,
    hits: sorted.slice(q.offset, q.offset + q.limit).map((c) => ({ articleId: c.id, score: c.score })),
  };
}

/**
 * About how many articles match, from how far back the newest `window` matches reach among the ids
 * `first`..`last` (ids grow with time): matches are assumed as dense before the window as in it. Exact
 * counting would read every match (11 ms p50, 46 ms p95 at 100k articles); this reads nothing more.
 */
export function estimateTotal(window: number, oldest: number, first: number, last: number): number {
  const share = (last - oldest + 1) / Math.max(1, last - first + 1);
  return Math.max(window, Math.round(window / Math.min(1, Math.max(share, 1e-9))));
}

/** Relative weight of a hit on a segmenter word over a hit on bigrams only. */
export const WORD_BONUS = 2;

/** Fraction of the score a brand-new article gains over a year-old one. */
export const FRESHNESS = 0.15;

/** A word of the user dictionary: kept whole by the segmenter at index and query time. */
export interface SearchTerm {
  readonly id: number;
  /** 0 for built-in terms that serve every site. */
  readonly siteId: number;
  readonly term: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** What a result row shows, read for the hits of one page. */
export interface SearchSource {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly title: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly source: string;
  readonly path: string;
  readonly publishedAt: string;
}

/** The search side of the Store: the index, its dictionary, and what results show. */
export interface SearchRepo {
  /**
   * Brings the index entry of one article up to date: indexed while published, removed otherwise.
   * Called inside the transaction that changes the article, so a withdrawn article leaves results at once.
   */
  sync(articleId: number): Promise<void>;
  /** The analyzer with the current user dictionary (re-read from the database when it changed). */
  analyzer(): Promise<Analyzer>;
  find(query: IndexQuery): Promise<IndexResult>;
  sources(ids: readonly number[]): Promise<SearchSource[]>;
  /** Recent published titles of a site: words for suggestions and pinyin input. */
  recentTitles(siteId: number, limit: number): Promise<string[]>;
  /** Terms of one site (with the built-in ones), or every term when `siteId` is null. */
  listTerms(siteId: number | null): Promise<SearchTerm[]>;
  addTerm(siteId: number, term: string, createdBy: string, now: string): Promise<SearchTerm>;
  removeTerm(id: number): Promise<SearchTerm | undefined>;
  /** Rebuilds the index of one site (or all) from the published articles; returns how many were indexed. */
  reindex(siteId?: number, onBatch?: (done: number) => void): Promise<number>;
  /** Version of the analysis the stored index was built with (0: never built). */
  indexVersion(): Promise<number>;
  /**
   * Articles in the index and published articles: the same number in an index kept up to date, a smaller
   * one in an index that was never built here (a database copied from the other dialect).
   */
  coverage(): Promise<{ readonly indexed: number; readonly published: number }>;
  setIndexVersion(version: number): Promise<void>;
  /** Adds the built-in terms once per database (not in a migration: a migrated database stays empty). */
  seedTerms(terms: readonly string[], now: string): Promise<boolean>;
}

/**
 * Bumped when analysis changes in a way that needs a rebuild; start-up reindexes an older index.
 * 2: the SQLite title index (`search_title_fts`) is filled.
 * 3: the alternative texts of images (cover and body) are indexed with the metadata.
 */
export const ANALYSIS_VERSION = 3;
