import {
  assertColumnSlug,
  buildColumnTree,
  childPath,
  DEFAULT_FRESHNESS_DAYS,
  descendantIds,
  effectiveUpdateClass,
  GazetteError,
  newestInSubtree,
  addDaysToInstant,
  updateDays,
  UPDATE_CLASSES,
  reachesSite,
  type Column,
  type ColumnKind,
  type ColumnNode,
  type Principal,
  type ReviewLevel,
  type UpdateClass,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import type { ColumnInput, Store } from './ports.js';
import { audit, requirePermission } from './principal.js';
import { plainText } from './sanitize.js';

export interface CreateColumnCommand {
  readonly siteId: number;
  readonly parentId: number | null;
  readonly slug: string;
  readonly name: string;
  readonly kind: ColumnKind;
  readonly position?: number;
  readonly description?: string;
  readonly keywords?: string;
  /** Defaults to what the inspection rules expect of the kind. */
  readonly freshnessDays?: number | null;
  /** The inspection's update class; absent or null: the default for the kind and name. */
  readonly updateClass?: UpdateClass | null;
  readonly linkUrl?: string | null;
  /** 三审 by default. */
  readonly reviewLevels?: ReviewLevel;
}

export function createColumn(
  deps: AppDeps,
  principal: Principal,
  command: CreateColumnCommand,
): Promise<Column> {
  assertColumnSlug(command.slug, command.parentId === null);
  const name = checkedSettings(command).name;
  return afterCommit(deps, async (store, emit) => {
    await requirePermission(store, principal, 'column.manage', {
      siteId: command.siteId,
      columnId: command.parentId,
    });
    let parentPath: string | null = null;
    if (command.parentId !== null) {
      const parent = await store.columns.get(command.parentId);
      if (!parent || parent.siteId !== command.siteId) {
        throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(command.parentId), { field: 'parentId' });
      }
      parentPath = parent.path;
    }
    const path = childPath(parentPath, command.slug);
    if (await store.columns.getByPath(command.siteId, path))
      throw new GazetteError('GZ_COLUMN_PATH_TAKEN', path);
    const column = await store.columns.create(
      {
        siteId: command.siteId,
        parentId: command.parentId,
        slug: command.slug,
        path,
        name,
        kind: command.kind,
        position: command.position ?? 0,
        description: plainText(command.description ?? ''),
        keywords: plainText(command.keywords ?? ''),
        freshnessDays:
          command.freshnessDays === undefined ? DEFAULT_FRESHNESS_DAYS[command.kind] : command.freshnessDays,
        updateClass: command.updateClass ?? null,
        linkUrl: command.kind === 'link' ? (command.linkUrl ?? null) : null,
        reviewLevels: command.reviewLevels ?? 3,
      },
      deps.clock.now(),
    );
    await audit(store, principal, column.createdAt, {
      action: 'column.create',
      targetType: 'column',
      targetId: String(column.id),
      siteId: command.siteId,
      result: 'ok',
      summary: { path: column.path, name: column.name, kind: column.kind, reviewLevels: column.reviewLevels },
    });
    emit({ type: 'columns-changed', siteId: command.siteId });
    return column;
  });
}

/** The settings of a column an editor may change; the slug and place change with `moveColumn`. */
export interface ColumnSettings {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly description?: string;
  readonly keywords?: string;
  /** Absent: keep (or, on a change of kind, the kind's default); null: not checked. */
  readonly freshnessDays?: number | null;
  /** Absent: keep; null: the default for the kind and name. */
  readonly updateClass?: UpdateClass | null;
  readonly linkUrl?: string | null;
  readonly reviewLevels?: ReviewLevel;
}

/**
 * Where a link column may point: an http(s) address, or a path of the site itself (`/hudong/`, `/xxgk/`: the
 * built-in sections have no column of their own). A protocol-relative `//host` is another site: refused.
 */
const LINK_URL = /^(?:https?:\/\/\S+|\/(?!\/)\S*)$/;

