import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Gazette } from '../boot/index.js';
import { GazetteError } from '../core/index.js';
import { buildSite, createStaticPublisher, verifyOutput, type StaticPublisher } from '../publish/index.js';

import { listFormat, type Values } from './command.js';
import { siteOption } from './site-commands.js';

/** Full builds render on every core: worker threads open the same database and theme directory. */
const workersOf = (gazette: Gazette) => ({
  count: availableParallelism(),
  database: { dataDir: gazette.config.dataDir, url: gazette.config.databaseUrl },
  themeDir: gazette.config.themeDir,
});

/** `gazette build --out DIR`: the whole site as files, switched in atomically. */
export async function runBuild(gazette: Gazette, values: Values): Promise<number> {
  const out = values['out'];
  if (typeof out !== 'string' || out === '')
    throw new GazetteError('GZ_CONFIG_INVALID', '--out DIR is required');
  const report = await buildSite({
    store: gazette.deps.store,
    theme: gazette.theme,
    now: gazette.deps.clock.now(),
    out,
    siteId: (await siteOption(() => gazette.deps.store.sites.list(), values))?.id,
    mediaDir: join(gazette.config.dataDir, 'media'),
    searchUrl: gazette.config.publishSearchUrl,
    workers: workersOf(gazette),
    onProgress: (done, total) => {
      if (values['quiet'] !== true) process.stderr.write(`\r${done}/${total} pages`);
    },
  });
  if (values['quiet'] !== true) process.stderr.write('\r');
  const seconds = report.ms / 1000;
  console.log(
    `Built ${report.pages} pages, ${report.files} files (${(report.bytes / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(1)} s (${Math.round(report.pages / seconds)} pages/s).`,
  );
  console.log(`${out} → ${report.dir}`);
  return 0;
}

/** `gazette verify DIR [--restore]`: exit 0 when every file matches the manifest, 1 otherwise. */
export function runVerify(dir: string, values: Values): number {
  const json = listFormat(values) === 'json';
  const restore = values['restore'] === true;
  const report = verifyOutput(dir, { restore });
  const problems = report.changed.length + report.added.length + report.missing.length;
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(
      `Checked ${report.checked} files of build ${report.build || '(unknown)'} against ${report.manifestFile}.`,
    );
    for (const [label, list] of [
      ['changed', report.changed],
      ['added', report.added],
      ['missing', report.missing],
    ] as const) {
      for (const path of list) console.log(`  ${label.padEnd(8)}${path}`);
    }
    if (problems === 0) console.log('All files match the manifest.');
    else console.log(`${problems} file${problems === 1 ? '' : 's'} differ from the manifest.`);
    if (restore && problems > 0) {
      console.log(`Restored ${report.restored.length} file${report.restored.length === 1 ? '' : 's'}.`);
      for (const path of report.unrestorable) console.log(`  cannot restore (no kept copy): ${path}`);
    }
  }
  if (problems === 0) return 0;
  return restore && report.unrestorable.length === 0 ? 0 : 1;
}

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
    workers: workersOf(gazette),
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
