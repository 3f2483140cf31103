import type { AbuseDatabase } from './schema-abuse.js';
import type { CalendarDatabase, DisclosureDatabase } from './schema-calendar.js';
import type { InteractDatabase } from './schema-interact.js';
import type { ConsultationDatabase } from './schema-consultation.js';
import type { CheckTermsDatabase } from './schema-check-terms.js';
import type { SearchSynonymsDatabase } from './schema-search-synonyms.js';
import type { RelaysDatabase } from './schema-relays.js';
import type { InspectionsDatabase } from './schema-inspections.js';
import type { VisitsDatabase } from './schema-visits.js';
import type { PolicyDatabase } from './schema-policy.js';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AccountKind, ArticleStatus, ColumnKind } from '../core/index.js';
import type { AccountsDatabase } from './schema-accounts.js';
import type { AuditDatabase } from './schema-audit.js';
import type { ImportsDatabase } from './schema-imports.js';
import type { MediaDatabase } from './schema-media.js';

/** Database tables as Kysely sees them. Times are UTC ISO-8601 strings (sortable, the same on every dialect). */
export interface SitesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  base_url: string;
  /** Space-separated host names. */
  hosts: string;
  sponsor_name: string;
  sponsor_address: string;
  sponsor_phone: string;
  sponsor_email: string;
  sponsor_postcode: string;
  icp_record: string;
  police_record: string;
  police_record_code: string;
  site_code: string;
  footer_notice: string;
  language: string;
  /** 哀悼日 greyscale: 0 off, 1 on (migration 20261128T0103-display). */
  mourning: Generated<number>;
  /** PortalSettings as JSON (migration 20261207T0001-portal). */
  portal: Generated<string>;
  /** 'active' or 'disabled' (migration 20261208T0601-site-status). */
  status: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** Every host a site answers to, once (migration 20261208T0601-site-status). */
export interface SiteHostsTable {
  host: string;
  site_id: number;
}

export interface SiteAccountsTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  kind: AccountKind;
  qr_url: string | null;
  position: number;
}

export interface ColumnsTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  slug: string;
  path: string;
  name: string;
  kind: ColumnKind;
  position: number;
  description: string;
  keywords: string;
  freshness_days: number | null;
  update_class: string | null;
  link_url: string | null;
  review_levels: number;
  created_at: string;
  updated_at: string;
}

/** The columns of an article's own content, alike in `articles` and `article_revisions`. */
export interface ArticleContentColumns {
  column_id: number;
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  body_html: string;
  source: string;
  original_author: string;
  original_title: string;
  author: string;
  editor: string;
  cover_url: string;
  cover_alt: string;
  /** 1: the article page prints the cover above the body; 0 (default): lists and the home page only. */
  show_cover_in_body: Generated<number>;
}

export interface ArticlesTable extends ArticleContentColumns {
  id: Generated<number>;
  site_id: number;
  status: ArticleStatus;
  path: string | null;
  published_at: string | null;
  /** 'date' | 'minute' | 'second'; null: known to the second (set by the system). */
  published_precision: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string;
  view_count: number;
  version: number;
  author_id: number | null;
  review_level: number;
  review_round: number;
  scheduled_at: string | null;
  /** '' (none), 'in-review' or 'approved': the pending correction of a published article. */
  correction_status: Generated<string>;
  correction_by: number | null;
  correction_revision_id: number | null;
  /** JSON array of { name, url, mime, size }; null: unchanged by the correction. */
  correction_attachments: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleReviewsTable {
  id: Generated<number>;
  article_id: number;
  round: number;
  level: number;
  user_id: number | null;
  actor_name: string;
  /** 'approve' or 'reject' */
  decision: string;
  comment: string;
  at: string;
}

export interface ArticleTagsTable {
  article_id: number;
  site_id: number;
  tag: string;
  position: number;
  /** The article's published_at while it is published, else null: tag lists walk an index of it. */
  listed_at: string | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  article_id: number;
  name: string;
  url: string;
  mime: string;
  size: number;
  position: number;
}

export interface SeriesTable {
  id: Generated<number>;
  site_id: number;
  column_id: number | null;
  slug: string;
  title: string;
  label: string;
  lead_html: string;
  source: string;
  editor: string;
  status: ArticleStatus;
  published_at: string | null;
  /** 'date' | 'minute' | 'second'; null: known to the second (set by the system). */
  published_precision: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SeriesMembersTable {
  series_id: number;
  article_id: number;
  position: number;
}

export interface Database
  extends
    CheckTermsDatabase,
    SearchSynonymsDatabase,
    RelaysDatabase,
    AuditDatabase,
    AccountsDatabase,
    ImportsDatabase,
    MediaDatabase,
    AbuseDatabase,
    InspectionsDatabase,
    VisitsDatabase,
    CalendarDatabase,
    DisclosureDatabase,
    InteractDatabase,
    ConsultationDatabase,
    PolicyDatabase {
  sites: SitesTable;
  site_accounts: SiteAccountsTable;
  site_hosts: SiteHostsTable;
  columns: ColumnsTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  attachments: AttachmentsTable;
  series: SeriesTable;
  series_members: SeriesMembersTable;
  article_reviews: ArticleReviewsTable;
}

export type SiteRow = Selectable<SitesTable>;
export type ColumnRow = Selectable<ColumnsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type SeriesRow = Selectable<SeriesTable>;
