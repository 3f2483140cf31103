import type { Kysely } from 'kysely';
import type { ColumnRepo } from '../app/ports.js';
import type { Column, ColumnKind, ReviewLevel } from '../core/index.js';
import type { ColumnRow, Database } from './schema.js';

const toColumn = (row: ColumnRow): Column => ({
  id: row.id,
  siteId: row.site_id,
  parentId: row.parent_id,
  slug: row.slug,
  path: row.path,
  name: row.name,
  kind: row.kind as ColumnKind,
  position: row.position,
  description: row.description,
  keywords: row.keywords,
  freshnessDays: row.freshness_days,
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
        .values({
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
          link_url: input.linkUrl,
          review_levels: input.reviewLevels,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toColumn(row);
    },
  };
}
