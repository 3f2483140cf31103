import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { GazetteError } from '../core/index.js';

/**
 * Where the static output of a site is copied to. Targets are listed in a JSON file (`distribute.json` in
 * the data directory, or the file `GAZETTE_DISTRIBUTE_CONFIG` names) beside `roots`: every target path, local
 * or on the far host, must lie under one of the roots, so a mistyped or injected path cannot write elsewhere.
 */
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const path = z.string().min(1).max(400).refine(isAbsolute, 'an absolute path');
const host = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'a host name or address')
  .optional();
const user = z
  .string()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a user name')
  .optional();

const common = {
  name: z.string().regex(NAME, 'lower-case letters, digits and -'),
  /** The site (slug) whose output this target receives; any site when absent. */
  site: z.string().min(1).max(64).optional(),
  path,
};

const targetSchema = z.discriminatedUnion('type', [
  /** A local or mounted directory served as it is: packages are applied to it directly. */
  z.object({ type: z.literal('directory'), ...common }).strict(),
  /** A drop folder a one-way gateway carries across; the far side runs `gazette distribute apply`. */
  z.object({ type: z.literal('drop'), ...common }).strict(),
  /** Packages copied by `rsync` (over SSH when a host is given) into the far side's drop folder. */
  z
    .object({
      type: z.literal('rsync'),
      ...common,
      host,
      user,
      port: z.number().int().min(1).max(65535).optional(),
      identityFile: path.optional(),
      /** Run over SSH after each transfer, e.g. `gazette distribute apply --from INBOX --to /srv/www`. */
      remoteApply: z.string().min(1).max(400).optional(),
    })
    .strict(),
  /** Packages put by `sftp` into the far side's drop folder (no command runs there: it applies them itself). */
  z
    .object({
      type: z.literal('sftp'),
      ...common,
      host: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/),
      user,
      port: z.number().int().min(1).max(65535).optional(),
      identityFile: path.optional(),
    })
    .strict(),
]);

const configSchema = z
  .object({
    /** The file of the keys that sign packages (see keys.ts); outside the database, the same on both sides. */
    keyFile: path.optional(),
    roots: z.array(path).min(1).max(50),
    targets: z.array(targetSchema).max(50),
  })
  .strict();

export type Target = z.infer<typeof targetSchema>;
export type TargetType = Target['type'];
export interface DistributeConfig {
  readonly file: string;
  /** The key file the configuration names (null: none; `GAZETTE_DISTRIBUTE_KEY_FILE` may still name one). */
  readonly keyFile: string | null;
  readonly roots: readonly string[];
  readonly targets: readonly Target[];
}

/** The configuration file of an installation: `GAZETTE_DISTRIBUTE_CONFIG` or `DATA_DIR/distribute.json`. */
export function configFileOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env['GAZETTE_DISTRIBUTE_CONFIG'] ?? join(dataDir, 'distribute.json'));
}

const invalid = (file: string, detail: string) =>
  new GazetteError('GZ_DISTRIBUTE_TARGET_INVALID', `${file}: ${detail}`);

/** Reads and checks the targets; a missing file is no targets. */
export function loadDistributeConfig(file: string): DistributeConfig {
  if (!existsSync(file)) return { file, keyFile: null, roots: [], targets: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(file, `not JSON (${(error as Error).message})`);
  }
  return parseDistributeConfig(raw, file);
}

export function parseDistributeConfig(raw: unknown, file = '(config)'): DistributeConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const roots = parsed.data.roots.map((root) => resolve(root));
  const names = new Set<string>();
  for (const target of parsed.data.targets) {
    if (names.has(target.name)) throw invalid(file, `target ${target.name} is listed twice`);
    names.add(target.name);
    checkUnderRoots(target.path, roots, isRemote(target), `target ${target.name}`);
  }
  return { file, keyFile: parsed.data.keyFile ?? null, roots, targets: parsed.data.targets };
}

export const isRemote = (target: Target): boolean =>
  (target.type === 'rsync' && target.host !== undefined) || target.type === 'sftp';

/**
 * Refuses a path that is not under one of `roots`: `..` segments are refused outright, and a local path is
 * compared after its existing part's symlinks are resolved (a link inside a root cannot lead outside it).
 */
export function checkUnderRoots(
  target: string,
  roots: readonly string[],
  remote: boolean,
  what = 'path',
): string {
  if (target.split(/[/\\]/).includes('..')) throw invalid(target, `${what}: a path with .. is not accepted`);
  const absolute = resolve(target);
  const real = remote ? absolute : realExisting(absolute);
  const inside = roots.some((root) => {
    const base = remote ? root : realExisting(root);
    return real === base || real.startsWith(base.endsWith(sep) ? base : base + sep);
  });
  if (!inside) throw invalid(target, `${what} is outside the configured roots (${roots.join(', ')})`);
  return absolute;
}

/** The path with the symlinks of its longest existing ancestor resolved. */
function realExisting(path: string): string {
  let head = path;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const parent = dirname(head);
    if (parent === head) return path;
    tail.unshift(head.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    head = parent;
  }
  return join(realpathSync(head), ...tail);
}

/** The configured target of that name, or a clear refusal. */
export function targetNamed(config: DistributeConfig, name: string): Target {
  const target = config.targets.find((t) => t.name === name);
  if (!target)
    throw invalid(
      config.file,
      `no target named "${name}" (configured: ${config.targets.map((t) => t.name).join(', ') || 'none'})`,
    );
  return target;
}
