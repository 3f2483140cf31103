import type { Generated, Selectable } from 'kysely';

/** One run of the self-check of a site (see InspectionRun); `report` is the JSON report once finished. */
export interface InspectionRunsTable {
  id: Generated<number>;
  site_id: number;
  /** `YYYY-MM-DD` (Asia/Shanghai) for the daily run, `manual:<instant>` for one asked for: unique per site. */
  run_key: string;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  verdict: string | null;
  score: number | null;
  failed_vetoes: Generated<number>;
  at_risk_vetoes: Generated<number>;
  report: string | null;
}

export interface InspectionsDatabase {
  inspection_runs: InspectionRunsTable;
  availability_probes: AvailabilityProbesTable;
}

export type InspectionRunRow = Selectable<InspectionRunsTable>;

export interface AvailabilityProbesTable {
  id: Generated<number>;
  site_id: number;
  url: string;
  at: string;
  status: number | null;
  ttfb_ms: number | null;
  total_ms: number | null;
  /** 1: a 2xx page complete within the limit. */
  ok: number;
  error: string | null;
  tls_valid_to: string | null;
  /** The DNS answer, comma-separated. */
  addresses: string;
}
