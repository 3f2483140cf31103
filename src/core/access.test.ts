import { describe, expect, it } from 'vitest';
import {
  can,
  GLOBAL_ROLES,
  holdsInSite,
  holdsInstallationWide,
  holdsOn,
  reachesSite,
  isValidGrant,
  needsSecondFactor,
  PERMISSIONS,
  permissionsOn,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  SECOND_FACTOR_ROLES,
  type AccessTarget,
  type Grant,
  type Permission,
  type Role,
} from './access.js';
import type { Principal } from './user.js';

/**
 * The spec: every role and exactly what it may do. 三员分立: the system administrator manages accounts, the
 * security administrator assigns roles and security settings, the audit administrator only reads the audit log;
 * no administrator edits, reviews or publishes content.
 */
const SPEC: Readonly<Record<Role, readonly Permission[]>> = {
  contributor: ['article.read', 'article.create', 'article.edit-own', 'article.submit'],
  editor: [
    'article.read',
    'article.create',
    'article.edit-own',
    'article.submit',
    'article.edit-any',
    'series.manage',
    'relay.offer',
    'relay.accept',
  ],
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
  'chief-publisher': [
    'article.read',
    'article.publish',
    'article.withdraw',
    'article.restore',
    'article.archive',
    'article.backdate',
    'article.correct-urgent',
    'series.manage',
    'relay.offer',
    'relay.accept',
  ],
  'site-admin': ['article.read', 'column.manage', 'site.settings', 'series.manage'],
  'system-admin': ['user.manage', 'platform.manage', 'platform.read'],
  'security-admin': ['role.assign', 'security.settings'],
  'audit-admin': ['audit.read'],
  'platform-operator': ['platform.read'],
};

const LABELS: Readonly<Record<Role, string>> = {
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

const ADMIN_ROLES: readonly Role[] = [
  'site-admin',
  'system-admin',
  'security-admin',
  'audit-admin',
  'platform-operator',
];
const CONTENT_PERMISSIONS: readonly Permission[] = [
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
  'relay.offer',
  'relay.accept',
];

const sorted = (list: Iterable<Permission>): Permission[] => [...list].sort();
const holders = (permission: Permission): Role[] =>
  ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
const siteGrant = (role: Role, siteId: number, columnId: number | null = null): Grant => ({
  role,
  siteId,
  columnId,
});
const globalGrant = (role: Role): Grant => ({ role, siteId: null, columnId: null });

describe('ROLE_PERMISSIONS', () => {
  it('has exactly the eleven roles, each with its Chinese name', () => {
    expect([...ROLES].sort()).toEqual(Object.keys(SPEC).sort());
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual(Object.keys(SPEC).sort());
    expect(ROLE_LABELS).toEqual(LABELS);
  });

  it.each(Object.keys(SPEC) as Role[])('gives %s exactly the permissions of the spec', (role) => {
    expect(sorted(ROLE_PERMISSIONS[role])).toEqual(sorted(SPEC[role]));
  });

  it('names only known permissions, each once per role', () => {
    for (const role of ROLES) {
      const list = ROLE_PERMISSIONS[role];
      expect(new Set(list).size).toBe(list.length);
      for (const permission of list) expect(PERMISSIONS).toContain(permission);
    }
  });

  // A permission no role grants can never be used: grants are roles, not single permissions.
  // Back-dating, for one, must be possible for holders of its dedicated permission.
  it('leaves no permission that no role grants', () => {
    expect(PERMISSIONS.filter((permission) => holders(permission).length === 0)).toEqual([]);
  });
});

describe('三员分立: separated administrator duties', () => {
  it.each(ADMIN_ROLES)('gives the %s no way to create, edit, review or publish content', (role) => {
    expect(ROLE_PERMISSIONS[role].filter((p) => CONTENT_PERMISSIONS.includes(p))).toEqual([]);
  });

  it('lets only the system administrator manage accounts', () => {
    expect(holders('user.manage')).toEqual(['system-admin']);
  });

  it('lets only the security administrator assign roles and change security settings', () => {
    expect(holders('role.assign')).toEqual(['security-admin']);
    expect(holders('security.settings')).toEqual(['security-admin']);
  });

  it('lets only the audit administrator read the audit log, and nothing else', () => {
    expect(holders('audit.read')).toEqual(['audit-admin']);
    expect(ROLE_PERMISSIONS['audit-admin']).toEqual(['audit.read']);
  });

  it('never joins two of the three duties in one role', () => {
    const duties: readonly Permission[] = ['user.manage', 'role.assign', 'audit.read'];
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role].filter((p) => duties.includes(p)).length).toBeLessThanOrEqual(1);
    }
  });

  it('makes the three administrators installation-wide roles', () => {
    expect([...GLOBAL_ROLES].sort()).toEqual([
      'audit-admin',
      'platform-operator',
      'security-admin',
      'system-admin',
    ]);
  });

  it('keeps reviewing and signing off in separate roles', () => {
    for (const level of ['article.review-1', 'article.review-2', 'article.review-3'] as const) {
      expect(holders(level).filter((role) => ROLE_PERMISSIONS[role].includes('article.publish'))).toEqual([]);
    }
    expect(holders('article.review-1')).toEqual(['reviewer-1']);
    expect(holders('article.review-2')).toEqual(['reviewer-2']);
    expect(holders('article.review-3')).toEqual(['reviewer-3']);
  });
});

