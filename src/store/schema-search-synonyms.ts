import type { Generated, Selectable } from 'kysely';

/** A site's own search synonyms (see SearchSynonym). */
export interface SearchSynonymsTable {
  id: Generated<number>;
  site_id: number;
  term: string;
  synonym: string;
  note: string;
  created_by: string;
  created_at: string;
}

export interface SearchSynonymsDatabase {
  search_synonyms: SearchSynonymsTable;
}

export type SearchSynonymRow = Selectable<SearchSynonymsTable>;
