import {
  assertColumnSlug,
  childPath,
  DEFAULT_FRESHNESS_DAYS,
  GazetteError,
  type Column,
  type ColumnKind,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
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
}

export function createColumn(deps: AppDeps, command: CreateColumnCommand): Promise<Column> {
  assertColumnSlug(command.slug, command.parentId === null);
  const name = plainText(command.name);
  if (name === '') throw new GazetteError('GZ_INVALID_INPUT', 'column name is required', { field: 'name' });
  if (command.kind === 'link' && !/^https?:\/\//.test(command.linkUrl ?? '')) {
    throw new GazetteError('GZ_INVALID_INPUT', 'a link column needs an http(s) URL', { field: 'linkUrl' });
  }
  return afterCommit(deps, async (store, emit) => {
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
      },
      deps.clock.now(),
    );
    emit({ type: 'columns-changed', siteId: command.siteId });
    return column;
  });
}
