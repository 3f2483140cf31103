/**
 * A worker thread of `gazette build` (src/publish/parallel.ts): opens its own read-only use of the same
 * database (SQLite in WAL mode and PostgreSQL both serve several readers at once) and its own theme, takes
 * the site index from the main thread instead of loading it again, then renders the batches of URLs it is
 * handed and writes their files into the build directory, answering with what it wrote.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createStore, openPostgres, openSqlite } from '../store/index.js';
import { loadTheme } from '../render/index.js';
import { buildReads, renderInBatches } from './build-reads.js';
import type { PageSource } from './pages.js';
import type { SiteIndex } from './site-index.js';
import { FileSet, outputLayout } from './writer.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './parallel.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('build-worker runs as a worker thread only');

const database = init.database.url
  ? await openPostgres(init.database.url)
  : openSqlite(init.database.dataDir);
const store = createStore(database.db, database.dialect);
const theme = loadTheme(init.themeDir);
const index = init.index as SiteIndex;
// Articles fetched a batch at a time, neighbours and series from the index (see build-reads.ts).
const reads = buildReads(store, index);
const source: PageSource = { store, theme, now: init.now, index };
const layout = outputLayout(init.out);

port.on('message', (task: WorkerTask) => {
  if (task.urls === null) {
    // Close the connection (PostgreSQL: end the pool cleanly), then end this thread (only this thread).
    void database.close().finally(() => process.exit(0));
    return;
  }
  void render(task.urls).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({
        error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
      } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReply);

async function render(urls: readonly string[]): Promise<WorkerReply> {
  const set = new FileSet(layout, init.root);
  const pages = await renderInBatches(source, reads, urls, (file, html) => set.write(file, html));
  return { files: set.files, bytes: set.size, pages };
}
