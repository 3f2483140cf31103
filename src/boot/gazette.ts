import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { noEvents, systemClock, type AppDeps, type Clock, type MediaStore } from '../app/index.js';
import type { Config } from '../config/index.js';
import { GazetteError } from '../core/index.js';
import { loadDemo, type DemoSummary } from '../demo/load-demo.js';
import { loadTheme, type Theme } from '../render/index.js';
import { buildServer } from '../server/index.js';
import {
  createLocalMediaStore,
  createStore,
  migrateToLatest,
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
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly clock?: Clock;
  /** Use this database instead of opening the one in the data directory (tests). */
  readonly database?: OpenedDatabase;
}

/** Opens the database, runs pending migrations, and wires the services. */
export async function openGazette(config: Config, options: OpenOptions = {}): Promise<Gazette> {
  const database = options.database ?? openSqlite(config.dataDir);
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
    const deps: AppDeps = {
      store: createStore(database.db),
      clock: options.clock ?? systemClock,
      events: noEvents,
    };
    const theme = loadTheme(config.themeDir);
    const media = createLocalMediaStore(join(config.dataDir, 'media'));
    return { config, deps, media, theme, database, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Loads the demo site when the database holds no site yet; returns what it loaded, or null. */
export async function ensureDemo(gazette: Gazette): Promise<DemoSummary | null> {
  if ((await gazette.deps.store.sites.list()).length > 0) return null;
  return loadDemo(gazette.deps, gazette.media);
}

export async function createHttpServer(gazette: Gazette): Promise<FastifyInstance> {
  return buildServer({
    deps: gazette.deps,
    theme: gazette.theme,
    mediaDir: join(gazette.config.dataDir, 'media'),
    logLevel: gazette.config.logLevel,
    trustProxy: gazette.config.trustProxy,
  });
}
