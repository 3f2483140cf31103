import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  createAntiAbuse,
  createDistributionSlot,
  createListCounts,
  createSiteContexts,
  createViewCounter,
  createVisitCounter,
  defaultPolicy,
  disableDormantAccounts,
  ensureFirstAdmin,
  ensureSearchIndex,
  openPersonalDataVault,
  pagesAffectedBy,
  readChallengeSecret,
  systemClock,
  type AppDeps,
  type ChangeFeed,
  type Clock,
  siteReader,
  type MediaStore,
} from '../app/index.js';
import type { Config } from '../config/index.js';
import { GazetteError, type User } from '../core/index.js';
import { loadDemo, type DemoSummary } from '../demo/index.js';
import { processImage } from '../media/index.js';
import { createMailer } from '../notify/index.js';
import { loadTheme, type Theme } from '../render/index.js';
import { buildServer, createPageCache, invalidateFor, type WorkLimits } from '../server/index.js';
import {
  createLocalMediaStore,
  createStore,
  migrateToLatest,
  openPostgres,
  openSqlite,
  type OpenedDatabase,
} from '../store/index.js';

/** The composition root: one place that builds the database, repositories, services and server. */
export interface Gazette {
  readonly config: Config;
  readonly deps: AppDeps;
  readonly media: MediaStore;
  readonly theme: Theme;
  readonly database: OpenedDatabase;
  /** Content events of every process on the database; subscribe to invalidate caches. */
  readonly feed: ChangeFeed;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly clock?: Clock;
  /** Use this database instead of opening the one in the data directory (tests). */
  readonly database?: OpenedDatabase;
  /**
   * The feed of content events between processes, instead of the database's own (in-process on SQLite,
   * LISTEN/NOTIFY on PostgreSQL): a cluster worker on SQLite uses the primary's relay.
   */
  readonly changeFeed?: (report: (error: unknown) => void) => ChangeFeed;
}

/** Opens the database, runs pending migrations, and wires the services. */
export async function openGazette(config: Config, options: OpenOptions = {}): Promise<Gazette> {
  // Trouble no request is waiting for (an idle connection dropped, a feed reconnecting): one line, no stack.
  const report = (error: unknown) => {
    if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
    console.error(`gazette: database: ${error instanceof Error ? error.message : String(error)}`);
  };
  // The data directory first: one that cannot be made fails before any database is touched.
  const media = createLocalMediaStore(join(config.dataDir, 'media'));
  const database =
    options.database ??
    (config.databaseUrl
      ? await openPostgres(config.databaseUrl, { onError: report })
      : openSqlite(config.dataDir));
  let feed: ChangeFeed | undefined;
  try {
    const result = await migrateToLatest(database.db, database.dialect);
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new GazetteError(
        'GZ_CONFIG_INVALID',
        `migration ${failed} failed in ${database.location}`,
        {},
        {
          cause: result.error,
        },
      );
    }
    const store = createStore(database.db, database.dialect);
    const clock = options.clock ?? systemClock;
    const deps: AppDeps = {
      media: { files: media, limits: config.media, images: { process: processImage } },
      store,
      clock,
      personalData: openPersonalDataVault(config.piiKeyFile),
      antiAbuse: createAntiAbuse({
        secret: readChallengeSecret(join(config.dataDir, 'challenge.key')),
        counters: store.abuse,
        policy: {
          perAddress: { limit: config.formLimits.perAddress, windowSeconds: 600 },
          perBucket: { limit: config.formLimits.perForm, windowSeconds: 60 },
        },
        now: () => Date.parse(clock.now()),
      }),
      mailer: createMailer({ url: config.smtpUrl, from: config.smtpFrom }),
      distribution: createDistributionSlot(),
      // Events are emitted after commit; the feed hands them to every process, this one included.
      events: { emit: (event) => void feed?.publish(event).catch(report) },
      policy: {
        ...defaultPolicy,
        lockoutAttempts: config.lockoutAttempts,
        lockoutMinutes: config.lockoutMinutes,
        sessionIdleMinutes: config.sessionIdleMinutes,
        sessionMaxHours: config.sessionMaxHours,
        dormantDays: config.dormantDays,
        minorEditsToFinalLevel: config.minorEditsToFinalLevel,
      },
    };
    // Search: an index built by an older analysis (or none yet, e.g. after upgrading) is rebuilt once.
    await ensureSearchIndex(deps);
    const theme = loadTheme(config.themeDir);
    const opened = options.changeFeed ? options.changeFeed(report) : await database.openChangeFeed(report);
    feed = opened;
    const close = async () => {
      await opened.close();
      await database.close();
    };
    return { config, deps, media, theme, database, feed: opened, close };
  } catch (error) {
    await feed?.close();
    await database.close();
    throw error;
  }
}

