import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { GazetteError } from '../core/index.js';
import type { AbuseCounterRepo } from './ports-abuse.js';
import { readOrCreateKeyFile } from './personal-data.js';

/**
 * Protection of the public forms (letters, comments, disclosure requests) without an image CAPTCHA, which the
 * 适老化 rules forbid:
 * - a text question (a small sum in words) for the no-JavaScript path, carried in a sealed (encrypted and
 *   signed), expiring token:
 *   nothing is stored until an answer comes back, and a token is accepted once;
 * - where JavaScript runs, a proof of work on the same token may stand in for the answer;
 * - a honeypot field people never see (filled: refused with a clear message);
 * - rate limits per address and per bucket (a form, a channel) counted in the database, so every process
 *   of the installation counts together; a process remembers a key it saw over its limit until the window
 *   ends and refuses it without asking the database again.
 * The body-size limit is the server's (each public form route declares its own).
 */
export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface AbusePolicy {
  /** Submissions one address may make in a window, all forms together. */
  readonly perAddress: RateLimit;
  /** Submissions one bucket (a form or channel) accepts in a window from everyone. */
  readonly perBucket: RateLimit;
  /** How long a challenge may be answered. */
  readonly challengeSeconds: number;
  /** Leading zero bits of the proof of work; 0 turns the proof of work off (the question stays). */
  readonly workBits: number;
}

export const DEFAULT_ABUSE_POLICY: AbusePolicy = {
  perAddress: { limit: 10, windowSeconds: 600 },
  perBucket: { limit: 600, windowSeconds: 60 },
  challengeSeconds: 30 * 60,
  workBits: 14,
};

export interface Challenge {
  /** Signed; goes back in a hidden field `challenge`. */
  readonly token: string;
  /** The text question shown beside the answer field, e.g. `三加五等于几？`. */
  readonly question: string;
  /** Leading zero bits a proof of work must have (0: none accepted). */
  readonly workBits: number;
  readonly expiresAt: string;
}

export interface Submission {
  /** The form or channel, e.g. `interact:12` (letters of channel 12) or `xxgk-request:1`. */
  readonly bucket: string;
  /** The client's address as the server trusts it. */
  readonly address: string;
  readonly token: string;
  /** The answer to the text question, if given. */
  readonly answer?: string | undefined;
  /** A proof of work: `sha256(token + ':' + work)` starts with `workBits` zero bits. */
  readonly work?: string | undefined;
  /** The honeypot field's value: must be empty. */
  readonly honeypot?: string | undefined;
}

export interface AntiAbuse {
  readonly policy: AbusePolicy;
  challenge(bucket: string): Challenge;
  /** Throws a public GazetteError (field named) unless the submission may be accepted; counts it. */
  admit(submission: Submission): Promise<void>;
  /** Counts one use of `key` against `limit` (e.g. status look-ups per address); throws `GZ_RATE_LIMITED`. */
  limit(key: string, limit: RateLimit): Promise<void>;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 0–20 in Chinese numerals, as people write them. */
function chineseNumber(n: number): string {
  if (n <= 10) return DIGITS[n] as string;
  return `十${DIGITS[n - 10] as string}`;
}

/** The answer as a number: ASCII or full-width digits, or Chinese numerals up to 二十; null otherwise. */
export function parseAnswer(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
  if (/^\d{1,3}$/.test(text)) return Number(text);
  for (let n = 0; n <= 20; n++) if (text === chineseNumber(n) || (n === 2 && text === '两')) return n;
  if (text === '二十') return 20;
  return null;
}

interface TokenBody {
  readonly b: string;
  readonly x: number;
  readonly y: number;
  readonly op: '+' | '-';
  readonly e: number;
  readonly n: string;
  readonly w: number;
}

const leadingZeroBits = (digest: Buffer): number => {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
};

/** Whether `work` is a proof of work on `token` with at least `bits` leading zero bits. */
export function checkWork(token: string, work: string, bits: number): boolean {
  if (bits <= 0 || work.length === 0 || work.length > 32) return false;
  return leadingZeroBits(createHash('sha256').update(`${token}:${work}`).digest()) >= bits;
}

/** Finds a proof of work (what the page's script does in the browser); for tests and the benchmark. */
export function solveWork(token: string, bits: number): string {
  for (let n = 0; ; n++) if (checkWork(token, String(n), bits)) return String(n);
}

/** The question a token asks (for the page that shows it again after a refused submission). */
function questionOf(body: TokenBody): string {
  return `${chineseNumber(body.x)}${body.op === '+' ? '加' : '减'}${chineseNumber(body.y)}等于几？`;
}

/** Reads the secret that signs challenges from its key file (created on first use, mode 0600). */
export function readChallengeSecret(keyFile: string): Buffer {
  const lines = readOrCreateKeyFile(keyFile)
    .split('\n')
    .filter((line) => line.includes(':'));
  const last = lines[lines.length - 1] ?? '';
  const secret = Buffer.from(last.split(':')[1] ?? '', 'base64');
  if (secret.length < 32) throw new GazetteError('GZ_PERSONAL_DATA_KEY', `${keyFile}: no usable key`);
  return secret;
}

export interface AntiAbuseOptions {
  readonly secret: Uint8Array;
  readonly counters: AbuseCounterRepo;
  readonly policy?: Partial<AbusePolicy>;
  /** Milliseconds since the epoch; the system clock by default. */
  readonly now?: () => number;
}

export function createAntiAbuse(options: AntiAbuseOptions): AntiAbuse {
  const policy: AbusePolicy = { ...DEFAULT_ABUSE_POLICY, ...options.policy };
  const now = options.now ?? Date.now;
  const sign = (payload: string) => createHmac('sha256', options.secret).update(payload).digest('base64url');
  // The token's body is sealed (AES-256-GCM), not only signed: a robot must not read the sum off the token.
  const sealKey = createHash('sha256').update(options.secret).update('gazette challenge seal').digest();
  const seal = (body: TokenBody): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  };
  const unseal = (payload: string): TokenBody => {
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < 29) throw new Error('short');
    const decipher = createDecipheriv('aes-256-gcm', sealKey, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    return JSON.parse(text.toString('utf8')) as TokenBody;
  };
  /** Keys seen over their limit, with the end of that window: refused here without the database. */
  const blocked = new Map<string, number>();

