#!/usr/bin/env node
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Gazette, PreparedAccounts } from '../boot/index.js';
import { databasePrepared, runPrimary, workerNumber } from '../boot/cluster.js';
import { loadConfig, type Config } from '../config/index.js';
import { errorSpec, isGazetteError, PASSWORD_RULE } from '../core/index.js';
import type { CopyResult } from '../store/index.js';
import { COMMON_OPTIONS, flagsOf, UsageError, withGazette, type Command, type Values } from './command.js';
import { siteCommands, siteOption } from './site-commands.js';
import { statsCommands } from './stats-commands.js';
import { distributeCommands, startDistribution } from './distribute-commands.js';

/**
 * The rest of Gazette is loaded when a command needs it: `gazette start --workers N` forks its workers
 * before the primary has loaded anything heavy (they load in parallel), and `gazette --help` or
 * `check links` do not load the web server.
 */
const boot = () => import('../boot/index.js');
const publishCommands = () => import('./publish-commands.js');

type Loaded<M, K extends keyof M> = M[K] extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never;

/** `name` of the module `load` gives, loaded on its first call. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): Loaded<M, K> {
  const call = async (...args: unknown[]) => {
    const fn = (await load())[name] as (...a: unknown[]) => unknown;
    return fn(...args);
  };
  return call as Loaded<M, K>;
}

const openGazette = lazy(boot, 'openGazette');
const ensureDemo = lazy(boot, 'ensureDemo');
const prepareAccounts = lazy(boot, 'prepareAccounts');
const stores = () => import('../store/index.js');
const openDatabaseAt = lazy(stores, 'openDatabaseAt');
const copyDatabase = lazy(stores, 'copyDatabase');
const audits = () => import('./audit-commands.js');
const runAuditVerify = lazy(audits, 'runAuditVerify');
const runAuditExport = lazy(audits, 'runAuditExport');
const auditExportOptions = lazy(audits, 'auditExportOptions');
const checks = () => import('./check-commands.js');
const checkFormat = lazy(checks, 'checkFormat');
const linkCheckOptions = lazy(checks, 'linkCheckOptions');
const runCheckLinks = lazy(checks, 'runCheckLinks');
const runCheckTerms = lazy(checks, 'runCheckTerms');
const runCheckSite = lazy(checks, 'runCheckSite');
const runCheckStdin = lazy(checks, 'runCheckStdin');
const users = () => import('./user-commands.js');
const reports = () => import('./report-commands.js');
const runUserAdd = lazy(users, 'runUserAdd');
const runUserDisable = lazy(users, 'runUserDisable');
const runUserEnable = lazy(users, 'runUserEnable');
const runUserList = lazy(users, 'runUserList');
const runUserPasswd = lazy(users, 'runUserPasswd');
const imports = () => import('./import-command.js');
const importOptions = lazy(imports, 'importOptions');
const runImport = lazy(imports, 'runImport');
const searches = () => import('./search-command.js');
const runSearchQuery = lazy(searches, 'runSearchQuery');
const runSearchReindex = lazy(searches, 'runSearchReindex');
const runSearchTerms = lazy(searches, 'runSearchTerms');
const monitors = () => import('./monitor-command.js');
const runMonitor = lazy(monitors, 'runMonitor');
const monitorOptions = lazy(monitors, 'monitorOptions');
const inspections = () => import('./inspect-command.js');
const runInspect = lazy(inspections, 'runInspect');
const inspectOptions = lazy(inspections, 'inspectOptions');
const runBuild = lazy(publishCommands, 'runBuild');
const runVerify = lazy(publishCommands, 'runVerify');
const startPublisher = lazy(publishCommands, 'startPublisher');

/** What the help of the commands that set a password says of it. */
const PASSWORD_NOTE = `Password rule: ${PASSWORD_RULE.en}.`;

/** The id of the site --site names (an id or a slug), when given. */
const siteIdOption = async (gazette: Gazette, values: Values): Promise<number | undefined> =>
  (await siteOption(() => gazette.deps.store.sites.list(), values))?.id;

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

