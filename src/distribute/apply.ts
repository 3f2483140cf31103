import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
  currentBuild,
  fileUnder,
  FileSet,
  objectPath,
  outputLayout,
  pruneBuilds,
  readManifestFile,
  saveManifest,
  sha256,
  startBuild,
  switchTo,
  writeAtomic,
  type OutputLayout,
} from '../publish/index.js';
import type { KeyRing } from './keys.js';
import { checkSignature, refuse, type PackageSource } from './package.js';

/**
 * Applies packages to a copy of the site kept in the same layout as the publisher's output (`DIR` a symlink
 * to `DIR.gazette/builds/ID`, the trusted manifest and a copy of each file by hash beside it), so that
 * `gazette verify DIR [--restore]` works on the copy as on the original.
 *
 * Nothing shows half-applied: every file of a package is checked against its hash before anything moves.
 * A full package (the first, or after a gap) is written into a new build directory (unchanged files
 * hard-linked from the current one) and switched in with one rename of the symlink. A change package is
 * staged beside the build, recorded in a journal, then renamed file by file into the build and the manifest
 * saved; a crash in between is rolled forward from the journal by the next apply.
 */
export interface ApplyOutcome {
  readonly sequence: number;
  readonly id: string;
  readonly written: number;
  readonly removed: number;
  /** `switched` for a full package (new build), `renamed` for a change package. */
  readonly mode: 'switched' | 'renamed';
}

export interface AppliedState {
  readonly sequence: number;
  readonly id: string;
  readonly build: string;
  readonly appliedAt: string;
  /** The site and target the copy's packages are made for (absent in a state written before they were kept). */
  readonly site?: string;
  readonly target?: string;
}

interface Journal {
  readonly id: string;
  readonly site?: string;
  readonly target?: string;
  readonly sequence: number;
  readonly build: string;
  readonly staging: string;
  readonly files: Record<string, string>;
  readonly removed: string[];
}

const stateDir = (layout: OutputLayout) => join(layout.stateDir, 'distribute');
const appliedFile = (layout: OutputLayout) => join(stateDir(layout), 'applied.json');
const journalFile = (layout: OutputLayout) => join(stateDir(layout), 'journal.json');

/** What the copy at `dir` last applied (null: nothing yet). */
export function appliedState(dir: string): AppliedState | null {
  try {
    return JSON.parse(readFileSync(appliedFile(outputLayout(dir)), 'utf8')) as AppliedState;
  } catch {
    return null;
  }
}

/** The copy's current build with its manifest, kept between applies of one process. */
const open = new Map<string, FileSet>();

function currentSet(layout: OutputLayout): FileSet | null {
  const current = currentBuild(layout);
  if (!current) return null;
  const cached = open.get(layout.link);
  if (cached && cached.root === current.dir) return cached;
  const set = new FileSet(layout, current.dir);
  const manifest = readManifestFile(join(layout.manifestsDir, `${current.id}.json`));
  if (manifest) set.adopt(manifest);
  open.set(layout.link, set);
  return set;
}

/**
 * Keeps a copy of a file by its hash, for `gazette verify --restore` on this side. As the publisher does, no
 * copy of a `.gz`: restoring compresses its kept original again and checks the result against the hash.
 */
function keep(layout: OutputLayout, path: string, hash: string, body: Buffer): void {
  if (path.endsWith('.gz')) return;
  const file = objectPath(layout, hash);
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body, { flag: 'w' });
}

/** Reads and checks every file of the package before anything is written to the copy. */
function verified(source: PackageSource): Map<string, Buffer> {
  const bodies = new Map<string, Buffer>();
  for (const [path, hash] of Object.entries(source.header.files)) {
    if (bodies.has(hash)) continue;
    const body = source.read(path, hash);
    if (sha256(body) !== hash)
      throw refuse(`${path} does not match the manifest's hash (altered or cut short)`, { path });
    bodies.set(hash, body);
  }
  return bodies;
}

/**
 * Applies one package to the copy at `dir`. Refused (nothing changed): a package not signed by a key of `keys`,
 * a malformed header, a file missing or
 * not matching its hash, a package already applied or older (replay), or one that does not follow the last
 * applied package (a gap: send a full package).
 */
