import {
  createUser,
  disableUser,
  enableUser,
  formatGrant,
  listUsers,
  parseGrant,
  resetPassword,
  systemPrincipal,
} from '../app/index.js';
import type { Gazette } from '../boot/index.js';
import { formatDateTime, GazetteError, type User } from '../core/index.js';

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

/** `gazette user add USERNAME --name 姓名 --role ROLE[@SITE_ID[/COLUMN_ID]]... [--password-stdin]` */
export async function runUserAdd(
  gazette: Gazette,
  username: string,
  options: UserAddOptions,
): Promise<number> {
  if (options.name === undefined || options.name.trim() === '') {
    throw new GazetteError('GZ_CONFIG_INVALID', '--name is required (the real name, shown as 责任编辑)');
  }
  let grants;
  try {
    grants = options.roles.map(parseGrant);
  } catch (error) {
    // A wrong --role is wrong usage.
    if (error instanceof GazetteError)
      throw new GazetteError('GZ_CONFIG_INVALID', String(error.details['detail']));
    throw error;
  }
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

/** Terminal columns a string takes: Chinese and other wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char) ? 2 : 1;
  }
  return width;
}

const padCell = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

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
    user.username,
    user.displayName,
    user.lockedUntil !== null && user.lockedUntil > now ? `${user.status}, locked` : user.status,
    rolesText(user),
    user.lastLoginAt === null ? 'never' : formatDateTime(user.lastLoginAt),
    user.totpEnabled ? 'yes' : 'no',
  ]);
  const header = ['username', 'name', 'status', 'roles', 'last login', '2FA'];
  const widths = header.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padCell(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log([line(header), ...rows.map(line)].join('\n'));
  return 0;
}
