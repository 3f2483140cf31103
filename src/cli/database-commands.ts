import { loadConfig } from '../config/index.js';
import type { CopyResult } from '../store/index.js';
import { COMMON_OPTIONS, flagsOf, lazy, UsageError, type Command } from './command.js';

const boot = () => import('../boot/index.js');
const openGazette = lazy(boot, 'openGazette');
const ensureDemo = lazy(boot, 'ensureDemo');
const stores = () => import('../store/index.js');
const openDatabaseAt = lazy(stores, 'openDatabaseAt');
const copyDatabase = lazy(stores, 'copyDatabase');

/** What `db copy` did, table by table, with both checksums. */
function copyReport(result: CopyResult): string {
  const width = Math.max(5, ...result.tables.map((t) => t.table.length));
  return [
    `${'table'.padEnd(width)}  rows`,
    ...result.tables.map((t) => `${t.table.padEnd(width)}  ${t.rows}`),
    ...(result.emptiedRows > 0 ? [`emptied the target first: ${result.emptiedRows} rows deleted`] : []),
    ...(result.skipped.length > 0 ? [`not copied (on one side only): ${result.skipped.join(', ')}`] : []),
    `source checksum  sha256:${result.sourceChecksum}`,
    `target checksum  sha256:${result.targetChecksum}`,
  ].join('\n');
}

/** The database itself: its schema, the demo portal, a copy between SQLite and PostgreSQL. */
export const databaseCommands: Readonly<Record<string, Command>> = {
  migrate: {
    summary: 'bring the database schema up to date (start does this too)',
    usage: 'gazette migrate [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    async run(values) {
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      console.log(`Database is up to date: ${gazette.database.location}`);
      await gazette.close();
      return 0;
    },
  },
  demo: {
    summary: 'load the demo portal into an empty database',
    usage: 'gazette demo [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    async run(values) {
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      try {
        const demo = await ensureDemo(gazette);
        if (!demo) {
          console.error(
            'gazette demo: the database already holds a site; the demo is loaded into an empty one only',
          );
          return 1;
        }
        console.log(
          `Loaded “${demo.site.name}”: ${demo.columns} columns, ${demo.articles} articles, ${demo.series} series.`,
        );
        return 0;
      } finally {
        await gazette.close();
      }
    },
  },
  'db copy': {
    summary: 'copy a whole database, SQLite ⇄ PostgreSQL, in one transaction, verified by checksums',
    usage:
      'gazette db copy --from <SQLite file or data dir | postgres URL> --to <postgres URL | SQLite file or data dir> [--force]',
    options: {
      help: { type: 'boolean', short: 'h' },
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(values) {
      const from = values['from'];
      const to = values['to'];
      if (typeof from !== 'string' || typeof to !== 'string' || from === '' || to === '') {
        throw new UsageError('db copy: --from and --to are both required');
      }
      const source = await openDatabaseAt(from, { mustExist: true });
      try {
        const target = await openDatabaseAt(to);
        try {
          console.log(`Copying ${source.location} → ${target.location}`);
          const result = await copyDatabase(source, target, { force: values['force'] === true });
          console.log(copyReport(result));
          console.log('Copied; row counts and checksums match.');
          return 0;
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    },
  },
};
