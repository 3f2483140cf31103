import type { FastifyBaseLogger } from 'fastify';
import {
  disableDormantAccounts,
  publishDueArticles,
  purgeExpiredPersonalData,
  type AppDeps,
} from '../app/index.js';

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
 * Personal data past its site's retention period is deleted by each module's registered purge (and spent
 * anti-abuse counters with it); hourly. Safe in several processes: a purge deletes what is expired, twice is once.
 */
export const purgePersonalDataTask: ScheduledTask = {
  name: 'purge-personal-data',
  everyMs: 60 * 60 * 1000,
  run: (deps) => purgeExpiredPersonalData(deps, deps.clock.now()),
};
