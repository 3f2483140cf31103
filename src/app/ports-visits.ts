/** Visit statistics as the store keeps them: counts aggregated by site, day and scope. */

/**
 * What a count is of: the whole site (key ''), a column (its path), a page (its path), a referring domain,
 * a search term (`search`), a search term that found nothing (`search-empty`).
 */
export const VISIT_SCOPES = ['site', 'column', 'page', 'referrer', 'search', 'search-empty'] as const;
export type VisitScope = (typeof VISIT_SCOPES)[number];

export interface VisitCount {
  readonly siteId: number;
  /** `YYYY-MM-DD` in China. */
  readonly day: string;
  readonly scope: VisitScope;
  readonly key: string;
  readonly views: number;
  /** Unique visitors of the day (0 for referrers and search terms). */
  readonly visitors: number;
}

/** A visitor's hash of the day within one counted scope. */
export interface SeenVisitor {
  readonly siteId: number;
  readonly day: string;
  readonly scope: VisitScope;
  readonly key: string;
  readonly visitor: string;
}

export interface VisitTotal {
  readonly key: string;
  readonly views: number;
  /** Sum of the daily unique visitors over the period. */
  readonly visitors: number;
}

export interface VisitRepo {
  /** The salt of a day's visitor hashes: the one kept, or `fresh` kept now (the first process to ask wins). */
  salt(day: string, fresh: string): Promise<string>;
  /** Keeps the hashes; returns those that were not kept already (new unique visitors of their scope). */
  markSeen(rows: readonly SeenVisitor[]): Promise<SeenVisitor[]>;
  /** Adds to the day's counts (creating them). */
  add(counts: readonly VisitCount[]): Promise<void>;
  /** Deletes the salts and hashes of the days before `day`: from then on nobody can link a hash to a visitor. */
  forgetBefore(day: string): Promise<void>;
  /** Counts of a scope per day in [from, to] (days), oldest first. */
  daily(siteId: number, scope: VisitScope, from: string, to: string, key?: string): Promise<VisitCount[]>;
  /** Counts of a scope summed over [from, to], most viewed first. */
  totals(siteId: number, scope: VisitScope, from: string, to: string, limit: number): Promise<VisitTotal[]>;
  /** Records an imported log by its digest; false when it was imported before. */
  claimLog(siteId: number, digest: string): Promise<boolean>;
}
