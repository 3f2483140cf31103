import {
  checkPassword,
  describePasswordProblems,
  GazetteError,
  isGazetteError,
  needsSecondFactor,
  type Principal,
  type User,
} from '../core/index.js';
import {
  generateRecoveryCodes,
  hashSecret,
  newToken,
  normaliseRecoveryCode,
  TOKEN_PATTERN,
  tokenHash,
  verifyDummy,
  verifySecret,
} from './credentials.js';
import { normaliseUsername } from './manage-users.js';
import type { AppDeps } from './deps.js';
import type { Session } from './ports-accounts.js';
import type { AuditEntryInput } from './ports-audit.js';
import type { Store } from './ports.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';

/**
 * What a session still has to do before it may use the admin: prove the second factor, replace a
 * generated password, set up TOTP — in this order. Until it is `done` a session can do only that step.
 */
export type SignInStep = 'totp' | 'change-password' | 'enrol-totp' | 'done';

export function signInStep(user: User, session: Pick<Session, 'secondFactorDone'>): SignInStep {
  if (user.totpEnabled && !session.secondFactorDone) return 'totp';
  if (user.mustChangePassword) return 'change-password';
  if (!user.totpEnabled && needsSecondFactor(user.grants)) return 'enrol-totp';
  return 'done';
}

/** A live session and its user, as every admin request sees it. */
export interface SessionContext {
  readonly session: Session;
  readonly user: User;
  readonly step: SignInStep;
  /** Set only when `step` is `done`. */
  readonly principal: Principal | null;
}

/**
 * What happened to the account since its owner last signed in: locks and failed sign-ins, which the sign-in
 * itself does not reveal (a locked account answers like a wrong password).
 */
export interface SignInNotice {
  readonly lockouts: number;
  readonly failedSignIns: number;
  /** When the account was last locked. */
  readonly lastLockedAt: string;
}

export interface SignedIn {
  readonly step: SignInStep;
  /** Set when the account was locked since its previous sign-in; null otherwise. */
  readonly notice: SignInNotice | null;
  /** For the cookie only: the database keeps its hash. */
  readonly token: string;
  readonly csrfToken: string;
  readonly user: User;
}

export interface Client {
  readonly ip: string;
  readonly userAgent: string;
}

const MINUTE_MS = 60_000;
const addMinutes = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

/** Sessions are touched at most this often, so that a busy editor does not write on every request. */
const TOUCH_EVERY_MS = 15_000;

async function auditAccount(
  store: Store,
  now: string,
  entry: Omit<AuditEntryInput, 'targetType' | 'siteId'> & { readonly targetType?: string },
): Promise<void> {
  await store.audit.append({ targetType: 'user', siteId: null, ...entry }, now);
}

const asActor = (user: User, client: Client) =>
  ({ actorId: user.id, actorName: user.username, ip: client.ip, targetId: String(user.id) }) as const;

/**
 * Reserves one proof attempt before it is checked (see `UserRepo.reserveLoginAttempt`), so that requests in
 * flight at the same time cannot between them try more than the limit allows. A refusal (the account is
 * locked) is audited and thrown.
 */
async function reserveAttempt(
  deps: AppDeps,
  user: User,
  client: Client,
  factor: string,
): Promise<Reservation> {
  const now = deps.clock.now();
  const attempt = await deps.store.users.reserveLoginAttempt(
    user.id,
    now,
    deps.policy.lockoutAttempts,
    addMinutes(now, deps.policy.lockoutMinutes),
  );
  if (attempt.reserved) return { count: attempt.count, ownLock: attempt.lockedUntil };
  await auditLockedOut(deps, user, client, factor, attempt.lockedUntil);
  throw lockedError(attempt.lockedUntil, now);
}

interface Reservation {
  readonly count: number;
  /** The lock this very attempt set by reaching the limit; null otherwise. */
  readonly ownLock: string | null;
}

async function auditLockedOut(
  deps: AppDeps,
  user: User,
  client: Client,
  factor: string,
  lockedUntil: string,
): Promise<void> {
  await deps.store.transaction((store) =>
    auditAccount(store, deps.clock.now(), {
      ...asActor(user, client),
      action: 'login.failed',
      result: 'denied',
      summary: { username: user.username, factor, reason: 'locked', lockedUntil },
    }),
  );
}

/**
 * Gives a reserved attempt back after a right proof: the count starts afresh. Throws (audited) when another
 * attempt locked the account meanwhile: a right proof does not get around a lock.
 */
