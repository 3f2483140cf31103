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
import {
  formatDateTime,
  GLOBAL_ROLES,
  PASSWORD_RULE,
  ROLES,
  type Grant,
  type Role,
  type User,
} from '../core/index.js';
import { COMMON_OPTIONS, table, UsageError, withGazette, type Command } from './command.js';
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

/** What the help of the commands that set a password says of it. */
const PASSWORD_NOTE = `Password rule: ${PASSWORD_RULE.en}.`;

/** `gazette user …`: the accounts of the installation. */
export const userCommands: Readonly<Record<string, Command>> = {
  'user add': {
    summary: 'add an account (prints a one-time password unless --password-stdin)',
    usage:
      'gazette user add USERNAME --name 姓名 [--role ROLE[@SITE[/COLUMN_ID]]]... [--password-stdin] [--data-dir DIR] [--database URL]',
    options: {
      ...COMMON_OPTIONS,
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    },
    positionals: ['USERNAME'],
    notes: ['SITE is a site id or slug (gazette site list shows them).', PASSWORD_NOTE],
    run: (values, { positionals, lists }) =>
      withGazette(values, (gazette) =>
        runUserAdd(gazette, positionals[0] ?? '', {
          name: values['name'] as string | undefined,
          roles: lists['role'] ?? [],
          passwordStdin: values['password-stdin'] === true,
        }),
      ),
  },
  'user passwd': {
    summary: 'give an account a new one-time password (to be changed at the next sign-in)',
    usage: 'gazette user passwd USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    notes: [PASSWORD_NOTE],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserPasswd(gazette, positionals[0] ?? '')),
  },
  'user disable': {
    summary: 'disable an account and end its sessions',
    usage: 'gazette user disable USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserDisable(gazette, positionals[0] ?? '')),
  },
  'user enable': {
    summary: 'enable a disabled account again',
    usage: 'gazette user enable USERNAME [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    positionals: ['USERNAME'],
    run: (values, { positionals }) =>
      withGazette(values, (gazette) => runUserEnable(gazette, positionals[0] ?? '')),
  },
  'user list': {
    summary: 'list the accounts with their id, roles (ROLE@SITE_ID), last sign-in and 2FA',
    usage: 'gazette user list [--data-dir DIR] [--database URL]',
    options: { ...COMMON_OPTIONS },
    run: (values) => withGazette(values, runUserList),
  },
};