describe('can: deny by default', () => {
  const targets: readonly AccessTarget[] = [
    { siteId: 1 },
    { siteId: 1, columnTrail: [1, 5] },
    { siteId: null },
  ];

  it.each(targets)('allows nothing without grants on %o', (target) => {
    for (const permission of PERMISSIONS) expect(can([], permission, target)).toBe(false);
    expect(permissionsOn([], target).size).toBe(0);
  });

  it('allows only what the role includes', () => {
    const grants = [siteGrant('contributor', 1)];
    expect(can(grants, 'article.create', { siteId: 1 })).toBe(true);
    expect(can(grants, 'article.edit-any', { siteId: 1 })).toBe(false);
    expect(can(grants, 'article.publish', { siteId: 1 })).toBe(false);
  });
});

describe('can: site scoping', () => {
  const grants = [siteGrant('publisher', 1)];

  it('applies a grant on its own site, its columns included', () => {
    expect(can(grants, 'article.publish', { siteId: 1 })).toBe(true);
    expect(can(grants, 'article.publish', { siteId: 1, columnTrail: [3, 8] })).toBe(true);
    expect(sorted(permissionsOn(grants, { siteId: 1 }))).toEqual(sorted(SPEC.publisher));
  });

  it('gives nothing on another site', () => {
    expect(can(grants, 'article.publish', { siteId: 2 })).toBe(false);
    expect(can(grants, 'article.read', { siteId: 2, columnTrail: [3, 8] })).toBe(false);
    expect(permissionsOn(grants, { siteId: 2 }).size).toBe(0);
  });

  it('gives nothing installation-wide', () => {
    expect(permissionsOn(grants, { siteId: null }).size).toBe(0);
  });

  it('adds up grants on several sites without mixing them', () => {
    const both = [siteGrant('editor', 1), siteGrant('reviewer-2', 2)];
    expect(sorted(permissionsOn(both, { siteId: 1 }))).toEqual(sorted(SPEC.editor));
    expect(sorted(permissionsOn(both, { siteId: 2 }))).toEqual(sorted(SPEC['reviewer-2']));
  });
});