async function releaseAttempt(
  deps: AppDeps,
  user: User,
  client: Client,
  factor: string,
  reservation: Reservation,
): Promise<void> {
  const now = deps.clock.now();
  if (await deps.store.users.clearLoginFailures(user.id, now, reservation.ownLock)) return;
  throw await lockedOut(deps, user, client, factor);
}

/** The audited refusal of an account found locked by another attempt. */
async function lockedOut(deps: AppDeps, user: User, client: Client, factor: string): Promise<GazetteError> {
  const now = deps.clock.now();
  const until = (await deps.store.users.get(user.id))?.lockedUntil ?? addMinutes(now, 1);
  await auditLockedOut(deps, user, client, factor, until);
  return lockedError(until, now);
}

type FailureOutcome = { readonly locked: false } | { readonly locked: true; readonly until: string };

/**
 * Records a failed proof (password, TOTP or recovery code), already counted by its reservation. When that
 * reservation reached the limit and locked the account, ends the half-finished sign-ins and audits the
 * lock. Runs in its own transaction so that it lands although the request then fails.
 */
async function recordFailure(
  deps: AppDeps,
  user: User,
  client: Client,
  factor: string,
  reservation: Reservation,
): Promise<FailureOutcome> {
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const count = reservation.count;
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'login.failed',
      result: 'failed',
      summary: { username: user.username, factor, failures: count },
    });
    const until = reservation.ownLock;
    if (until === null) return { locked: false };
    // A half-finished sign-in of a locked account ends too.
    const sessions = await store.sessions.listForUser(user.id);
    for (const session of sessions) if (!session.secondFactorDone) await store.sessions.delete(session.id);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'account.locked',
      result: 'ok',
      summary: { username: user.username, failures: count, lockedUntil: until },
    });
    return { locked: true, until };
  });
}

function lockedError(until: string, now: string): GazetteError {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new GazetteError(
    'GZ_ACCOUNT_LOCKED',
    `try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${until})`,
    { retryAfterSeconds: seconds, lockedUntil: until },
  );
}

/** Marks the sign-in complete when nothing is left to do: counts as the last sign-in for dormancy. */
async function finishIfDone(
  store: Store,
  user: User,
  session: Pick<Session, 'secondFactorDone'>,
  now: string,
) {
  const step = signInStep(user, session);
  if (step === 'done') await store.users.update(user.id, { lastLoginAt: now }, now);
  return step;
}

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  /** The session the client held before, if any: it ends. */
  readonly previousToken?: string | undefined;
}

const isLocked = (error: unknown): boolean => isGazetteError(error) && error.code === 'GZ_ACCOUNT_LOCKED';

/**
 * Locks and failed sign-ins of `user` since `since` (their previous sign-in; null: ever), from the audit
 * log; null when there was no lock.
 */
async function signInNotice(store: Store, user: User, since: string | null): Promise<SignInNotice | null> {
  const of = { targetType: 'user', targetId: String(user.id), ...(since === null ? {} : { from: since }) };
  const [lastLock] = await store.audit.list({ ...of, action: 'account.locked' }, 1, 0);
  if (!lastLock) return null;
  return {
    lockouts: await store.audit.count({ ...of, action: 'account.locked' }),
    failedSignIns: await store.audit.count({ ...of, action: 'login.failed' }),
    lastLockedAt: lastLock.at,
  };
}

/**
 * Checks a username and password and opens a session. The session may still need steps (see
 * `SignInStep`). An unknown user, a wrong password and a locked account get the same error in about the
 * same time (a password hash is checked in every case), so that a sign-in tells nobody which accounts
 * exist; the lock is audited, shown to administrators, and told to the owner at their next sign-in
 * (`SignedIn.notice`).
 */
