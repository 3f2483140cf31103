import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GazetteError } from '../core/index.js';
import type { AppDeps } from './deps.js';

/**
 * Personal data at rest (a writer's name, phone, email; a requester's identity papers) is sealed with
 * AES-256-GCM under a key kept outside the database, in a key file: a dump of the database alone reveals
 * nothing personal. The key file holds one key a line, `id:base64`; the last line is the current key, the
 * earlier ones still open what they sealed (rotation appends a line, nothing is re-sealed at once).
 */
export interface PersonalDataVault {
  /** The id of the key new seals use. */
  readonly currentKeyId: string;
  /** Seals a JSON value; `context` (e.g. `message:42`) binds the seal to its row, so it cannot be moved. */
  seal(value: unknown, context?: string): string;
  /** Opens a seal made by `seal` with the same context; throws `GZ_PERSONAL_DATA_KEY` if it cannot. */
  open<T = unknown>(sealed: string, context?: string): T;
  /** The key id a seal was made with (to find rows to re-seal after a rotation). */
  keyIdOf(sealed: string): string;
  /** Appends a new current key to the key file; returns its id. */
  rotate(): string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'pd1';

interface KeyEntry {
  readonly id: string;
  readonly key: Buffer;
}

function parseKeyFile(text: string, path: string): KeyEntry[] {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [id, encoded] = line.split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== KEY_BYTES) {
        throw new GazetteError('GZ_PERSONAL_DATA_KEY', `${path}: a line is not "id:base64 of 32 bytes"`);
      }
      return { id, key };
    });
  if (entries.length === 0) throw new GazetteError('GZ_PERSONAL_DATA_KEY', `${path}: no key`);
  return entries;
}

const newKeyLine = (): string =>
  `${randomBytes(6).toString('hex')}:${randomBytes(KEY_BYTES).toString('base64')}\n`;

/**
 * The lines of the key file at `path`, creating it (mode 0600, a fresh key) on first use. Two processes
 * starting at once: one creates it (`wx`), the other reads what the first wrote.
 */
export function readOrCreateKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(path, error);
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, newKeyLine());
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(path, error);
  }
  // Read back: whoever created it, everyone uses the same key.
  for (let attempt = 0; ; attempt++) {
    const text = readFileSync(path, 'utf8');
    if (text.includes('\n') || attempt > 50) return text;
  }
}

const keyError = (path: string, error: unknown) =>
  new GazetteError(
    'GZ_PERSONAL_DATA_KEY',
    `${path}: ${error instanceof Error ? error.message : String(error)}`,
    {},
    { cause: error },
  );

/** The vault whose keys are in `keyFile` (created with one key on first use). */
export function openPersonalDataVault(keyFile: string): PersonalDataVault {
  let entries = parseKeyFile(readOrCreateKeyFile(keyFile), keyFile);
  let byId = new Map(entries.map((entry) => [entry.id, entry.key]));
  const reload = () => {
    entries = parseKeyFile(readFileSync(keyFile, 'utf8'), keyFile);
    byId = new Map(entries.map((entry) => [entry.id, entry.key]));
  };
  const current = () => entries[entries.length - 1] as KeyEntry;
  const parts = (sealed: string) => {
    const [version, id, iv, body] = sealed.split('.');
    if (version !== VERSION || !id || !iv || !body) {
      throw new GazetteError('GZ_PERSONAL_DATA_KEY', 'not a sealed value');
    }
    return { id, iv: Buffer.from(iv, 'base64url'), body: Buffer.from(body, 'base64url') };
  };
  return {
    get currentKeyId() {
      return current().id;
    },
    seal(value, context = '') {
      const { id, key } = current();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`${id}|${context}`));
      const body = Buffer.concat([
        cipher.update(JSON.stringify(value), 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `${VERSION}.${id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open<T>(sealed: string, context = ''): T {
      const { id, iv, body } = parts(sealed);
      // A key added by another process (a rotation) after this one read the file.
      if (!byId.has(id)) reload();
      const key = byId.get(id);
      if (!key) throw new GazetteError('GZ_PERSONAL_DATA_KEY', `no key ${id} in ${keyFile}`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(`${id}|${context}`));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        const text = Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        return JSON.parse(text) as T;
      } catch (error) {
        throw new GazetteError('GZ_PERSONAL_DATA_KEY', 'the seal does not open', {}, { cause: error });
      }
    },
    keyIdOf: (sealed) => parts(sealed).id,
    rotate() {
      const fd = openSync(keyFile, 'a', 0o600);
      try {
        writeSync(fd, newKeyLine());
      } finally {
        closeSync(fd);
      }
      reload();
      return current().id;
    },
  };
}

/**
 * A retention purge: removes (or empties) personal data older than what its site keeps, and returns how many
 * records it cleared. Each module holding personal data registers one; the scheduler runs them all.
 */
export interface RetentionPurge {
  readonly name: string;
  run(deps: AppDeps, now: string): Promise<number>;
}

const purges = new Map<string, RetentionPurge>();

/** Registers (or replaces, by name) a retention purge. */
export function registerRetentionPurge(purge: RetentionPurge): void {
  purges.set(purge.name, purge);
}

/** Runs every registered retention purge and the expired anti-abuse counters; returns the count per purge. */
export async function purgeExpiredPersonalData(deps: AppDeps, now: string): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const purge of purges.values()) done[purge.name] = await purge.run(deps, now);
  done['abuse-counters'] = await deps.store.abuse.purgeExpired(now);
  return done;
}
