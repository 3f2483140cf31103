import {
  assertColumnSlug,
  childPath,
  DEFAULT_FRESHNESS_DAYS,
  GazetteError,
  type Column,
  type ColumnKind,
  type Principal,
  type ReviewLevel,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
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
  const name = plainText(command.name);
  if (name === '') throw new GazetteError('GZ_INVALID_INPUT', 'column name is required', { field: 'name' });
  if (command.kind === 'link' && !/^https?:\/\//.test(command.linkUrl ?? '')) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column needs an http(s) URL', { field: 'linkUrl' });
  }
  if (command.reviewLevels !== undefined && ![1, 2, 3].includes(command.reviewLevels)) {
    throw new GazetteError('GZ_INVALID_INPUT', 'review levels are 1, 2 or 3', { field: 'reviewLevels' });
  }
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
