import type { Kysely } from 'kysely';
import type { Store } from '../app/index.js';
import { GazetteError } from '../core/index.js';
import { createAbuseCounterRepo } from './abuse-repo.js';
import { createArticleRepo } from './article-repo.js';
import { createInteractRepo } from './interact-repo.js';
import { createConsultationRepo } from './consultation-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createCalendarRepo, createDepartmentRepo } from './calendar-repo.js';
import { createCheckTermRepo } from './check-term-repo.js';
import { createColumnRepo } from './column-repo.js';
import { createDisclosureRepo } from './disclosure-repo.js';
import { createImportRepo } from './import-repo.js';
import { createInspectionRepo } from './inspection-repo.js';
import { createVisitRepo } from './visit-repo.js';
import { createMediaRepo } from './media-repo.js';
import { createPolicyRepo } from './policy-repo.js';
import { createSearchRepo } from './search-repo.js';
import { createSearchSynonymRepo } from './search-synonym-repo.js';
import { createRelayRepo } from './relay-repo.js';
import { createRevisionRepo } from './revision-repo.js';
import type { DialectAdapter } from './dialect.js';
import type { Database } from './schema.js';
import { createSeriesRepo } from './series-repo.js';
import { createSessionRepo } from './session-repo.js';
import { createSiteRepo } from './site-repo.js';
import { createUserRepo } from './user-repo.js';

/**
 * Repositories bound to `db`, which is either the pool or one open transaction. With the `dialect`, a
 * transaction that breaks a uniqueness rule (two people creating the same username or column path at the
 * same moment: each checked first, both found it free) fails as GZ_SAVE_CONFLICT, a 409 asking to try again,
 * instead of a database error; trying again then meets the use case's own check and its precise message.
 */
export function createStore(db: Kysely<Database>, dialect?: DialectAdapter): Store {
  const store: Store = {
    sites: createSiteRepo(db),
    columns: createColumnRepo(db),
    articles: createArticleRepo(db),
    series: createSeriesRepo(db),
    audit: createAuditRepo(db),
    revisions: createRevisionRepo(db),
    imports: createImportRepo(db),
    checkTerms: createCheckTermRepo(db),
    searchSynonyms: createSearchSynonymRepo(db),
    relays: createRelayRepo(db),
    media: createMediaRepo(db),
    inspections: createInspectionRepo(db, dialect),
    visits: createVisitRepo(db),
    policies: createPolicyRepo(db),
    search: createSearchRepo(db),
    users: createUserRepo(db),
    sessions: createSessionRepo(db),
    abuse: createAbuseCounterRepo(db),
    interact: createInteractRepo(db),
    consultations: createConsultationRepo(db),
    calendar: createCalendarRepo(db),
    departments: createDepartmentRepo(db),
    disclosure: createDisclosureRepo(db),
    transaction: async (work) => {
      if (db.isTransaction) return work(store); // already inside one: join it
      try {
        return await db.transaction().execute((trx) => work(createStore(trx, dialect)));
      } catch (error) {
        // A uniqueness rule broken by a concurrent writer, or (SQLite) a write lock another process took
        // between this transaction's read and its write: either way, someone saved first; try again.
        if (dialect?.isUniqueViolation(error) || dialect?.isBusy(error))
          throw new GazetteError('GZ_SAVE_CONFLICT', undefined, {}, { cause: error });
        if (dialect?.isStorageFull(error)) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new GazetteError('GZ_STORAGE_FULL', detail, {}, { cause: error });
        }
        throw error;
      }
    },
  };
  return store;
}
