import {
  holdsInstallationWide,
  checkPassword,
  describePasswordProblems,
  GazetteError,
  isValidGrant,
  ROLES,
  type Grant,
  type Permission,
  type Principal,
  type Role,
  type User,
} from '../core/index.js';
import { generatePassword, hashSecret } from './credentials.js';
import type { AppDeps } from './deps.js';
import type { AuditEntryInput } from './ports-audit.js';
import type { Store } from './ports.js';
import { plainText } from './sanitize.js';

/** Lower-case letter first, then letters, digits, `.`, `_` or `-`; 2–32 characters. */
const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

function actorOf(principal: Principal): Pick<AuditEntryInput, 'actorId' | 'actorName' | 'ip'> {
  return principal.kind === 'user'
    ? { actorId: principal.user.id, actorName: principal.user.username, ip: principal.ip }
    : { actorId: null, actorName: `system:${principal.reason}`, ip: '' };
}

async function auditUser(
  store: Store,
  principal: Principal,
  now: string,
  action: string,
  target: User | string,
  summary: Readonly<Record<string, unknown>>,
  result: AuditEntryInput['result'] = 'ok',
): Promise<void> {
  await store.audit.append(
    {
      ...actorOf(principal),
      action,
      targetType: 'user',
      targetId: typeof target === 'string' ? target : String(target.id),
      siteId: null,
      result,
      summary: typeof target === 'string' ? summary : { username: target.username, ...summary },
    },
    now,
  );
}

/**
 * Account administration is installation-wide: the permission must come from a grant without a site
 * (the system and security administrators). A refusal is audited, then thrown.
 */
async function requireAccountPermission(
  deps: AppDeps,
  principal: Principal,
  permission: Permission,
  action: string,
  target: string,
): Promise<void> {
  if (holdsInstallationWide(principal, permission)) return;
  await deps.store.transaction((store) =>
    auditUser(store, principal, deps.clock.now(), action, target, { permission }, 'denied'),
  );
  throw new GazetteError('GZ_FORBIDDEN', permission);
}

const grantKey = (grant: Grant): string => `${grant.role}@${grant.siteId ?? '*'}/${grant.columnId ?? '*'}`;

export function formatGrant(grant: Grant): string {
  if (grant.siteId === null) return grant.role;
  return grant.columnId === null
    ? `${grant.role}@${grant.siteId}`
    : `${grant.role}@${grant.siteId}/${grant.columnId}`;
}

/** Reads `ROLE`, `ROLE@SITE_ID` or `ROLE@SITE_ID/COLUMN_ID` (the CLI's `--role`). */
export function parseGrant(text: string): Grant {
  const match = /^([a-z0-9-]+)(?:@(\d+)(?:\/(\d+))?)?$/.exec(text.trim());
  const role = match?.[1] as Role | undefined;
  if (!match || !role || !(ROLES as readonly string[]).includes(role)) {
    throw new GazetteError('GZ_INVALID_INPUT', `unknown role "${text}" (one of ${ROLES.join(', ')})`, {
      field: 'role',
    });
  }
  return {
    role,
    siteId: match[2] === undefined ? null : Number(match[2]),
    columnId: match[3] === undefined ? null : Number(match[3]),
  };
}

/** Well-formed grants naming sites and columns that exist, without duplicates. */
async function checkGrants(store: Store, grants: readonly Grant[]): Promise<Grant[]> {
  const unique = new Map<string, Grant>();
  for (const grant of grants) {
    if (!isValidGrant(grant)) {
      throw new GazetteError(
        'GZ_INVALID_INPUT',
        `${formatGrant(grant)}: system, security and audit administrators hold their role for the whole installation; every other role needs a site`,
        { field: 'grants' },
      );
    }
    if (grant.siteId !== null && !(await store.sites.get(grant.siteId))) {
      throw new GazetteError('GZ_SITE_NOT_FOUND', String(grant.siteId), { field: 'grants' });
    }
    if (grant.columnId !== null) {
      const column = await store.columns.get(grant.columnId);
      if (!column || column.siteId !== grant.siteId) {
        throw new GazetteError('GZ_COLUMN_NOT_FOUND', `${grant.columnId} in site ${grant.siteId}`, {
          field: 'grants',
        });
      }
    }
    unique.set(grantKey(grant), grant);
  }
  const clean = [...unique.values()];
  checkSeparationOfDuties(clean);
  return clean;
}

/**
 * 三员分立: the audit administrator checks what the system and security administrators do, so an account
 * holding `audit-admin` holds no other role (system-admin and security-admin least of all).
 */
