import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GazetteError } from '../core/index.js';

/**
 * The keys that sign distribution packages (HMAC-SHA256). They live in a file outside the database, the same
 * file on both sides (the office and the far side), named by `keyFile` in distribute.json or by
 * `GAZETTE_DISTRIBUTE_KEY_FILE`. One key a line, `ID HEX` (at least 32 bytes of hex), `#` comments allowed:
 * the first key signs, every key listed is accepted when checking. To rotate, add the new key as the first line
 * on the far side, then on the office side; once the packages signed with the old key are applied, remove it.
 */
export interface KeyRing {
  readonly file: string;
  /** The key new packages are signed with (the first of the file). */
  readonly signing: { readonly id: string; readonly secret: Buffer };
  /** Every key accepted when checking a signature, by id. */
  readonly accepted: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const KEY_HEX = /^[0-9a-f]{64,256}$/i;

const invalidKey = (file: string, detail: string) =>
  new GazetteError('GZ_DISTRIBUTE_KEY_INVALID', `${file}: ${detail}`);

/** The key file named by the environment or the configuration (null: none configured). */
export function keyFileOf(configured: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  return env['GAZETTE_DISTRIBUTE_KEY_FILE'] ?? configured;
}

/** Reads and checks a key file; a missing, unreadable or malformed one is refused naming the line. */
export function loadKeyRing(file: string | null): KeyRing {
  if (!file)
    throw new GazetteError(
      'GZ_DISTRIBUTE_KEY_INVALID',
      'no distribution key configured: set "keyFile" in distribute.json or GAZETTE_DISTRIBUTE_KEY_FILE (make one with `gazette distribute key`)',
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidKey(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseKeyRing(text, file);
}

export function parseKeyRing(text: string, file = '(keys)'): KeyRing {
  const accepted = new Map<string, Buffer>();
  let signing: KeyRing['signing'] | null = null;
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [id, hex, ...rest] = line.split(/\s+/);
    if (!id || !hex || rest.length > 0 || !KEY_ID.test(id) || !KEY_HEX.test(hex) || hex.length % 2 !== 0)
      throw invalidKey(
        file,
        `line ${index + 1} is not "ID HEX" (an id of letters, digits, . _ -; 32 bytes or more in hex)`,
      );
    if (accepted.has(id)) throw invalidKey(file, `key ${id} is listed twice`);
    const secret = Buffer.from(hex, 'hex');
    accepted.set(id, secret);
    signing ??= { id, secret };
  }
  if (!signing) throw invalidKey(file, 'holds no key');
  return { file, signing, accepted };
}

/** A new key line for a key file: `ID HEX` with 32 random bytes. */
export function newKeyLine(id: string): string {
  if (!KEY_ID.test(id)) throw invalidKey('(new key)', `"${id}" is not a key id (letters, digits, . _ -)`);
  return `${id} ${randomBytes(32).toString('hex')}`;
}

/** HMAC-SHA256 of a header's digest (which covers every other field, the key id included). */
export function signatureOf(secret: Buffer, digest: string): string {
  return createHmac('sha256', secret).update(`gazette-distribute:${digest}`).digest('hex');
}

/** Whether `signature` is the one `secret` gives for `digest`, compared in constant time. */
export function signatureMatches(secret: Buffer, digest: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(secret, digest), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
