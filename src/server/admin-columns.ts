import { z } from 'zod';
import { deleteColumn, moveColumn, readColumnTree, updateColumn } from '../app/index.js';
import { COLUMN_KINDS, UPDATE_CLASSES } from '../core/index.js';
import { stripUndefined } from './admin-articles.js';
import { defineRoute } from './admin-route.js';
import { id, isoTime, text } from './schemas.js';

const idParams = z.object({ id }).strict();
const tag = 'columns';

/** The `updatedAt` the editor loaded: a change made meanwhile answers 409 GZ_VERSION_CONFLICT. */
const updatedAt = isoTime.optional();

/** What a column's settings are made of, on creation and on change. */
export const columnSettingsFields = {
  name: text(100).min(1),
  kind: z.enum(COLUMN_KINDS),
  description: text(500).optional(),
  keywords: text(300).optional(),
  freshnessDays: z.number().int().min(1).max(3650).nullable().optional(),
  /** The inspection's update class (news 14 days, notice 180, personnel 365, other: freshnessDays); null: default. */
  updateClass: z.enum(UPDATE_CLASSES).nullable().optional(),
  linkUrl: text(2000).nullable().optional(),
  reviewLevels: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
};

const settingsBody = z.object({ updatedAt, ...columnSettingsFields }).strict();

const moveBody = z
  .object({ updatedAt, parentId: id.nullable(), position: z.number().int().min(0).max(10_000) })
  .strict();

/** The column tree: rename, set kind, review levels and freshness, move, delete (site administrators). */
export const columnRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/columns/tree',
    tag,
    summary: 'The column tree of a site, nested, with article counts (all states, and published)',
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await readColumnTree(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/columns/:id',
    tag,
    summary:
      'Rename a column, set its kind, review levels (1–3), freshness days (null: not checked), update class for the inspection (null: the default of its kind), description, keywords or link; needs column.manage',
    params: idParams,
    body: settingsBody,
    handler: ({ deps, principal, params, body }) => {
      const { updatedAt: expected, ...settings } = body;
      return updateColumn(deps, principal, params.id, stripUndefined(settings), expected);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/columns/:id/move',
    tag,
    summary:
      'Move a column under another parent (null: top level) at a position among its siblings (renumbered 0..n); never under itself (GZ_COLUMN_CYCLE). Answers the site’s columns after the move',
    params: idParams,
    body: moveBody,
    handler: async ({ deps, principal, params, body }) => ({
      items: await moveColumn(
        deps,
        principal,
        params.id,
        { parentId: body.parentId, position: body.position },
        body.updatedAt,
      ),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/columns/:id',
    tag,
    summary:
      'Delete an empty column; 409 GZ_COLUMN_NOT_EMPTY while it has articles, sub-columns, series or role grants',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      await deleteColumn(deps, principal, params.id);
      return { ok: true };
    },
  }),
] as const;
