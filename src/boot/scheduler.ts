import type { FastifyBaseLogger } from 'fastify';
import {
  disableDormantAccounts,
  publishDueArticles,
  dailyRunKey,
  purgeExpiredPersonalData,
  recordAvailabilityProbe,
  runDailyInspections,
  systemPrincipal,
  type AppDeps,
  type DeadLink,
  type DistributionTargetState,
} from '../app/index.js';
import { checkLinks, probeUrl, type ProbeOptions } from '../linkcheck/index.js';
import { createHttpServer, type Gazette } from './gazette.js';

export interface ScheduledTask {
  readonly name: string;
  readonly everyMs: number;
  /** Its run at start goes on beside the start instead of before it (long work: the self-check). */
  readonly startInBackground?: boolean;
  run(deps: AppDeps): Promise<unknown>;
}

export interface Scheduler {
  /** Runs every task once now (due items are published at start), then on its interval. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * Runs periodic work in this process. Every task must be safe when several processes run it at once
 * (publishing due articles is: each publication is a version-guarded transaction, so it happens once).
 */
export function createScheduler(
  deps: AppDeps,
  tasks: readonly ScheduledTask[],
  log: FastifyBaseLogger,
): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  const runTask = async (task: ScheduledTask): Promise<void> => {
    if (running.has(task.name)) return; // the previous run is still going
    running.add(task.name);
    try {
      await task.run(deps);
    } catch (error) {
      log.error({ err: error, task: task.name }, 'scheduled task failed');
    } finally {
      running.delete(task.name);
    }
  };
  return {
    async start() {
      for (const task of tasks) {
        if (task.startInBackground) void runTask(task);
        else await runTask(task);
      }
      for (const task of tasks) {
        const timer = setInterval(() => void runTask(task), task.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}

export const publishDueTask = (everyMs = 15_000): ScheduledTask => ({
  name: 'publish-due-articles',
  everyMs,
  run: (deps) => publishDueArticles(deps),
});

/** 等保: accounts unused for the configured number of days are disabled (checked at start and every 6 hours). */
export const disableDormantTask: ScheduledTask = {
  name: 'disable-dormant-accounts',
  everyMs: 6 * 60 * 60 * 1000,
  run: (deps) => disableDormantAccounts(deps, deps.clock.now()),
};

/** The daily run's link crawl: bounded, and gentle on the site and on the hosts it links to. */
export interface DailyLinkCrawl {
  /** Internal pages crawled at most. */
  readonly maxPages: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Also check links to other sites. */
  readonly external: boolean;
  readonly fetch?: typeof fetch;
}

export const DAILY_LINK_CRAWL: DailyLinkCrawl = {
  maxPages: 5_000,
  concurrency: 2,
  timeoutMs: 10_000,
  external: true,
};

/**
 * 自查: the day's self-check of every site, kept for the dashboard's trend. Asked every hour; each site's run
 * of a day is taken by one process of the installation only (the run key is unique per site and day). Pages
 * are read through a server of their own that counts no views, made only when a site still needs its run;
 * the site that server answers on loopback (the first) gets its links crawled too (dead links, bounded and
 * two requests at a time; `crawl: null` turns the crawl off).
 */
export const dailyInspectionTask = (
  gazette: Gazette,
  options: {
    readonly everyMs?: number;
    readonly crawl?: DailyLinkCrawl | null;
    /** The distribution targets' state (read by the CLI, which alone may read the distribution journal). */
    readonly distribution?: () => Promise<readonly DistributionTargetState[] | null>;
  } = {},
): ScheduledTask => ({
  name: 'daily-inspection',
  everyMs: options.everyMs ?? 60 * 60 * 1000,
  startInBackground: true,
  async run(deps) {
    const today = dailyRunKey(deps.clock.now());
    const sites = await deps.store.sites.list();
    const pending: number[] = [];
    for (const site of sites) {
      const [last] = await deps.store.inspections.list(site.id, 1);
      if (last?.runKey !== today) pending.push(site.id);
    }
    if (pending.length === 0) return 0;
    const crawl = options.crawl === undefined ? DAILY_LINK_CRAWL : options.crawl;
    const distribution = options.distribution ? await options.distribution().catch(() => null) : null;
    const server = await createHttpServer(gazette, { countViews: false, shedLoad: false });
    try {
      const first = sites[0];
      let deadLinks: readonly DeadLink[] | null = null;
      if (crawl && first && pending.includes(first.id)) {
        await server.listen({ host: '127.0.0.1', port: 0 });
        const address = server.server.address();
        if (address !== null && typeof address !== 'string') {
          const report = await checkLinks({
            base: `http://127.0.0.1:${address.port}/`,
            sameSite: [first.baseUrl, ...first.hosts.flatMap((h) => [`https://${h}`, `http://${h}`])],
            external: crawl.external,
            timeoutMs: crawl.timeoutMs,
            concurrency: crawl.concurrency,
            maxPages: crawl.maxPages,
            ...(crawl.fetch ? { fetch: crawl.fetch } : {}),
          });
          deadLinks = report.problems;
        }
      }
      return await runDailyInspections(deps, (siteId) => ({
        fetchPage: async (path) => {
          const site = sites.find((s) => s.id === siteId);
          const host = site?.hosts[0] ?? (site ? new URL(site.baseUrl).host : 'localhost');
          const response = await server.inject({ method: 'GET', url: path, headers: { host } });
          return { status: response.statusCode, html: response.body };
        },
        ...(siteId === first?.id && deadLinks !== null ? { deadLinks } : {}),
        distribution,
      }));
    } finally {
      await server.close();
    }
  },
});

/**
 * Personal data past its site's retention period is deleted by each module's registered purge (and spent
 * anti-abuse counters with it); hourly. Safe in several processes: a purge deletes what is expired, twice is once.
 */
export const purgePersonalDataTask: ScheduledTask = {
  name: 'purge-personal-data',
  everyMs: 60 * 60 * 1000,
  run: (deps) => purgeExpiredPersonalData(deps, deps.clock.now()),
};

/** Probes a day from the monitor of `gazette start --monitor URL`: 24, above the inspectors' 20. */
export const MONITOR_EVERY_MS = 60 * 60 * 1000;

/**
 * 可用性监测 from the server itself (`gazette start --monitor URL`): the page is fetched every hour as the
 * inspectors' monitors do (status, time to first byte and to the whole page, TLS expiry, DNS answer) and kept
 * for the self-check's availability veto of the site whose host the URL names (or the first site). The first
 * probe is one interval after start: at start the server is not listening yet. Runs in one process only
 * (the one that runs the scheduled tasks); a probe is recorded whatever its outcome.
 */
export function availabilityMonitorTask(
  url: string,
  everyMs = MONITOR_EVERY_MS,
  probe: Pick<ProbeOptions, 'resolve' | 'insecureTls' | 'timeoutMs'> = {},
): ScheduledTask {
  let first = true;
  return {
    name: 'availability-monitor',
    everyMs,
    async run(deps) {
      if (first) {
        first = false;
        return null;
      }
      const host = new URL(url).hostname.toLowerCase();
      const sites = await deps.store.sites.list();
      const site =
        sites.find(
          (s) => s.hosts.includes(host) || (URL.canParse(s.baseUrl) && new URL(s.baseUrl).hostname === host),
        ) ?? sites[0];
      if (!site) return null;
      const at = deps.clock.now();
      const result = await probeUrl(url, probe);
      // Dated by the installation's clock, the one the self-check reads the week of probes by.
      return recordAvailabilityProbe(deps, systemPrincipal('monitor'), { siteId: site.id, ...result, at });
    },
  };
}
