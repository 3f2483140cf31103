import { GazetteError, type Principal } from '../core/index.js';
import type { AppDeps } from './deps.js';
import type { Department } from './ports-calendar.js';
import type { Store } from './ports.js';
import { audit, requirePermission } from './principal.js';
import { plainText } from './sanitize.js';

/**
 * Departments: named groups of a site's accounts that handle work together (the office that answers disclosure
 * requests, the bureau that answers a mailbox's letters). A site administrator sets them up; the modules that
 * route work to a department ask `isDepartmentMember`.
 */

export interface DepartmentMember {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
}

export interface DepartmentView extends Department {
  readonly members: readonly DepartmentMember[];
}

const MAX_NAME = 40;
const MAX_MEMBERS = 200;

function cleanName(name: string): string {
  const clean = plainText(name).replace(/\s+/g, ' ').trim();
  if (clean === '' || [...clean].length > MAX_NAME) {
    throw new GazetteError('GZ_INVALID_INPUT', `部门名称应为1至${MAX_NAME}个字`, { field: 'name' });
  }
  return clean;
}

async function requireSite(store: Store, siteId: number): Promise<void> {
  if (!(await store.sites.get(siteId))) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
}

async function requireDepartment(store: Store, id: number): Promise<Department> {
  const department = await store.departments.get(id);
  if (!department) throw new GazetteError('GZ_DEPARTMENT_NOT_FOUND', String(id));
  return department;
}

async function withMembers(store: Store, departments: readonly Department[]): Promise<DepartmentView[]> {
  const users = new Map((await store.users.list()).map((u) => [u.id, u]));
  return departments.map((d) => ({
    ...d,
    members: d.memberIds.flatMap((id) => {
      const user = users.get(id);
      return user ? [{ id, username: user.username, displayName: user.displayName }] : [];
    }),
  }));
}

/** The site's departments with their members (site administrators). */
export async function listDepartments(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<DepartmentView[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  await requireSite(deps.store, siteId);
  return withMembers(deps.store, await deps.store.departments.listBySite(siteId));
}

/** The accounts that may join a department of the site: active, with a role on the site. */
export async function departmentCandidates(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
): Promise<DepartmentMember[]> {
  await requirePermission(deps.store, principal, 'site.settings', { siteId });
  const users = await deps.store.users.list();
  return users
    .filter((u) => u.status === 'active' && u.grants.some((g) => g.siteId === siteId))
    .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
}

export function createDepartment(
  deps: AppDeps,
  principal: Principal,
  input: { readonly siteId: number; readonly name: string },
): Promise<DepartmentView> {
  const name = cleanName(input.name);
  return deps.store.transaction(async (store) => {
    await requirePermission(store, principal, 'site.settings', { siteId: input.siteId });
    await requireSite(store, input.siteId);
    if (await store.departments.findByName(input.siteId, name)) {
      throw new GazetteError('GZ_DEPARTMENT_EXISTS', name, { field: 'name' });
    }
    const now = deps.clock.now();
    const department = await store.departments.create(input.siteId, name, now);
    await audit(store, principal, now, {
      action: 'department.create',
      targetType: 'department',
      targetId: String(department.id),
      siteId: input.siteId,
      result: 'ok',
      summary: { name },
    });
    return (await withMembers(store, [department]))[0] as DepartmentView;
  });
}

export function renameDepartment(
  deps: AppDeps,
  principal: Principal,
  id: number,
  newName: string,
): Promise<DepartmentView> {
  const name = cleanName(newName);
  return deps.store.transaction(async (store) => {
    const department = await requireDepartment(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: department.siteId });
    const other = await store.departments.findByName(department.siteId, name);
    if (other && other.id !== id) throw new GazetteError('GZ_DEPARTMENT_EXISTS', name, { field: 'name' });
    const now = deps.clock.now();
    await store.departments.rename(id, name, now);
    await audit(store, principal, now, {
      action: 'department.rename',
      targetType: 'department',
      targetId: String(id),
      siteId: department.siteId,
      result: 'ok',
      summary: { name: { from: department.name, to: name } },
    });
    return (await withMembers(store, [await requireDepartment(store, id)]))[0] as DepartmentView;
  });
}

/** Replaces the members of a department. Each must be an active account with a role on the department's site. */
export function setDepartmentMembers(
  deps: AppDeps,
  principal: Principal,
  id: number,
  userIds: readonly number[],
): Promise<DepartmentView> {
  if (userIds.length > MAX_MEMBERS) {
    throw new GazetteError('GZ_INVALID_INPUT', `一个部门最多${MAX_MEMBERS}人`, { field: 'userIds' });
  }
  return deps.store.transaction(async (store) => {
    const department = await requireDepartment(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: department.siteId });
    const unique = [...new Set(userIds)];
    for (const userId of unique) {
      const user = await store.users.get(userId);
      const onSite = user?.grants.some((g) => g.siteId === department.siteId);
      if (!user || user.status !== 'active' || !onSite) {
        throw new GazetteError('GZ_INVALID_INPUT', `账号 ${userId} 不存在、已停用或不在本站点`, {
          field: 'userIds',
        });
      }
    }
    const now = deps.clock.now();
    await store.departments.setMembers(id, unique, now);
    await audit(store, principal, now, {
      action: 'department.members',
      targetType: 'department',
      targetId: String(id),
      siteId: department.siteId,
      result: 'ok',
      summary: { from: department.memberIds, to: unique },
    });
    return (await withMembers(store, [await requireDepartment(store, id)]))[0] as DepartmentView;
  });
}

/** Deletes a department. Modules that route work to departments refuse while work is assigned to it. */
export function deleteDepartment(deps: AppDeps, principal: Principal, id: number): Promise<void> {
  return deps.store.transaction(async (store) => {
    const department = await requireDepartment(store, id);
    await requirePermission(store, principal, 'site.settings', { siteId: department.siteId });
    for (const guard of deleteGuards) await guard(store, department);
    await store.departments.remove(id);
    await audit(store, principal, deps.clock.now(), {
      action: 'department.delete',
      targetType: 'department',
      targetId: String(id),
      siteId: department.siteId,
      result: 'ok',
      summary: { name: department.name, members: department.memberIds },
    });
  });
}

type DeleteGuard = (store: Store, department: Department) => Promise<void>;
const deleteGuards: DeleteGuard[] = [];

/** A module that assigns work to departments registers a guard that throws while the department still has some. */
export function guardDepartmentDeletion(guard: DeleteGuard): void {
  deleteGuards.push(guard);
}

/** True when the principal belongs to the department (the system belongs everywhere). */
export async function isDepartmentMember(
  store: Store,
  principal: Principal,
  departmentId: number,
): Promise<boolean> {
  if (principal.kind === 'system') return true;
  const department = await store.departments.get(departmentId);
  return department?.memberIds.includes(principal.user.id) ?? false;
}