function checkedSettings(settings: ColumnSettings): { name: string } {
  const name = plainText(settings.name);
  if (name === '') throw new GazetteError('GZ_INVALID_INPUT', 'column name is required', { field: 'name' });
  if (name.length > 100) {
    throw new GazetteError('GZ_INVALID_INPUT', 'column name is longer than 100 characters', {
      field: 'name',
    });
  }
  if (settings.kind === 'link' && !LINK_URL.test(settings.linkUrl ?? '')) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column needs an http(s) URL or a path of this site', {
      field: 'linkUrl',
    });
  }
  if (settings.reviewLevels !== undefined && ![1, 2, 3].includes(settings.reviewLevels)) {
    throw new GazetteError('GZ_INVALID_INPUT', 'review levels are 1, 2 or 3', { field: 'reviewLevels' });
  }
  const days = settings.freshnessDays;
  if (days !== undefined && days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    throw new GazetteError('GZ_INVALID_INPUT', 'freshness days are 1 to 3650, or none', {
      field: 'freshnessDays',
    });
  }
  if (
    settings.updateClass !== undefined &&
    settings.updateClass !== null &&
    !UPDATE_CLASSES.includes(settings.updateClass)
  ) {
    throw new GazetteError('GZ_INVALID_INPUT', `update class is one of ${UPDATE_CLASSES.join(', ')}`, {
      field: 'updateClass',
    });
  }
  return { name };
}

async function loadColumn(store: Store, columnId: number): Promise<Column> {
  const column = await store.columns.get(columnId);
  if (!column) throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(columnId));
  return column;
}

const inputOf = (c: Column): ColumnInput => ({
  siteId: c.siteId,
  parentId: c.parentId,
  slug: c.slug,
  path: c.path,
  name: c.name,
  kind: c.kind,
  position: c.position,
  description: c.description,
  keywords: c.keywords,
  freshnessDays: c.freshnessDays,
  updateClass: c.updateClass,
  linkUrl: c.linkUrl,
  reviewLevels: c.reviewLevels,
});

/** What changed between two versions of a column, for the audit record. */
function changes(before: Column, after: Column): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(inputOf(after)) as (keyof ColumnInput)[]) {
    if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
  }
  return changed;
}

/**
 * Renames a column or changes its kind, review levels, freshness rule, description or link. With
 * `expectedUpdatedAt` (the `updatedAt` the editor loaded), a change made meanwhile is a `GZ_VERSION_CONFLICT`.
 */
export function updateColumn(
  deps: AppDeps,
  principal: Principal,
  columnId: number,
  settings: ColumnSettings,
  expectedUpdatedAt?: string,
): Promise<Column> {
  const { name } = checkedSettings(settings);
  return afterCommit(deps, async (store, emit) => {
    const before = await loadColumn(store, columnId);
    await requirePermission(store, principal, 'column.manage', { siteId: before.siteId, columnId });
    if (settings.kind === 'link' && before.kind !== 'link') {
      const stats = (await store.articles.columnStatsForAdmin(before.siteId)).get(columnId);
      if (stats && stats.articles > 0) {
        throw new GazetteError('GZ_COLUMN_NOT_EMPTY', 'a column holding articles cannot become a link', {
          field: 'kind',
        });
      }
    }
    const kindChanged = settings.kind !== before.kind;
    const now = deps.clock.now();
    const after = await store.columns.update(
      columnId,
      {
        ...inputOf(before),
        name,
        kind: settings.kind,
        description:
          settings.description === undefined ? before.description : plainText(settings.description),
        keywords: settings.keywords === undefined ? before.keywords : plainText(settings.keywords),
        freshnessDays:
          settings.freshnessDays !== undefined
            ? settings.freshnessDays
            : kindChanged
              ? DEFAULT_FRESHNESS_DAYS[settings.kind]
              : before.freshnessDays,
        updateClass: settings.updateClass !== undefined ? settings.updateClass : before.updateClass,
        linkUrl: settings.kind === 'link' ? (settings.linkUrl ?? before.linkUrl) : null,
        reviewLevels: settings.reviewLevels ?? before.reviewLevels,
      },
      now,
      expectedUpdatedAt,
    );
    await audit(store, principal, now, {
      action: 'column.update',
      targetType: 'column',
      targetId: String(columnId),
      siteId: before.siteId,
      result: 'ok',
      summary: { path: after.path, changed: changes(before, after) },
    });
    emit({ type: 'columns-changed', siteId: before.siteId });
    return after;
  });
}

