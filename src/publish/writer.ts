import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';
import { GazetteError } from '../core/index.js';
import { makeDirectory } from '../store/index.js';
import { MANIFEST } from './output.js';

/**
 * The output directory. `DIR` is a symlink to the current build under `DIR.gazette/builds/`; a build is
 * written into a new directory and `DIR` is switched with one rename, so a reader never sees half a site and
 * a failed build leaves the previous one serving. The previous build is kept (to switch back by hand).
 *
 * Beside the builds, out of the web root, the publisher keeps what `gazette verify` trusts: each build's
 * manifest (`manifests/ID.json`) and a copy of every file by its SHA-256 (`objects/`), to restore from.
 */
export interface Manifest {
  readonly version: 1 | 2;
  readonly build: string;
  readonly generatedAt: string;
  /** Public file path (`/index.html`) → SHA-256 (hex) of its bytes. */
  readonly files: Record<string, string>;
  /** How many shards it is kept in (version 2), and by which function of the path (`SHARD_KEY`). */
  readonly shards?: number;
  readonly shardKey?: string;
}

/**
 * On disk the manifest is split in shards (version 2), so that a publish rewrites the few shards naming the
 * files it wrote instead of 200,000 lines: `manifest.json` holds the build, the time and the number of
 * shards; shard k (`{shardDir}/k.json`, k in hex) lists the files whose path hashes to k, one a line.
 * The public copy lives at /manifest.json and /_manifest/; the trusted one at manifests/ID.json and
 * manifests/ID/. Each file is replaced atomically; the head is written last.
 */
interface ManifestHead {
  readonly version: 2;
  readonly build: string;
  readonly generatedAt: string;
  readonly shards: number;
  readonly shardKey: string;
  /** Where the shards are, relative to the head's directory. */
  readonly shardDir: string;
}

/** The public copy's shards, in the web root beside /manifest.json (skipped by verify like it). */
export const MANIFEST_SHARDS = '/_manifest';
/** Files per shard a new build aims at. */
const SHARD_TARGET = 256;

/** Names `shardOf`: a manifest split by another function is rewritten whole at its next update. */
const SHARD_KEY = 'fnv1a32-gz';

