import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { MediaStore } from '../app/index.js';
import { makeDirectory } from './make-directory.js';

/** Incoming uploads are streamed here first; a dot directory is never served (static dotfiles: deny). */
export const INCOMING_DIR = '.incoming';

/** Uploads older than this were left by a process that stopped mid-request; younger ones may be streaming now. */
const ABANDONED_MS = 6 * 60 * 60 * 1000;

/** Removes abandoned uploads (a crash or a kill between receiving a file and answering). */
function sweepIncoming(incoming: string, now: number): void {
  if (!existsSync(incoming)) return;
  for (const name of readdirSync(incoming)) {
    const path = join(incoming, name);
    try {
      if (now - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/**
 * Media in a local directory, served at /media/. Writes go to a temporary name first, then rename, so a
 * reader (or another process sharing the directory over NFS) never sees half a file.
 */
export function createLocalMediaStore(dir: string): MediaStore {
  const root = resolve(dir);
  makeDirectory(root);
  sweepIncoming(join(root, INCOMING_DIR), Date.now());
  const pathOf = (name: string): string => {
    const path = resolve(root, name);
    // Names are made by Gazette from hashes; refuse anything that would leave the directory all the same.
    if (!path.startsWith(root + sep)) throw new Error(`media name outside the store: ${name}`);
    return path;
  };
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  return {
    root,
    put(bytes, extension) {
      const ext = extension
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 8);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const relative = `${sha256.slice(0, 2)}/${sha256}${ext ? `.${ext}` : ''}`;
      const target = join(dir, relative);
      if (!existsSync(target)) {
        mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
        const temporary = `${target}.${randomUUID()}.tmp`;
        writeFileSync(temporary, bytes);
        renameSync(temporary, target);
      }
      return Promise.resolve({ url: `/media/${relative}`, size: bytes.byteLength, sha256 });
    },
    incomingPath() {
      const incoming = join(root, INCOMING_DIR);
      mkdirSync(incoming, { recursive: true });
      return join(incoming, `${randomUUID()}.upload`);
    },
    async write(name, bytes) {
      const target = pathOf(name);
      if (await exists(target)) return false;
      await mkdir(dirname(target), { recursive: true });
      const temporary = join(root, INCOMING_DIR, `${randomUUID()}.tmp`);
      await mkdir(dirname(temporary), { recursive: true });
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
      return true;
    },
    async adopt(path, name) {
      const target = pathOf(name);
      if (await exists(target)) {
        await rm(path, { force: true });
        return false;
      }
      await mkdir(dirname(target), { recursive: true });
      await rename(path, target);
      return true;
    },
    has: (name) => exists(pathOf(name)),
    async remove(name) {
      await rm(pathOf(name), { force: true });
    },
  };
}
