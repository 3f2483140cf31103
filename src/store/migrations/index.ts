import type { GazetteMigration } from '../dialect.js';
import { initial } from './20261127T0001-initial.js';
import { accounts } from './20261128T0001-accounts.js';
import { auditAndRevisions } from './20261128T0002-audit-and-revisions.js';
import { workflow } from './20261128T0003-workflow.js';
import { imports } from './20261128T0004-imports.js';
import { media } from './20261128T0101-media.js';
import { search } from './20261128T0102-search.js';
import { display } from './20261128T0103-display.js';
import { adminLists } from './20261128T0104-admin-lists.js';
import { servingIndexes } from './20261128T0105-serving-indexes.js';
import { checkTerms } from './20261128T0106-check-terms.js';
import { searchTitles } from './20261128T0107-search-titles.js';
import { portal } from './20261207T0001-portal.js';
import { coverInBody } from './20261207T0002-cover-in-body.js';
import { corrections } from './20261207T0801-corrections.js';
import { mediaVisibility } from './20261207T0802-media-visibility.js';
import { calendarDepartments } from './20261208T0301-calendar-departments.js';
import { disclosureRequests } from './20261208T0302-disclosure-requests.js';
import { abuse } from './20261208T0401-abuse.js';
import { interact } from './20261208T0402-interact.js';
import { columnUpdateClass } from './20261208T0501-column-update-class.js';
import { inspectionRuns } from './20261208T0502-inspection-runs.js';
import { availabilityProbes } from './20261208T0503-availability-probes.js';
import { siteStatus } from './20261208T0601-site-status.js';
import { searchBySite } from './20261208T0602-search-by-site.js';
import { datePrecision } from './20261208T0701-date-precision.js';
import { searchSynonyms } from './20261208T0801-search-synonyms.js';
import { policyDocuments } from './20261208T0201-policy-documents.js';
import { policyListed } from './20261209T0301-policy-listed.js';
import { consultations } from './20261209T0401-consultations.js';
import { visitStats } from './20261209T0501-visit-stats.js';
import { articleRelays } from './20261209T0601-article-relays.js';
import { searchHeads } from './20261209T0602-search-heads.js';

/** Every migration in order (the migrator runs them in name order; keep this list in the same order). Landed migrations are never edited: add a new file instead. */
export const migrations: readonly GazetteMigration[] = [
  initial,
  accounts,
  auditAndRevisions,
  workflow,
  imports,
  media,
  search,
  display,
  adminLists,
  servingIndexes,
  checkTerms,
  searchTitles,
  portal,
  coverInBody,
  corrections,
  mediaVisibility,
  calendarDepartments,
  disclosureRequests,
  abuse,
  interact,
  columnUpdateClass,
  inspectionRuns,
  availabilityProbes,
  siteStatus,
  searchBySite,
  datePrecision,
  searchSynonyms,
  policyDocuments,
  policyListed,
  consultations,
  visitStats,
  articleRelays,
  searchHeads,
];
