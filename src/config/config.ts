import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { GazetteError } from '../core/index.js';

/** Everything Gazette reads from the environment and the command line, validated once and frozen. */
export interface Config {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly demo: boolean;
  readonly themeDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Which proxies in front may tell the client's address and protocol (GAZETTE_TRUST_PROXY): none
   * (`false`), the nearest N hops (a number; `true` means 1), or the listed addresses and CIDR ranges.
   */
  readonly trustProxy: TrustProxy;
  /** Memory for rendered public pages (GAZETTE_PAGE_CACHE_MB), in each worker; 0 turns the cache off. */
  readonly pageCacheBytes: number;
  /**
   * Server processes sharing the port (GAZETTE_WORKERS, `--workers`): 1 by default, `auto` for one per
   * CPU core. See src/boot/cluster.ts.
   */
  readonly workers: number;
  /**
   * V8's old-generation limit of each worker process, in MiB (GAZETTE_WORKER_HEAP_MB); 0 leaves V8's own.
   * Under load V8 lets garbage pile up to far above what is live (about 40 MiB), so a budget keeps the
   * process small at no measured cost (bench/serve); a worker that outgrows it is restarted by the primary.
   */
  readonly workerHeapMb: number;
  /** How often due scheduled articles are published (GAZETTE_SCHEDULER_SECONDS). */
  readonly schedulerIntervalMs: number;
  /** PostgreSQL (`postgres://user:password@host:5432/name`) when set; SQLite in `dataDir` when null. */
  readonly databaseUrl: string | null;
  /** Failed sign-ins in a row that lock an account (等保: 5). */
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  /** A session unused this long ends. */
  readonly sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  readonly sessionMaxHours: number;
  /** Accounts without a sign-in for this long are disabled. */
  readonly dormantDays: number;
  /** Whether a publisher's minor edit of an approved article returns to the final review level only. */
  readonly minorEditsToFinalLevel: boolean;
  /** Static output kept up to date by `gazette start` on every publish (GAZETTE_PUBLISH_DIR); null: none. */
  readonly publishDir: string | null;
  /** Gazette server the static search page sends readers to (GAZETTE_PUBLISH_SEARCH_URL); null: a notice. */
  readonly publishSearchUrl: string | null;
  /**
   * Event-loop delay in ms past which searches, uncached renders and admin writes are refused with 503
   * (GAZETTE_SHED_LAG_MS); 0 never refuses them.
   */
  readonly shedLagMs: number;
  /**
   * The availability monitor of `gazette start --monitor URL` (GAZETTE_MONITOR_URL): the page probed every
   * hour for the self-check's availability veto; null: none.
   */
  readonly monitorUrl: string | null;
  /** Count page views, visitors, referrers and search terms (GAZETTE_VISIT_STATS, default on). */
  readonly visitStats: boolean;
  /**
   * The host the admin answers on, and nothing else there (GAZETTE_ADMIN_HOST); null: the admin answers on
   * every host, beside the public site.
   */
  readonly adminHost: string | null;
  /**
   * Searches started per turn of the event loop in each process (GAZETTE_SEARCH_CONCURRENCY); 0: unbounded;
   * null (unset): 1 on SQLite, whose searches never wait for I/O, 4 on PostgreSQL.
   */
  readonly searchConcurrency: number | null;
  /** Searches waiting for a turn before more are refused with 503 (GAZETTE_SEARCH_QUEUE). */
  readonly searchQueue: number;
  /** Upload limits (GAZETTE_MEDIA_IMAGE_MB, GAZETTE_MEDIA_DOCUMENT_MB, GAZETTE_MEDIA_MAX_MEGAPIXELS). */
  readonly media: { readonly imageBytes: number; readonly documentBytes: number; readonly maxPixels: number };
  /**
   * The key file sealing personal data (GAZETTE_PII_KEY_FILE); default `pii.key` in the data directory,
   * created with mode 0600 on first use. Keep it out of database backups.
   */
  readonly piiKeyFile: string;
  /** SMTP server for notifications (GAZETTE_SMTP_URL, e.g. `smtps://user:pass@mail.example.gov.cn:465`); null: none. */
  readonly smtpUrl: string | null;
  /** The sender of notifications (GAZETTE_SMTP_FROM). */
  readonly smtpFrom: string;
  /**
   * Public form submissions per address and per form (GAZETTE_FORM_LIMIT_PER_ADDRESS a 10 minutes,
   * GAZETTE_FORM_LIMIT_PER_FORM a minute).
   */
  readonly formLimits: { readonly perAddress: number; readonly perForm: number };
}

