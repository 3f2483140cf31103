/** One counter of the anti-abuse module: submissions of a key (an address, a form, a used challenge) in a window. */
export interface AbuseCountersTable {
  key: string;
  window_start: string;
  count: number;
  expires_at: string;
}

export interface AbuseDatabase {
  abuse_counters: AbuseCountersTable;
}