function checkSeparationOfDuties(grants: readonly Grant[]): void {
  if (!grants.some((grant) => grant.role === 'audit-admin')) return;
  const others = [...new Set(grants.filter((grant) => grant.role !== 'audit-admin').map((g) => g.role))];
  if (others.length === 0) return;
  const admins = others.filter((role) => role === 'system-admin' || role === 'security-admin');
  throw new GazetteError(
    'GZ_INVALID_INPUT',
    admins.length > 0
      ? `三员分立: the audit administrator cannot also be ${admins.join(' or ')}; give audit-admin its own account`
      : `三员分立: the audit administrator holds no other role (here also ${others.join(', ')}); give audit-admin its own account`,
    { field: 'grants' },
  );
}

export interface CreateUserInput {
  readonly username: string;
  readonly displayName: string;
  /** Omitted: a strong one is generated and returned once. Either way it must be changed at first sign-in. */
  readonly password?: string;
  readonly grants?: readonly Grant[];
}

export interface CreatedUser {
  readonly user: User;
  /** The generated password, shown once; null when the caller gave one. */
  readonly generatedPassword: string | null;
}

/** Creates an account (needs `user.manage`; with grants also `role.assign`). */
export async function createUser(
  deps: AppDeps,
  principal: Principal,
  input: CreateUserInput,
): Promise<CreatedUser> {
  const username = normaliseUsername(input.username);
  await requireAccountPermission(deps, principal, 'user.manage', 'user.create', username);
  if ((input.grants?.length ?? 0) > 0) {
    await requireAccountPermission(deps, principal, 'role.assign', 'user.create', username);
  }
  if (!USERNAME.test(username)) {
    throw new GazetteError(
      'GZ_INVALID_INPUT',
      'a username is 2–32 characters: a letter, then letters, digits, ".", "_" or "-"',
      { field: 'username' },
    );
  }
  const displayName = plainText(input.displayName);
  if (displayName === '' || [...displayName].length > 64) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a name of 1–64 characters is required', {
      field: 'displayName',
    });
  }
  const generatedPassword = input.password === undefined ? generatePassword(username) : null;
  const password = input.password ?? generatedPassword ?? '';
  const problems = checkPassword(password, username);
  if (problems.length > 0) {
    throw new GazetteError('GZ_PASSWORD_WEAK', describePasswordProblems(problems), {
      field: 'password',
      problems,
    });
  }
  const passwordHash = await hashSecret(password);
  const user = await deps.store.transaction(async (store) => {
    if (await store.users.getByUsername(username)) throw new GazetteError('GZ_USERNAME_TAKEN', username);
    const grants = await checkGrants(store, input.grants ?? []);
    const now = deps.clock.now();
    const created = await store.users.create(
      { username, displayName, passwordHash, mustChangePassword: true },
      now,
    );
    if (grants.length > 0) await store.users.setGrants(created.id, grants);
    const withGrants = (await store.users.get(created.id)) ?? created;
    await auditUser(store, principal, now, 'user.create', withGrants, {
      displayName,
      grants: grants.map(formatGrant),
    });
    return withGrants;
  });
  return { user, generatedPassword };
}

async function findUser(store: Store, username: string): Promise<User> {
  const user = await store.users.getByUsername(normaliseUsername(username));
  if (!user) throw new GazetteError('GZ_USER_NOT_FOUND', username, { field: 'username' });
  return user;
}

/** Replaces a user's grants (needs `role.assign`); each grant is checked, the change audited. */
export async function setGrants(
  deps: AppDeps,
  principal: Principal,
  username: string,
  grants: readonly Grant[],
): Promise<User> {
  const name = normaliseUsername(username);
  await requireAccountPermission(deps, principal, 'role.assign', 'user.grants', name);
  if (principal.kind === 'user' && principal.user.username === name) {
    // 三员分立: whoever assigns roles must not widen their own; another security administrator does it.
    await deps.store.transaction((store) =>
      auditUser(
        store,
        principal,
        deps.clock.now(),
        'user.grants',
        String(principal.user.id),
        {
          username: name,
          after: grants.map(formatGrant),
          reason: 'own grants',
        },
        'denied',
      ),
    );
    throw new GazetteError(
      'GZ_FORBIDDEN',
      'nobody changes their own roles: another security administrator must do it',
    );
  }
  return deps.store.transaction(async (store) => {
    const user = await findUser(store, username);
    const clean = await checkGrants(store, grants);
    await store.users.setGrants(user.id, clean);
    const updated = (await store.users.get(user.id)) ?? user;
    await auditUser(store, principal, deps.clock.now(), 'user.grants', updated, {
      before: user.grants.map(formatGrant),
      after: clean.map(formatGrant),
    });
    return updated;
  });
}

/** Every account (needs `user.manage` or `role.assign`). */
export async function listUsers(deps: AppDeps, principal: Principal): Promise<User[]> {
  if (!holdsInstallationWide(principal, 'user.manage') && !holdsInstallationWide(principal, 'role.assign')) {
    throw new GazetteError('GZ_FORBIDDEN', 'user.manage');
  }
  return deps.store.users.list();
}

