import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SiteIndex } from './site-index.js';
import type { FileSet } from './writer.js';

/**
 * Rendering the pages of a full build on several cores: worker threads (src/publish/build-worker.ts), each
 * with its own connection to the same database and its own theme, are handed batches of URLs from one
 * queue (so a slow batch does not hold the others back) and write the files themselves; the main thread
 * only merges what they wrote into the build's file set, for the manifest.
 */
export interface BuildWorkers {
  /** Threads to render on (the machine's cores, usually). */
  readonly count: number;
  /** The database the workers open: SQLite in `dataDir`, or PostgreSQL at `url`. */
  readonly database: { readonly dataDir: string; readonly url?: string | null | undefined };
  /** The theme directory (the theme object of the main thread cannot cross to a worker). */
  readonly themeDir: string;
}

/** What a worker is started with. */
export interface WorkerInit {
  readonly database: BuildWorkers['database'];
  readonly themeDir: string;
  readonly now: string;
  readonly out: string;
  /** The build directory files are written into. */
  readonly root: string;
  /** The site index of the main thread (plain data: cloned into the worker). */
  readonly index: Pick<SiteIndex, 'ctx' | 'articles' | 'gone' | 'series'>;
}

/** A batch of URLs to render, or null: no more work, close. */
export interface WorkerTask {
  readonly urls: readonly string[] | null;
}

export type WorkerReply =
  | { readonly ready: true }
  | { readonly files: Record<string, string>; readonly bytes: number; readonly pages: number }
  | { readonly error: string };

/** URLs a batch holds: small enough to balance two to eight threads, large enough to cost little talk. */
const BATCH = 64;

const workerUrl = new URL('./build-worker.js', import.meta.url);

/** Whether the compiled worker is there (not when running from TypeScript sources, as under vitest). */
export function workersAvailable(): boolean {
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

/** Renders `urls` on `workers.count` threads into `set`'s directory; returns the pages written. */
export async function renderInWorkers(
  set: FileSet,
  index: SiteIndex,
  urls: readonly string[],
  options: {
    readonly workers: BuildWorkers;
    readonly now: string;
    readonly out: string;
    readonly onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<number> {
  const init: WorkerInit = {
    database: options.workers.database,
    themeDir: options.workers.themeDir,
    now: options.now,
    out: options.out,
    root: set.root,
    index: { ctx: index.ctx, articles: index.articles, gone: index.gone, series: index.series },
  };
  let next = 0;
  let pages = 0;
  let reported = 0;
  const threads: Worker[] = [];
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let finished = false;
      const give = () => {
        const batch = urls.slice(next, next + BATCH);
        next += batch.length;
        finished = batch.length === 0;
        // No more work: the worker closes its connection and exits; its exit ends this promise.
        worker.postMessage({ urls: finished ? null : batch } satisfies WorkerTask);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return reject(new Error(`build worker: ${reply.error}`));
        if ('files' in reply) {
          set.absorb(reply.files, reply.bytes);
          pages += reply.pages;
          if (options.onProgress && pages - reported >= 1000) {
            reported = pages;
            options.onProgress(pages, urls.length);
          }
        }
        give();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (finished && code === 0) resolve();
        else reject(new Error(`build worker stopped (exit code ${code})`));
      });
    });
  try {
    const count = Math.max(1, Math.min(options.workers.count, Math.ceil(urls.length / BATCH)));
    for (let i = 0; i < count; i++) threads.push(new Worker(workerUrl, { workerData: init }));
    await Promise.all(threads.map(run));
  } finally {
    // Normal end: every worker has exited by now; on an error, stop the others.
    await Promise.all(threads.map((w) => w.terminate()));
  }
  return pages;
}