/** FNV-1a of a path: which shard lists it. A file and its `.gz` share a shard (they change together). */
function shardOf(path: string, shards: number): number {
  let hash = 0x811c9dc5;
  const end = path.endsWith('.gz') ? path.length - 3 : path.length;
  for (let i = 0; i < end; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

const shardName = (k: number) => `${k.toString(16).padStart(3, '0')}.json`;

export interface OutputLayout {
  /** The symlink the web server serves. */
  readonly link: string;
  readonly stateDir: string;
  readonly buildsDir: string;
  readonly objectsDir: string;
  readonly manifestsDir: string;
}

export function outputLayout(dir: string): OutputLayout {
  const link = resolve(dir);
  const stateDir = `${link}.gazette`;
  return {
    link,
    stateDir,
    buildsDir: join(stateDir, 'builds'),
    objectsDir: join(stateDir, 'objects'),
    manifestsDir: join(stateDir, 'manifests'),
  };
}

/** Text types worth a precompressed `.gz` beside them (nginx `gzip_static`). */
const COMPRESSIBLE = /\.(?:html|css|js|svg|xml|txt|json|map)$/;
const MIN_COMPRESS = 512;

/** The `.gz` beside a text file: the same bytes for the same input (no time in the header), to restore it. */
export const precompress = (body: Buffer): Buffer => gzipSync(body, { level: zlib.Z_BEST_SPEED + 5 });

export const sha256 = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** Writes `body` at `file` through a temporary name in the same directory and a rename. */
export function writeAtomic(file: string, body: Buffer | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.${randomUUID()}.tmp`);
  writeFileSync(temporary, body);
  renameSync(temporary, file);
}

/** Where a public file path lives under a build directory (paths were made safe by `fileOf`). */
const under = (root: string, path: string) => join(root, ...path.split('/').filter(Boolean));

/** The current build's directory and id, or null when `DIR` does not exist yet. */
export function currentBuild(layout: OutputLayout): { readonly dir: string; readonly id: string } | null {
  let stat;
  try {
    stat = lstatSync(layout.link);
  } catch {
    return null;
  }
  if (!stat.isSymbolicLink()) {
    throw new GazetteError(
      'GZ_PUBLISH_OUTPUT_INVALID',
      `${layout.link} is not a symlink made by gazette build; give a new path or remove it`,
    );
  }
  const dir = resolve(dirname(layout.link), readlinkSync(layout.link));
  return { dir, id: basename(dir) };
}

/** Files of a build (or an incremental change): each written once, hashed, kept, and gzipped beside. */
export class FileSet {
  readonly files: Record<string, string> = {};
  private bytes = 0;
  /** Shards of the manifest (fixed when the build is saved first; kept by incremental updates). */
  shards = 0;
  /** Paths of each shard, and the shards changed since the manifest was last saved. */
  private shardPaths: Set<string>[] | null = null;
  private readonly dirty = new Set<number>();
  constructor(
    private readonly layout: OutputLayout,
    readonly root: string,
  ) {}

  /** Takes over the files of a saved manifest: nothing is dirty until the next write or removal. */
  adopt(manifest: Manifest): void {
    Object.assign(this.files, manifest.files);
    this.shards = manifest.shards ?? 0;
    this.shardIndex();
    if (manifest.shards && manifest.shardKey === SHARD_KEY) this.dirty.clear();
  }

  /** Paths listed by each shard (built once, then kept up to date by writes and removals). */
  shardIndex(): Set<string>[] {
    if (!this.shardPaths) {
      if (this.shards === 0)
        this.shards = Math.min(
          4096,
          2 ** Math.ceil(Math.log2(Math.max(1, Object.keys(this.files).length / SHARD_TARGET))),
        );
      this.shardPaths = Array.from({ length: this.shards }, () => new Set<string>());
      for (const path of Object.keys(this.files)) this.shardPaths[shardOf(path, this.shards)]?.add(path);
      for (let k = 0; k < this.shards; k++) this.dirty.add(k);
    }
    return this.shardPaths;
  }

  /** Shards changed since the last call (all of them the first time). */
  takeDirty(): number[] {
    this.shardIndex();
    const dirty = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    return dirty;
  }

  private touch(path: string, present: boolean): void {
    if (!this.shardPaths) return;
    const k = shardOf(path, this.shards);
    if (present) this.shardPaths[k]?.add(path);
    else this.shardPaths[k]?.delete(path);
    this.dirty.add(k);
  }

  write(path: string, content: Buffer | string, options: { readonly atomic?: boolean } = {}): void {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    this.put(path, body, options.atomic === true, true);
    if (COMPRESSIBLE.test(path) && body.length >= MIN_COMPRESS) {
      // No kept copy of the `.gz`: restoring makes it again from the kept original (`restoreGzip`).
      this.put(`${path}.gz`, precompress(body), options.atomic === true, false);
    }
  }

  /** Directories this set has made: each is created once instead of asked for with every file. */
  private readonly dirs = new Set<string>();

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }

  /**
   * Keeps a copy named by its hash, written in place with `wx` (an existing copy is left alone):
   * restoring checks a copy's hash before using it, so a copy cut short by a crash is never put back.
   */
  private keep(hash: string, body: Buffer): void {
    const dir = join(this.layout.objectsDir, hash.slice(0, 2));
    this.ensureDir(dir);
    try {
      writeFileSync(join(dir, hash), body, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  private put(path: string, body: Buffer, atomic: boolean, keep: boolean): void {
    const hash = sha256(body);
    if (keep) this.keep(hash, body);
    const file = under(this.root, path);
    if (atomic) writeAtomic(file, body);
    else {
      this.ensureDir(dirname(file));
      writeFileSync(file, body);
    }
    if (this.files[path] !== hash || !(path in this.files)) this.touch(path, true);
    this.files[path] = hash;
    this.bytes += body.length;
  }

  /** Files another FileSet (a build worker) wrote under the same root: counted in this set's manifest. */
  absorb(files: Readonly<Record<string, string>>, bytes: number): void {
    for (const [path, hash] of Object.entries(files)) {
      if (this.files[path] !== hash) this.touch(path, true);
      this.files[path] = hash;
    }
    this.bytes += bytes;
  }

  remove(path: string): void {
    for (const p of [path, `${path}.gz`]) {
      rmSync(under(this.root, p), { force: true });
      if (p in this.files) this.touch(p, false);
      delete this.files[p];
    }
  }

  get size(): number {
    return this.bytes;
  }
}

/** Starts a new build directory beside the current one. */
export function startBuild(layout: OutputLayout, now: string): FileSet {
  currentBuild(layout); // refuses a DIR that is not ours before anything is written
  const id = `${now.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
  const root = join(layout.buildsDir, id);
  makeDirectory(root);
  mkdirSync(layout.manifestsDir, { recursive: true });
  return new FileSet(layout, root);
}

export function manifestOf(set: FileSet, now: string, sorted = true): Manifest {
  const paths = Object.keys(set.files);
  if (sorted) paths.sort();
  const files: Record<string, string> = {};
  for (const path of paths) files[path] = set.files[path] as string;
  return { version: 2, build: basename(set.root), generatedAt: now, files };
}

/** One file a line, so that two manifests compare with `diff`. */
function shardText(set: FileSet, paths: Iterable<string>): string {
  const lines = [...paths].sort().map((path) => `${JSON.stringify(path)}:"${set.files[path]}"`);
  return `{"files":{\n${lines.join(',\n')}\n}}\n`;
}

/**
 * Writes the manifest's changed shards and then its head, into the build (public, for mirrors) and into
 * the trusted store, each atomically: a build writes every shard, a publish the few its files hash to.
 */
export function saveManifest(layout: OutputLayout, set: FileSet, now: string): Manifest {
  const shards = set.shardIndex();
  const trustedDir = join(layout.manifestsDir, basename(set.root));
  const publicDir = under(set.root, MANIFEST_SHARDS);
  for (const k of set.takeDirty()) {
    const text = shardText(set, shards[k] ?? []);
    writeAtomic(join(trustedDir, shardName(k)), text);
    writeAtomic(join(publicDir, shardName(k)), text);
  }
  const head = (shardDir: string): string =>
    `${JSON.stringify({ version: 2, build: basename(set.root), generatedAt: now, shards: set.shards, shardKey: SHARD_KEY, shardDir } satisfies ManifestHead)}\n`;
  writeAtomic(join(layout.manifestsDir, `${basename(set.root)}.json`), head(basename(set.root)));
  writeAtomic(under(set.root, MANIFEST), head(MANIFEST_SHARDS.slice(1)));
  return { version: 2, build: basename(set.root), generatedAt: now, files: set.files };
}

/**
 * Points `DIR` at the finished build with one rename: from here readers get the new site. Then call
 * `pruneBuilds` to drop the builds before the previous one and the copies only they needed.
 */
export function switchTo(layout: OutputLayout, set: FileSet): { readonly previous: string | undefined } {
  const previous = currentBuild(layout)?.id;
  const temporary = `${layout.link}.${randomUUID().slice(0, 8)}.link`;
  symlinkSync(join(`${basename(layout.link)}.gazette`, 'builds', basename(set.root)), temporary);
  renameSync(temporary, layout.link);
  return { previous };
}

/** Keeps the current build and `previous` (to switch back by hand); drops older ones and unused copies. */
export function pruneBuilds(layout: OutputLayout, set: FileSet, previous: string | undefined): void {
  const current = basename(set.root);
  for (const build of readdirSync(layout.buildsDir)) {
    if (build === current || build === previous) continue;
    rmSync(join(layout.buildsDir, build), { recursive: true, force: true });
    rmSync(join(layout.manifestsDir, `${build}.json`), { force: true });
    rmSync(join(layout.manifestsDir, build), { recursive: true, force: true });
  }
  collectObjects(layout);
}

/** Removes kept copies no remaining manifest names. */
function collectObjects(layout: OutputLayout): void {
  const wanted = new Set<string>();
  for (const name of readdirSync(layout.manifestsDir)) {
    if (!name.endsWith('.json')) continue;
    const manifest = readManifestFile(join(layout.manifestsDir, name));
    if (manifest) for (const hash of Object.values(manifest.files)) wanted.add(hash);
  }
  for (const prefix of existsSync(layout.objectsDir) ? readdirSync(layout.objectsDir) : []) {
    for (const name of readdirSync(join(layout.objectsDir, prefix))) {
      if (!wanted.has(name)) unlinkSync(join(layout.objectsDir, prefix, name));
    }
  }
}

/** A manifest with its shards read and merged; null when the head or any shard is unreadable. */
export function readManifestFile(file: string): Manifest | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Omit<Manifest, 'version'>> &
      Partial<Omit<ManifestHead, 'version'>> & { version?: unknown };
    if (parsed.version === 1)
      return typeof parsed.files === 'object' && parsed.files ? (parsed as Manifest) : null;
    if (parsed.version !== 2 || !Number.isInteger(parsed.shards) || typeof parsed.shardDir !== 'string')
      return null;
    if (parsed.shardDir.includes('..') || parsed.shardDir.includes('/')) return null;
    const files: Record<string, string> = {};
    for (let k = 0; k < (parsed.shards as number); k++) {
      const shard = JSON.parse(readFileSync(join(dirname(file), parsed.shardDir, shardName(k)), 'utf8')) as {
        files?: Record<string, string>;
      };
      if (typeof shard.files !== 'object' || !shard.files) return null;
      Object.assign(files, shard.files);
    }
    return {
      version: 2,
      build: String(parsed.build),
      generatedAt: String(parsed.generatedAt),
      files,
      shards: parsed.shards as number,
      ...(typeof parsed.shardKey === 'string' ? { shardKey: parsed.shardKey } : {}),
    };
  } catch {
    return null;
  }
}

/** The shard files beside a manifest head (none for version 1), to restore the public copy from the trusted. */
export function manifestShardFiles(file: string): { readonly dir: string; readonly names: string[] } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ManifestHead>;
    if (parsed.version !== 2 || typeof parsed.shards !== 'number' || typeof parsed.shardDir !== 'string')
      return null;
    return {
      dir: join(dirname(file), parsed.shardDir),
      names: Array.from({ length: parsed.shards }, (_, k) => shardName(k)),
    };
  } catch {
    return null;
  }
}