export interface MoveColumnCommand {
  /** The new parent; null for the top level. */
  readonly parentId: number | null;
  /** Place among the new siblings, 0 first; past the end means last. */
  readonly position: number;
}

/**
 * Moves a column under another parent and/or to another place among its siblings (renumbered 0..n). The
 * column and every column below it get their new paths; articles keep their URLs (their paths are stored).
 * Never under itself or below itself (`GZ_COLUMN_CYCLE`). Returns the site's columns after the move.
 */
export function moveColumn(
  deps: AppDeps,
  principal: Principal,
  columnId: number,
  command: MoveColumnCommand,
  expectedUpdatedAt?: string,
): Promise<Column[]> {
  if (!Number.isInteger(command.position) || command.position < 0) {
    throw new GazetteError('GZ_INVALID_INPUT', 'position is a whole number from 0', { field: 'position' });
  }
  return afterCommit(deps, async (store, emit) => {
    const column = await loadColumn(store, columnId);
    const { siteId } = column;
    await requirePermission(store, principal, 'column.manage', { siteId, columnId });
    await requirePermission(store, principal, 'column.manage', { siteId, columnId: command.parentId });
    if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== column.updatedAt) {
      throw new GazetteError('GZ_VERSION_CONFLICT', `column ${columnId}`, { expectedUpdatedAt });
    }
    const columns = await store.columns.listBySite(siteId);
    const subtree = descendantIds(columns, columnId);
    let parentPath: string | null = null;
    if (command.parentId !== null) {
      if (subtree.includes(command.parentId))
        throw new GazetteError('GZ_COLUMN_CYCLE', String(command.parentId));
      const parent = columns.find((c) => c.id === command.parentId);
      if (!parent) {
        throw new GazetteError('GZ_COLUMN_NOT_FOUND', String(command.parentId), { field: 'parentId' });
      }
      parentPath = parent.path;
    }
    const now = deps.clock.now();
    const updates = new Map<number, ColumnInput>();
    if (command.parentId !== column.parentId) {
      assertColumnSlug(column.slug, command.parentId === null);
      const newPath = childPath(parentPath, column.slug);
      const inside = new Set(subtree);
      for (const id of subtree) {
        const c = columns.find((x) => x.id === id);
        if (!c) continue;
        const path = newPath + c.path.slice(column.path.length);
        if (columns.some((other) => other.path === path && !inside.has(other.id))) {
          throw new GazetteError('GZ_COLUMN_PATH_TAKEN', path);
        }
        updates.set(id, { ...inputOf(c), path, ...(id === columnId ? { parentId: command.parentId } : {}) });
      }
    }
    // The new siblings in their order, with the moved column at its place; positions renumbered 0..n.
    const siblings = columns
      .filter((c) => c.parentId === command.parentId && c.id !== columnId)
      .sort((a, b) => a.position - b.position || a.id - b.id);
    siblings.splice(Math.min(command.position, siblings.length), 0, column);
    siblings.forEach((sibling, position) => {
      const input = updates.get(sibling.id) ?? inputOf(sibling);
      if (input.position !== position || updates.has(sibling.id)) {
        updates.set(sibling.id, { ...input, position });
      }
    });
    // Shallow paths first: a parent's new path is written before its children's.
    for (const [id, input] of [...updates].sort((a, b) => a[1].path.length - b[1].path.length)) {
      await store.columns.update(id, input, now);
    }
    const moved = updates.get(columnId);
    await audit(store, principal, now, {
      action: 'column.move',
      targetType: 'column',
      targetId: String(columnId),
      siteId,
      result: 'ok',
      summary: {
        from: { parentId: column.parentId, path: column.path, position: column.position },
        to: moved
          ? { parentId: moved.parentId, path: moved.path, position: moved.position }
          : { parentId: column.parentId, path: column.path, position: column.position },
        descendants: subtree.length - 1,
      },
    });
    emit({ type: 'columns-changed', siteId });
    return store.columns.listBySite(siteId);
  });
}

