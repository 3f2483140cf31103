import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { applyPackage, appliedState } from './apply.js';
import type { Target } from './config.js';
import type { KeyRing } from './keys.js';
import { writePackage, type PackageSource } from './package.js';

const run = promisify(execFile);
/** A transfer that takes longer than this is a failure (retried with back-off). */
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * How a package reaches a target. A directory target applies it in place; the others deliver it into a drop
 * folder (local, or on the far host through the system `rsync`/`ssh`/`sftp`) under a hidden name renamed
 * when complete, where `gazette distribute apply` takes it.
 */
export interface Transport {
  deliver(source: PackageSource, now: string): Promise<void>;
  /** The id of the last package the far side holds, when it can be asked (a local directory); else undefined. */
  lastApplied?(): string | null;
}

export function transportOf(target: Target, keys: KeyRing): Transport {
  switch (target.type) {
    case 'directory':
      return {
        deliver: (source, now) => Promise.resolve(void applyPackage(target.path, source, now, keys)),
        lastApplied: () => appliedState(target.path)?.id ?? null,
      };
    case 'drop':
      return { deliver: (source) => Promise.resolve(void writePackage(target.path, source)) };
    case 'rsync':
      return { deliver: (source) => viaStaging(source, (dir) => rsync(target, dir)) };
    case 'sftp':
      return { deliver: (source) => viaStaging(source, (dir) => sftp(target, dir)) };
  }
}

/** Writes the package to a local temporary drop folder, hands it to `send`, then removes it. */
async function viaStaging(source: PackageSource, send: (dir: string) => Promise<void>): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'gazette-distribute-'));
  try {
    await send(writePackage(staging, source));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** One shell word (paths are checked by the configuration, quoted all the same). */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function sshOptions(target: { port?: number | undefined; identityFile?: string | undefined }): string[] {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=10',
    ...(target.port ? ['-p', String(target.port)] : []),
    ...(target.identityFile ? ['-i', target.identityFile] : []),
  ];
}

const remoteOf = (target: { user?: string | undefined; host: string }) =>
  target.user ? `${target.user}@${target.host}` : target.host;

async function rsync(target: Extract<Target, { type: 'rsync' }>, dir: string): Promise<void> {
  const name = basename(dir);
  const hidden = join(target.path, `.${name}.partial`);
  const final = join(target.path, name);
  if (!target.host) {
    await run('rsync', ['-a', '--mkpath', `${dir}/`, `${hidden}/`], { timeout: COMMAND_TIMEOUT_MS });
    await run('mv', ['-T', hidden, final], { timeout: COMMAND_TIMEOUT_MS });
    return;
  }
  const ssh = ['ssh', ...sshOptions(target)].map(quote).join(' ');
  const remote = remoteOf({ user: target.user, host: target.host });
  await run('rsync', ['-a', '--mkpath', '-e', ssh, `${dir}/`, `${remote}:${hidden}/`], {
    timeout: COMMAND_TIMEOUT_MS,
  });
  const command = [`mv -T ${quote(hidden)} ${quote(final)}`, target.remoteApply].filter(Boolean).join(' && ');
  await run('ssh', [...sshOptions(target), remote, command], { timeout: COMMAND_TIMEOUT_MS });
}

async function sftp(target: Extract<Target, { type: 'sftp' }>, dir: string): Promise<void> {
  const name = basename(dir);
  const hidden = `${target.path}/.${name}.partial`;
  const batch = [
    `-mkdir ${quote(target.path)}`,
    `put -r ${quote(dir)} ${quote(hidden)}`,
    `rename ${quote(hidden)} ${quote(`${target.path}/${name}`)}`,
  ].join('\n');
  const file = join(dir, '..', `${name}.sftp`);
  writeFileSync(file, `${batch}\n`);
  const options = sshOptions(target).map((o) => (o === '-p' ? '-P' : o));
  await run('sftp', ['-b', file, ...options, remoteOf(target)], { timeout: COMMAND_TIMEOUT_MS });
}
