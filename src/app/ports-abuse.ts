/** Counters of the anti-abuse module, shared by every process on the database. */
export interface AbuseCounterRepo {
  /**
   * Adds one to the counter `key` of the window starting at `windowStart` and returns its new value, in one
   * statement (two processes counting at once both count). `expiresAt` is when the row may be removed.
   */
  hit(key: string, windowStart: string, expiresAt: string): Promise<number>;
  /** Removes the counters whose window has passed; returns how many. */
  purgeExpired(now: string): Promise<number>;
}
