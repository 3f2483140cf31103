import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GazetteError } from '../core/index.js';
import { MANIFEST } from './output.js';
import {
  copyObject,
  currentBuild,
  fileUnder,
  manifestShardFiles,
  MANIFEST_SHARDS,
  outputLayout,
  readManifestFile,
  restoreGzip,
  sha256,
  writeAtomic,
  type Manifest,
} from './writer.js';

export interface VerifyReport {
  readonly dir: string;
  readonly build: string;
  /** Where the trusted manifest was read (outside the web root when the build was made by gazette). */
  readonly manifestFile: string;
  readonly checked: number;
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly missing: readonly string[];
  /** Files put back by --restore (changed and missing ones restored, added ones removed). */
  readonly restored: readonly string[];
  /** Files --restore could not put back: no kept copy. */
  readonly unrestorable: readonly string[];
}

/**
 * `gazette verify DIR`: every file under the build against its manifest, the trusted copy kept beside the
 * builds (DIR.gazette/manifests) rather than the one in the web root, which an intruder could rewrite too.
 */
export function verifyOutput(dir: string, options: { readonly restore?: boolean } = {}): VerifyReport {
  const layout = outputLayout(dir);
  const current = currentBuild(layout);
  let root = layout.link;
  let build = '';
  let manifestFile = join(root, ...MANIFEST.split('/').filter(Boolean));
  if (current) {
    root = current.dir;
    build = current.id;
    const trusted = join(layout.manifestsDir, `${current.id}.json`);
    if (existsSync(trusted)) manifestFile = trusted;
  }
  const manifest: Manifest | null = readManifestFile(manifestFile);
  if (!manifest) throw new GazetteError('GZ_PUBLISH_OUTPUT_INVALID', `${manifestFile}: no readable manifest`);
  const expected = new Map(Object.entries(manifest.files));
  const changed: string[] = [];
  const added: string[] = [];
  const found = new Set<string>();
  for (const path of walk(root, '')) {
    if (path === MANIFEST || path.startsWith(`${MANIFEST_SHARDS}/`)) continue;
    found.add(path);
    const hash = expected.get(path);
    if (hash === undefined) added.push(path);
    else if (sha256(readFileSync(fileUnder(root, path))) !== hash) changed.push(path);
  }
  const missing = [...expected.keys()].filter((path) => !found.has(path));
  const restored: string[] = [];
  const unrestorable: string[] = [];
  if (options.restore) {
    for (const path of [...changed, ...missing]) {
      const hash = expected.get(path) as string;
      const target = fileUnder(root, path);
      const original = path.endsWith('.gz') ? expected.get(path.slice(0, -3)) : undefined;
      if (copyObject(layout, hash, target)) restored.push(path);
      else if (original && restoreGzip(layout, original, hash, target)) restored.push(path);
      else unrestorable.push(path);
    }
    for (const path of added) {
      rmSync(fileUnder(root, path), { force: true });
      restored.push(path);
    }
    if (manifestFile !== fileUnder(root, MANIFEST)) restoreManifest(manifestFile, fileUnder(root, MANIFEST));
  }
  return {
    dir: layout.link,
    build,
    manifestFile,
    checked: found.size,
    changed: changed.sort(),
    added: added.sort(),
    missing: missing.sort(),
    restored,
    unrestorable,
  };
}

/** Puts the public copy of the manifest (head and shards) back when it differs from the trusted one. */
function restoreManifest(from: string, to: string): void {
  const copy = (source: string, target: string) => {
    const text = readFileSync(source);
    if (!existsSync(target) || !readFileSync(target).equals(text)) writeAtomic(target, text);
  };
  const shards = manifestShardFiles(from);
  if (shards) {
    const publicDir = join(dirname(to), MANIFEST_SHARDS.slice(1));
    for (const name of shards.names) copy(join(shards.dir, name), join(publicDir, name));
    // The trusted head names its own shard directory; the public one names /_manifest.
    const head = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
    const text = `${JSON.stringify({ ...head, shardDir: MANIFEST_SHARDS.slice(1) })}\n`;
    if (!existsSync(to) || readFileSync(to, 'utf8') !== text) writeAtomic(to, text);
    return;
  }
  copy(from, to);
}

/** Every file under `root` as a public path (`/a/index.html`); temporary files of a write in progress skipped. */
function* walk(root: string, prefix: string): Generator<string> {
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(root, path);
    else if (!(entry.name.startsWith('.') && entry.name.endsWith('.tmp'))) yield path;
  }
}
