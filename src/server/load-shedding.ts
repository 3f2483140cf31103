import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorSpec } from '../core/index.js';

/**
 * What keeps a flood from starving everyone: expensive work (searches, uncached renders) runs a few at a
 * time with a bounded queue, and while the event loop lags it is refused at once with 503 and Retry-After.
 * Cached pages are never refused: serving one costs about what refusing it would.
 */

/**
 * Bounds the work done at once: a few run, a bounded queue waits, and the rest are refused at once, so
 * that a flood costs a fixed amount of memory and time per turn of the event loop instead of a growing one.
 */
export interface WorkLimiter {
  /** Resolves true when the caller may work (and must `release` afterwards), false when refused. */
  acquire(): Promise<boolean> | boolean;
  release(): void;
  readonly retryAfterSeconds: number;
  readonly running: number;
  readonly queued: number;
}

export interface WorkLimits {
  readonly maxRunning: number;
  readonly maxQueued: number;
  /** A request that waited this long in the queue is refused rather than served late. */
  readonly maxWaitMs: number;
  readonly retryAfterSeconds: number;
}

export function createWorkLimiter(limits: WorkLimits): WorkLimiter {
  let running = 0;
  const queue: { resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];
  // Work starts at the next turn of the event loop, never in the turn that admitted it. On SQLite a
  // search or a render never waits for I/O: started at once, each request read would run to its end before
  // the next is read, so a turn would do the work of every connection, however small the limit, and a new
  // connection would wait for all of it. Deferred, a turn does at most `maxRunning` of them.
  const start = (resolve: (ok: boolean) => void) => setImmediate(() => resolve(true));
  return {
    acquire() {
      if (running < limits.maxRunning) {
        running++;
        return new Promise<boolean>(start);
      }
      if (queue.length >= limits.maxQueued) return false;
      return new Promise<boolean>((resolve) => {
        const waiter = {
          resolve,
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(waiter), 1);
            resolve(false);
          }, limits.maxWaitMs),
        };
        queue.push(waiter);
      });
    },
    release() {
      const next = queue.shift();
      if (!next) {
        running--;
        return;
      }
      clearTimeout(next.timer);
      start(next.resolve); // the slot passes on, at the next turn
    },
    retryAfterSeconds: limits.retryAfterSeconds,
    get running() {
      return running;
    },
    get queued() {
      return queue.length;
    },
  };
}

export interface LoadSheddingOptions {
  /** Event-loop delay (ms) past which expensive work is refused. */
  readonly maxLagMs: number;
  /** How often the delay is read. */
  readonly sampleMs?: number;
  /** How long expensive work stays refused after a lagging sample. */
  readonly holdMs?: number;
  /**
   * How long after start lag is not acted on: starting the server (preparing the database, compiling the
   * theme) and the first renders (code not yet optimised) hold the loop once, which is no overload.
   */
  readonly graceMs?: number;
  readonly retryAfterSeconds?: number;
}

/** Whether the process is too busy for expensive work now. */
export interface LoadMonitor {
  readonly overloaded: boolean;
  readonly retryAfterSeconds: number;
  close(): void;
}

export const NEVER_OVERLOADED: LoadMonitor = {
  overloaded: false,
  retryAfterSeconds: 0,
  close: () => undefined,
};

const RESOLUTION_MS = 10;

/**
 * Reads the event-loop delay every `sampleMs` (Node's own histogram, and how late the sampling timer
 * itself fired: a loop held by one long burst shows there first) and reports overload from a sample above
 * `maxLagMs` until `holdMs` after it.
 */
export function monitorLoad(options: LoadSheddingOptions): LoadMonitor {
  const sampleMs = options.sampleMs ?? 250;
  const holdMs = options.holdMs ?? 1000;
  const graceUntil = performance.now() + (options.graceMs ?? 5000);
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let last = performance.now();
  let until = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - sampleMs;
    last = now;
    const delay = histogram.count > 0 ? histogram.percentile(99) / 1e6 - RESOLUTION_MS : 0;
    histogram.reset();
    if (now >= graceUntil && Math.max(late, delay) > options.maxLagMs) until = now + holdMs;
  }, sampleMs);
  timer.unref();
  return {
    get overloaded() {
      return performance.now() < until;
    },
    retryAfterSeconds: options.retryAfterSeconds ?? 5,
    close() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

const BUSY = errorSpec('GZ_SERVER_BUSY');

/** 503 with Retry-After: the JSON error of the APIs, or a line of text in both languages for pages. */
export function sendBusy(reply: FastifyReply, retryAfterSeconds: number, json: boolean): FastifyReply {
  reply.code(503).header('retry-after', String(retryAfterSeconds)).header('cache-control', 'no-store');
  if (json) {
    return reply.send({ error: { code: 'GZ_SERVER_BUSY', message: BUSY.en, messageZh: BUSY.zh } });
  }
  return reply.type('text/plain; charset=utf-8').send(`503 ${BUSY.zh} / ${BUSY.en}`);
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isAdminWrite(request: FastifyRequest): boolean {
  return !READS.has(request.method) && /^\/admin\/api(?:[/?]|$)/.test(request.url);
}

/**
 * Refuses admin writes while the process is overloaded (an editor's save is retried; reads stay open, so
 * that an operator can still look during an incident), and stops the monitor with the server.
 */
export function shedAdminWrites(app: FastifyInstance, load: LoadMonitor): void {
  app.addHook('onRequest', async (request, reply) => {
    if (load.overloaded && isAdminWrite(request)) return sendBusy(reply, load.retryAfterSeconds, true);
    return undefined;
  });
  app.addHook('onClose', (_instance, done) => {
    load.close();
    done();
  });
}
