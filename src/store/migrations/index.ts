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
import { policyDocuments } from './20261208T0201-policy-documents.js';

/** Every migration in order. Landed migrations are never edited: add a new file instead. */
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
  policyDocuments,
];