export function applyPackage(dir: string, source: PackageSource, now: string, keys: KeyRing): ApplyOutcome {
  const layout = outputLayout(dir);
  rollForward(layout, now);
  const { header } = source;
  checkSignature(header, keys, `package ${header.sequence} (${header.id})`);
  const last = appliedState(dir);
  // One key may sign the packages of every target: a package made for another target or site (captured from
  // its drop folder) must not replace this copy, however new its sequence.
  if (last?.target !== undefined && (last.target !== header.target || last.site !== header.site))
    throw refuse(
      `package ${header.sequence} (${header.id}) is for target ${header.target} of site ${header.site}, but this copy is target ${last.target} of site ${last.site ?? '?'}`,
      { sequence: header.sequence },
    );
  if (last && header.sequence <= last.sequence)
    throw refuse(
      `package ${header.sequence} (${header.id}) is a replay: ${last.sequence} was applied already`,
      { sequence: header.sequence },
    );
  if (!header.full && (last?.id ?? null) !== header.previous)
    throw refuse(
      `package ${header.sequence} follows ${header.previous ?? 'nothing'}, but the copy has ${last?.id ?? 'nothing'}: a full package is needed`,
      { sequence: header.sequence },
    );
  const bodies = verified(source);
  const current = currentSet(layout);
  if (header.full || !current) return applyFull(layout, source, bodies, current, now);
  mkdirSync(stateDir(layout), { recursive: true });
  // Staging left by an attempt that failed before its journal was written is of no use.
  for (const name of readdirSync(stateDir(layout)))
    if (name.startsWith('staging-')) rmSync(join(stateDir(layout), name), { recursive: true, force: true });
  const staging = join(stateDir(layout), `staging-${header.id}`);
  for (const [path, hash] of Object.entries(header.files)) {
    const file = fileUnder(staging, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bodies.get(hash) as Buffer);
  }
  const journal: Journal = {
    id: header.id,
    site: header.site,
    target: header.target,
    sequence: header.sequence,
    build: header.build,
    staging,
    files: header.files,
    removed: header.removed,
  };
  writeAtomic(journalFile(layout), JSON.stringify(journal));
  for (const [path, hash] of Object.entries(header.files))
    keep(layout, path, hash, bodies.get(hash) as Buffer);
  finish(layout, current, journal, now);
  return {
    sequence: header.sequence,
    id: header.id,
    written: Object.keys(header.files).length,
    removed: header.removed.length,
    mode: 'renamed',
  };
}

/** Moves the staged files in, removes the removed ones, saves the manifest and the applied state. */
function finish(layout: OutputLayout, set: FileSet, journal: Journal, now: string): void {
  for (const path of Object.keys(journal.files)) {
    const staged = fileUnder(journal.staging, path);
    if (!existsSync(staged)) continue; // moved before a crash
    const file = fileUnder(set.root, path);
    mkdirSync(dirname(file), { recursive: true });
    renameSync(staged, file);
  }
  set.absorb(journal.files, 0);
  for (const path of journal.removed) set.remove(path);
  saveManifest(layout, set, now);
  writeAtomic(
    appliedFile(layout),
    JSON.stringify({
      sequence: journal.sequence,
      id: journal.id,
      build: journal.build,
      appliedAt: now,
      ...(journal.site !== undefined ? { site: journal.site } : {}),
      ...(journal.target !== undefined ? { target: journal.target } : {}),
    } satisfies AppliedState),
  );
  rmSync(journalFile(layout), { force: true });
  rmSync(journal.staging, { recursive: true, force: true });
}

/** Completes a change package of the copy at `dir` staged and journalled before the process stopped. */
export function recoverCopy(dir: string, now: string): void {
  rollForward(outputLayout(dir), now);
}

function rollForward(layout: OutputLayout, now: string): void {
  if (!existsSync(journalFile(layout))) return;
  const journal = JSON.parse(readFileSync(journalFile(layout), 'utf8')) as Journal;
  const set = currentSet(layout);
  if (!set) {
    rmSync(journalFile(layout), { force: true });
    return;
  }
  finish(layout, set, journal, now);
}

function applyFull(
  layout: OutputLayout,
  source: PackageSource,
  bodies: Map<string, Buffer>,
  current: FileSet | null,
  now: string,
): ApplyOutcome {
  const { header } = source;
  mkdirSync(layout.stateDir, { recursive: true });
  const set = startBuild(layout, now);
  const files = header.full ? header.files : { ...(current?.files ?? {}), ...header.files };
  if (!header.full) for (const path of header.removed) delete files[path];
  for (const [path, hash] of Object.entries(files)) {
    const file = fileUnder(set.root, path);
    mkdirSync(dirname(file), { recursive: true });
    const body = bodies.get(hash);
    if (body) {
      writeFileSync(file, body);
      keep(layout, path, hash, body);
    } else if (current && current.files[path] === hash) {
      linkSync(fileUnder(current.root, path), file);
    } else throw refuse(`${path}: no bytes for it in the package or the copy`, { path });
  }
  set.absorb(files, 0);
  saveManifest(layout, set, now);
  const { previous } = switchTo(layout, set);
  open.set(layout.link, set);
  pruneBuilds(layout, set, previous);
  mkdirSync(stateDir(layout), { recursive: true });
  writeAtomic(
    appliedFile(layout),
    JSON.stringify({
      sequence: header.sequence,
      id: header.id,
      build: header.build,
      appliedAt: now,
      site: header.site,
      target: header.target,
    } satisfies AppliedState),
  );
  return {
    sequence: header.sequence,
    id: header.id,
    written: Object.keys(header.files).length,
    removed: header.full ? 0 : header.removed.length,
    mode: 'switched',
  };
}
