import type { Principal } from './user.js';

/**
 * Who may do what, as data. A user holds grants (a role on a site, optionally narrowed to one column and
 * its descendants); a permission is allowed when some grant's role includes it and the grant covers the
 * target. Everything not granted is denied.
 */
export const ROLES = [
  'contributor',
  'editor',
  'reviewer-1',
  'reviewer-2',
  'reviewer-3',
  'publisher',
  'chief-publisher',
  'site-admin',
  'system-admin',
  'security-admin',
  'audit-admin',
  'platform-operator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  contributor: '撰稿',
  editor: '编辑',
  'reviewer-1': '初审',
  'reviewer-2': '复审',
  'reviewer-3': '终审',
  publisher: '签发',
  'chief-publisher': '签发（可补录发布日期）',
  'site-admin': '站点管理员',
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  'audit-admin': '审计管理员',
  'platform-operator': '平台运维',
};

export const PERMISSIONS = [
  'article.read',
  'article.create',
  'article.edit-own',
  'article.edit-any',
  'article.submit',
  'article.review-1',
  'article.review-2',
  'article.review-3',
  'article.publish',
  'article.withdraw',
  'article.restore',
  'article.archive',
  'article.backdate',
  'article.correct-urgent',
  'series.manage',
  'column.manage',
  'site.settings',
  'user.manage',
  'role.assign',
  'security.settings',
  'audit.read',
  'platform.manage',
  'platform.read',
  'relay.offer',
  'relay.accept',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const WRITER: readonly Permission[] = [
  'article.read',
  'article.create',
  'article.edit-own',
  'article.submit',
];

/**
 * 三员分立: the system administrator manages accounts, the security administrator assigns roles and
 * security settings, the audit administrator only reads the audit log. None of them edits content.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  contributor: WRITER,
  // 转载: an editor offers a published article to another site of the platform; the receiving site's editors,
  // reviewers and publishers take it into their own review workflow (relay.accept).
  editor: [...WRITER, 'article.edit-any', 'series.manage', 'relay.offer', 'relay.accept'],
  'reviewer-1': ['article.read', 'article.review-1', 'relay.accept'],
  'reviewer-2': ['article.read', 'article.review-2', 'relay.accept'],
  'reviewer-3': ['article.read', 'article.review-3', 'relay.accept'],
  publisher: [
    'article.read',
    'article.publish',
    'article.withdraw',
    'article.restore',
    'article.archive',
    'series.manage',
    'relay.offer',
    'relay.accept',
  ],
  // Back-dating (补录历史信息) is rare and audited: a role of its own, never part of plain 签发.
  'chief-publisher': [
    'article.read',
    'article.publish',
    'article.withdraw',
    'article.restore',
    'article.archive',
    'article.backdate',
    // 紧急更正: a correction online before review, with a reason, reviewed afterwards.
    'article.correct-urgent',
    'series.manage',
    'relay.offer',
    'relay.accept',
  ],
  'site-admin': ['article.read', 'column.manage', 'site.settings', 'series.manage'],
  // Adding, disabling and enabling the sites of the platform (集约化) is system administration too.
  'system-admin': ['user.manage', 'platform.manage', 'platform.read'],
  'security-admin': ['role.assign', 'security.settings'],
  'audit-admin': ['audit.read'],
  // 统一运维监管: sees every site's health (freshness, pending reviews, last publication), edits nothing.
  'platform-operator': ['platform.read'],
};

/** Roles whose holders must use a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: ReadonlySet<Role> = new Set([
  'reviewer-1',
  'reviewer-2',
  'reviewer-3',
  'publisher',
  'chief-publisher',
  'site-admin',
  'system-admin',
  'security-admin',
  'audit-admin',
  'platform-operator',
]);

/** Roles that are installation-wide rather than per site (siteId is null). */
export const GLOBAL_ROLES: ReadonlySet<Role> = new Set([
  'system-admin',
  'security-admin',
  'audit-admin',
  'platform-operator',
]);

export interface Grant {
  readonly role: Role;
  /** null: every site (only for the global roles). */
  readonly siteId: number | null;
  /** null: the whole site; otherwise this column and every column below it. */
  readonly columnId: number | null;
}

export interface AccessTarget {
  readonly siteId: number | null;
  /** The column the target lives in; its ancestors, root first, decide column-scoped grants. */
  readonly columnTrail?: readonly number[];
}

function covers(grant: Grant, target: AccessTarget): boolean {
  if (grant.siteId !== null && grant.siteId !== target.siteId) return false;
  if (grant.columnId === null) return true;
  return target.columnTrail?.includes(grant.columnId) ?? false;
}

export function can(grants: readonly Grant[], permission: Permission, target: AccessTarget): boolean {
  return grants.some((grant) => ROLE_PERMISSIONS[grant.role].includes(permission) && covers(grant, target));
}

/**
 * The three questions every use case asks, for a principal (the system holds everything, everywhere):
 * - `holdsInstallationWide`: a grant without a site gives the permission (account, role and audit
 *   administration never come from a site role);
 * - `reachesSite`: some grant is on the site or installation-wide (may see the site at all);
 * - `holdsInSite`: some grant on the site or installation-wide gives the permission, a column-scoped one
 *   included (a writer of one column uploads that column's pictures);
 * and `holdsOn` (below `can`): the permission on a site and column, column scope and ancestors honoured.
 */
export function holdsInstallationWide(principal: Principal, permission: Permission): boolean {
  if (principal.kind === 'system') return true;
  return can(
    principal.user.grants.filter((grant) => grant.siteId === null),
    permission,
    { siteId: null },
  );
}

export function reachesSite(principal: Principal, siteId: number): boolean {
  if (principal.kind === 'system') return true;
  return principal.user.grants.some((grant) => grant.siteId === null || grant.siteId === siteId);
}

export function holdsInSite(principal: Principal, permission: Permission, siteId: number): boolean {
  if (principal.kind === 'system') return true;
  return principal.user.grants.some(
    (grant) =>
      ROLE_PERMISSIONS[grant.role].includes(permission) && (grant.siteId === null || grant.siteId === siteId),
  );
}

/** The permission on the target, a column's ancestors (`columnTrail`, root first) deciding column grants. */
export function holdsOn(principal: Principal, permission: Permission, target: AccessTarget): boolean {
  return principal.kind === 'system' || can(principal.user.grants, permission, target);
}

/** Every permission the grants give on the target (for showing only the buttons a user may use). */
export function permissionsOn(grants: readonly Grant[], target: AccessTarget): Set<Permission> {
  return new Set(PERMISSIONS.filter((permission) => can(grants, permission, target)));
}

export function needsSecondFactor(grants: readonly Grant[]): boolean {
  return grants.some((grant) => SECOND_FACTOR_ROLES.has(grant.role));
}

/** A grant is well-formed when global roles are installation-wide and site roles name a site. */
export function isValidGrant(grant: Grant): boolean {
  return GLOBAL_ROLES.has(grant.role)
    ? grant.siteId === null && grant.columnId === null
    : grant.siteId !== null;
}

/** Whether the grants give `permission` over the whole installation (a platform-wide action, no one site). */
export function canOnPlatform(grants: readonly Grant[], permission: Permission): boolean {
  return can(grants, permission, { siteId: null });
}

/** The sites the grants name (roles held on one site or a column of it), in ascending order. */
export function grantedSiteIds(grants: readonly Grant[]): number[] {
  const ids = new Set<number>();
  for (const grant of grants) if (grant.siteId !== null) ids.add(grant.siteId);
  return [...ids].sort((a, b) => a - b);
}
