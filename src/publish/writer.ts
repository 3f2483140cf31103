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
  readonly version: 1;
  readonly build: string;
  readonly generatedAt: string;
  /** Public file path (`/index.html`) → SHA-256 (hex) of its bytes. */
  readonly files: Record<string, string>;
}

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
  constructor(
    private readonly layout: OutputLayout,
    readonly root: string,
  ) {}

  write(path: string, content: Buffer | string, options: { readonly atomic?: boolean } = {}): void {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    this.put(path, body, options.atomic === true);
    if (COMPRESSIBLE.test(path) && body.length >= MIN_COMPRESS) {
      this.put(`${path}.gz`, gzipSync(body, { level: zlib.Z_BEST_SPEED + 5 }), options.atomic === true);
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

  private put(path: string, body: Buffer, atomic: boolean): void {
    const hash = sha256(body);
    this.keep(hash, body);
    const file = under(this.root, path);
    if (atomic) writeAtomic(file, body);
    else {
      this.ensureDir(dirname(file));
      writeFileSync(file, body);
    }
    this.files[path] = hash;
    this.bytes += body.length;
  }

  remove(path: string): void {
    for (const p of [path, `${path}.gz`]) {
      rmSync(under(this.root, p), { force: true });
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
  mkdirSync(root, { recursive: true });
  mkdirSync(layout.manifestsDir, { recursive: true });
  return new FileSet(layout, root);
}

export function manifestOf(set: FileSet, now: string, sorted = true): Manifest {
  const paths = Object.keys(set.files);
  if (sorted) paths.sort();
  const files: Record<string, string> = {};
  for (const path of paths) files[path] = set.files[path] as string;
  return { version: 1, build: basename(set.root), generatedAt: now, files };
}

/** One file a line, so that two manifests compare with `diff`. */
function manifestText(manifest: Manifest): string {
  const lines = Object.entries(manifest.files).map(([path, hash]) => `${JSON.stringify(path)}:"${hash}"`);
  return `{"version":1,"build":${JSON.stringify(manifest.build)},"generatedAt":"${manifest.generatedAt}","files":{\n${lines.join(',\n')}\n}}\n`;
}

/**
 * Writes the manifest into the build (public, for mirrors) and into the trusted store, atomically. An
 * incremental update keeps the order (new files last) instead of sorting a large manifest again.
 */
export function saveManifest(layout: OutputLayout, set: FileSet, now: string, sorted = true): Manifest {
  const manifest = manifestOf(set, now, sorted);
  const text = manifestText(manifest);
  writeAtomic(join(layout.manifestsDir, `${manifest.build}.json`), text);
  writeAtomic(under(set.root, MANIFEST), text);
  return manifest;
}

/** Points `DIR` at the finished build with one rename; keeps the build it replaces and drops older ones. */
export function switchTo(layout: OutputLayout, set: FileSet): void {
  const previous = currentBuild(layout)?.id;
  const temporary = `${layout.link}.${randomUUID().slice(0, 8)}.link`;
  symlinkSync(join(`${basename(layout.link)}.gazette`, 'builds', basename(set.root)), temporary);
  renameSync(temporary, layout.link);
  const current = basename(set.root);
  for (const build of readdirSync(layout.buildsDir)) {
    if (build === current || build === previous) continue;
    rmSync(join(layout.buildsDir, build), { recursive: true, force: true });
    rmSync(join(layout.manifestsDir, `${build}.json`), { force: true });
  }
  collectObjects(layout);
}

/** Removes kept copies no remaining manifest names. */
function collectObjects(layout: OutputLayout): void {
  const wanted = new Set<string>();
  for (const name of readdirSync(layout.manifestsDir)) {
    const manifest = readManifestFile(join(layout.manifestsDir, name));
    if (manifest) for (const hash of Object.values(manifest.files)) wanted.add(hash);
  }
  for (const prefix of existsSync(layout.objectsDir) ? readdirSync(layout.objectsDir) : []) {
    for (const name of readdirSync(join(layout.objectsDir, prefix))) {
      if (!wanted.has(name)) unlinkSync(join(layout.objectsDir, prefix, name));
    }
  }
}

export function readManifestFile(file: string): Manifest | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return parsed.version === 1 && typeof parsed.files === 'object' && parsed.files
      ? (parsed as Manifest)
      : null;
  } catch {
    return null;
  }
}

/** Drops a build that failed: the previous one keeps serving. */
export function abandonBuild(layout: OutputLayout, set: FileSet): void {
  rmSync(set.root, { recursive: true, force: true });
  rmSync(join(layout.manifestsDir, `${basename(set.root)}.json`), { force: true });
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

export { under as fileUnder };
