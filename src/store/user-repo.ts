import { sql, type ExpressionBuilder, type Kysely, type Updateable } from 'kysely';
import type { UserRepo } from '../app/index.js';
import { GazetteError, type Grant, type Role, type User } from '../core/index.js';
import type { UserRow, UsersTable } from './schema-accounts.js';
import type { Database } from './schema.js';

export function createUserRepo(db: Kysely<Database>): UserRepo {
  const hydrate = async (rows: readonly UserRow[]): Promise<User[]> => {
    if (rows.length === 0) return [];
    const grants = await db
      .selectFrom('user_grants')
      .selectAll()
      .where(
        'user_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      status: row.status,
      mustChangePassword: row.must_change_password === 1,
      totpEnabled: row.totp_enabled === 1,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until,
      lastLoginAt: row.last_login_at,
      passwordChangedAt: row.password_changed_at,
      grants: grants
        .filter((grant) => grant.user_id === row.id)
        .map((grant): Grant => ({
          role: grant.role as Role,
          siteId: grant.site_id,
          columnId: grant.column_id,
        })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  };

  const get = async (id: number): Promise<User | undefined> => {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate([row]))[0] : undefined;
  };

  return {
    get,
    async list() {
      return hydrate(await db.selectFrom('users').selectAll().orderBy('username').execute());
    },
    async getByUsername(username) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    async count() {
      const { count } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count);
    },
    async credentials(id) {
      const row = await db
        .selectFrom('users')
        .select(['password_hash', 'totp_secret'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { passwordHash: row.password_hash, totpSecret: row.totp_secret } : undefined;
    },
    async create(input, now) {
      const { id } = await db
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          password_hash: input.passwordHash,
          status: 'active',
          must_change_password: input.mustChangePassword ? 1 : 0,
          totp_secret: null,
          totp_enabled: 0,
          totp_last_step: null,
          failed_logins: 0,
          locked_until: null,
          last_login_at: null,
          password_changed_at: now,
          active_since: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await get(id);
      if (!user) throw new GazetteError('GZ_USER_NOT_FOUND', String(id));
      return user;
    },
    async update(id, patch, now) {
      const values: Updateable<UsersTable> = { updated_at: now };
      if (patch.displayName !== undefined) values.display_name = patch.displayName;
      if (patch.status !== undefined) values.status = patch.status;
      if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
      if (patch.mustChangePassword !== undefined)
        values.must_change_password = patch.mustChangePassword ? 1 : 0;
      if (patch.passwordChangedAt !== undefined) values.password_changed_at = patch.passwordChangedAt;
      if (patch.totpSecret !== undefined) values.totp_secret = patch.totpSecret;
      if (patch.totpEnabled !== undefined) {
        values.totp_enabled = patch.totpEnabled ? 1 : 0;
        values.totp_last_step = null;
      }
      if (patch.failedLogins !== undefined) values.failed_logins = patch.failedLogins;
      if (patch.lockedUntil !== undefined) values.locked_until = patch.lockedUntil;
      if (patch.lastLoginAt !== undefined) values.last_login_at = patch.lastLoginAt;
      if (patch.activeSince !== undefined) values.active_since = patch.activeSince;
      const result = await db.updateTable('users').set(values).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new GazetteError('GZ_USER_NOT_FOUND', String(id));
      const user = await get(id);
      if (!user) throw new GazetteError('GZ_USER_NOT_FOUND', String(id));
      return user;
    },
    async setGrants(id, grants) {
      await db.deleteFrom('user_grants').where('user_id', '=', id).execute();
      if (grants.length === 0) return;
      await db
        .insertInto('user_grants')
        .values(
          grants.map((grant) => ({
            user_id: id,
            role: grant.role,
            site_id: grant.siteId,
            column_id: grant.columnId,
          })),
        )
        .execute();
    },
    async reserveLoginAttempt(id, now, limit, lockUntil) {
      // One statement, so that parallel attempts each see the count the one before left. A lock that has
      // run out starts the count afresh; the attempt that reaches the limit sets the lock itself.
      const expired = (eb: ExpressionBuilder<Database, 'users'>) =>
        eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', now)]);
      const nextCount = (eb: ExpressionBuilder<Database, 'users'>) =>
        eb
          .case()
          .when(expired(eb))
          .then(sql<number>`1`)
          .else(eb('failed_logins', '+', 1))
          .end();
      const row = await db
        .updateTable('users')
        .set((eb) => ({
          failed_logins: nextCount(eb),
          locked_until: eb
            .case()
            .when(nextCount(eb), '>=', limit)
            .then(lockUntil)
            .when(expired(eb))
            .then(sql<string | null>`null`)
            .else(eb.ref('locked_until'))
            .end(),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirst();
      if (row) return { reserved: true, count: row.failed_logins, lockedUntil: row.locked_until };
      const current = await db
        .selectFrom('users')
        .select('locked_until')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw new GazetteError('GZ_USER_NOT_FOUND', String(id));
      return { reserved: false, lockedUntil: current.locked_until ?? now };
    },
    async clearLoginFailures(id, now, ownLock) {
      const result = await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, updated_at: now })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb('locked_until', 'is', null),
            eb('locked_until', '<=', now),
            ...(ownLock === null ? [] : [eb('locked_until', '=', ownLock)]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async claimTotpStep(id, step) {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async replaceRecoveryCodes(userId, codeHashes, now) {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (codeHashes.length === 0) return;
      await db
        .insertInto('recovery_codes')
        .values(
          codeHashes.map((hash) => ({ user_id: userId, code_hash: hash, used_at: null, created_at: now })),
        )
        .execute();
    },
    async unusedRecoveryCodes(userId) {
      const rows = await db
        .selectFrom('recovery_codes')
        .select(['id', 'code_hash'])
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: row.id, codeHash: row.code_hash }));
    },
    async useRecoveryCode(id, now) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listDormant(cutoff) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('status', '=', 'active')
        .where('active_since', '<', cutoff)
        .where((eb) => eb.or([eb('last_login_at', 'is', null), eb('last_login_at', '<', cutoff)]))
        .orderBy('username')
        .execute();
      return hydrate(rows);
    },
  };
}
