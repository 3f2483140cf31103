/** Visit statistics (see the migration 20261209T0501-visit-stats). */
export interface VisitCountsTable {
  site_id: number;
  /** `YYYY-MM-DD` in China. */
  day: string;
  /** `site` (key ''), `column` (its path), `page` (its path), `referrer` (a domain), `search`, `search-empty` (a term), `log` (an imported log's digest, day ''). */
  scope: string;
  key: string;
  views: number;
  visitors: number;
}

export interface VisitSaltsTable {
  day: string;
  salt: string;
}

export interface VisitSeenTable {
  site_id: number;
  day: string;
  scope: string;
  key: string;
  visitor: string;
}

export interface VisitsDatabase {
  visit_counts: VisitCountsTable;
  visit_salts: VisitSaltsTable;
  visit_seen: VisitSeenTable;
}