export async function login(deps: AppDeps, input: LoginInput, client: Client): Promise<SignedIn> {
  const username = normaliseUsername(input.username).slice(0, 64);
  const user = await deps.store.users.getByUsername(username);
  if (!user) {
    await verifyDummy(input.password);
    await deps.store.transaction((store) =>
      auditAccount(store, deps.clock.now(), {
        actorId: null,
        actorName: username,
        ip: client.ip,
        targetId: username,
        action: 'login.failed',
        result: 'failed',
        summary: { username, factor: 'password', reason: 'unknown user' },
      }),
    );
    throw new GazetteError('GZ_LOGIN_FAILED');
  }
  const reservation = await reserveAttempt(deps, user, client, 'password').catch(async (error: unknown) => {
    if (!isLocked(error)) throw error;
    await verifyDummy(input.password);
    throw new GazetteError('GZ_LOGIN_FAILED');
  });
  const credentials = await deps.store.users.credentials(user.id);
  if (!credentials || !(await verifySecret(credentials.passwordHash, input.password))) {
    // The failure that locks the account answers like any other.
    await recordFailure(deps, user, client, 'password', reservation);
    throw new GazetteError('GZ_LOGIN_FAILED');
  }
  if (user.status !== 'active') {
    await releaseAttempt(deps, user, client, 'password', reservation).catch((error: unknown) => {
      throw isLocked(error) ? new GazetteError('GZ_LOGIN_FAILED') : error;
    });
    await deps.store.transaction((store) =>
      auditAccount(store, deps.clock.now(), {
        ...asActor(user, client),
        action: 'login.failed',
        result: 'denied',
        summary: { username, factor: 'password', reason: 'disabled' },
      }),
    );
    throw new GazetteError('GZ_ACCOUNT_DISABLED');
  }

  const token = newToken();
  const csrfToken = newToken();
  const signedIn = await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    // The attempt is given back here, in the transaction that opens the session: if another attempt
    // locked the account meanwhile, no session opens.
    if (!(await store.users.clearLoginFailures(user.id, now, reservation.ownLock))) return null;
    const cleared = (await store.users.get(user.id)) ?? user;
    if (input.previousToken && TOKEN_PATTERN.test(input.previousToken)) {
      await store.sessions.delete(tokenHash(input.previousToken));
    }
    await store.sessions.deleteExpired(now, addMinutes(now, -deps.policy.sessionIdleMinutes));
    const session: Session = {
      id: tokenHash(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: addMinutes(now, deps.policy.sessionMaxHours * 60),
      ip: client.ip.slice(0, 64),
      userAgent: client.userAgent.slice(0, 512),
      secondFactorDone: false,
    };
    await store.sessions.create(session);
    const notice = await signInNotice(store, user, user.lastLoginAt);
    const step = await finishIfDone(store, cleared, session, now);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'login',
      result: 'ok',
      summary: { username, step },
    });
    return { step, notice, token, csrfToken, user: (await store.users.get(user.id)) ?? cleared };
  });
  if (signedIn === null) {
    // Locked meanwhile by another attempt: audited as such, answered like a wrong password.
    await lockedOut(deps, user, client, 'password');
    throw new GazetteError('GZ_LOGIN_FAILED');
  }
  return signedIn;
}

/**
 * The session behind a cookie token, if it is live: unknown → `GZ_NOT_SIGNED_IN`; past its idle or
 * absolute limit → `GZ_SESSION_EXPIRED` (and removed). Touches it, which extends the idle limit.
 */
export async function resolveSession(deps: AppDeps, token: string, client: Client): Promise<SessionContext> {
  if (!TOKEN_PATTERN.test(token)) throw new GazetteError('GZ_NOT_SIGNED_IN');
  const store = deps.store;
  const session = await store.sessions.get(tokenHash(token));
  if (!session) throw new GazetteError('GZ_NOT_SIGNED_IN');
  const now = deps.clock.now();
  const idleEnd = addMinutes(session.lastSeenAt, deps.policy.sessionIdleMinutes);
  if (now >= session.expiresAt || now >= idleEnd) {
    await store.sessions.delete(session.id);
    throw new GazetteError(
      'GZ_SESSION_EXPIRED',
      now >= session.expiresAt ? 'signed in too long ago' : 'idle too long',
    );
  }
  const user = await store.users.get(session.userId);
  if (!user || user.status !== 'active') {
    await store.sessions.delete(session.id);
    throw new GazetteError('GZ_NOT_SIGNED_IN');
  }
  let current = session;
  if (Date.parse(now) - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await store.sessions.touch(session.id, now);
    current = { ...session, lastSeenAt: now };
  }
  const step = signInStep(user, current);
  return {
    session: current,
    user,
    step,
    principal: step === 'done' ? { kind: 'user', user, ip: client.ip } : null,
  };
}

/** The step a request that needs a complete sign-in is missing, as an error. */
export function stepError(step: Exclude<SignInStep, 'done'>): GazetteError {
  switch (step) {
    case 'totp':
      return new GazetteError('GZ_TOTP_REQUIRED');
    case 'change-password':
      return new GazetteError('GZ_PASSWORD_CHANGE_REQUIRED');
    case 'enrol-totp':
      return new GazetteError('GZ_TOTP_ENROLMENT_REQUIRED');
  }
}

function requireStep(context: SessionContext, allowed: readonly SignInStep[]): void {
  if (allowed.includes(context.step)) return;
  if (context.step === 'done') throw new GazetteError('GZ_INVALID_INPUT', 'nothing to do: already signed in');
  throw stepError(context.step);
}