/** Loads the demo site when the database holds no site yet; returns what it loaded, or null. */
export async function ensureDemo(gazette: Gazette): Promise<DemoSummary | null> {
  if ((await gazette.deps.store.sites.list()).length > 0) return null;
  return loadDemo(gazette.deps, gazette.media);
}

/**
 * Account housekeeping at start: disables dormant accounts and, on an installation without any account,
 * creates the first administrator. Returns its one-time password (to print once), or null.
 */
export interface PreparedAccounts {
  readonly firstAdmin: { readonly username: string; readonly password: string } | null;
  readonly disabled: readonly User[];
}

export async function prepareAccounts(gazette: Gazette): Promise<PreparedAccounts> {
  const disabled = await disableDormantAccounts(gazette.deps, gazette.deps.clock.now());
  const firstAdmin = await ensureFirstAdmin(gazette.deps);
  return { firstAdmin, disabled };
}

/** Searches started per turn: on SQLite one (a search never waits for I/O), on PostgreSQL a few. */
function searchLimitsOf(config: Config): { searchLimits?: WorkLimits } {
  const running = config.searchConcurrency ?? (config.databaseUrl ? 4 : 1);
  if (running === 0) return {};
  return {
    searchLimits: {
      maxRunning: running,
      maxQueued: config.searchQueue,
      maxWaitMs: 5000,
      retryAfterSeconds: 5,
    },
  };
}

/**
 * The HTTP server with its page cache. Every content event from the change feed (from this process or, on
 * PostgreSQL, any other) drops the cached pages it affects; a feed that lost events drops everything.
 */
export async function createHttpServer(
  gazette: Gazette,
  options: {
    readonly countViews?: boolean;
    /**
     * Refuse requests while the event loop lags (the configured load shedding; default true). A server that
     * only Gazette's own crawl reads (the link check, the self-check) turns it off: the crawl bounds itself,
     * and shares the loop with the work that reads its answers.
     */
    readonly shedLoad?: boolean;
  } = {},
): Promise<FastifyInstance> {
  const cache =
    gazette.config.pageCacheBytes > 0 ? createPageCache(gazette.config.pageCacheBytes) : undefined;
  // A crawl by Gazette itself (the link check) must not count as readers' page views.
  const views = options.countViews === false ? null : createViewCounter(gazette.deps);
  const visits =
    options.countViews === false || gazette.config.visitStats === false
      ? null
      : createVisitCounter(gazette.deps);
  // Kept whether or not pages are cached: every rendered page needs them.
  const siteContexts = createSiteContexts(gazette.deps.store);
  const listCounts = createListCounts(gazette.deps.store);
  const server = await buildServer({
    ...(views ? { views } : {}),
    ...(visits ? { visits } : {}),
    siteContexts,
    reader: siteReader(listCounts),
    deps: gazette.deps,
    theme: gazette.theme,
    mediaDir: join(gazette.config.dataDir, 'media'),
    logLevel: gazette.config.logLevel,
    trustProxy: gazette.config.trustProxy,
    ...(cache ? { cache } : {}),
    adminHost: gazette.config.adminHost,
    ...(options.shedLoad !== false && gazette.config.shedLagMs > 0
      ? { loadShedding: { maxLagMs: gazette.config.shedLagMs } }
      : {}),
    ...searchLimitsOf(gazette.config),
  });
  // Counts are written every 10 s, off the page path.
  for (const counter of [views, visits]) {
    if (!counter) continue;
    const flushing = setInterval(
      () => void counter.flush().catch((error: unknown) => server.log.warn({ err: error })),
      10_000,
    );
    flushing.unref();
    server.addHook('onClose', async () => {
      clearInterval(flushing);
      await counter.flush().catch(() => undefined);
    });
  }
  const unsubscribeContexts = gazette.feed.subscribe(
    (event) => {
      siteContexts.invalidate(event);
      listCounts.invalidate(event);
    },
    () => {
      siteContexts.invalidate();
      listCounts.invalidate();
    },
  );
  server.addHook('onClose', (_instance, done) => {
    unsubscribeContexts();
    done();
  });
  if (cache) {
    // Each process works out from the database which pages an event changed and drops only those.
    const affected = pagesAffectedBy(gazette.deps.store);
    const unsubscribe = gazette.feed.subscribe(
      (event) =>
        void invalidateFor(cache, affected, event, (error) =>
          server.log.warn({ err: error }, 'page cache: planning failed, dropped the site'),
        ),
      () => cache.clear(),
    );
    server.addHook('onClose', (_instance, done) => {
      unsubscribe();
      done();
    });
  }
  return server;
}
