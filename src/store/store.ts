import type { Kysely } from 'kysely';
import type { Store } from '../app/ports.js';
import { createArticleRepo } from './article-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createCheckTermRepo } from './check-term-repo.js';
import { createColumnRepo } from './column-repo.js';
import { createImportRepo } from './import-repo.js';
import { createMediaRepo } from './media-repo.js';
import { createSearchRepo } from './search-repo.js';
import { createRevisionRepo } from './revision-repo.js';
import type { Database } from './schema.js';
import { createSeriesRepo } from './series-repo.js';
import { createSessionRepo } from './session-repo.js';
import { createSiteRepo } from './site-repo.js';
import { createUserRepo } from './user-repo.js';

/** Repositories bound to `db`, which is either the pool or one open transaction. */
export function createStore(db: Kysely<Database>): Store {
  const store: Store = {
    sites: createSiteRepo(db),
    columns: createColumnRepo(db),
    articles: createArticleRepo(db),
    series: createSeriesRepo(db),
    audit: createAuditRepo(db),
    revisions: createRevisionRepo(db),
    imports: createImportRepo(db),
    checkTerms: createCheckTermRepo(db),
    media: createMediaRepo(db),
    search: createSearchRepo(db),
    users: createUserRepo(db),
    sessions: createSessionRepo(db),
    transaction: (work) =>
      db.isTransaction
        ? work(store) // already inside one: join it
        : db.transaction().execute((trx) => work(createStore(trx))),
  };
  return store;
}