/** Drops a build that failed: the previous one keeps serving. */
export function abandonBuild(layout: OutputLayout, set: FileSet): void {
  rmSync(set.root, { recursive: true, force: true });
  rmSync(join(layout.manifestsDir, `${basename(set.root)}.json`), { force: true });
  rmSync(join(layout.manifestsDir, basename(set.root)), { recursive: true, force: true });
}

/** The kept copy of a file by its hash, to restore from. */
export function objectPath(layout: OutputLayout, hash: string): string {
  return join(layout.objectsDir, hash.slice(0, 2), hash);
}

/** Puts the kept copy back at `target`; false when there is no intact copy. */
export function copyObject(layout: OutputLayout, hash: string, target: string): boolean {
  let body: Buffer;
  try {
    body = readFileSync(objectPath(layout, hash));
  } catch {
    return false;
  }
  if (sha256(body) !== hash) return false;
  writeAtomic(target, body);
  return true;
}

/**
 * Puts a `.gz` back by compressing the kept copy of its original again; false unless the result has the
 * manifest's hash (a different zlib could compress differently: then it is reported, not guessed).
 */
export function restoreGzip(
  layout: OutputLayout,
  originalHash: string,
  hash: string,
  target: string,
): boolean {
  let original: Buffer;
  try {
    original = readFileSync(objectPath(layout, originalHash));
  } catch {
    return false;
  }
  if (sha256(original) !== originalHash) return false;
  const body = precompress(original);
  if (sha256(body) !== hash) return false;
  writeAtomic(target, body);
  return true;
}

export { under as fileUnder };
