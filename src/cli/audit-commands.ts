import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  describeAuditProblem,
  exportAuditChunks,
  systemPrincipal,
  verifyAudit,
  type AuditExportFormat,
  type AuditFilter,
} from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { GazetteError, parseShanghai } from '../core/index.js';
import { loadConfig } from '../config/index.js';
import { COMMON_OPTIONS, flagsOf, formatOption, lazy, type Command } from './command.js';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/** `gazette audit verify`: exit 0 when the chain is intact, 1 with every problem listed. */
export async function runAuditVerify(gazette: Gazette): Promise<number> {
  const result = await verifyAudit(gazette.deps, systemPrincipal('cli audit verify'));
  if (result.ok) {
    console.log(`Audit log intact: ${result.checked} records checked.`);
    console.log(`Chain head: record ${result.lastId}, sha256 ${result.lastHash || '(empty log)'}`);
    return 0;
  }
  const count = result.problems.length;
  console.log(
    `Audit log FAILED verification: ${count} problem${count === 1 ? '' : 's'} in ${result.checked} records.`,
  );
  for (const problem of result.problems) {
    const text = describeAuditProblem(problem);
    console.log(`  - ${text.en}（${text.zh}）`);
  }
  return 1;
}

export interface AuditExportOptions {
  readonly format: AuditExportFormat;
  readonly filter: AuditFilter;
  readonly out: string | null;
}

/** Reads `--format`, `--from`, `--to` and `--out`; a bad value is a usage error (exit 2). */
export function auditExportOptions(values: Values): AuditExportOptions {
  const format = formatOption(values, ['csv', 'json']);
  const from = dateOption(values, 'from');
  const to = dateOption(values, 'to');
  const out = typeof values['out'] === 'string' && values['out'] !== '' ? values['out'] : null;
  return {
    format,
    filter: {
      ...(from === undefined ? {} : { from: from.start }),
      // A date alone means up to and including that day.
      ...(to === undefined ? {} : { to: to.dateOnly ? nextDay(to.start) : to.start }),
    },
    out,
  };
}

/** Dates and times are Beijing time, as auditors read them: `2026-11-28` or `2026-11-28 09:30`. */
function dateOption(values: Values, name: string): { start: string; dateOnly: boolean } | undefined {
  const text = values[name];
  if (text === undefined || typeof text === 'boolean') return undefined;
  const start = parseShanghai(text);
  if (start === null) {
    throw new GazetteError(
      'GZ_CONFIG_INVALID',
      `--${name} must be a date (YYYY-MM-DD) or a Beijing time (YYYY-MM-DD HH:MM), not "${text}"`,
    );
  }
  return { start, dateOnly: /^\s*\d{4}-\d{1,2}-\d{1,2}\s*$/.test(text) };
}

function nextDay(iso: string): string {
  return new Date(Date.parse(iso) + 24 * 60 * 60 * 1000).toISOString();
}

/** `gazette audit export`: writes the records to `--out` (or standard output) as it reads them. */
export async function runAuditExport(gazette: Gazette, options: AuditExportOptions): Promise<number> {
  // Opened first, so that a path that cannot be written fails before anything is read.
  const file = options.out === null ? null : await open(options.out, 'w');
  const target: Writable = file === null ? process.stdout : file.createWriteStream();
  // A reader that stops early (`| head`) closes the pipe: stop writing, that is not a failure.
  let closed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  };
  target.on('error', onError);
  for await (const chunk of exportAuditChunks(
    gazette.deps,
    systemPrincipal('cli audit export'),
    options.filter,
    options.format,
  )) {
    if (closed) break;
    if (!target.write(chunk)) await writable(target);
  }
  if (file !== null) {
    target.end();
    await once(target, 'finish');
    const count = await gazette.deps.store.audit.count(options.filter);
    console.error(`Exported ${count} audit records to ${options.out ?? ''}`);
  }
  return 0;
}

/** Resolves when `target` takes more (drain), or will take nothing more (close, error). */
function writable(target: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) target.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) target.on(event, done);
  });
}

const openGazette = lazy(() => import('../boot/index.js'), 'openGazette');

/** `gazette audit …`: the audit log's hash chain and its export for auditors. */
export const auditCommands: Readonly<Record<string, Command>> = {
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
      const options = auditExportOptions(values);
      const gazette = await openGazette(loadConfig(process.env, flagsOf(values)));
      try {
        return await runAuditExport(gazette, options);
      } finally {
        await gazette.close();
      }
    },
  },
};