describe('can: column scoping', () => {
  // Site 1: column 1 (root) > 5 > 7 > 9, and 1 > 6 (a sibling of 5). Trails run root first, ending at the column.
  const grants = [siteGrant('reviewer-1', 1, 5)];
  const at = (...trail: number[]): AccessTarget => ({ siteId: 1, columnTrail: trail });

  it('covers the granted column', () => {
    expect(can(grants, 'article.review-1', at(1, 5))).toBe(true);
  });

  it('covers every column below it', () => {
    expect(can(grants, 'article.review-1', at(1, 5, 7))).toBe(true);
    expect(can(grants, 'article.review-1', at(1, 5, 7, 9))).toBe(true);
  });

  it('does not cover its parent or its siblings', () => {
    expect(can(grants, 'article.review-1', at(1))).toBe(false);
    expect(can(grants, 'article.review-1', at(1, 6))).toBe(false);
    expect(permissionsOn(grants, at(1, 6)).size).toBe(0);
  });

  it('does not cover the site as a whole', () => {
    expect(can(grants, 'article.read', { siteId: 1 })).toBe(false);
    expect(can(grants, 'article.read', at())).toBe(false);
  });

  it('does not cover the same column number on another site', () => {
    expect(can(grants, 'article.review-1', { siteId: 2, columnTrail: [1, 5] })).toBe(false);
  });

  it('adds column grants to site grants', () => {
    const mixed = [siteGrant('contributor', 1), siteGrant('publisher', 1, 5)];
    expect(sorted(permissionsOn(mixed, at(1, 6)))).toEqual(sorted(SPEC.contributor));
    expect(sorted(permissionsOn(mixed, at(1, 5, 7)))).toEqual(
      sorted(new Set([...SPEC.contributor, ...SPEC.publisher])),
    );
  });
});

describe('can: installation-wide roles', () => {
  it.each([{ siteId: null }, { siteId: 1 }, { siteId: 2, columnTrail: [4] }] as AccessTarget[])(
    'lets the audit administrator read the audit log on %o',
    (target) => {
      expect(can([globalGrant('audit-admin')], 'audit.read', target)).toBe(true);
    },
  );

  it('gives a global role nothing beyond its permissions', () => {
    expect(sorted(permissionsOn([globalGrant('audit-admin')], { siteId: 1 }))).toEqual(['audit.read']);
    expect(sorted(permissionsOn([globalGrant('system-admin')], { siteId: null }))).toEqual(
      sorted(['user.manage', 'platform.manage', 'platform.read']),
    );
    expect(sorted(permissionsOn([globalGrant('platform-operator')], { siteId: 2 }))).toEqual([
      'platform.read',
    ]);
    expect(sorted(permissionsOn([globalGrant('security-admin')], { siteId: 3 }))).toEqual(
      sorted(['role.assign', 'security.settings']),
    );
  });

  it('lets a site role do nothing installation-wide', () => {
    expect(can([siteGrant('site-admin', 1)], 'site.settings', { siteId: null })).toBe(false);
  });
});

describe('isValidGrant', () => {
  const GLOBAL: readonly Role[] = ['system-admin', 'security-admin', 'audit-admin', 'platform-operator'];
  const SITE: readonly Role[] = ROLES.filter((role) => !GLOBAL.includes(role));

  it.each(GLOBAL)('accepts %s only installation-wide', (role) => {
    expect(isValidGrant({ role, siteId: null, columnId: null })).toBe(true);
    expect(isValidGrant({ role, siteId: 1, columnId: null })).toBe(false);
    expect(isValidGrant({ role, siteId: null, columnId: 5 })).toBe(false);
    expect(isValidGrant({ role, siteId: 1, columnId: 5 })).toBe(false);
  });

  it.each(SITE)('accepts %s only on a site, whole or one column', (role) => {
    expect(isValidGrant({ role, siteId: 1, columnId: null })).toBe(true);
    expect(isValidGrant({ role, siteId: 1, columnId: 5 })).toBe(true);
    expect(isValidGrant({ role, siteId: null, columnId: null })).toBe(false);
    expect(isValidGrant({ role, siteId: null, columnId: 5 })).toBe(false);
  });
});

