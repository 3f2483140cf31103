import type { Generated } from 'kysely';

/** Tables of site search (the index tables themselves are reached through raw SQL in src/search). */
export interface SearchTermsTable {
  id: Generated<number>;
  /** 0: a built-in term for every site. */
  site_id: number;
  term: string;
  created_by: string;
  created_at: string;
}

export interface SearchStateTable {
  key: string;
  value: string;
}

export interface SearchDatabase {
  search_terms: SearchTermsTable;
  search_state: SearchStateTable;
}