/** `false`, a hop count (1 = one nginx in front), or the addresses and CIDR ranges of the proxies. */
export type TrustProxy = false | number | readonly string[];

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length. */
function isAddressOrRange(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Reads GAZETTE_TRUST_PROXY: unset, `false`, `0`, `no`, `off` → false; `true`, `yes`, `on` → 1 hop; a
 * whole number → that many hops; otherwise a comma-separated list of addresses and CIDR ranges.
 */
function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = (value ?? '').trim().toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(text)) return false;
  if (['true', 'yes', 'on'].includes(text)) return 1;
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? Number(text) : text;
  const list = text.split(',').map((item) => item.trim());
  // Returned as text when invalid, for the schema to refuse with a message.
  return list.every(isAddressOrRange) ? list : text;
}

/** Flags as the CLI parsed them; undefined means "not given". */
export interface ConfigFlags {
  readonly dataDir?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly demo?: boolean | undefined;
  readonly themeDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly publishDir?: string | undefined;
  readonly publishSearchUrl?: string | undefined;
  readonly monitorUrl?: string | undefined;
  readonly workers?: string | undefined;
}

const packageRoot = resolve(new URL('../..', import.meta.url).pathname);

const TRUST_PROXY_HELP =
  'must be false, a number of proxy hops (1 = one nginx in front; at most 10) or a comma-separated list of proxy addresses or CIDR ranges';

const schema = z.object({
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  demo: z.boolean(),
  themeDir: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  trustProxy: z.union([z.literal(false), z.number().int().min(1).max(10), z.array(z.string()).readonly()], {
    error: TRUST_PROXY_HELP,
  }),
  workers: z.coerce
    .number({ message: 'must be a whole number from 1 to 64, or auto (one per CPU core)' })
    .int({ message: 'must be a whole number from 1 to 64, or auto (one per CPU core)' })
    .min(1, { message: 'must be a whole number from 1 to 64, or auto (one per CPU core)' })
    .max(64, { message: 'must be a whole number from 1 to 64, or auto (one per CPU core)' }),
  workerHeapMb: z.coerce
    .number()
    .int()
    .refine((mb) => mb === 0 || (mb >= 64 && mb <= 16384), {
      message: 'must be 0 (V8 decides) or a whole number of MiB from 64 to 16384',
    }),
  pageCacheBytes: z.coerce
    .number()
    .int()
    .min(0)
    .max(64 * 1024),
  schedulerIntervalMs: z.coerce.number().min(0.1).max(3600),
  // The message never repeats the URL: it may hold a password.
  databaseUrl: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url), {
      message: 'must be a postgres:// URL, e.g. postgres://user@host:5432/name',
    })
    .nullable(),
  lockoutAttempts: z.coerce.number().int().min(1).max(100),
  lockoutMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  sessionMaxHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  dormantDays: z.coerce.number().int().min(1).max(3650),
  minorEditsToFinalLevel: z.boolean(),
  publishDir: z.string().min(1).nullable(),
  publishSearchUrl: z
    .string()
    .refine((url) => /^https?:\/\/\S+$/.test(url) && URL.canParse(url), {
      message: 'must be an http:// or https:// URL, e.g. https://www.example.gov.cn',
    })
    .nullable(),
  shedLagMs: z.coerce.number().int().min(0).max(60_000),
  visitStats: z.boolean(),
  monitorUrl: z
    .string()
    .refine((url) => /^https?:\/\/\S+$/i.test(url) && URL.canParse(url), {
      message: 'must be an http:// or https:// URL, e.g. https://www.example.gov.cn/',
    })
    .nullable(),
  adminHost: z
    .string()
    .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, {
      message: 'must be a host name, e.g. admin.example.gov.cn (no scheme, port or path)',
    })
    .nullable(),
  searchConcurrency: z.coerce.number().int().min(0).max(1024).nullable(),
  searchQueue: z.coerce.number().int().min(0).max(100_000),
  mediaImageMb: z.coerce.number().min(0.1).max(200),
  mediaDocumentMb: z.coerce.number().min(0.1).max(2000),
  mediaMaxMegapixels: z.coerce.number().min(1).max(1000),
  piiKeyFile: z.string().min(1),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: 'must be smtp://… or smtps://…' })
    .nullable(),
  smtpFrom: z.string().min(3).max(200),
  formLimitPerAddress: z.coerce.number().int().min(1).max(1_000_000),
  formLimitPerForm: z.coerce.number().int().min(1).max(10_000_000),
});

const bool = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