/** Migrations (done by opening), the demo when the database is empty, and the accounts' first run. */
async function prepareDatabase(gazette: Gazette): Promise<PreparedAccounts> {
  if (gazette.config.demo) {
    const demo = await ensureDemo(gazette);
    if (demo) {
      console.log(
        `Loaded the demo portal “${demo.site.name}”: ${demo.columns} columns, ${demo.articles} articles, ${demo.series} series.`,
      );
    }
  }
  const accounts = await prepareAccounts(gazette);
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

const commands: Readonly<Record<string, Command>> = {
  start: {
    summary: 'serve the public site (loads the demo portal into an empty database unless --no-demo)',
    usage:
      'gazette start [--port N] [--host ADDR] [--data-dir DIR] [--database URL] [--no-demo] [--workers N|auto] [--publish-to DIR [--search-url URL]] [--monitor URL]',
    options: {
      ...COMMON_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      workers: { type: 'string' },
      'publish-to': { type: 'string' },
      'search-url': { type: 'string' },
      monitor: { type: 'string' },
    },
    async run(values) {
      const started = performance.now();
      const config = loadConfig(process.env, flagsOf(values));
      if (config.workers > 1 && cluster.isPrimary) return startPrimary(config, started);
      const worker = workerNumber();
      const {
        createWorkerChangeFeed,
        createHttpServer,
        createScheduler,
        publishDueTask,
        disableDormantTask,
        dailyInspectionTask,
        purgePersonalDataTask,
        availabilityMonitorTask,
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
      if (config.publishDir && worker === null)
        console.log(`Publishing static files to ${config.publishDir}`);
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
              dailyInspectionTask(gazette, {
                distribution: (await inspections()).distributionReader(gazette),
              }),
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
    },
  },
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
  import: {
    summary:
      'import existing portal pages (.html/.htm/.shtml/.txt files or directories) as drafts or published',
    usage:
      'gazette import [PATH...] [--crawl URL [--max-pages N] [--delay MS]] [--column PATH] [--site SITE] [--publish] [--slug NAME] [--dry-run] [--format text|json] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      crawl: { type: 'string' },
      'max-pages': { type: 'string' },
      delay: { type: 'string' },
      column: { type: 'string' },
      site: { type: 'string' },
      publish: { type: 'boolean' },
      slug: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
    },
    positionals: ['[PATH...]'],
    run: async (values, { positionals }) =>
      runImport(
        () => openGazette(loadConfig(process.env, flagsOf(values))),
        await importOptions(values, positionals),
      ),
  },
  'search reindex': {
    summary: 'rebuild the site search index from the published articles',
    usage: 'gazette search reindex [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    run: (values) =>
      withGazette(values, async (gazette) => runSearchReindex(gazette, await siteIdOption(gazette, values))),
  },
  'search terms': {
    summary: 'list, add or remove words of the search dictionary (kept whole by the segmenter)',
    usage: 'gazette search terms list|add|remove [TERM...] [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    positionals: ['ACTION', '[TERM...]'],
    run: (values, { positionals }) =>
      withGazette(values, async (gazette) =>
        runSearchTerms(
          gazette,
          positionals[0] ?? '',
          positionals.slice(1),
          await siteIdOption(gazette, values),
        ),
      ),
  },
  inspect: {
    summary:
      'self-check of a site on the national inspection indicators: vetoes with the date each fails, deductions, score; exit 1 unless it passes',
    usage:
      'gazette inspect [--site SITE] [--format text|json|xlsx] [--out FILE] [--now ISO] [--offline] [--link-timeout SECONDS] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      site: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string' },
      offline: { type: 'boolean' },
      'link-timeout': { type: 'string' },
    },
    notes: [
      '--now ISO: inspect as at that instant (deadlines and failsOn dates are counted from it).',
      '--offline: no DNS lookup (IPv6) and no external links; internal links are still checked.',
      'Rules, sources and the weights that are estimates: docs/inspection.md.',
    ],
    run: async (values) => {
      await inspectOptions(values);
      return withGazette(values, (gazette) => runInspect(gazette, values));
    },
  },
  monitor: {
    summary:
      'availability probe of a page (status, time to first byte and to the complete page, TLS expiry, DNS change), kept for the inspection; exit 1 if a probe failed',
    usage:
      'gazette monitor --url URL [--site SITE] [--count N] [--interval SECONDS] [--timeout SECONDS] [--insecure-tls] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      url: { type: 'string' },
      site: { type: 'string' },
      count: { type: 'string' },
      interval: { type: 'string' },
      timeout: { type: 'string' },
      'insecure-tls': { type: 'boolean' },
    },
    notes: [
      "A page not complete within 15 s counts as not opened; 5 % of a week's probes failing fails the V6 veto.",
      'Inspectors probe at least 20 times a day: run it from cron, or with --count 24 --interval 3600.',
    ],
    run: async (values) => {
      await monitorOptions(values);
      return withGazette(values, (gazette) => runMonitor(gazette, values));
    },
  },
  'search query': {
    summary: 'search the published articles of a site as a visitor would',
    usage: 'gazette search query WORDS... [--site SITE] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, site: { type: 'string' } },
    positionals: ['WORDS...'],
    run: (values, { positionals }) =>
      withGazette(values, async (gazette) =>
        runSearchQuery(gazette, positionals, await siteIdOption(gazette, values)),
      ),
  },
  'user add': {
    summary: 'add an account (prints a one-time password unless --password-stdin)',
    usage:
      'gazette user add USERNAME --name 姓名 [--role ROLE[@SITE[/COLUMN_ID]]]... [--password-stdin] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    },
    positionals: ['USERNAME'],
    notes: ['SITE is a site id or slug (gazette site list shows them).', PASSWORD_NOTE],
    run: (values, { positionals, lists }) =>
      withGazette(values, (gazette) =>
        runUserAdd(gazette, positionals[0] ?? '', {
          name: values['name'] as string | undefined,
          roles: lists['role'] ?? [],
          passwordStdin: values['password-stdin'] === true,
        }),
      ),
  },
  'user passwd': {
    summary: 'give an account a new one-time password (to be changed at the next sign-in)',
    usage: 'gazette user passwd USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    notes: [PASSWORD_NOTE],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserPasswd(gazette, positionals[0] ?? '')),
  },
  'user disable': {
    summary: 'disable an account and end its sessions',
    usage: 'gazette user disable USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserDisable(gazette, positionals[0] ?? '')),
  },
  'user enable': {
    summary: 'enable a disabled account again',
    usage: 'gazette user enable USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserEnable(gazette, positionals[0] ?? '')),
  },
  'user list': {
    summary: 'list the accounts with their id, roles (ROLE@SITE_ID), last sign-in and 2FA',
    usage: 'gazette user list [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    run: (values) => withGazette(values, runUserList),
  },
  ...siteCommands,
  ...distributeCommands,
  ...statsCommands,
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
  'audit verify': {
    summary: 'check the hash chain of the audit log; lists every changed, inserted or deleted record',
    usage: 'gazette audit verify [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    async run(values) {
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      try {
        return await runAuditVerify(gazette);
      } finally {
        await gazette.close();
      }
    },
  },
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
    run: (values, { positionals }) => Promise.resolve(runVerify(positionals[0] ?? '', values)),
  },
  check: {
    summary: 'check a text from stdin for personal data and wrong formulations; exit 1 on a block finding',
    usage: 'gazette check --stdin [--format text|json]',
    options: {
      help: { type: 'boolean', short: 'h' },
      stdin: { type: 'boolean' },
      format: { type: 'string' },
    },
    async run(values) {
      const format = await checkFormat(values);
      if (values['stdin'] !== true) {
        throw new UsageError('check: --stdin is required (or use `gazette check site`)');
      }
      return runCheckStdin(format);
    },
  },
  'check site': {
    summary: 'check every published article of the site; exit 1 when a block finding exists',
    usage: 'gazette check site [--format text|json] [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS, format: { type: 'string' } },
    async run(values) {
      const format = await checkFormat(values);
      return withGazette(values, (gazette) => runCheckSite(gazette, format));
    },
  },
  'check terms': {
    summary:
      "list, add or remove entries of the site's own check dictionary (wrong forms, sensitive and allowed words)",
    usage:
      'gazette check terms list | add --kind formulation|sensitive|allowed|closed-domain|dark-domain --term TEXT [--canonical TEXT] [--note TEXT] | remove ID... [--site SITE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      site: { type: 'string' },
      kind: { type: 'string' },
      term: { type: 'string' },
      canonical: { type: 'string' },
      note: { type: 'string' },
    },
    positionals: ['ACTION', '[ID...]'],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) =>
        runCheckTerms(gazette, positionals[0] ?? '', values, positionals.slice(1)),
      ),
  },
  'check links': {
    summary:
      'check every internal and external link and attachment of the published site; exit 1 when one is broken',
    usage:
      'gazette check links [--base URL] [--internal-only] [--concurrency N] [--timeout SECONDS] [--max-pages N] [--format text|json] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      format: { type: 'string' },
      base: { type: 'string' },
      'internal-only': { type: 'boolean' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      'max-pages': { type: 'string' },
    },
    async run(values) {
      const format = await checkFormat(values);
      const options = await linkCheckOptions(values);
      // With --base the site is crawled where it is served (a static build, the live portal): no database needed.
      if (options.base !== undefined) return runCheckLinks(null, options, format);
      return withGazette(values, (gazette) => runCheckLinks(gazette, options, format));
    },
  },
  'report xxgk': {
    summary: 'the annual report on government information disclosure (政府信息公开工作年度报告) as .xlsx',
    usage: 'gazette report xxgk --year YYYY [--site SITE] [--out FILE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      year: { type: 'string' },
      site: { type: 'string' },
      out: { type: 'string', short: 'o' },
    },
    async run(values) {
      const { runXxgkReport } = await reports();
      return withGazette(values, (gazette) => runXxgkReport(gazette, values));
    },
  },
  'audit export': {
    summary: 'export the audit log for auditors as CSV (opens in Excel) or JSON',
    usage:
      'gazette audit export [--format csv|json] [--from DATE] [--to DATE] [--out FILE] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string', short: 'o' },
    },
    async run(values) {
      const options = await auditExportOptions(values);
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      try {
        return await runAuditExport(gazette, options);
      } finally {
        await gazette.close();
      }
    },
  },
};