describe('needsSecondFactor', () => {
  it('is not needed without grants', () => {
    expect(needsSecondFactor([])).toBe(false);
  });

  it('is not needed by contributors and editors', () => {
    expect(needsSecondFactor([siteGrant('contributor', 1)])).toBe(false);
    expect(needsSecondFactor([siteGrant('editor', 1)])).toBe(false);
    expect(needsSecondFactor([siteGrant('contributor', 1), siteGrant('editor', 2, 5)])).toBe(false);
  });

  const STRONG: readonly Role[] = [
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
  ];

  it('lists every reviewer, publisher and administrator role, and only those', () => {
    expect([...SECOND_FACTOR_ROLES].sort()).toEqual([...STRONG].sort());
  });

  it.each(STRONG)('is needed by anyone holding %s, alone or beside other roles', (role) => {
    const grant = GLOBAL_ROLES.has(role) ? globalGrant(role) : siteGrant(role, 1);
    expect(needsSecondFactor([grant])).toBe(true);
    expect(needsSecondFactor([siteGrant('contributor', 1), grant])).toBe(true);
  });

  it('is needed for a reviewer role limited to one column', () => {
    expect(needsSecondFactor([siteGrant('reviewer-2', 1, 5)])).toBe(true);
  });
});

describe('the predicates use cases ask', () => {
  const person = (...grants: Grant[]): Principal => ({
    kind: 'user',
    ip: '',
    user: {
      id: 1,
      username: 'u',
      displayName: 'u',
      status: 'active',
      mustChangePassword: false,
      totpEnabled: true,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      passwordChangedAt: '',
      grants,
      createdAt: '',
      updatedAt: '',
    },
  });
  const system: Principal = { kind: 'system', reason: 'test' };

  it('holds installation-wide only through a grant without a site', () => {
    expect(
      holdsInstallationWide(person({ role: 'audit-admin', siteId: null, columnId: null }), 'audit.read'),
    ).toBe(true);
    // A malformed site-scoped grant of a global role gives nothing installation-wide.
    expect(
      holdsInstallationWide(person({ role: 'audit-admin', siteId: 1, columnId: null }), 'audit.read'),
    ).toBe(false);
    expect(holdsInstallationWide(person({ role: 'editor', siteId: 1, columnId: null }), 'user.manage')).toBe(
      false,
    );
    expect(holdsInstallationWide(system, 'user.manage')).toBe(true);
  });

  it('reaches a site through any grant on it or without a site', () => {
    expect(reachesSite(person({ role: 'contributor', siteId: 1, columnId: 7 }), 1)).toBe(true);
    expect(reachesSite(person({ role: 'contributor', siteId: 1, columnId: 7 }), 2)).toBe(false);
    expect(reachesSite(person({ role: 'audit-admin', siteId: null, columnId: null }), 2)).toBe(true);
    expect(reachesSite(person(), 1)).toBe(false);
    expect(reachesSite(system, 1)).toBe(true);
  });

  it('holds in a site through a column-scoped grant too, but only for its permissions', () => {
    const columnWriter = person({ role: 'contributor', siteId: 1, columnId: 7 });
    expect(holdsInSite(columnWriter, 'article.create', 1)).toBe(true);
    expect(holdsInSite(columnWriter, 'article.create', 2)).toBe(false);
    expect(holdsInSite(columnWriter, 'article.edit-any', 1)).toBe(false);
    expect(holdsInSite(system, 'article.edit-any', 1)).toBe(true);
  });

  it('holds on a column through a grant on it or an ancestor', () => {
    const columnWriter = person({ role: 'contributor', siteId: 1, columnId: 7 });
    expect(holdsOn(columnWriter, 'article.create', { siteId: 1, columnTrail: [3, 7, 9] })).toBe(true);
    expect(holdsOn(columnWriter, 'article.create', { siteId: 1, columnTrail: [3, 8] })).toBe(false);
    expect(holdsOn(columnWriter, 'article.create', { siteId: 1 })).toBe(false);
    expect(holdsOn(system, 'audit.read', { siteId: 1 })).toBe(true);
  });
});
