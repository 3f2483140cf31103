import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createStaticPublisher, type StaticPublisher } from '../publish/index.js';
import type { Distributor } from '../distribute/index.js';
import type { DistributionTargetState } from '../app/index.js';
import type { Gazette } from './gazette.js';

/** The distribution module, loaded when an installation has targets. */
const load = () => import('../distribute/index.js');

/** Full builds render on every core: worker threads open the same database and theme directory. */
export const buildWorkersOf = (gazette: Gazette) => ({
  count: availableParallelism(),
  database: { dataDir: gazette.config.dataDir, url: gazette.config.databaseUrl },
  themeDir: gazette.config.themeDir,
});

/**
 * `gazette start --publish-to DIR`: a full build when DIR has none, then every content event of the
 * change feed (this process's and, on PostgreSQL, other processes') updates exactly the affected files.
 */
export async function startPublisher(
  gazette: Gazette,
  dir: string,
  log: (line: string) => void,
): Promise<{ readonly publisher: StaticPublisher; stop(): void }> {
  const publisher = await createStaticPublisher({
    store: gazette.deps.store,
    theme: gazette.theme,
    clock: gazette.deps.clock,
    out: dir,
    mediaDir: join(gazette.config.dataDir, 'media'),
    searchUrl: gazette.config.publishSearchUrl,
    workers: buildWorkersOf(gazette),
  });
  const report = (error: unknown) =>
    log(`static publishing failed: ${error instanceof Error ? error.message : String(error)}`);
  const unsubscribe = gazette.feed.subscribe(
    (event) => void publisher.apply(event).catch(report),
    // Events may have been lost: only a full build is sure to be right.
    () => void publisher.rebuild().catch(report),
  );
  return { publisher, stop: unsubscribe };
}

/**
 * `gazette start --publish-to DIR` with targets configured: after the publisher has applied each content
 * event, the changes go to every target; failed targets are retried on their back-off timers.
 */
export async function startDistribution(
  gazette: Gazette,
  dir: string,
  publisher: StaticPublisher,
  log: (line: string) => void,
): Promise<{ readonly distributor: Distributor; stop(): void } | null> {
  const { configFileOf, createDistributor, keyFileOf, loadDistributeConfig, loadKeyRing } = await load();
  const config = loadDistributeConfig(configFileOf(gazette.config.dataDir));
  if (config.targets.length === 0) return null;
  const distributor = createDistributor({
    source: dir,
    config,
    // The signing keys: GAZETTE_DISTRIBUTE_KEY_FILE, else the configuration's keyFile (docs/deploy.md).
    keys: loadKeyRing(keyFileOf(config.keyFile)),
    log,
    retryTimers: true,
  });
  let running = false;
  let again = false;
  const kick = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await publisher.idle();
        await distributor.run();
      } while (again);
    } finally {
      running = false;
    }
  };
  const report = (error: unknown) =>
    log(`distribution failed: ${error instanceof Error ? error.message : String(error)}`);
  void kick().catch(report);
  const unsubscribe = gazette.feed.subscribe(
    () => void kick().catch(report),
    () => void kick().catch(report),
  );
  // The admin's view of the targets, and its retry button, in this process.
  gazette.deps.distribution?.attach({
    status: () => distributor.status(),
    run: async (target) => {
      await publisher.idle();
      return distributor.run({ ...(target ? { target } : {}), force: true });
    },
  });
  return {
    distributor,
    stop() {
      gazette.deps.distribution?.attach(null);
      unsubscribe();
      distributor.stop();
    },
  };
}

/**
 * The state of the installation's distribution targets (`distribute.json` beside the data, the journal in the
 * static output), or null when it distributes nothing. A configuration that does not read is reported by
 * `gazette distribute status`; the self-check then leaves the rule unchecked.
 */
export function distributionReader(
  gazette: Gazette,
  now?: string,
): () => Promise<readonly DistributionTargetState[] | null> {
  return async () => {
    const dir = gazette.config.publishDir;
    if (!dir || !existsSync(dir)) return null;
    const { configFileOf, loadDistributeConfig, readDistributionStatus } = await load();
    const file = configFileOf(gazette.config.dataDir);
    if (!existsSync(file)) return null;
    try {
      const config = loadDistributeConfig(file);
      if (config.targets.length === 0) return null;
      return readDistributionStatus(dir, config, now ? new Date(now) : new Date()).map((t) => ({
        name: t.name,
        type: t.type,
        lagMs: t.lagMs,
        failures: t.failures,
        lastSuccessAt: t.lastSuccessAt,
        lastError: t.lastError,
      }));
    } catch {
      return null;
    }
  };
}