export type SecondFactorProof = { readonly code: string } | { readonly recoveryCode: string };

/** Completes the `totp` step with a current code or an unused recovery code. */
export async function verifySecondFactor(
  deps: AppDeps,
  context: SessionContext,
  proof: SecondFactorProof,
  client: Client,
): Promise<{ step: SignInStep; recoveryCodesLeft?: number }> {
  requireStep(context, ['totp']);
  const { user, session } = context;
  const credentials = await deps.store.users.credentials(user.id);
  const secret = credentials?.totpSecret ?? null;
  const method: 'totp' | 'recovery-code' = 'code' in proof ? 'totp' : 'recovery-code';
  const reservation = await reserveAttempt(deps, user, client, method);

  let accepted: boolean;
  if ('code' in proof) {
    const step = secret === null ? null : matchTotp(secret, proof.code, Date.parse(deps.clock.now()));
    accepted = step !== null && (await deps.store.users.claimTotpStep(user.id, step));
  } else {
    const typed = normaliseRecoveryCode(proof.recoveryCode);
    const codes = await deps.store.users.unusedRecoveryCodes(user.id);
    const matches = await Promise.all(codes.map((code) => verifySecret(code.codeHash, typed)));
    const recoveryCodeId = codes[matches.indexOf(true)]?.id ?? null;
    accepted =
      recoveryCodeId !== null && (await deps.store.users.useRecoveryCode(recoveryCodeId, deps.clock.now()));
  }
  if (!accepted) {
    const outcome = await recordFailure(deps, user, client, method, reservation);
    if (outcome.locked) throw lockedError(outcome.until, deps.clock.now());
    throw new GazetteError('GZ_TOTP_INVALID', undefined, {
      field: method === 'totp' ? 'code' : 'recoveryCode',
    });
  }
  const verified = await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    // As at sign-in: a lock set meanwhile by another attempt wins over a right code.
    if (!(await store.users.clearLoginFailures(user.id, now, reservation.ownLock))) return null;
    await store.sessions.markSecondFactorDone(session.id);
    const current = (await store.users.get(user.id)) ?? user;
    const left =
      method === 'recovery-code' ? (await store.users.unusedRecoveryCodes(user.id)).length : undefined;
    const step = await finishIfDone(store, current, { secondFactorDone: true }, now);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'login.second-factor',
      result: 'ok',
      summary: {
        username: user.username,
        method,
        step,
        ...(left === undefined ? {} : { recoveryCodesLeft: left }),
      },
    });
    return left === undefined ? { step } : { step, recoveryCodesLeft: left };
  });
  if (verified === null) throw await lockedOut(deps, user, client, method);
  return verified;
}

export interface ChangePasswordInput {
  /** Required, except in the forced change right after signing in with a generated password. */
  readonly oldPassword?: string | undefined;
  readonly newPassword: string;
}

/** Sets a new password that meets the policy; ends the user's other sessions. */
export async function changePassword(
  deps: AppDeps,
  context: SessionContext,
  input: ChangePasswordInput,
  client: Client,
): Promise<{ step: SignInStep }> {
  requireStep(context, ['change-password', 'done']);
  const { user, session } = context;
  const credentials = await deps.store.users.credentials(user.id);
  if (!credentials) throw new GazetteError('GZ_USER_NOT_FOUND', user.username);
  if (context.step !== 'change-password') {
    if (input.oldPassword === undefined) {
      throw new GazetteError('GZ_PASSWORD_INCORRECT', 'the current password is required', {
        field: 'oldPassword',
      });
    }
    const reservation = await reserveAttempt(deps, user, client, 'old-password');
    if (!(await verifySecret(credentials.passwordHash, input.oldPassword))) {
      const outcome = await recordFailure(deps, user, client, 'old-password', reservation);
      if (outcome.locked) throw lockedError(outcome.until, deps.clock.now());
      throw new GazetteError('GZ_PASSWORD_INCORRECT', undefined, { field: 'oldPassword' });
    }
    await releaseAttempt(deps, user, client, 'old-password', reservation);
  }
  const problems = checkPassword(input.newPassword, user.username);
  if (problems.length > 0) {
    throw new GazetteError('GZ_PASSWORD_WEAK', describePasswordProblems(problems), {
      field: 'newPassword',
      problems,
    });
  }
  if (await verifySecret(credentials.passwordHash, input.newPassword)) {
    throw new GazetteError('GZ_PASSWORD_WEAK', 'must differ from the current password', {
      field: 'newPassword',
    });
  }
  const passwordHash = await hashSecret(input.newPassword);
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const updated = await store.users.update(
      user.id,
      { passwordHash, mustChangePassword: false, passwordChangedAt: now },
      now,
    );
    const ended = await store.sessions.deleteForUser(user.id, session.id);
    const step = await finishIfDone(store, updated, session, now);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'password.change',
      result: 'ok',
      summary: {
        username: user.username,
        forced: context.step === 'change-password',
        otherSessionsEnded: ended,
      },
    });
    return { step };
  });
}

