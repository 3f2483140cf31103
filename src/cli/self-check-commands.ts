import { COMMON_OPTIONS, lazy, UsageError, withGazette, type Command } from './command.js';

const checks = () => import('./check-commands.js');
const checkFormat = lazy(checks, 'checkFormat');
const linkCheckOptions = lazy(checks, 'linkCheckOptions');
const runCheckLinks = lazy(checks, 'runCheckLinks');
const runCheckTerms = lazy(checks, 'runCheckTerms');
const runCheckSite = lazy(checks, 'runCheckSite');
const runCheckStdin = lazy(checks, 'runCheckStdin');
const monitors = () => import('./monitor-command.js');
const runMonitor = lazy(monitors, 'runMonitor');
const monitorOptions = lazy(monitors, 'monitorOptions');
const inspections = () => import('./inspect-command.js');
const runInspect = lazy(inspections, 'runInspect');
const inspectOptions = lazy(inspections, 'inspectOptions');

/**
 * Checking content and the site: `check` (a text, the published articles, the dictionary, the links),
 * `inspect` (the national inspection indicators) and `monitor` (availability probes). Each implementation
 * is loaded when its command runs.
 */
export const selfCheckCommands: Readonly<Record<string, Command>> = {
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
};
