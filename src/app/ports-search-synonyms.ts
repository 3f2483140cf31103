/**
 * A site's own search synonyms, besides the built-in official short forms and full names: two ways of naming
 * one thing (a local body's short form, a project's popular name) that should find each other, both ways.
 */
export interface SearchSynonym {
  readonly id: number;
  readonly siteId: number;
  readonly term: string;
  readonly synonym: string;
  readonly note: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export type SearchSynonymInput = Omit<SearchSynonym, 'id' | 'createdAt'>;

export interface SearchSynonymRepo {
  list(siteId: number): Promise<SearchSynonym[]>;
  get(id: number): Promise<SearchSynonym | undefined>;
  /** The pair in either order. */
  find(siteId: number, term: string, synonym: string): Promise<SearchSynonym | undefined>;
  add(input: SearchSynonymInput, now: string): Promise<SearchSynonym>;
  remove(id: number): Promise<void>;
}