/**
 * Deletes an empty column. Refused (`GZ_COLUMN_NOT_EMPTY`) while it has sub-columns, articles in any state
 * (nothing published is ever deleted), series, or role grants naming it.
 */
export function deleteColumn(deps: AppDeps, principal: Principal, columnId: number): Promise<void> {
  return afterCommit(deps, async (store, emit) => {
    const column = await loadColumn(store, columnId);
    await requirePermission(store, principal, 'column.manage', { siteId: column.siteId, columnId });
    const columns = await store.columns.listBySite(column.siteId);
    const children = columns.filter((c) => c.parentId === columnId).length;
    const articles = (await store.articles.columnStatsForAdmin(column.siteId)).get(columnId)?.articles ?? 0;
    const series = await store.series.countInColumn(columnId);
    const grants = (await store.users.list()).filter((u) =>
      u.grants.some((g) => g.columnId === columnId),
    ).length;
    if (children + articles + series + grants > 0) {
      throw new GazetteError(
        'GZ_COLUMN_NOT_EMPTY',
        `${children} sub-columns, ${articles} articles, ${series} series, ${grants} accounts with grants`,
        { children, articles, series, grants },
      );
    }
    await store.columns.delete(columnId);
    const now = deps.clock.now();
    await audit(store, principal, now, {
      action: 'column.delete',
      targetType: 'column',
      targetId: String(columnId),
      siteId: column.siteId,
      result: 'ok',
      summary: { path: column.path, name: column.name, kind: column.kind },
    });
    emit({ type: 'columns-changed', siteId: column.siteId });
  });
}

export interface ColumnTreeNode extends Column {
  /** Articles in this column itself, in any state. */
  readonly articleCount: number;
  /** Published articles in this column itself. */
  readonly publishedCount: number;
  /**
   * How the self-check counts it: its update class (set or default), the days allowed, the newest publication
   * in it or below it, when it goes stale and the whole days left until then (negative: stale; null: blank or
   * not checked).
   */
  readonly inspection: {
    readonly updateClass: UpdateClass;
    readonly days: number | null;
    readonly lastPublishedAt: string | null;
    readonly staleOn: string | null;
    readonly daysUntilStale: number | null;
  };
  readonly children: readonly ColumnTreeNode[];
}

/** The column tree of a site with article counts, for anyone holding a role on the site. */
export async function readColumnTree(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<ColumnTreeNode[]> {
  const { store } = deps;
  if (!reachesSite(principal, siteId) || !(await store.sites.get(siteId)))
    throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  const [columns, stats] = await Promise.all([
    store.columns.listBySite(siteId),
    store.articles.columnStatsForAdmin(siteId),
  ]);
  const newest = newestInSubtree(columns, (id) => stats.get(id)?.lastPublishedAt ?? null);
  const nowMs = Date.parse(deps.clock.now());
  const inspection = (column: Column): ColumnTreeNode['inspection'] => {
    const days = updateDays(column);
    const last = newest.get(column.id) ?? null;
    const staleOn = days === null || last === null ? null : addDaysToInstant(last, days);
    return {
      updateClass: effectiveUpdateClass(column),
      days,
      lastPublishedAt: last,
      staleOn,
      daysUntilStale: staleOn === null ? null : Math.floor((Date.parse(staleOn) - nowMs) / 86_400_000),
    };
  };
  const withCounts = (nodes: readonly ColumnNode[]): ColumnTreeNode[] =>
    nodes.map((node) => ({
      ...node,
      articleCount: stats.get(node.id)?.articles ?? 0,
      publishedCount: stats.get(node.id)?.published ?? 0,
      inspection: inspection(node),
      children: withCounts(node.children),
    }));
  return withCounts(buildColumnTree(columns));
}