  const count = async (key: string, rate: RateLimit): Promise<void> => {
    const at = now();
    const until = blocked.get(key);
    if (until !== undefined) {
      if (until > at) throw rateLimited(until - at);
      blocked.delete(key);
    }
    const windowMs = rate.windowSeconds * 1000;
    const start = Math.floor(at / windowMs) * windowMs;
    const end = start + windowMs;
    const used = await options.counters.hit(
      key.slice(0, 200),
      new Date(start).toISOString(),
      new Date(end).toISOString(),
    );
    if (used > rate.limit) {
      if (blocked.size > 100_000) blocked.clear();
      blocked.set(key, end);
      throw rateLimited(end - at);
    }
  };

  const verifyToken = (token: string): TokenBody => {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || token.length > 1000) {
      throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'no challenge', { field: 'challenge' });
    }
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'bad signature', { field: 'challenge' });
    }
    let body: TokenBody;
    try {
      body = unseal(payload);
    } catch {
      throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'unreadable token', { field: 'challenge' });
    }
    if (body.e < now()) throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'expired', { field: 'challenge' });
    return body;
  };

  return {
    policy,
    challenge(bucket) {
      const op = randomInt(2) === 0 ? '+' : '-';
      let x = randomInt(1, 10);
      let y = randomInt(1, 10);
      if (op === '-' && y > x) [x, y] = [y, x];
      const body: TokenBody = {
        b: bucket,
        x,
        y,
        op,
        e: now() + policy.challengeSeconds * 1000,
        n: randomBytes(12).toString('base64url'),
        w: policy.workBits,
      };
      const payload = seal(body);
      return {
        token: `${payload}.${sign(payload)}`,
        question: questionOf(body),
        workBits: body.w,
        expiresAt: new Date(body.e).toISOString(),
      };
    },
    async admit(submission) {
      if ((submission.honeypot ?? '') !== '') {
        throw new GazetteError('GZ_SUBMISSION_REFUSED', 'honeypot filled', { field: 'website' });
      }
      await count(`address:${submission.address}`, policy.perAddress);
      const body = verifyToken(submission.token);
      if (body.b !== submission.bucket) {
        throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'for another form', { field: 'challenge' });
      }
      const worked = submission.work ? checkWork(submission.token, submission.work, body.w) : false;
      if (!worked) {
        const answer = parseAnswer(submission.answer ?? '');
        const expected = body.op === '+' ? body.x + body.y : body.x - body.y;
        if (answer !== expected) {
          throw new GazetteError('GZ_CHALLENGE_FAILED', 'wrong answer', { field: 'answer' });
        }
      }
      // Once only: a solved token replayed is refused, in every process (one counter per token, kept until
      // the token expires).
      const expiry = new Date(body.e).toISOString();
      if ((await options.counters.hit(`challenge:${body.n}`, expiry, expiry)) > 1) {
        throw new GazetteError('GZ_CHALLENGE_EXPIRED', 'already used', { field: 'challenge' });
      }
      await count(`bucket:${submission.bucket}`, policy.perBucket);
    },
    limit: (key, rate) => count(key, rate),
  };
}

function rateLimited(retryMs: number): GazetteError {
  return new GazetteError('GZ_RATE_LIMITED', undefined, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)),
  });
}
