import {
  columnTrail,
  holdsOn,
  GazetteError,
  permissionsOn,
  type Column,
  type Permission,
  type Principal,
  type WorkflowActor,
} from '../core/index.js';
import type { AuditEntryInput } from './ports-audit.js';
import type { Store } from './ports.js';

/** The system principal: CLI commands, the scheduler, the importer, the demo loader. */
export const systemPrincipal = (reason: string): Principal => ({ kind: 'system', reason });

export function principalName(principal: Principal): string {
  return principal.kind === 'user' ? principal.user.username : `system:${principal.reason}`;
}

export interface AccessScope {
  readonly siteId: number;
  /** The column the target lives in, if any. */
  readonly columnId?: number | null;
}

async function trailOf(store: Store, scope: AccessScope): Promise<number[]> {
  if (scope.columnId === undefined || scope.columnId === null) return [];
  const columns: readonly Column[] = await store.columns.listBySite(scope.siteId);
  return columnTrail(columns, scope.columnId).map((c) => c.id);
}

/** Every permission the principal holds on the scope; the system holds them all. */
export async function permissionsFor(
  store: Store,
  principal: Principal,
  scope: AccessScope,
): Promise<ReadonlySet<Permission> | 'all'> {
  if (principal.kind === 'system') return 'all';
  return permissionsOn(principal.user.grants, {
    siteId: scope.siteId,
    columnTrail: await trailOf(store, scope),
  });
}

/** Throws `GZ_FORBIDDEN` unless the principal may do `permission` on the scope. Deny by default. */
export async function requirePermission(
  store: Store,
  principal: Principal,
  permission: Permission,
  scope: AccessScope,
): Promise<void> {
  if (principal.kind === 'system') return;
  const trail = await trailOf(store, scope);
  if (!holdsOn(principal, permission, { siteId: scope.siteId, columnTrail: trail })) {
    throw new GazetteError('GZ_FORBIDDEN', permission);
  }
}

export async function workflowActor(
  store: Store,
  principal: Principal,
  scope: AccessScope,
): Promise<WorkflowActor> {
  const permissions = await permissionsFor(store, principal, scope);
  return principal.kind === 'system' || permissions === 'all'
    ? { kind: 'system' }
    : { kind: 'user', userId: principal.user.id, permissions };
}

/** Writes one audit record in the current transaction. */
export async function audit(
  store: Store,
  principal: Principal,
  now: string,
  entry: Omit<AuditEntryInput, 'actorId' | 'actorName' | 'ip'>,
): Promise<void> {
  await store.audit.append(
    {
      ...entry,
      actorId: principal.kind === 'user' ? principal.user.id : null,
      actorName: principalName(principal),
      ip: principal.kind === 'user' ? principal.ip : '',
    },
    now,
  );
}
