import type { Kysely } from 'kysely';
import type { ColumnInput, ColumnRepo } from '../app/index.js';
import {
  GazetteError,
  UPDATE_CLASSES,
  type Column,
  type ReviewLevel,
  type UpdateClass,
} from '../core/index.js';
import type { ColumnRow, Database } from './schema.js';

const toColumn = (row: ColumnRow): Column => ({
  id: row.id,
  siteId: row.site_id,
  parentId: row.parent_id,
  slug: row.slug,
  path: row.path,
  name: row.name,
  kind: row.kind,
  position: row.position,
  description: row.description,
  keywords: row.keywords,
  freshnessDays: row.freshness_days,
  updateClass: UPDATE_CLASSES.includes(row.update_class as UpdateClass)
    ? (row.update_class as UpdateClass)
    : null,
  linkUrl: row.link_url,
  reviewLevels: Math.min(3, Math.max(1, row.review_levels)) as ReviewLevel,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createColumnRepo(db: Kysely<Database>): ColumnRepo {
  return {
    async listBySite(siteId) {
      const rows = await db
        .selectFrom('columns')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toColumn);
    },
    async get(id) {
      const row = await db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toColumn(row);
    },
    async getByPath(siteId, path) {
      const row = await db
        .selectFrom('columns')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('path', '=', path)
        .executeTakeFirst();
      return row && toColumn(row);
    },
    async create(input, now) {
      const row = await db
        .insertInto('columns')
        .values({ ...columnsOf(input), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toColumn(row);
    },
    async update(id, input, now, expectedUpdatedAt) {
      let query = db
        .updateTable('columns')
        .set({ ...columnsOf(input), updated_at: now })
        .where('id', '=', id);
      if (expectedUpdatedAt !== undefined) query = query.where('updated_at', '=', expectedUpdatedAt);
      const row = await query.returningAll().executeTakeFirst();
      if (row) return toColumn(row);
      const exists = await db.selectFrom('columns').select('id').where('id', '=', id).executeTakeFirst();
      throw exists
        ? new GazetteError('GZ_VERSION_CONFLICT', `column ${id}`, { expectedUpdatedAt })
        : new GazetteError('GZ_COLUMN_NOT_FOUND', String(id));
    },
    async delete(id) {
      try {
        await db.deleteFrom('columns').where('id', '=', id).execute();
      } catch (error) {
        // Something was filed under the column meanwhile (the use case checked it was empty).
        const code = (error as { code?: unknown }).code;
        if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new GazetteError('GZ_COLUMN_NOT_EMPTY', String(id), {}, { cause: error });
        }
        throw error;
      }
    },
  };
}

const columnsOf = (input: ColumnInput) => ({
  site_id: input.siteId,
  parent_id: input.parentId,
  slug: input.slug,
  path: input.path,
  name: input.name,
  kind: input.kind,
  position: input.position,
  description: input.description,
  keywords: input.keywords,
  freshness_days: input.freshnessDays,
  update_class: input.updateClass ?? null,
  link_url: input.linkUrl,
  review_levels: input.reviewLevels,
});
