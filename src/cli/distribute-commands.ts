import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../config/index.js';
import {
  COMMON_OPTIONS,
  flagsOf,
  listFormat,
  table,
  UsageError,
  type Command,
  type Values,
} from './command.js';

/** The distribution module, loaded when a command runs (the CLI's help stays light). */
const load = () => import('../distribute/index.js');

/** The installation's distribution configuration and the output it distributes (`--from` or the publish dir). */
async function setup(values: Values) {
  const { configFileOf, loadDistributeConfig } = await load();
  const config = loadConfig(process.env, flagsOf(values));
  const distribute = loadDistributeConfig(configFileOf(config.dataDir));
  const source = typeof values['from'] === 'string' ? values['from'] : config.publishDir;
  if (!source) throw new UsageError('name the static output with --from DIR (or set the publish directory)');
  return { distribute, source };
}

/** The key ring: `--key-file`, else `GAZETTE_DISTRIBUTE_KEY_FILE`, else the configuration's `keyFile`. */
async function keysOf(values: Values, configured: string | null) {
  const { keyFileOf, loadKeyRing } = await load();
  return loadKeyRing(typeof values['key-file'] === 'string' ? values['key-file'] : keyFileOf(configured));
}

async function runDistribute(values: Values): Promise<number> {
  const { targetNamed, createDistributor } = await load();
  const { distribute, source } = await setup(values);
  const target = typeof values['target'] === 'string' ? values['target'] : undefined;
  if (target) targetNamed(distribute, target);
  if (distribute.targets.length === 0) {
    console.error(`No distribution targets are configured (${distribute.file}).`);
    return 1;
  }
  const distributor = createDistributor({
    source,
    config: distribute,
    keys: await keysOf(values, distribute.keyFile),
    ...(typeof values['site'] === 'string' ? { site: values['site'] } : {}),
    log: (line) => console.error(line),
  });
  const outcomes = await distributor.run({
    ...(target ? { target } : {}),
    force: true,
    full: values['full'] === true,
  });
  if (listFormat(values) === 'json') console.log(JSON.stringify(outcomes, null, 2));
  else
    console.log(
      table(
        ['target', 'result', 'files', 'removed', 'ms', 'error'],
        outcomes.map((o) => [
          o.name,
          o.full ? `${o.result} (full)` : o.result,
          String(o.files ?? ''),
          String(o.removed ?? ''),
          String(o.ms ?? ''),
          o.error ?? '',
        ]),
      ),
    );
  return outcomes.some((o) => o.result === 'failed') ? 1 : 0;
}

async function runStatus(values: Values): Promise<number> {
  const { readDistributionStatus } = await load();
  const { distribute, source } = await setup(values);
  const status = readDistributionStatus(source, distribute);
  if (listFormat(values) === 'json') console.log(JSON.stringify(status, null, 2));
  else
    console.log(
      table(
        ['target', 'type', 'sequence', 'last success', 'lag s', 'failures', 'next attempt', 'last error'],
        status.map((s) => [
          s.name,
          s.type,
          String(s.sequence),
          s.lastSuccessAt ?? 'never',
          (s.lagMs / 1000).toFixed(1),
          String(s.failures),
          s.nextAttemptAt ?? '',
          s.lastError ?? '',
        ]),
      ),
    );
  return status.every((s) => s.healthy) ? 0 : 1;
}

