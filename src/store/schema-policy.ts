import type { Generated, Selectable } from 'kysely';

/** A policy document's legal metadata (see PolicyDocument). */
export interface PolicyDocumentsTable {
  article_id: number;
  site_id: number;
  index_number: string;
  document_number: string;
  issuers: string;
  themes: string;
  keywords: string;
  written_at: string | null;
  published_on: string | null;
  effective_at: string | null;
  genre: string;
  policy_class: string;
  validity: string;
  validity_date: string | null;
  replaced_by: number | null;
  disclosure: string;
  disclosure_reason: string;
  version: number;
  updated_at: string;
  /** 1 while the article is published and the document 主动公开: the public catalogue's rows. */
  listed: Generated<number>;
}

export interface PolicyDocumentFacetsTable {
  article_id: number;
  site_id: number;
  /** 'issuer' or 'theme' */
  facet: string;
  value: string;
}

export interface PolicySettingsTable {
  site_id: number;
  index_pattern: string;
  index_code: string;
  themes: string;
  interpretation_days: number;
  updated_at: string;
}

export interface PolicyIndexSequencesTable {
  site_id: number;
  year: number;
  last: number;
}

export interface PolicyDocumentRevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  fields: string;
  actor_id: number | null;
  actor_name: string;
  note: string;
  at: string;
}

export interface PolicyInterpretationsTable {
  policy_id: number;
  interpretation_id: number;
  site_id: number;
  kind: string;
  created_at: string;
}

export interface PolicyDatabase {
  policy_documents: PolicyDocumentsTable;
  policy_document_facets: PolicyDocumentFacetsTable;
  policy_settings: PolicySettingsTable;
  policy_index_sequences: PolicyIndexSequencesTable;
  policy_document_revisions: PolicyDocumentRevisionsTable;
  policy_interpretations: PolicyInterpretationsTable;
}

export type PolicyDocumentRow = Selectable<PolicyDocumentsTable>;
