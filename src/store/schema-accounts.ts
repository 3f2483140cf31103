import type { Generated, Selectable } from 'kysely';
import type { UserStatus } from '../core/index.js';

/**
 * Accounts, their grants, sessions and recovery codes. Booleans are integers 0/1 so that SQLite and
 * PostgreSQL read them alike; times are UTC ISO-8601 strings.
 */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-case, unique. */
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** 'active' | 'disabled' */
  status: UserStatus;
  must_change_password: number;
  /**
   * Base32 TOTP secret: set while enrolling (totp_enabled 0) and after. Stored as is so that codes can be
   * checked; never logged, never returned by the API after enrolment. Protect the database and its backups.
   */
  totp_secret: string | null;
  totp_enabled: number;
  /** The last 30-second step whose code was accepted: a code is never accepted twice. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  /** When the account was created or last re-enabled: dormancy counts from the later of this and the last sign-in. */
  active_since: string;
  created_at: string;
  updated_at: string;
}

export interface UserGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  site_id: number | null;
  column_id: number | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the random token in the cookie; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute end, whatever the activity. */
  expires_at: string;
  ip: string;
  user_agent: string;
  second_factor_done: number;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  /** argon2id PHC string of the code. */
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface AccountsDatabase {
  users: UsersTable;
  user_grants: UserGrantsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