/** Disables an account and ends its sessions (needs `user.manage`). */
export async function disableUser(deps: AppDeps, principal: Principal, username: string): Promise<User> {
  await requireAccountPermission(deps, principal, 'user.manage', 'user.disable', normaliseUsername(username));
  return deps.store.transaction(async (store) => {
    const user = await findUser(store, username);
    if (principal.kind === 'user' && principal.user.id === user.id) {
      throw new GazetteError('GZ_FORBIDDEN', 'nobody disables their own account');
    }
    const now = deps.clock.now();
    const updated = await store.users.update(user.id, { status: 'disabled' }, now);
    const sessions = await store.sessions.deleteForUser(user.id);
    await auditUser(store, principal, now, 'user.disable', updated, {
      status: [user.status, 'disabled'],
      sessions,
    });
    return updated;
  });
}

/** Re-enables an account; dormancy counts afresh from now (needs `user.manage`). */
export async function enableUser(deps: AppDeps, principal: Principal, username: string): Promise<User> {
  await requireAccountPermission(deps, principal, 'user.manage', 'user.enable', normaliseUsername(username));
  return deps.store.transaction(async (store) => {
    const user = await findUser(store, username);
    const now = deps.clock.now();
    const updated = await store.users.update(
      user.id,
      { status: 'active', activeSince: now, failedLogins: 0, lockedUntil: null },
      now,
    );
    await auditUser(store, principal, now, 'user.enable', updated, { status: [user.status, 'active'] });
    return updated;
  });
}

/**
 * Gives an account a new generated one-time password (needs `user.manage`): it must be changed at the next
 * sign-in; the lockout is lifted and every session ends. Returns the password, to be shown once.
 */
export async function resetPassword(
  deps: AppDeps,
  principal: Principal,
  username: string,
): Promise<{ user: User; password: string }> {
  const name = normaliseUsername(username);
  await requireAccountPermission(deps, principal, 'user.manage', 'user.password-reset', name);
  const password = generatePassword(name);
  const passwordHash = await hashSecret(password);
  return deps.store.transaction(async (store) => {
    const user = await findUser(store, username);
    const now = deps.clock.now();
    const updated = await store.users.update(
      user.id,
      { passwordHash, mustChangePassword: true, passwordChangedAt: now, failedLogins: 0, lockedUntil: null },
      now,
    );
    const sessions = await store.sessions.deleteForUser(user.id);
    await auditUser(store, principal, now, 'user.password-reset', updated, { sessions });
    return { user: updated, password };
  });
}

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On an installation without any account: creates `admin` with a generated password (to be changed at the
 * first sign-in, where TOTP enrolment is forced too), holding the system and security administrator roles
 * and, so that the demo is usable at once, site administrator and publisher on every site. Returns the
 * password once; null when accounts exist already.
 */
export async function ensureFirstAdmin(
  deps: AppDeps,
): Promise<{ username: string; password: string } | null> {
  if ((await deps.store.users.count()) > 0) return null;
  const sites = await deps.store.sites.list();
  const grants: Grant[] = [
    { role: 'system-admin', siteId: null, columnId: null },
    { role: 'security-admin', siteId: null, columnId: null },
    ...sites.flatMap((site): Grant[] => [
      { role: 'site-admin', siteId: site.id, columnId: null },
      { role: 'publisher', siteId: site.id, columnId: null },
    ]),
  ];
  try {
    const { generatedPassword } = await createUser(
      deps,
      { kind: 'system', reason: 'first-admin' },
      {
        username: FIRST_ADMIN_USERNAME,
        displayName: '系统管理员',
        grants,
      },
    );
    return { username: FIRST_ADMIN_USERNAME, password: generatedPassword ?? '' };
  } catch (error) {
    // Another process created it meanwhile.
    if (error instanceof GazetteError && error.code === 'GZ_USERNAME_TAKEN') return null;
    throw error;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Disables accounts without a sign-in for `policy.dormantDays` (counted from creation or re-enabling when
 * they never signed in since) and ends their sessions. Run at start and daily. Returns the accounts disabled.
 */
export async function disableDormantAccounts(deps: AppDeps, now: string): Promise<User[]> {
  const cutoff = new Date(Date.parse(now) - deps.policy.dormantDays * DAY_MS).toISOString();
  const principal: Principal = { kind: 'system', reason: 'dormant-accounts' };
  return deps.store.transaction(async (store) => {
    const dormant = await store.users.listDormant(cutoff);
    const disabled: User[] = [];
    for (const user of dormant) {
      const updated = await store.users.update(user.id, { status: 'disabled' }, now);
      const sessions = await store.sessions.deleteForUser(user.id);
      await auditUser(store, principal, now, 'user.disable', updated, {
        reason: `no sign-in for ${deps.policy.dormantDays} days`,
        lastLoginAt: user.lastLoginAt,
        sessions,
      });
      disabled.push(updated);
    }
    return disabled;
  });
}
