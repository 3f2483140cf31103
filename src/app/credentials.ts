import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '../core/index.js';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane): the OWASP minimum, about 30–60 ms a
 * hash on one core. Passwords and recovery codes alike.
 */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret);
}

/** False for a wrong secret and for a malformed hash alike. */
export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends as long as checking a real password, for sign-ins with an unknown username: the answer time must
 * not tell which usernames exist.
 */
export async function verifyDummy(secret: string): Promise<void> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  await verifySecret(await dummyHash, secret);
}

/** A random token for a cookie or a form: 32 bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What is stored of a session token: its SHA-256, so that a copy of the database opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** No 0/O, 1/l/I: a generated password is read off a terminal and typed by hand. */
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)] ?? 'x';

/**
 * A one-time password for a new or reset account, e.g. `Tq7m-xK4p-9wRc-hN2v` (about 90 bits). It always
 * meets the password policy; the owner must replace it at the first sign-in.
 */
export function generatePassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => pick(ALPHABET)).join(''));
    const password = groups.join('-');
    const hasAll = [LOWER, UPPER, DIGITS].every((set) => [...password].some((char) => set.includes(char)));
    if (hasAll && checkPassword(password, username).length === 0) return password;
  }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes such as `k7m2q-x9wrt` (about 49 bits each). */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => pick(RECOVERY_ALPHABET)).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Accepts a recovery code typed with spaces, without the hyphen or in capitals. */
export function normaliseRecoveryCode(input: string): string {
  const chars = input.toLowerCase().replace(/[^a-z0-9]/g, '');
  return chars.length === 10 ? `${chars.slice(0, 5)}-${chars.slice(5)}` : chars;
}