async function runApply(values: Values): Promise<number> {
  const { applyDrop, checkUnderRoots, configFileOf, loadDistributeConfig } = await load();
  const from = values['from'];
  const to = values['to'];
  if (typeof from !== 'string' || typeof to !== 'string')
    throw new UsageError('--from DROP and --to DIR are required');
  // Where the far side configures roots, both folders must lie under them.
  const config = loadConfig(process.env, flagsOf(values));
  const distribute = loadDistributeConfig(configFileOf(config.dataDir));
  if (distribute.roots.length > 0) {
    checkUnderRoots(from, distribute.roots, false, '--from');
    checkUnderRoots(to, distribute.roots, false, '--to');
  }
  const report = applyDrop(from, to, await keysOf(values, distribute.keyFile), {
    verify: values['verify'] === true,
    log: (line) => console.error(line),
  });
  if (listFormat(values) === 'json') console.log(JSON.stringify(report, null, 2));
  else {
    for (const a of report.applied)
      console.log(`applied ${a.sequence} (${a.id}): ${a.written} written, ${a.removed} removed, ${a.mode}`);
    for (const r of report.refused) console.log(`refused ${r.package}: ${r.reason}`);
    if (report.verify) {
      const v = report.verify;
      const problems = v.changed.length + v.added.length + v.missing.length;
      console.log(
        `verified ${v.checked} files: ${problems} differed, ${v.restored.length} restored, ${v.unrestorable.length} not restorable`,
      );
    }
    if (report.applied.length === 0 && report.refused.length === 0) console.log('nothing to apply');
  }
  const unrestorable = report.verify?.unrestorable.length ?? 0;
  return report.refused.some((r) => !/is a replay/.test(r.reason)) || unrestorable > 0 ? 1 : 0;
}

async function runKey(values: Values): Promise<number> {
  const { newKeyLine, parseKeyRing } = await load();
  const id = typeof values['id'] === 'string' ? values['id'] : new Date().toISOString().slice(0, 10);
  const line = newKeyLine(id);
  const out = values['out'];
  if (typeof out !== 'string') {
    console.log(line);
    return 0;
  }
  // An existing file keeps its keys after the new one, which signs from now on (rotation).
  const before = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const text = `${line}\n${before}`;
  parseKeyRing(text, out);
  writeFileSync(`${out}.new`, text, { mode: 0o600 });
  renameSync(`${out}.new`, out);
  console.log(`${before ? 'Added' : 'Wrote'} key ${id} to ${out} (it signs from now on).`);
  return 0;
}

const FROM_OPTIONS = {
  ...COMMON_OPTIONS,
  from: { type: 'string' },
  'key-file': { type: 'string' },
  'publish-to': { type: 'string' },
  format: { type: 'string' },
} as const;

/** The `distribute` commands, registered in main.ts. */
export const distributeCommands: Readonly<Record<string, Command>> = {
  distribute: {
    summary: 'send the changes of the static output to the configured targets (all, or --target NAME)',
    usage:
      'gazette distribute [--target NAME] [--full] [--from DIR] [--site SLUG] [--format text|json] [--data-dir DIR]',
    options: {
      ...FROM_OPTIONS,
      target: { type: 'string' },
      full: { type: 'boolean' },
      site: { type: 'string' },
    },
    notes: [
      'Targets are listed in DATA_DIR/distribute.json (or GAZETTE_DISTRIBUTE_CONFIG); see docs/deploy.md.',
      '--from DIR is the output of `gazette start --publish-to DIR` (default: the configured publish directory).',
    ],
    run: (values) => runDistribute(values),
  },
  'distribute status': {
    summary: 'each target: last success, lag, failures, last error (exit 1 when one is failing)',
    usage: 'gazette distribute status [--from DIR] [--format text|json] [--data-dir DIR]',
    options: FROM_OPTIONS,
    run: (values) => runStatus(values),
  },
  'distribute key': {
    summary: 'make a key that signs distribution packages (printed, or put first in --out FILE)',
    usage: 'gazette distribute key [--id ID] [--out FILE]',
    options: { id: { type: 'string' }, out: { type: 'string' } },
    notes: [
      'The same key file goes on both sides (outside the database); name it with "keyFile" in distribute.json.',
      "Rotation: run with --out on the far side's file first, copy it to the office, later remove the old line.",
    ],
    run: (values) => runKey(values),
  },
  'distribute apply': {
    summary:
      'apply the packages of a drop folder to a copy of the site (far side); --verify restores tampered files',
    usage: 'gazette distribute apply --from DROP --to DIR [--verify] [--format text|json]',
    options: { ...FROM_OPTIONS, to: { type: 'string' }, verify: { type: 'boolean' } },
    run: (values) => runApply(values),
  },
};
