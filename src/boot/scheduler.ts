import type { FastifyBaseLogger } from 'fastify';
import {
  disableDormantAccounts,
  publishDueArticles,
  dailyRunKey,
  purgeExpiredPersonalData,
  runDailyInspections,
  type AppDeps,
} from '../app/index.js';
import { createHttpServer, type Gazette } from './gazette.js';

export interface ScheduledTask {
  readonly name: string;
  readonly everyMs: number;
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
      for (const task of tasks) await runTask(task);
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

/**
 * 自查: the day's self-check of every site, kept for the dashboard's trend. Asked every hour; each site's run
 * of a day is taken by one process of the installation only (the run key is unique per site and day). Pages
 * are read through a server of their own that counts no views, made only when a site still needs its run.
 */
export const dailyInspectionTask = (gazette: Gazette, everyMs = 60 * 60 * 1000): ScheduledTask => ({
  name: 'daily-inspection',
  everyMs,
  async run(deps) {
    const today = dailyRunKey(deps.clock.now());
    const sites = await deps.store.sites.list();
    const pending: number[] = [];
    for (const site of sites) {
      const [last] = await deps.store.inspections.list(site.id, 1);
      if (last?.runKey !== today) pending.push(site.id);
    }
    if (pending.length === 0) return 0;
    const server = await createHttpServer(gazette, { countViews: false, shedLoad: false });
    try {
      return await runDailyInspections(deps, (siteId) => ({
        fetchPage: async (path) => {
          const site = sites.find((s) => s.id === siteId);
          const host = site?.hosts[0] ?? (site ? new URL(site.baseUrl).host : 'localhost');
          const response = await server.inject({ method: 'GET', url: path, headers: { host } });
          return { status: response.statusCode, html: response.body };
        },
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
