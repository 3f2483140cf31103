/** One line of the audit trail, as written. */
export interface AuditEntryInput {
  /** null for the system actor and for failed logins of unknown users. */
  readonly actorId: number | null;
  /** Username (or `system:<reason>`), kept even if the account is later renamed. */
  readonly actorName: string;
  /** e.g. `login`, `login.failed`, `account.locked`, `article.create`, `article.approve`, `site.update`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly siteId: number | null;
  readonly ip: string;
  readonly result: 'ok' | 'denied' | 'failed';
  /** Short before/after summary: changed field names with old and new values (long text abbreviated). */
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends AuditEntryInput {
  readonly id: number;
  readonly at: string;
  /** Hash of the previous record ('' for the first). */
  readonly prevHash: string;
  /** SHA-256 over prevHash and this record's canonical content. */
  readonly hash: string;
}

export interface AuditFilter {
  /** Records at or after this UTC ISO time. */
  readonly from?: string;
  /** Records before this UTC ISO time (exclusive). */
  readonly to?: string;
  readonly actorId?: number;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly siteId?: number;
  /** `newest-first` (the default, for reading) or `oldest-first` (chain order, for export). */
  readonly order?: 'newest-first' | 'oldest-first';
}

export type AuditProblem =
  | { readonly kind: 'changed'; readonly id: number }
  | { readonly kind: 'missing'; readonly afterId: number; readonly beforeId: number }
  | { readonly kind: 'inserted'; readonly id: number }
  | { readonly kind: 'broken-link'; readonly id: number }
  /** The one-row chain head that anchors the end of the log is gone. */
  | { readonly kind: 'head-missing' };

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly problems: readonly AuditProblem[];
  /**
   * The chain head: id and hash of the last record. Noting it outside the database (in a report, a
   * ticket) lets a later verify show that nothing up to that record was rewritten with recomputed hashes.
   */
  readonly lastId: number;
  readonly lastHash: string;
}

export interface AuditRepo {
  /** Appends one record to the chain; concurrent appends are serialised so the chain never forks. */
  append(entry: AuditEntryInput, at: string): Promise<AuditRecord>;
  list(filter: AuditFilter, limit: number, offset: number): Promise<AuditRecord[]>;
  count(filter: AuditFilter): Promise<number>;
  /** Walks the whole chain and reports every record that was edited, inserted or deleted. */
  verify(): Promise<AuditVerification>;
}
