import { afterEach, describe, expect, it } from 'vitest';
import {
  createUser,
  disableDormantAccounts,
  disableUser,
  enableUser,
  listUsers,
  parseGrant,
  setGrants,
} from '../src/app/index.js';
import type { Grant, Principal, User } from '../src/core/index.js';
import { startTestGazette, type TestGazette } from './support/gazette.js';

const SYSTEM: Principal = { kind: 'system', reason: 'test' };
const PASSWORD = 'Qingchuan-river-42';
const DAY = 24 * 60 * 60 * 1000;

let t: TestGazette;
afterEach(async () => {
  await t.close();
});

async function userWith(username: string, grants: readonly Grant[]): Promise<Principal> {
  const { user } = await createUser(t.gazette.deps, SYSTEM, {
    username,
    displayName: username,
    password: PASSWORD,
    grants,
  });
  return { kind: 'user', user, ip: '10.0.0.1' };
}

const global = (role: Grant['role']): Grant => ({ role, siteId: null, columnId: null });

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('account administration', () => {
  it('lets the system administrator create accounts but not hand out roles (三员分立)', async () => {
    t = await startTestGazette();
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const sysadmin = await userWith('sysadmin', [global('system-admin')]);
    const { user, generatedPassword } = await createUser(t.gazette.deps, sysadmin, {
      username: 'wangli',
      displayName: '王丽',
    });
    expect(user).toMatchObject({
      username: 'wangli',
      mustChangePassword: true,
      status: 'active',
      grants: [],
    });
    expect(generatedPassword).toMatch(/^\S{19}$/);

    const denied = await rejection(
      createUser(t.gazette.deps, sysadmin, {
        username: 'lisi',
        displayName: '李四',
        grants: [{ role: 'editor', siteId: site.id, columnId: null }],
      }),
    );
    expect(denied.code).toBe('GZ_FORBIDDEN');
    expect(await t.gazette.deps.store.users.getByUsername('lisi')).toBeUndefined();
    const [record] = await t.gazette.deps.store.audit
      .list({ action: 'user.create' }, 10, 0)
      .then((rows) => rows.filter((r) => r.result === 'denied'));
    expect(record).toMatchObject({ actorName: 'sysadmin', targetId: 'lisi', ip: '10.0.0.1' });
  });

  it('lets the security administrator assign roles, checking and auditing each', async () => {
    t = await startTestGazette();
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const columns = await t.gazette.deps.store.columns.listBySite(site.id);
    const security = await userWith('security', [global('security-admin')]);
    await userWith('wangli', []);
    const grants: Grant[] = [
      { role: 'editor', siteId: site.id, columnId: null },
      { role: 'reviewer-1', siteId: site.id, columnId: columns[0]!.id },
      { role: 'editor', siteId: site.id, columnId: null },
    ];
    const updated: User = await setGrants(t.gazette.deps, security, 'WangLi', grants);
    expect(updated.grants).toEqual(grants.slice(0, 2));
    const [record] = await t.gazette.deps.store.audit.list({ action: 'user.grants' }, 10, 0);
    expect(record).toMatchObject({ actorName: 'security', result: 'ok' });
    expect(record!.summary).toMatchObject({
      before: [],
      after: [`editor@${site.id}`, `reviewer-1@${site.id}/${columns[0]!.id}`],
    });

    const siteWide = await rejection(setGrants(t.gazette.deps, security, 'wangli', [global('editor')]));
    expect(siteWide).toMatchObject({ code: 'GZ_INVALID_INPUT', details: { field: 'grants' } });
    const adminOnSite = await rejection(
      setGrants(t.gazette.deps, security, 'wangli', [
        { role: 'audit-admin', siteId: site.id, columnId: null },
      ]),
    );
    expect(adminOnSite.code).toBe('GZ_INVALID_INPUT');
    const noSite = await rejection(
      setGrants(t.gazette.deps, security, 'wangli', [{ role: 'editor', siteId: 999, columnId: null }]),
    );
    expect(noSite.code).toBe('GZ_SITE_NOT_FOUND');
    const noColumn = await rejection(
      setGrants(t.gazette.deps, security, 'wangli', [{ role: 'editor', siteId: site.id, columnId: 999 }]),
    );
    expect(noColumn.code).toBe('GZ_COLUMN_NOT_FOUND');
    const nobody = await rejection(setGrants(t.gazette.deps, security, 'nobody', []));
    expect(nobody.code).toBe('GZ_USER_NOT_FOUND');
  });

  it('refuses a security administrator changing its own roles (三员分立)', async () => {
    t = await startTestGazette();
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const security = await userWith('security', [global('security-admin')]);
    for (const grants of [
      [global('security-admin'), global('audit-admin')],
      [global('security-admin'), { role: 'chief-publisher', siteId: site.id, columnId: null }],
      [global('security-admin'), { role: 'publisher', siteId: site.id, columnId: null }],
      [global('security-admin'), global('system-admin')],
      [],
    ] satisfies Grant[][]) {
      const denied = await rejection(setGrants(t.gazette.deps, security, 'Security', grants));
      expect(denied.code).toBe('GZ_FORBIDDEN');
    }
    expect((await t.gazette.deps.store.users.getByUsername('security'))!.grants).toEqual([
      global('security-admin'),
    ]);
    const records = await t.gazette.deps.store.audit.list({ action: 'user.grants' }, 10, 0);
    expect(records).toHaveLength(5);
    expect(records.every((r) => r.result === 'denied' && r.actorName === 'security')).toBe(true);

    // Another security administrator may.
    const other = await userWith('security2', [global('security-admin')]);
    const site1 = { role: 'publisher', siteId: site.id, columnId: null } satisfies Grant;
    const updated = await setGrants(t.gazette.deps, other, 'security', [global('security-admin'), site1]);
    expect(updated.grants).toEqual([global('security-admin'), site1]);
  });

  it('keeps the audit administrator on an account of its own (三员分立)', async () => {
    t = await startTestGazette();
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const security = await userWith('security', [global('security-admin')]);
    await userWith('wangli', []);
    for (const grants of [
      [global('audit-admin'), global('system-admin')],
      [global('audit-admin'), global('security-admin')],
      [global('audit-admin'), { role: 'editor', siteId: site.id, columnId: null }],
      [global('audit-admin'), { role: 'chief-publisher', siteId: site.id, columnId: null }],
    ] satisfies Grant[][]) {
      const refused = await rejection(setGrants(t.gazette.deps, security, 'wangli', grants));
      expect(refused, JSON.stringify(grants)).toMatchObject({
        code: 'GZ_INVALID_INPUT',
        details: { field: 'grants' },
      });
      const created = await rejection(
        createUser(t.gazette.deps, SYSTEM, { username: 'zhaomin', displayName: '赵敏', grants }),
      );
      expect(created.code).toBe('GZ_INVALID_INPUT');
    }
    expect(await t.gazette.deps.store.users.getByUsername('zhaomin')).toBeUndefined();
    const auditor = await setGrants(t.gazette.deps, security, 'wangli', [global('audit-admin')]);
    expect(auditor.grants).toEqual([global('audit-admin')]);
    // System and security administrator together stay possible (the first admin of a new installation).
    const both = await setGrants(t.gazette.deps, security, 'wangli', [
      global('system-admin'),
      global('security-admin'),
      { role: 'site-admin', siteId: site.id, columnId: null },
    ]);
    expect(both.grants).toHaveLength(3);
  });

  it('denies account administration to everyone else, site administrators included', async () => {
    t = await startTestGazette();
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    const siteAdmin = await userWith('siteadmin', [{ role: 'site-admin', siteId: site.id, columnId: null }]);
    const auditor = await userWith('auditor', [global('audit-admin')]);
    for (const principal of [siteAdmin, auditor]) {
      expect(
        (await rejection(createUser(t.gazette.deps, principal, { username: 'x1', displayName: 'x' }))).code,
      ).toBe('GZ_FORBIDDEN');
      expect((await rejection(setGrants(t.gazette.deps, principal, 'siteadmin', []))).code).toBe(
        'GZ_FORBIDDEN',
      );
      expect((await rejection(disableUser(t.gazette.deps, principal, 'siteadmin'))).code).toBe(
        'GZ_FORBIDDEN',
      );
      expect((await rejection(listUsers(t.gazette.deps, principal))).code).toBe('GZ_FORBIDDEN');
    }
  });

  it('keeps usernames unique whatever their case, and well-formed', async () => {
    t = await startTestGazette();
    await userWith('wangli', []);
    const taken = await rejection(
      createUser(t.gazette.deps, SYSTEM, { username: 'WANGLI', displayName: '王丽' }),
    );
    expect(taken.code).toBe('GZ_USERNAME_TAKEN');
    for (const username of ['a', '1abc', 'wang li', 'wang@li', 'x'.repeat(33)]) {
      const bad = await rejection(createUser(t.gazette.deps, SYSTEM, { username, displayName: 'x' }));
      expect(bad, username).toMatchObject({ code: 'GZ_INVALID_INPUT', details: { field: 'username' } });
    }
    const weak = await rejection(
      createUser(t.gazette.deps, SYSTEM, { username: 'lisi', displayName: '李四', password: 'lisi-2026-Aa' }),
    );
    expect(weak).toMatchObject({ code: 'GZ_PASSWORD_WEAK', details: { field: 'password' } });
    const noName = await rejection(
      createUser(t.gazette.deps, SYSTEM, { username: 'lisi', displayName: ' <b></b> ' }),
    );
    expect(noName).toMatchObject({ code: 'GZ_INVALID_INPUT', details: { field: 'displayName' } });
  });

  it('counts dormancy afresh from re-enabling', async () => {
    t = await startTestGazette();
    await userWith('wangli', []);
    t.clock.advance(91 * DAY);
    expect((await disableDormantAccounts(t.gazette.deps, t.clock.now())).map((u) => u.username)).toEqual([
      'wangli',
    ]);
    await enableUser(t.gazette.deps, SYSTEM, 'wangli');
    t.clock.advance(DAY);
    expect(await disableDormantAccounts(t.gazette.deps, t.clock.now())).toEqual([]);
    t.clock.advance(90 * DAY);
    expect(await disableDormantAccounts(t.gazette.deps, t.clock.now())).toHaveLength(1);
  });

  it('reads role specifications of the command line', () => {
    expect(parseGrant('system-admin')).toEqual({ role: 'system-admin', siteId: null, columnId: null });
    expect(parseGrant('editor@2')).toEqual({ role: 'editor', siteId: 2, columnId: null });
    expect(parseGrant('reviewer-3@2/15')).toEqual({ role: 'reviewer-3', siteId: 2, columnId: 15 });
    expect(() => parseGrant('wizard@1')).toThrow();
    expect(() => parseGrant('editor@x')).toThrow();
  });
});
