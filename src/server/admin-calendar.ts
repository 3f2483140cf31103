import { z } from 'zod';
import {
  createDepartment,
  deleteDepartment,
  departmentCandidates,
  listDepartments,
  readCalendar,
  removeCalendarDay,
  renameDepartment,
  setCalendarDay,
  setDepartmentMembers,
} from '../app/index.js';
import { defineRoute } from './admin-route.js';
import { id, text } from './schemas.js';

const idParams = z.object({ id }).strict();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The installation's working-day calendar (holidays and 调休 days over the data package). */
export const calendarRoutes = [
  defineRoute({
    method: 'GET',
    url: '/calendar',
    tag: 'calendar',
    summary: "The official days of a year (package and overrides) and the installation's overrides",
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(),
    handler: ({ deps, principal, query }) =>
      readCalendar(deps, principal, query.year ?? Number(deps.clock.now().slice(0, 4))),
  }),
  defineRoute({
    method: 'PUT',
    url: '/calendar/:date',
    tag: 'calendar',
    summary: 'Set a day as holiday or working day; every open deadline is recomputed and the change audited',
    params: z.object({ date }).strict(),
    body: z
      .object({ kind: z.enum(['holiday', 'workday']), name: text(100), source: text(400).optional() })
      .strict(),
    handler: ({ deps, principal, params, body }) =>
      setCalendarDay(deps, principal, {
        date: params.date,
        kind: body.kind,
        name: body.name,
        source: body.source ?? '',
      }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/calendar/:date',
    tag: 'calendar',
    summary: 'Remove an override; the data package applies again and open deadlines are recomputed',
    params: z.object({ date }).strict(),
    handler: ({ deps, principal, params }) => removeCalendarDay(deps, principal, params.date),
  }),
];

/** Departments: groups of a site's accounts that handle requests and letters. */
export const departmentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/sites/:id/departments',
    tag: 'departments',
    summary: "The site's departments with their members, and the accounts that may join them (site.settings)",
    params: idParams,
    handler: async ({ deps, principal, params }) => ({
      items: await listDepartments(deps, principal, params.id),
      candidates: await departmentCandidates(deps, principal, params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/sites/:id/departments',
    tag: 'departments',
    summary: 'Create a department',
    params: idParams,
    status: 201,
    body: z.object({ name: text(100) }).strict(),
    handler: ({ deps, principal, params, body }) =>
      createDepartment(deps, principal, { siteId: params.id, name: body.name }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/departments/:id',
    tag: 'departments',
    summary: 'Rename a department',
    params: idParams,
    body: z.object({ name: text(100) }).strict(),
    handler: ({ deps, principal, params, body }) => renameDepartment(deps, principal, params.id, body.name),
  }),
  defineRoute({
    method: 'PUT',
    url: '/departments/:id/members',
    tag: 'departments',
    summary: "Replace a department's members (active accounts with a role on the site)",
    params: idParams,
    body: z.object({ userIds: z.array(id).max(1000) }).strict(),
    handler: ({ deps, principal, params, body }) =>
      setDepartmentMembers(deps, principal, params.id, body.userIds),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/departments/:id',
    tag: 'departments',
    summary: 'Delete a department that no open work is assigned to',
    params: idParams,
    handler: async ({ deps, principal, params }) => {
      await deleteDepartment(deps, principal, params.id);
      return { ok: true };
    },
  }),
];