/** The first words of the two-word commands. */
const GROUPS: ReadonlySet<string> = new Set(
  Object.keys(commands)
    .filter((name) => name.includes(' '))
    .map((name) => name.split(' ')[0]!),
);

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Gazette — publishing for government portals and official media',
    '',
    'Usage: gazette <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `gazette <command> --help` for the options of a command.',
  ].join('\n');
}

function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(([flag, spec]) => {
    const short = 'short' in spec && spec.short ? `-${spec.short}, ` : '    ';
    return `  ${short}--${flag}${spec.type === 'string' ? ' VALUE' : ''}`;
  });
  return [
    `gazette ${name}: ${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...options,
    ...(command.notes ? ['', ...command.notes] : []),
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  // Commands of a group (`db copy`, `site list`) are registered under both words.
  const group = first !== undefined && GROUPS.has(first);
  const name =
    group && rest[0] !== undefined && !rest[0].startsWith('-') ? `${first} ${rest.shift()}` : first;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    const members = Object.keys(commands).filter((key) => key.startsWith(`${first} `));
    if (members.length > 0 && name === first) {
      throw new UsageError(`${first}: name a command of the group: ${members.join(', ')}`);
    }
    throw new UsageError(`unknown command "${name}" (try gazette --help)`);
  }
  const values: Record<string, string | boolean | undefined> = {};
  const lists: Record<string, string[]> = {};
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      strict: true,
      allowPositionals: (command.positionals?.length ?? 0) > 0,
    });
    positionals = parsed.positionals;
    // Options declared `multiple` are handed over as lists; every other value is a single string or boolean.
    for (const [key, value] of Object.entries(parsed.values)) {
      if (Array.isArray(value)) lists[key] = value.map(String);
      else values[key] = value;
    }
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message.split('\n')[0] ?? 'bad arguments'}`);
  }
  const wanted = command.positionals ?? [];
  // A last positional named `NAME...` takes one or more arguments, `[NAME...]` none or more.
  const last = wanted[wanted.length - 1] ?? '';
  const variadic = last.endsWith('...') || last.endsWith('...]');
  const fewest = last.startsWith('[') ? wanted.length - 1 : wanted.length;
  if (!values['help'] && (variadic ? positionals.length < fewest : positionals.length !== wanted.length)) {
    throw new UsageError(
      `${name}: expected ${wanted.length ? wanted.join(' ') : 'no arguments'} (usage: ${command.usage})`,
    );
  }
  if (values['help']) {
    console.log(commandHelp(name, command));
    return 0;
  }
  try {
    return await command.run(values, { positionals, lists });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${name}: ${error.message}`);
    if (isGazetteError(error) && error.code === 'GZ_CONFIG_INVALID')
      throw new UsageError(`${name}: ${error.message}`);
    throw error;
  }
}

function describe(error: unknown): string {
  if (isGazetteError(error)) {
    const spec = errorSpec(error.code);
    const about = error.details['path'] ?? error.details['detail'];
    const suffix = typeof about === 'string' ? `: ${about}` : '';
    return `${spec.zh} / ${spec.en}${suffix} [${error.code}]`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Exits once everything written so far has reached stdout and stderr: on a pipe, writes are asynchronous and
 * a bare process.exit() would cut a long `--format json` answer short.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`gazette ${error.message}`);
    exitWhenFlushed(2);
    return;
  }
  console.error(`gazette: ${describe(error)}`);
  if (process.env['GAZETTE_DEBUG']) console.error(error);
  exitWhenFlushed(1);
});
