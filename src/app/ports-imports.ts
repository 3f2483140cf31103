/** A page imported by `gazette import`, remembered so that importing it again updates or skips it. */
export interface ImportRecord {
  readonly id: number;
  /** The page's identity: `url:` + its original URL, or `page:` + a hash of its site, title and date. */
  readonly fingerprint: string;
  readonly siteId: number;
  /** SHA-256 of the extracted content: unchanged means nothing to update. */
  readonly contentHash: string;
  readonly articleId: number | null;
  readonly seriesId: number | null;
  /** Member article ids of an imported series, in order. */
  readonly memberIds: readonly number[];
  readonly file: string;
  readonly importedAt: string;
  readonly updatedAt: string;
}

export type ImportRecordInput = Omit<ImportRecord, 'id' | 'importedAt' | 'updatedAt'>;

export interface ImportRepo {
  getByFingerprint(fingerprint: string): Promise<ImportRecord | undefined>;
  /** Inserts the record, or replaces the one with the same fingerprint. */
  save(input: ImportRecordInput, now: string): Promise<ImportRecord>;
}
