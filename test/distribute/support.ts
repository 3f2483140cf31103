import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentBuild,
  FileSet,
  fileUnder,
  outputLayout,
  readManifestFile,
  saveManifest,
  startBuild,
  switchTo,
} from '../../src/publish/index.js';
import { parseKeyRing } from '../../src/distribute/index.js';

/** The key file both sides hold in these tests. */
export const KEYS = parseKeyRing(`k1 ${'ab'.repeat(32)}\n`, 'test.keys');

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `gazette-distribute-${prefix}-`));

/** A static output as the publisher leaves it, with `files` (path → text). */
export function makeOutput(dir: string, files: Record<string, string>, now = '2026-12-08T00:00:00.000Z') {
  const layout = outputLayout(dir);
  const set = startBuild(layout, now);
  for (const [path, text] of Object.entries(files)) set.write(path, text);
  saveManifest(layout, set, now);
  switchTo(layout, set);
  return layout;
}

/** One publish on an output: files written and removed in place, then the manifest, as the publisher does. */
export function publish(
  dir: string,
  write: Record<string, string>,
  remove: readonly string[] = [],
  now = new Date().toISOString(),
) {
  const layout = outputLayout(dir);
  const current = currentBuild(layout)!;
  const set = new FileSet(layout, current.dir);
  set.adopt(readManifestFile(join(layout.manifestsDir, `${current.id}.json`))!);
  for (const [path, text] of Object.entries(write)) set.write(path, text, { atomic: true });
  for (const path of remove) set.remove(path);
  saveManifest(layout, set, now);
}

/** The text at a public path of an output (through its symlink), or null. */
export function read(dir: string, path: string): string | null {
  try {
    return readFileSync(fileUnder(dir, path), 'utf8');
  } catch {
    return null;
  }
}

/** A site of `n` articles and a home page. */
export function site(n: number): Record<string, string> {
  const files: Record<string, string> = { '/index.html': '<h1>首页</h1>' };
  for (let i = 1; i <= n; i++) files[`/news/${i}/index.html`] = `<p>第${i}篇 ${'正文'.repeat(i)}</p>`;
  return files;
}
