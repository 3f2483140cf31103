/**
 * A site's own additions to the content-check dictionaries (校对词库), kept in the database so that the site's
 * administrators extend them without a release: wrong forms of formulations with their correct form, sensitive
 * words, and allowed terms that contain a sensitive word; and the domain lists the self-check reads: government
 * domains that were shut down (`closed-domain`) and adult or gambling domains (`dark-domain`, 暗链).
 */
export type CheckTermKind = 'formulation' | 'sensitive' | 'allowed' | 'closed-domain' | 'dark-domain';

export const CHECK_TERM_KINDS: readonly CheckTermKind[] = [
  'formulation',
  'sensitive',
  'allowed',
  'closed-domain',
  'dark-domain',
];

export interface CheckTerm {
  readonly id: number;
  readonly siteId: number;
  readonly kind: CheckTermKind;
  /** The wrong form (formulation), the sensitive word, or the allowed term. */
  readonly term: string;
  /** The correct form, for `formulation` only. */
  readonly canonical: string | null;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export type CheckTermInput = Omit<CheckTerm, 'id' | 'createdAt'>;

export interface CheckTermRepo {
  list(siteId: number): Promise<CheckTerm[]>;
  get(id: number): Promise<CheckTerm | undefined>;
  find(siteId: number, kind: CheckTermKind, term: string): Promise<CheckTerm | undefined>;
  add(input: CheckTermInput, now: string): Promise<CheckTerm>;
  remove(id: number): Promise<void>;
}
