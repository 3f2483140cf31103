import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { GazetteError } from '../core/index.js';
import { MANIFEST, MANIFEST_SHARDS, sha256 } from '../publish/index.js';
import { signatureMatches, signatureOf, type KeyRing } from './keys.js';

/**
 * A distribution package: what changed in a site's static output since the previous package sent to the same
 * target. In a drop folder it is a directory `SEQUENCE-ID.gzpkg/` holding `package.json` (the header below)
 * and `objects/HASH` (each new file's bytes, named by their SHA-256). It is written under a hidden
 * `.NAME.partial` name and renamed when complete, so whatever carries the folder across (a gateway, rsync,
 * sftp) and the applier on the far side never take a package that is still being written.
 */
export const PACKAGE_FORMAT = 'gazette-distribute/1';
export const PACKAGE_SUFFIX = '.gzpkg';

const HASH = /^[0-9a-f]{64}$/;
/** A public file path as the manifest names it: absolute, no `.`/`..` segment, no backslash or NUL. */
const PUBLIC_PATH = z
  .string()
  .min(2)
  .max(1024)
  .refine(
    (p) =>
      p.startsWith('/') &&
      !/[\\\0]/.test(p) &&
      p
        .split('/')
        .slice(1)
        .every((s) => s !== '' && s !== '.' && s !== '..') &&
      p !== MANIFEST &&
      !p.startsWith(`${MANIFEST_SHARDS}/`),
    'a public file path',
  );

const headerSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    id: z.string().regex(/^[0-9a-f-]{8,40}$/),
    site: z.string().max(64),
    target: z.string().max(40),
    /** Increasing per target (the time in ms, or one more than the last): the applier takes each once, in order. */
    sequence: z.number().int().min(1),
    /** The package this one follows (null for the first, or a full package). */
    previous: z.string().nullable(),
    /** Every file of the output (not only the changed ones): files not listed are removed. */
    full: z.boolean(),
    /** The source build and the time of the publish this package carries. */
    build: z.string().max(80),
    publishedAt: z.string().max(40),
    createdAt: z.string().max(40),
    /** Path → SHA-256 of the files written or changed. */
    files: z.record(PUBLIC_PATH, z.string().regex(HASH)),
    removed: z.array(PUBLIC_PATH),
    /** The key that signed the package (an id of the key file). */
    keyId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/)
      .optional(),
    /** SHA-256 of the header's JSON without this field and the signature: a package cut short or edited is refused. */
    digest: z.string().regex(HASH),
    /** HMAC-SHA256 of the digest with the key `keyId`: only a holder of the key file makes a package applied. */
    signature: z.string().regex(HASH).optional(),
  })
  .strict();

export type PackageHeader = z.infer<typeof headerSchema>;

export const refuse = (detail: string, details: Record<string, unknown> = {}) =>
  new GazetteError('GZ_DISTRIBUTE_PACKAGE_REFUSED', detail, details);

/** The header with its digest computed and signed with the key ring's signing key. */
export function sealHeader(
  header: Omit<PackageHeader, 'digest' | 'signature' | 'keyId'>,
  keys: KeyRing,
): PackageHeader {
  const body = { ...header, keyId: keys.signing.id };
  const digest = sha256(Buffer.from(JSON.stringify(body)));
  return { ...body, digest, signature: signatureOf(keys.signing.secret, digest) };
}

/**
 * Refuses a package not signed by a key of this side's key file: unsigned, signed with a key this side does
 * not hold, or with a signature that does not match (another key under the same id, or an altered header).
 */
export function checkSignature(header: PackageHeader, keys: KeyRing, where: string): void {
  if (!header.signature || !header.keyId)
    throw refuse(`${where}: the package is not signed; both sides need the same distribution key file`);
  const secret = keys.accepted.get(header.keyId);
  if (!secret)
    throw refuse(
      `${where}: the package is signed with key "${header.keyId}", which ${keys.file} does not hold`,
      { keyId: header.keyId },
    );
  if (!signatureMatches(secret, header.digest, header.signature))
    throw refuse(
      `${where}: the signature does not match key "${header.keyId}" (a different key under that id, or an altered package)`,
      { keyId: header.keyId },
    );
}

/** Parses and checks a header: its shape, its digest, paths both written and removed. */
export function parseHeader(text: string, where: string): PackageHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw refuse(`${where}: package.json is not JSON (cut short?)`);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`${where}: malformed package (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
  }
  const { digest, ...signed } = parsed.data;
  const body: Partial<PackageHeader> = { ...signed };
  delete body.signature;
  if (sha256(Buffer.from(JSON.stringify(body))) !== digest)
    throw refuse(`${where}: the header does not match its digest`);
  if (parsed.data.removed.some((path) => path in parsed.data.files))
    throw refuse(`${where}: a path is both written and removed`);
  return parsed.data;
}

/** Where a package's bytes come from: a drop folder's objects, or the publisher's build itself. */
export interface PackageSource {
  readonly header: PackageHeader;
  /** The bytes of a file of the package (checked against its hash by the applier). */
  read(path: string, hash: string): Buffer;
}

export const packageName = (header: Pick<PackageHeader, 'sequence' | 'id'>): string =>
  `${String(header.sequence).padStart(16, '0')}-${header.id}${PACKAGE_SUFFIX}`;

/** Writes a package into `drop` (hidden until complete) and returns its directory. */
export function writePackage(drop: string, source: PackageSource): string {
  const name = packageName(source.header);
  const partial = join(drop, `.${name}.${randomUUID().slice(0, 8)}.partial`);
  mkdirSync(join(partial, 'objects'), { recursive: true });
  try {
    const done = new Set<string>();
    for (const [path, hash] of Object.entries(source.header.files)) {
      if (done.has(hash)) continue;
      writeFileSync(join(partial, 'objects', hash), source.read(path, hash));
      done.add(hash);
    }
    writeFileSync(join(partial, 'package.json'), `${JSON.stringify(source.header)}\n`);
    renameSync(partial, join(drop, name));
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return join(drop, name);
}

/** A package directory opened for the applier: the header parsed, its objects read by hash. */
export function openPackage(dir: string): PackageSource {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) throw refuse(`${dir}: no package.json (an incomplete transfer?)`);
  const header = parseHeader(readFileSync(file, 'utf8'), dir);
  const wanted = new Set(Object.values(header.files));
  const present = existsSync(join(dir, 'objects')) ? readdirSync(join(dir, 'objects')) : [];
  const extra = present.filter((name) => !wanted.has(name));
  if (extra.length > 0)
    throw refuse(`${dir}: files the manifest does not list: ${extra.slice(0, 5).join(', ')}`);
  return {
    header,
    read(path, hash) {
      try {
        return readFileSync(join(dir, 'objects', hash));
      } catch {
        throw refuse(`${dir}: ${path} is missing from the package (an incomplete transfer?)`, { path });
      }
    },
  };
}

/** Complete packages in a drop folder, in sequence order (partial ones are not listed). */
export function listPackages(drop: string): string[] {
  if (!existsSync(drop)) return [];
  return readdirSync(drop)
    .filter((name) => name.endsWith(PACKAGE_SUFFIX) && !name.startsWith('.'))
    .sort()
    .map((name) => join(drop, name));
}