/** Flags win over the environment, the environment over defaults. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags = {},
): Config {
  const result = schema.safeParse({
    dataDir: resolve(flags.dataDir ?? env['GAZETTE_DATA_DIR'] ?? 'data'),
    host: flags.host ?? env['HOST'] ?? '127.0.0.1',
    port: flags.port ?? env['PORT'] ?? '3000',
    demo: flags.demo ?? bool(env['GAZETTE_DEMO']) ?? true,
    themeDir: resolve(flags.themeDir ?? env['GAZETTE_THEME_DIR'] ?? resolve(packageRoot, 'themes/default')),
    logLevel: env['GAZETTE_LOG_LEVEL'] ?? 'warn',
    trustProxy: parseTrustProxy(env['GAZETTE_TRUST_PROXY']),
    pageCacheBytes: env['GAZETTE_PAGE_CACHE_MB'] ?? '64',
    workerHeapMb: env['GAZETTE_WORKER_HEAP_MB'] ?? '256',
    workers: ((value) => (value === 'auto' ? String(availableParallelism()) : value))(
      flags.workers ?? env['GAZETTE_WORKERS'] ?? '1',
    ),
    schedulerIntervalMs: env['GAZETTE_SCHEDULER_SECONDS'] ?? '15',
    databaseUrl: (flags.databaseUrl ?? env['GAZETTE_DATABASE_URL'] ?? '') || null,
    lockoutAttempts: env['GAZETTE_LOCKOUT_ATTEMPTS'] ?? '5',
    lockoutMinutes: env['GAZETTE_LOCKOUT_MINUTES'] ?? '15',
    sessionIdleMinutes: env['GAZETTE_SESSION_IDLE_MINUTES'] ?? '30',
    sessionMaxHours: env['GAZETTE_SESSION_MAX_HOURS'] ?? '12',
    dormantDays: env['GAZETTE_DORMANT_DAYS'] ?? '90',
    minorEditsToFinalLevel: bool(env['GAZETTE_MINOR_EDITS_TO_FINAL_LEVEL']) ?? true,
    publishDir: ((dir) => (dir ? resolve(dir) : null))(flags.publishDir ?? env['GAZETTE_PUBLISH_DIR']),
    publishSearchUrl: (flags.publishSearchUrl ?? env['GAZETTE_PUBLISH_SEARCH_URL'] ?? '') || null,
    shedLagMs: env['GAZETTE_SHED_LAG_MS'] ?? '100',
    visitStats: bool(env['GAZETTE_VISIT_STATS']) ?? true,
    monitorUrl: (flags.monitorUrl ?? env['GAZETTE_MONITOR_URL'] ?? '') || null,
    adminHost: env['GAZETTE_ADMIN_HOST']?.trim().toLowerCase() || null,
    searchConcurrency: env['GAZETTE_SEARCH_CONCURRENCY'] ?? null,
    searchQueue: env['GAZETTE_SEARCH_QUEUE'] ?? '32',
    mediaImageMb: env['GAZETTE_MEDIA_IMAGE_MB'] ?? '20',
    mediaDocumentMb: env['GAZETTE_MEDIA_DOCUMENT_MB'] ?? '50',
    mediaMaxMegapixels: env['GAZETTE_MEDIA_MAX_MEGAPIXELS'] ?? '50',
    piiKeyFile: resolve(
      env['GAZETTE_PII_KEY_FILE'] ?? resolve(flags.dataDir ?? env['GAZETTE_DATA_DIR'] ?? 'data', 'pii.key'),
    ),
    smtpUrl: env['GAZETTE_SMTP_URL']?.trim() || null,
    smtpFrom: env['GAZETTE_SMTP_FROM']?.trim() || 'Gazette <no-reply@localhost>',
    formLimitPerAddress: env['GAZETTE_FORM_LIMIT_PER_ADDRESS'] ?? '10',
    formLimitPerForm: env['GAZETTE_FORM_LIMIT_PER_FORM'] ?? '600',
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? 'config';
    throw new GazetteError('GZ_CONFIG_INVALID', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  const {
    mediaImageMb,
    mediaDocumentMb,
    mediaMaxMegapixels,
    formLimitPerAddress,
    formLimitPerForm,
    ...rest
  } = result.data;
  return Object.freeze({
    ...rest,
    formLimits: Object.freeze({ perAddress: formLimitPerAddress, perForm: formLimitPerForm }),
    media: Object.freeze({
      imageBytes: Math.round(mediaImageMb * 1024 * 1024),
      documentBytes: Math.round(mediaDocumentMb * 1024 * 1024),
      maxPixels: Math.round(mediaMaxMegapixels * 1_000_000),
    }),
    pageCacheBytes: result.data.pageCacheBytes * 1024 * 1024,
    schedulerIntervalMs: Math.round(result.data.schedulerIntervalMs * 1000),
  });
}
