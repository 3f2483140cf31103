import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SearchFilter } from '../../search/index.js';

/** The filter part of a search, on the `articles a` row of the match; the same SQL on both dialects. */
export function filterSql(filter: SearchFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    filter.platform
      ? sql`a.site_id in (select id from sites where status = 'active')`
      : sql`a.site_id = ${filter.siteId}`,
    sql`a.status = 'published'`,
  ];
  if (filter.columnIds !== undefined && !filter.platform) {
    parts.push(
      filter.columnIds.length === 0
        ? sql`1 = 0`
        : sql`a.column_id in (${sql.join(filter.columnIds.map((id) => sql`${id}`))})`,
    );
  }
  if (filter.from !== undefined) parts.push(sql`a.published_at >= ${filter.from}`);
  if (filter.to !== undefined) parts.push(sql`a.published_at <= ${filter.to}`);
  if (filter.source !== undefined && filter.source !== '') {
    const pattern = `%${filter.source.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`a.source like ${pattern} escape '\\'`);
  }
  return sql.join(parts, sql` and `);
}

/** The index implementations see the database untyped: their tables are not part of the schema types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

/** A candidate row as both dialects select it. */
export interface CandidateRow {
  readonly id: number;
  readonly score: number;
  readonly published_at: string;
}

export function candidatesOf(
  rows: readonly CandidateRow[],
): { id: number; score: number; publishedAt: string }[] {
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score), publishedAt: r.published_at }));
}
