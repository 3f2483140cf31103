import { join } from 'node:path';
import type { Gazette } from '../boot/index.js';
import { GazetteError } from '../core/index.js';
import { COMMON_OPTIONS, listFormat, withGazette, type Command, type Values } from './command.js';
import { siteOption } from './site-commands.js';

/** `gazette build --out DIR`: the whole site as files, switched in atomically. */
export async function runBuild(gazette: Gazette, values: Values): Promise<number> {
  const out = values['out'];
  if (typeof out !== 'string' || out === '')
    throw new GazetteError('GZ_CONFIG_INVALID', '--out DIR is required');
  // The publisher and the build workers' settings are loaded when a build runs (the CLI's help stays light).
  const { buildSite } = await import('../publish/index.js');
  const { buildWorkersOf } = await import('../boot/index.js');
  const report = await buildSite({
    store: gazette.deps.store,
    theme: gazette.theme,
    now: gazette.deps.clock.now(),
    out,
    siteId: (await siteOption(() => gazette.deps.store.sites.list(), values))?.id,
    mediaDir: join(gazette.config.dataDir, 'media'),
    searchUrl: gazette.config.publishSearchUrl,
    workers: buildWorkersOf(gazette),
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
export async function runVerify(dir: string, values: Values): Promise<number> {
  const { verifyOutput } = await import('../publish/index.js');
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

/** The static site: `build` renders it, `verify` compares a build with its manifest. */
export const publishCommands: Readonly<Record<string, Command>> = {
  build: {
    summary:
      'render the whole public site to static files in DIR (a symlink switched atomically to each new build)',
    usage:
      'gazette build --out DIR [--site SITE] [--search-url URL] [--quiet] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      out: { type: 'string', short: 'o' },
      site: { type: 'string' },
      'search-url': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
    run: (values) => withGazette(values, (gazette) => runBuild(gazette, values)),
  },
  verify: {
    summary:
      'compare a static build with its manifest (changed, added, missing files); --restore puts them right',
    usage: 'gazette verify DIR [--restore] [--format text|json]',
    options: {
      help: { type: 'boolean', short: 'h' },
      restore: { type: 'boolean' },
      format: { type: 'string' },
    },
    positionals: ['DIR'],
    run: (values, { positionals }) => runVerify(positionals[0] ?? '', values),
  },
};
