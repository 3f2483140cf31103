import { GazetteError } from './errors.js';
import type { UpdateClass } from './inspection.js';
import type { ReviewLevel } from './workflow.js';

export const COLUMN_KINDS = ['news', 'notice', 'policy', 'interpretation', 'topic', 'page', 'link'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** How a column kind is named on the page and in the ColumnType meta tag. */
export const COLUMN_KIND_LABELS: Readonly<Record<ColumnKind, string>> = {
  news: '动态要闻',
  notice: '通知公告',
  policy: '政策文件',
  interpretation: '政策解读',
  topic: '专题专栏',
  page: '单页',
  link: '外链',
};

/** Freshness expected by the national inspection rules, in days (null: not checked). */
export const DEFAULT_FRESHNESS_DAYS: Readonly<Record<ColumnKind, number | null>> = {
  news: 14,
  notice: 180,
  policy: 180,
  interpretation: 180,
  topic: null,
  page: null,
  link: null,
};

export interface Column {
  readonly id: number;
  readonly siteId: number;
  readonly parentId: number | null;
  readonly slug: string;
  /** Slugs from the root joined by '/', e.g. `zwgk/tzgg`; the column lives at `/${path}/`. */
  readonly path: string;
  readonly name: string;
  readonly kind: ColumnKind;
  readonly position: number;
  readonly description: string;
  readonly keywords: string;
  readonly freshnessDays: number | null;
  /** How often the inspection expects it to change; null: the default for its kind and name. */
  readonly updateClass: UpdateClass | null;
  readonly linkUrl: string | null;
  /** 三审: how many review levels an article of this column passes before it can be signed off (1–3). */
  readonly reviewLevels: ReviewLevel;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** First path segments the server keeps for itself; a top-level column may not use them. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'assets',
  'media',
  'series',
  'tags',
  'search',
  'sitemap',
  'feeds',
  'pref',
  'health',
  'robots.txt',
  'favicon.ico',
]);

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function assertColumnSlug(slug: string, isTopLevel: boolean): void {
  if (!SLUG_PATTERN.test(slug) || (isTopLevel && RESERVED_SLUGS.has(slug)) || /^page$|^\d+$/.test(slug)) {
    throw new GazetteError('GZ_INVALID_SLUG', slug, { field: 'slug' });
  }
}

export function assertSeriesSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug)) throw new GazetteError('GZ_INVALID_SLUG', slug, { field: 'slug' });
}

export function childPath(parentPath: string | null, slug: string): string {
  return parentPath ? `${parentPath}/${slug}` : slug;
}

export interface ColumnNode extends Column {
  readonly children: readonly ColumnNode[];
}

/** Builds the column forest, children ordered by position then id (creation order). */
export function buildColumnTree(columns: readonly Column[]): ColumnNode[] {
  const byParent = new Map<number | null, Column[]>();
  for (const column of columns) {
    const list = byParent.get(column.parentId) ?? [];
    list.push(column);
    byParent.set(column.parentId, list);
  }
  const build = (parentId: number | null, seen: ReadonlySet<number>): ColumnNode[] =>
    (byParent.get(parentId) ?? [])
      .filter((column) => !seen.has(column.id))
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((column) => ({ ...column, children: build(column.id, new Set([...seen, column.id])) }));
  return build(null, new Set());
}

/** The column and its ancestors, root first. */
export function columnTrail(columns: readonly Column[], columnId: number): Column[] {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const trail: Column[] = [];
  let current = byId.get(columnId);
  while (current && trail.length < 64) {
    trail.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return trail;
}

/** Ids of the column and every column below it. */
export function descendantIds(columns: readonly Column[], columnId: number): number[] {
  const ids = [columnId];
  for (let i = 0; i < ids.length; i++) {
    for (const column of columns)
      if (column.parentId === ids[i] && !ids.includes(column.id)) ids.push(column.id);
  }
  return ids;
}