/** Starts TOTP set-up: a new secret, kept unconfirmed until `confirmTotpEnrolment` sees a code from it. */
export async function startTotpEnrolment(
  deps: AppDeps,
  context: SessionContext,
  client: Client,
): Promise<{ secret: string; otpauthUri: string }> {
  requireStep(context, ['enrol-totp', 'done']);
  const { user } = context;
  if (user.totpEnabled) throw new GazetteError('GZ_TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    await store.users.update(user.id, { totpSecret: secret, totpEnabled: false }, now);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'totp.enrol-start',
      result: 'ok',
      summary: { username: user.username },
    });
  });
  return { secret, otpauthUri: totpUri(secret, user.username) };
}

/** Audits a sign-in proof refused because its address failed too often (see the server's throttle). */
export async function auditThrottled(
  deps: AppDeps,
  client: Client,
  attempt: { readonly username: string; readonly userId: number | null; readonly endpoint: string },
  retryAfterSeconds: number,
): Promise<void> {
  await deps.store.transaction((store) =>
    auditAccount(store, deps.clock.now(), {
      actorId: attempt.userId,
      actorName: attempt.username,
      ip: client.ip,
      targetId: attempt.userId === null ? attempt.username : String(attempt.userId),
      action: 'login.throttled',
      result: 'denied',
      summary: { username: attempt.username, endpoint: attempt.endpoint, retryAfterSeconds },
    }),
  );
}

/**
 * Confirms TOTP set-up with a first code from the app, turns the second factor on and returns ten
 * single-use recovery codes, shown this once (only their hashes are kept).
 */
export async function confirmTotpEnrolment(
  deps: AppDeps,
  context: SessionContext,
  code: string,
  client: Client,
): Promise<{ step: SignInStep; recoveryCodes: string[] }> {
  requireStep(context, ['enrol-totp', 'done']);
  const { user, session } = context;
  if (user.totpEnabled) throw new GazetteError('GZ_TOTP_ALREADY_ENABLED');
  const secret = (await deps.store.users.credentials(user.id))?.totpSecret ?? null;
  if (secret === null) throw new GazetteError('GZ_TOTP_ENROLMENT_NOT_STARTED');
  const step = matchTotp(secret, code, Date.parse(deps.clock.now()));
  if (step === null) throw new GazetteError('GZ_TOTP_INVALID', undefined, { field: 'code' });
  const recoveryCodes = generateRecoveryCodes();
  const hashes = await Promise.all(recoveryCodes.map((recoveryCode) => hashSecret(recoveryCode)));
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const updated = await store.users.update(user.id, { totpEnabled: true }, now);
    await store.users.claimTotpStep(user.id, step);
    await store.users.replaceRecoveryCodes(user.id, hashes, now);
    await store.sessions.markSecondFactorDone(session.id);
    const next = await finishIfDone(store, updated, { secondFactorDone: true }, now);
    await auditAccount(store, now, {
      ...asActor(user, client),
      action: 'totp.enrol',
      result: 'ok',
      summary: { username: user.username, recoveryCodes: recoveryCodes.length },
    });
    return { step: next, recoveryCodes };
  });
}

/** Ends this session. */
export async function logout(deps: AppDeps, context: SessionContext, client: Client): Promise<void> {
  await deps.store.transaction(async (store) => {
    await store.sessions.delete(context.session.id);
    await auditAccount(store, deps.clock.now(), {
      ...asActor(context.user, client),
      action: 'logout',
      result: 'ok',
      summary: { username: context.user.username },
    });
  });
}

/** Ends every session of the user, this one included ("log out everywhere"). */
export async function logoutEverywhere(
  deps: AppDeps,
  context: SessionContext,
  client: Client,
): Promise<number> {
  return deps.store.transaction(async (store) => {
    const ended = await store.sessions.deleteForUser(context.user.id);
    await auditAccount(store, deps.clock.now(), {
      ...asActor(context.user, client),
      action: 'logout.everywhere',
      result: 'ok',
      summary: { username: context.user.username, sessions: ended },
    });
    return ended;
  });
}
