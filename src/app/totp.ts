import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
/** Codes of the previous and next step are accepted too, for clocks a little apart. */
const WINDOW = 1;
export const TOTP_ISSUER = 'Gazette';

/** A new random secret (160 bits, as RFC 4226 recommends), base32-encoded. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const totpOf = (secret: string, username = ''): TOTP =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
  });

/** The `otpauth://` URI an authenticator app reads (as a QR code or pasted). */
export function totpUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/** The 30-second time step of a moment. */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / PERIOD);
}

/**
 * The time step whose code `code` is, if it is the code of the step of `atMs` or of a neighbouring one;
 * null otherwise. Callers must still refuse a step already used (replay).
 */
export function matchTotp(secret: string, code: string, atMs: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: atMs, window: WINDOW });
  return delta === null ? null : totpStep(atMs) + delta;
}

/** The code of the moment `atMs` (tests, and showing a check value while enrolling). */
export function totpCode(secret: string, atMs: number): string {
  return totpOf(secret).generate({ timestamp: atMs });
}
