import {
  createUser,
  disableUser,
  enableUser,
  formatGrant,
  listUsers,
  resetPassword,
  systemPrincipal,
} from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { formatDateTime, GLOBAL_ROLES, ROLES, type Grant, type Role, type User } from '../core/index.js';
import { table, UsageError } from './command.js';
import { siteNamed, unknownSite } from './site-commands.js';

/** Every `gazette user` command acts as the system, and is audited as `system:cli`. */
const CLI = systemPrincipal('cli');

/** Reads the whole of standard input: a password piped in, without its final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export interface UserAddOptions {
  readonly name: string | undefined;
  readonly roles: readonly string[];
  readonly passwordStdin: boolean;
}

const rolesText = (user: User): string =>
  user.grants.length ? user.grants.map(formatGrant).join(', ') : '—';

/**
 * One `--role ROLE[@SITE[/COLUMN_ID]]`, SITE an id or a slug. Anything wrong is a usage error naming the
 * part: the role, the site or the column.
 */
async function grantOf(gazette: Gazette, text: string): Promise<Grant> {
  const [head = '', columnText, ...extra] = text.split('/');
  const at = head.indexOf('@');
  const role = at === -1 ? head : head.slice(0, at);
  const siteText = at === -1 ? undefined : head.slice(at + 1);
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role ${text}: unknown role "${role}" (one of ${ROLES.join(', ')})`);
  }
  if (GLOBAL_ROLES.has(role as Role)) {
    if (siteText === undefined && columnText === undefined)
      return { role: role as Role, siteId: null, columnId: null };
    throw new UsageError(`--role ${text}: ${role} holds for the whole installation; give it without @SITE`);
  }
  if (siteText === undefined) {
    throw new UsageError(`--role ${text}: the role ${role} needs a site: ${role}@SITE (a site id or slug)`);
  }
  const site = siteNamed(await gazette.deps.store.sites.list(), siteText);
  if (!site) throw new UsageError(unknownSite('--role', text));
  if (columnText === undefined) return { role: role as Role, siteId: site.id, columnId: null };
  const column =
    /^\d{1,9}$/.test(columnText) && extra.length === 0
      ? await gazette.deps.store.columns.get(Number(columnText))
      : undefined;
  if (!column || column.siteId !== site.id) {
    throw new UsageError(
      `--role ${text}: unknown column "${columnText}" of site ${site.slug} (give a column id)`,
    );
  }
  return { role: role as Role, siteId: site.id, columnId: column.id };
}

/** `gazette user add USERNAME --name 姓名 --role ROLE[@SITE[/COLUMN_ID]]... [--password-stdin]` */
export async function runUserAdd(
  gazette: Gazette,
  username: string,
  options: UserAddOptions,
): Promise<number> {
  if (options.name === undefined || options.name.trim() === '') {
    throw new UsageError('--name is required (the real name, shown as 责任编辑)');
  }
  const grants: Grant[] = [];
  for (const role of options.roles) grants.push(await grantOf(gazette, role));
  const password = options.passwordStdin ? await readStdin() : undefined;
  const { user, generatedPassword } = await createUser(gazette.deps, CLI, {
    username,
    displayName: options.name,
    ...(password === undefined ? {} : { password }),
    grants,
  });
  console.log(`Created ${user.username} (${user.displayName}); roles: ${rolesText(user)}.`);
  if (generatedPassword !== null) console.log(`One-time password: ${generatedPassword}`);
  console.log('The password must be changed at the first sign-in.');
  return 0;
}

/** `gazette user passwd USERNAME`: a new one-time password, printed once. */
export async function runUserPasswd(gazette: Gazette, username: string): Promise<number> {
  const { user, password } = await resetPassword(gazette.deps, CLI, username);
  console.log(`One-time password for ${user.username}: ${password}`);
  console.log('It must be changed at the next sign-in; every session of the account has ended.');
  return 0;
}

/** `gazette user disable USERNAME` */
export async function runUserDisable(gazette: Gazette, username: string): Promise<number> {
  const user = await disableUser(gazette.deps, CLI, username);
  console.log(`Disabled ${user.username}; every session of the account has ended.`);
  return 0;
}

/** `gazette user enable USERNAME` (also after the dormant-account rule disabled it) */
export async function runUserEnable(gazette: Gazette, username: string): Promise<number> {
  const user = await enableUser(gazette.deps, CLI, username);
  console.log(`Enabled ${user.username}.`);
  return 0;
}

/** `gazette user list`: one line per account. */
export async function runUserList(gazette: Gazette): Promise<number> {
  const users = await listUsers(gazette.deps, CLI);
  if (users.length === 0) {
    console.log(
      'No accounts yet. `gazette start` creates the first administrator; `gazette user add` adds one.',
    );
    return 0;
  }
  const now = gazette.deps.clock.now();
  const rows = users.map((user) => [
    String(user.id),
    user.username,
    user.displayName,
    user.lockedUntil !== null && user.lockedUntil > now ? `${user.status}, locked` : user.status,
    rolesText(user),
    user.lastLoginAt === null ? 'never' : formatDateTime(user.lastLoginAt),
    user.totpEnabled ? 'yes' : 'no',
  ]);
  console.log(table(['id', 'username', 'name', 'status', 'roles', 'last login', '2FA'], rows));
  return 0;
}
