import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MediaStore } from '../app/ports.js';

/** Media in a local directory, served at /media/. Writes go to a temporary name first, then rename. */
export function createLocalMediaStore(dir: string): MediaStore {
  return {
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
  };
}
