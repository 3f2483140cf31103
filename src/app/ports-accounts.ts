import type { Grant, User, UserStatus } from '../core/index.js';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

/** What only the sign-in code may read: never part of `User`, never sent to a client. */
export interface UserCredentials {
  readonly passwordHash: string;
  /** Base32; set while enrolling and once enrolled. */
  readonly totpSecret: string | null;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly status?: UserStatus;
  readonly passwordHash?: string;
  readonly mustChangePassword?: boolean;
  readonly passwordChangedAt?: string;
  readonly totpSecret?: string | null;
  readonly totpEnabled?: boolean;
  readonly failedLogins?: number;
  readonly lockedUntil?: string | null;
  readonly lastLoginAt?: string;
  readonly activeSince?: string;
}

/** A reserved attempt and the count it makes (its lock when it reached the limit), or a refusal. */
export type LoginAttempt =
  | { readonly reserved: true; readonly count: number; readonly lockedUntil: string | null }
  | { readonly reserved: false; readonly lockedUntil: string };

export interface RecoveryCodeHash {
  readonly id: number;
  readonly codeHash: string;
}

export interface UserRepo {
  /** Every account, by username. */
  list(): Promise<User[]>;
  get(id: number): Promise<User | undefined>;
  /** `username` as stored: lower-case. */
  getByUsername(username: string): Promise<User | undefined>;
  count(): Promise<number>;
  credentials(id: number): Promise<UserCredentials | undefined>;
  create(input: NewUser, now: string): Promise<User>;
  update(id: number, patch: UserPatch, now: string): Promise<User>;
  /** Replaces every grant of the user. */
  setGrants(id: number, grants: readonly Grant[]): Promise<void>;
  /**
   * Reserves one proof attempt (password, TOTP or recovery code) BEFORE it is checked, atomically: adds one
   * to the count of failed attempts in a row (an expired lock starts it afresh) and, when the count reaches
   * `limit`, locks the account until `lockUntil`. Refused while the account is locked. A proof that turns
   * out right gives its attempt back with `clearLoginFailures`.
   */
  reserveLoginAttempt(id: number, now: string, limit: number, lockUntil: string): Promise<LoginAttempt>;
  /**
   * Resets the count of failed attempts and lifts the lock, atomically, unless the account is locked by
   * another attempt: false then. `ownLock` is the lock the caller's own reservation set, if any.
   */
  clearLoginFailures(id: number, now: string, ownLock: string | null): Promise<boolean>;
  /**
   * Records that the TOTP code of time step `step` was used, only if no code of this or a later step was
   * accepted before (atomically). False means a replay.
   */
  claimTotpStep(id: number, step: number): Promise<boolean>;
  /** Replaces the user's recovery codes (hashes) with a fresh set. */
  replaceRecoveryCodes(userId: number, codeHashes: readonly string[], now: string): Promise<void>;
  unusedRecoveryCodes(userId: number): Promise<RecoveryCodeHash[]>;
  /** Marks a recovery code used, only if it was unused (atomically); false when it was used meanwhile. */
  useRecoveryCode(id: number, now: string): Promise<boolean>;
  /** Active accounts with no sign-in since `cutoff` and created or re-enabled before it. */
  listDormant(cutoff: string): Promise<User[]>;
}

export interface Session {
  /** SHA-256 (hex) of the token the client holds. */
  readonly id: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly secondFactorDone: boolean;
}

export interface SessionRepo {
  create(session: Session): Promise<void>;
  get(id: string): Promise<Session | undefined>;
  touch(id: string, at: string): Promise<void>;
  markSecondFactorDone(id: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of the user except `exceptId`; returns how many ended. */
  deleteForUser(userId: number, exceptId?: string): Promise<number>;
  listForUser(userId: number): Promise<Session[]>;
  /** Removes sessions past their absolute end or unused since `idleCutoff`. */
  deleteExpired(now: string, idleCutoff: string): Promise<number>;
}

/** The sign-in rules an installation chose (see Config). */
export interface AccountPolicy {
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly dormantDays: number;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = Object.freeze({
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  dormantDays: 90,
});
