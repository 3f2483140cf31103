import type { Generated, Selectable } from 'kysely';
import type { CheckTermKind } from '../app/index.js';

/** A site's own check dictionary entries (see CheckTerm). */
export interface CheckTermsTable {
  id: Generated<number>;
  site_id: number;
  kind: CheckTermKind;
  term: string;
  canonical: string | null;
  note: string;
  created_by: string;
  created_at: string;
}

export interface CheckTermsDatabase {
  check_terms: CheckTermsTable;
}

export type CheckTermRow = Selectable<CheckTermsTable>;
