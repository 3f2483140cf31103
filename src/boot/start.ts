import cluster from 'node:cluster';
import type { Config } from '../config/index.js';
import { databasePrepared, runPrimary, workerNumber } from './cluster.js';
import type { Gazette, OpenOptions, PreparedAccounts } from './gazette.js';

/**
 * `gazette start`: one server process, or with `--workers N` a primary that forks N workers, each serving the
 * same port. This module is the light entry of boot: the primary forks its workers before anything heavy is
 * loaded (they load in parallel), so the rest of boot is imported when a process needs it.
 */
const boot = () => import('./index.js');

const openGazette = async (config: Config, options?: OpenOptions): Promise<Gazette> =>
  (await boot()).openGazette(config, options);

/** Migrations (done by opening), the demo when the database is empty, and the accounts' first run. */
async function prepareDatabase(gazette: Gazette): Promise<PreparedAccounts> {
  if (gazette.config.demo) {
    const demo = await (await boot()).ensureDemo(gazette);
    if (demo) {
      console.log(
        `Loaded the demo portal “${demo.site.name}”: ${demo.columns} columns, ${demo.articles} articles, ${demo.series} series.`,
      );
    }
  }
  const accounts = await (await boot()).prepareAccounts(gazette);
  for (const user of accounts.disabled) {
    console.log(`Disabled ${user.username}: no sign-in for ${gazette.config.dormantDays} days.`);
  }
  return accounts;
}

/** The lines an operator reads once Gazette answers. */
function announce(
  config: Config,
  port: number,
  location: string,
  started: number,
  accounts: PreparedAccounts | null,
  workers = 1,
): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const processes = workers > 1 ? `; ${workers} worker processes` : '';
  console.log(
    `Gazette is serving http://${shownHost}:${port}/  (database: ${location}${processes}; ready in ${Math.round(performance.now() - started)} ms)`,
  );
  if (accounts?.firstAdmin) {
    const { username, password } = accounts.firstAdmin;
    console.log(
      `Admin account: ${username}  password: ${password}  (one-time: change it and enrol TOTP at first sign-in; admin API: http://${shownHost}:${port}/admin/api/openapi.json)`,
    );
  }
  console.log('Press Ctrl+C to stop.');
}

/**
 * `start --workers N`: forks the workers at once, prepares the database while they load their code, lets
 * them open it, and waits for them.
 */
function startPrimary(config: Config, started: number): Promise<number> {
  let prepared: { readonly accounts: PreparedAccounts; readonly location: string } | undefined;
  const preparing = (async () => {
    const gazette = await openGazette(config);
    try {
      prepared = { accounts: await prepareDatabase(gazette), location: gazette.database.location };
    } finally {
      await gazette.close();
    }
    if (config.publishDir) console.log(`Publishing static files to ${config.publishDir}`);
  })();
  return runPrimary({
    workers: config.workers,
    prepared: preparing,
    heapMb: config.workerHeapMb,
    log: (line) => console.error(line),
    // Workers listen only once the database is prepared: `prepared` is set by then.
    onListening: ({ port }) =>
      announce(config, port, prepared?.location ?? '', started, prepared?.accounts ?? null, config.workers),
  });
}

/**
 * Serves Gazette until a signal stops it: the HTTP server, and in one process only (the single process or
 * worker 1) the static publisher, the distribution of its output and the scheduler. `started` is when the
 * command began (the ready line says how long it took). Resolves only for a primary whose workers all stopped.
 */
export async function startGazette(config: Config, started: number): Promise<number> {
  if (config.workers > 1 && cluster.isPrimary) return startPrimary(config, started);
  const worker = workerNumber();
  const {
    createWorkerChangeFeed,
    startPublisher,
    startDistribution,
    createHttpServer,
    createScheduler,
    publishDueTask,
    disableDormantTask,
    dailyInspectionTask,
    purgePersonalDataTask,
    availabilityMonitorTask,
    distributionReader,
  } = await boot();
  // A worker loads its code while the primary prepares the database, then waits for it.
  if (worker !== null) await databasePrepared();
  // Workers on SQLite hear each other's content events through the primary; PostgreSQL has its own feed.
  const gazette = await openGazette(
    config,
    worker !== null && !config.databaseUrl ? { changeFeed: createWorkerChangeFeed } : {},
  );
  // In a cluster the primary has prepared the database already.
  const accounts = worker === null ? await prepareDatabase(gazette) : null;
  const server = await createHttpServer(gazette);
  // Background work runs once: in the single process, or in worker 1.
  const background = worker === null || worker === 1;
  // Static output kept current on every publish (after a full build when the directory has none yet).
  const publishing =
    background && config.publishDir
      ? await startPublisher(gazette, config.publishDir, (line: string) => server.log.error(line))
      : null;
  if (config.publishDir && worker === null) console.log(`Publishing static files to ${config.publishDir}`);
  // Each publish then goes to the configured distribution targets (docs/deploy.md).
  const distributing =
    publishing && config.publishDir
      ? await startDistribution(gazette, config.publishDir, publishing.publisher, (line: string) =>
          server.log.error(line),
        )
      : null;
  // Due scheduled articles are published now (they may have come due while the server was down), then
  // every few seconds; with several processes each article is still published exactly once.
  const scheduler = background
    ? createScheduler(
        gazette.deps,
        [
          publishDueTask(config.schedulerIntervalMs),
          disableDormantTask,
          purgePersonalDataTask,
          dailyInspectionTask(gazette, { distribution: distributionReader(gazette) }),
          ...(config.monitorUrl ? [availabilityMonitorTask(config.monitorUrl)] : []),
        ],
        server.log,
      )
    : null;
  await scheduler?.start();
  const stop = async (signal: string) => {
    if (worker === null) console.log(`\n${signal}: stopping Gazette…`);
    scheduler?.stop();
    publishing?.stop();
    distributing?.stop();
    await server.close();
    await gazette.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // A worker whose primary is gone has nobody to relay its events: it stops too.
  if (worker !== null) process.once('disconnect', () => void stop('disconnect'));
  await server.listen({ port: config.port, host: config.host });
  if (worker !== null) return new Promise<number>(() => undefined);
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  announce(config, port, gazette.database.location, started, accounts);
  return new Promise<number>(() => undefined);
}
