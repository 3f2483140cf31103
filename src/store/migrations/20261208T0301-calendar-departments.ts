import type { AnyKysely, DialectAdapter, GazetteMigration } from '../dialect.js';

/**
 * The installation's own calendar days (holidays and 调休 working days the calendar data package does not know
 * yet, or local days), and departments: groups of accounts of a site that handle requests and letters.
 */
export const calendarDepartments: GazetteMigration = {
  name: '20261208T0301-calendar-departments',
  async up(db: AnyKysely, dialect: DialectAdapter): Promise<void> {
    await db.schema
      .createTable('calendar_days')
      .ifNotExists()
      .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
      // 'holiday' or 'workday'.
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('departments')
      .ifNotExists()
      .addColumn('id', dialect.serialType, (c) => dialect.serialKey(c))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('departments_site_name_idx')
      .ifNotExists()
      .unique()
      .on('departments')
      .columns(['site_id', 'name'])
      .execute();
    await db.schema
      .createTable('department_members')
      .ifNotExists()
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('department_members_pk', ['department_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('department_members_user_idx')
      .ifNotExists()
      .on('department_members')
      .column('user_id')
      .execute();
  },
};
