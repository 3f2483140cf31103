import type { Kysely } from 'kysely';
import type { CalendarOverride, CalendarRepo, Department, DepartmentRepo } from '../app/index.js';
import type { CalendarDayKind } from '../core/index.js';
import type { Database } from './schema.js';
import type { CalendarDayRow, DepartmentRow } from './schema-calendar.js';

const toOverride = (row: CalendarDayRow): CalendarOverride => ({
  date: row.date,
  kind: row.kind as CalendarDayKind,
  name: row.name,
  source: row.source,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

export function createCalendarRepo(db: Kysely<Database>): CalendarRepo {
  return {
    async list() {
      const rows = await db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
      return rows.map(toOverride);
    },
    async get(date) {
      const row = await db
        .selectFrom('calendar_days')
        .selectAll()
        .where('date', '=', date)
        .executeTakeFirst();
      return row ? toOverride(row) : undefined;
    },
    async put(day, by, now) {
      const values = { kind: day.kind, name: day.name, source: day.source, updated_by: by, updated_at: now };
      const done = await db.updateTable('calendar_days').set(values).where('date', '=', day.date).execute();
      if (Number(done[0]?.numUpdatedRows ?? 0) === 0) {
        await db
          .insertInto('calendar_days')
          .values({ date: day.date, ...values })
          .execute();
      }
    },
    async remove(date) {
      await db.deleteFrom('calendar_days').where('date', '=', date).execute();
    },
  };
}

export function createDepartmentRepo(db: Kysely<Database>): DepartmentRepo {
  const hydrate = async (rows: readonly DepartmentRow[]): Promise<Department[]> => {
    if (rows.length === 0) return [];
    const members = await db
      .selectFrom('department_members')
      .selectAll()
      .where(
        'department_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('user_id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      siteId: row.site_id,
      name: row.name,
      memberIds: members.filter((m) => m.department_id === row.id).map((m) => m.user_id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  };
  const get = async (id: number) => {
    const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate([row]))[0] : undefined;
  };
  return {
    get,
    async listBySite(siteId) {
      const rows = await db
        .selectFrom('departments')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return hydrate(rows);
    },
    async findByName(siteId, name) {
      const row = await db
        .selectFrom('departments')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    async create(siteId, name, now) {
      const { id } = await db
        .insertInto('departments')
        .values({ site_id: siteId, name, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id)) as Department;
    },
    async rename(id, name, now) {
      await db.updateTable('departments').set({ name, updated_at: now }).where('id', '=', id).execute();
    },
    async setMembers(id, userIds, now) {
      await db.deleteFrom('department_members').where('department_id', '=', id).execute();
      const unique = [...new Set(userIds)];
      if (unique.length > 0) {
        await db
          .insertInto('department_members')
          .values(unique.map((userId) => ({ department_id: id, user_id: userId })))
          .execute();
      }
      await db.updateTable('departments').set({ updated_at: now }).where('id', '=', id).execute();
    },
    async remove(id) {
      await db.deleteFrom('department_members').where('department_id', '=', id).execute();
      await db.deleteFrom('departments').where('id', '=', id).execute();
    },
    async listForUser(siteId, userId) {
      const rows = await db
        .selectFrom('departments')
        .innerJoin('department_members', 'department_members.department_id', 'departments.id')
        .selectAll('departments')
        .where('departments.site_id', '=', siteId)
        .where('department_members.user_id', '=', userId)
        .orderBy('departments.name')
        .execute();
      return hydrate(rows);
    },
  };
}
