import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/** Accounts with their grants, database-backed sessions and TOTP recovery codes. */
export const accounts: GazetteMigration = {
  name: '20261128T0001-accounts',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('users')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('totp_last_step', 'integer')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'varchar(32)')
      .addColumn('last_login_at', 'varchar(32)')
      .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('active_since', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('user_grants')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'varchar(32)', (c) => c.notNull())
      .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('cascade'))
      .addColumn('column_id', 'integer', (c) => c.references('columns.id').onDelete('cascade'))
      .execute();
    await db.schema
      .createIndex('user_grants_user_idx')
      .ifNotExists()
      .on('user_grants')
      .column('user_id')
      .execute();

    await db.schema
      .createTable('sessions')
      .ifNotExists()
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('second_factor_done', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('sessions_user_idx').ifNotExists().on('sessions').column('user_id').execute();
    await db.schema
      .createIndex('sessions_expires_idx')
      .ifNotExists()
      .on('sessions')
      .column('expires_at')
      .execute();

    await db.schema
      .createTable('recovery_codes')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'varchar(32)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('recovery_codes_user_idx')
      .ifNotExists()
      .on('recovery_codes')
      .column('user_id')
      .execute();
  },
};
