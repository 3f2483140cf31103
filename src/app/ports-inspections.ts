import type { ProbeResult, Verdict } from '../core/index.js';
import type { InspectionReport } from './inspect-site.js';

export type InspectionTrigger = 'schedule' | 'manual';

/** One run of the self-check, as kept for the trend. */
export interface InspectionRunSummary {
  readonly id: number;
  readonly siteId: number;
  readonly runKey: string;
  readonly trigger: InspectionTrigger;
  readonly startedAt: string;
  /** null while it runs (or when the process running it stopped). */
  readonly finishedAt: string | null;
  readonly verdict: Verdict | null;
  readonly score: number | null;
  readonly failedVetoes: number;
  readonly atRiskVetoes: number;
}

export interface InspectionRun extends InspectionRunSummary {
  readonly report: InspectionReport | null;
}

/** One availability probe of a page of a site. */
/** A probe's result, recorded for a site. */
export interface AvailabilityProbe extends ProbeResult {
  readonly siteId: number;
}

export interface InspectionRepo {
  /**
   * Takes the run `runKey` of the site: its id, or null when another process (or an earlier run) has the key
   * already. Call outside any other transaction.
   */
  claim(siteId: number, runKey: string, trigger: InspectionTrigger, now: string): Promise<number | null>;
  finish(id: number, report: InspectionReport, now: string): Promise<void>;
  /** Newest first. */
  list(siteId: number, limit: number): Promise<InspectionRunSummary[]>;
  /** Finished runs started in [from, to), oldest first, with their reports. */
  finishedBetween(siteId: number, from: string, to: string): Promise<InspectionRun[]>;
  /** The newest finished run. */
  latest(siteId: number): Promise<InspectionRun | undefined>;
  recordProbe(probe: AvailabilityProbe): Promise<void>;
  /** Probes of the site in [from, to): how many, and how many did not get a page. */
  probeSummary(siteId: number, from: string, to: string): Promise<{ probes: number; failed: number }>;
  /** The newest probe of this URL. */
  lastProbe(siteId: number, url: string): Promise<AvailabilityProbe | undefined>;
}
