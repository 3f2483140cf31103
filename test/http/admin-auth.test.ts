import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createUser,
  disableDormantAccounts,
  disableUser,
  ensureFirstAdmin,
  type AuditRecord,
} from '../../src/app/index.js';
import type { Grant, Role } from '../../src/core/index.js';
import { buildServer } from '../../src/server/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const API = '/admin/api';
const MINUTE = 60_000;
const PASSWORD = 'Qingchuan-river-42';
const NEW_PASSWORD = 'Mountain-cloud-2026';
const SYSTEM = { kind: 'system', reason: 'test' } as const;

let t: TestGazette;
afterEach(async () => {
  await t.close();
});

interface Client {
  cookie: string;
  csrf: string;
}

function sessionCookie(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'gz_session')?.value;
}

/** A user ready to sign in: password set, no forced change unless asked. */
async function makeUser(
  username: string,
  roles: readonly Role[],
  options: { mustChangePassword?: boolean } = {},
): Promise<number> {
  const sites = await t.gazette.deps.store.sites.list();
  const siteId = sites[0]!.id;
  const grants: Grant[] = roles.map((role) =>
    ['system-admin', 'security-admin', 'audit-admin'].includes(role)
      ? { role, siteId: null, columnId: null }
      : { role, siteId, columnId: null },
  );
  const { user } = await createUser(t.gazette.deps, SYSTEM, {
    username,
    displayName: `测试${username}`,
    password: PASSWORD,
    grants,
  });
  if (!options.mustChangePassword) {
    await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
  }
  return user.id;
}

function login(username: string, password: string, extra: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: `${API}/session`, payload: { username, password, ...extra } });
}

async function signIn(username: string, password = PASSWORD): Promise<Client & { step: string }> {
  const res = await login(username, password);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ csrfToken: string; step: string }>();
  return { cookie: sessionCookie(res)!, csrf: body.csrfToken, step: body.step };
}

function call(client: Client, method: 'GET' | 'POST' | 'DELETE', path: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `${API}${path}`,
    cookies: { gz_session: client.cookie },
    headers: { 'x-csrf-token': client.csrf },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string; messageZh: string; field?: string } }>().error;

const codeAt = (secret: string, iso: string) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.parse(iso) });

async function auditActions(action?: string): Promise<AuditRecord[]> {
  return t.gazette.deps.store.audit.list(action ? { action } : {}, 1000, 0);
}

describe('admin sign-in', () => {
  it('signs a user in with a session cookie that is httpOnly, SameSite=Strict and scoped to /admin', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const res = await login('ZhaoMin', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ step: string; csrfToken: string; user: Record<string, unknown> }>();
    expect(body.step).toBe('done');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({ username: 'zhaomin', displayName: '测试zhaomin', totpEnabled: false });
    expect(Object.keys(body.user).sort()).toEqual(
      ['displayName', 'grants', 'id', 'mustChangePassword', 'totpEnabled', 'username'].sort(),
    );
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(cookie.secure).toBeUndefined();

    const me = await t.app.inject({
      method: 'GET',
      url: `${API}/session`,
      cookies: { gz_session: cookie.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      step: 'done',
      csrfToken: body.csrfToken,
      user: { username: 'zhaomin' },
    });
    expect(me.headers['cache-control']).toBe('no-store');

    // Only the hash of the token is stored.
    const sessions = await t.gazette.deps.store.sessions.listForUser(body.user['id'] as number);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(cookie.value);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const proxied = await buildServer({
      deps: t.gazette.deps,
      theme: t.gazette.theme,
      mediaDir: `${t.dataDir}/media`,
      logLevel: 'silent',
      trustProxy: 1,
    });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: `${API}/session`,
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'zhaomin', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'gz_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password exactly as an unknown user', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const wrong = await login('zhaomin', 'Not-the-password-1');
    const unknown = await login('nobody', 'Not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    expect(errorOf(wrong).code).toBe('GZ_LOGIN_FAILED');
    expect(sessionCookie(wrong)).toBeUndefined();
  });

  it('refuses unknown fields, naming the field', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const res = await login('zhaomin', PASSWORD, { isAdmin: true });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'isAdmin' });
    const missing = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      payload: { username: 'zhaomin' },
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'password' });
    const client = await signIn('zhaomin');
    const extra = await call(client, 'POST', '/session/password', {
      oldPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      role: 'publisher',
    });
    expect(extra.statusCode).toBe(400);
    expect(errorOf(extra)).toMatchObject({ code: 'GZ_INVALID_INPUT', field: 'role' });
  });

  it('answers bad JSON as invalid input, in the JSON error shape', async () => {
    t = await startTestGazette();
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/session`,
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('GZ_INVALID_INPUT');
  });

  it('locks an account after 5 failures for 15 minutes, audited but answered as a wrong password, and lets it in again afterwards', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    for (let i = 1; i <= 4; i += 1) {
      const res = await login('zhaomin', `Wrong-password-${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      expect(errorOf(res).code).toBe('GZ_LOGIN_FAILED');
    }
    // The lock is not announced: that would tell anyone trying names which accounts exist.
    const fifth = await login('zhaomin', 'Wrong-password-5');
    expect(fifth.statusCode).toBe(401);
    expect(errorOf(fifth).code).toBe('GZ_LOGIN_FAILED');
    expect(fifth.headers['retry-after']).toBeUndefined();
    const user = await t.gazette.deps.store.users.getByUsername('zhaomin');
    expect(user!.lockedUntil).toBe(new Date(Date.parse(t.clock.now()) + 15 * MINUTE).toISOString());

    // The right password does not help while locked.
    t.clock.advance(14 * MINUTE);
    const locked = await login('zhaomin', PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(errorOf(locked).code).toBe('GZ_LOGIN_FAILED');

    t.clock.advance(MINUTE);
    const after = await login('zhaomin', PASSWORD);
    expect(after.statusCode).toBe(200);

    const failed = await auditActions('login.failed');
    expect(failed).toHaveLength(6);
    expect(failed.every((r) => r.actorName === 'zhaomin' && r.targetType === 'user')).toBe(true);
    expect(failed.filter((r) => r.result === 'failed')).toHaveLength(5);
    const lockouts = await auditActions('account.locked');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]!.summary).toMatchObject({ username: 'zhaomin', failures: 5 });
    const logins = await auditActions('login');
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ actorName: 'zhaomin', result: 'ok', ip: '127.0.0.1' });
  });

  it('checks at most 5 passwords when 25 wrong ones arrive at once, and locks the account', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => login('zhaomin', `Wrong-password-${i}`)),
    );
    const codes = results.map((res) => errorOf(res).code);
    expect(codes.filter((code) => code === 'GZ_LOGIN_FAILED')).toHaveLength(25);
    const failed = await auditActions('login.failed');
    // Each checked password leaves one `failed` record; the others were refused before the check.
    expect(failed.filter((r) => r.result === 'failed')).toHaveLength(5);
    expect(failed.filter((r) => r.result === 'denied')).toHaveLength(20);
    expect(await auditActions('account.locked')).toHaveLength(1);
    const user = await t.gazette.deps.store.users.getByUsername('zhaomin');
    expect(user!.lockedUntil! > t.clock.now()).toBe(true);
  });

  it('never signs in an account that parallel wrong passwords locked', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const passwords = Array.from({ length: 24 }, (_, i) => `Wrong-password-${i}`);
    passwords.splice(12, 0, PASSWORD);
    const results = await Promise.all(passwords.map((password) => login('zhaomin', password)));
    const signedIn = results.filter((res) => res.statusCode === 200);
    const failed = (await auditActions('login.failed')).filter((r) => r.result === 'failed');
    const logins = await auditActions('login');
    // At most 5 passwords were checked, the right one included if it was among them.
    expect(failed.length + logins.length).toBeLessThanOrEqual(5);
    expect(signedIn).toHaveLength(logins.length);
    const user = await t.gazette.deps.store.users.getByUsername('zhaomin');
    const locked = user!.lockedUntil !== null && user!.lockedUntil > t.clock.now();
    // Signed in and locked at once is what must never happen.
    expect(signedIn.length > 0 && locked).toBe(false);
    if (signedIn.length > 0) {
      const sessions = await t.gazette.deps.store.sessions.listForUser(user!.id);
      expect(sessions).toHaveLength(signedIn.length);
    } else {
      expect(locked).toBe(true);
      expect(await t.gazette.deps.store.sessions.listForUser(user!.id)).toHaveLength(0);
    }
  });

  it('lets the right password in after 4 wrong ones, and counts afresh after an expired lock', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    for (let i = 0; i < 4; i += 1)
      expect((await login('zhaomin', `Wrong-password-${i}`)).statusCode).toBe(401);
    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i += 1) await login('zhaomin', `Wrong-password-${i}`);
    expect(errorOf(await login('zhaomin', PASSWORD)).code).toBe('GZ_LOGIN_FAILED');
    expect((await auditActions('account.locked')).length).toBe(1);
    t.clock.advance(15 * MINUTE);
    // The lock ran out: one wrong password is one failure, not a new lock.
    expect(errorOf(await login('zhaomin', 'Wrong-password-9')).code).toBe('GZ_LOGIN_FAILED');
    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(200);
    const user = await t.gazette.deps.store.users.getByUsername('zhaomin');
    expect(user).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('audits failed sign-ins of unknown usernames without an actor id', async () => {
    t = await startTestGazette();
    await login('ghost', 'Whatever-pass-1');
    const [record] = await auditActions('login.failed');
    expect(record).toMatchObject({ actorId: null, actorName: 'ghost', result: 'failed' });
  });

  it('throttles an address that keeps failing, across usernames', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    for (let i = 0; i < 30; i += 1) {
      const res = await login(`user${i}`, 'Wrong-password-1');
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login('zhaomin', PASSWORD);
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).code).toBe('GZ_TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * MINUTE);
    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(200);
  });

  it('throttles an address by the proofs in flight, not only those already failed, and audits it', async () => {
    t = await startTestGazette();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`user${i}`, 'Wrong-password-1')),
    );
    const codes = results.map((res) => errorOf(res).code);
    expect(codes.filter((code) => code === 'GZ_LOGIN_FAILED')).toHaveLength(30);
    expect(codes.filter((code) => code === 'GZ_TOO_MANY_ATTEMPTS')).toHaveLength(10);
    expect(await auditActions('login.failed')).toHaveLength(30);
    const throttled = await auditActions('login.throttled');
    expect(throttled).toHaveLength(10);
    expect(throttled.every((r) => r.result === 'denied' && r.ip === '127.0.0.1')).toBe(true);
    expect(throttled[0]!.summary).toMatchObject({ endpoint: 'session' });
  });

  it('does not count right passwords against the address', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    // In batches of 4: more than 5 proofs of one account at once meet its own lockout.
    for (let batch = 0; batch < 10; batch += 1) {
      const results = await Promise.all(Array.from({ length: 4 }, () => login('zhaomin', PASSWORD)));
      expect(results.every((res) => res.statusCode === 200)).toBe(true);
    }
    for (let i = 0; i < 29; i += 1) await login(`user${i}`, 'Wrong-password-1');
    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(200);
  });

  it('forces a generated password to be changed before anything else, and checks the policy', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor'], { mustChangePassword: true });
    const client = await signIn('zhaomin');
    expect(client.step).toBe('change-password');

    // A pending session can only do its step.
    const everywhere = await call(client, 'DELETE', '/sessions');
    expect(everywhere.statusCode).toBe(403);
    expect(errorOf(everywhere).code).toBe('GZ_PASSWORD_CHANGE_REQUIRED');
    const enrol = await call(client, 'POST', '/session/totp/enrol', {});
    expect(errorOf(enrol).code).toBe('GZ_PASSWORD_CHANGE_REQUIRED');

    const weak = await call(client, 'POST', '/session/password', { newPassword: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak)).toMatchObject({ code: 'GZ_PASSWORD_WEAK', field: 'newPassword' });
    expect(errorOf(weak).message).toContain('at least 10 characters');

    const same = await call(client, 'POST', '/session/password', { newPassword: PASSWORD });
    expect(errorOf(same).code).toBe('GZ_PASSWORD_WEAK');

    const changed = await call(client, 'POST', '/session/password', { newPassword: NEW_PASSWORD });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ step: 'done' });
    expect((await call(client, 'GET', '/session')).json()).toMatchObject({ step: 'done' });

    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(401);
    expect((await signIn('zhaomin', NEW_PASSWORD)).step).toBe('done');
    expect(await auditActions('password.change')).toHaveLength(1);
  });

  it('asks for the old password on a voluntary change and ends the other sessions', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const first = await signIn('zhaomin');
    const second = await signIn('zhaomin');
    const noOld = await call(first, 'POST', '/session/password', { newPassword: NEW_PASSWORD });
    expect(noOld.statusCode).toBe(400);
    expect(errorOf(noOld)).toMatchObject({ code: 'GZ_PASSWORD_INCORRECT', field: 'oldPassword' });
    const wrongOld = await call(first, 'POST', '/session/password', {
      oldPassword: 'Wrong-password-1',
      newPassword: NEW_PASSWORD,
    });
    expect(errorOf(wrongOld).code).toBe('GZ_PASSWORD_INCORRECT');
    const ok = await call(first, 'POST', '/session/password', {
      oldPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    expect((await call(first, 'GET', '/session')).statusCode).toBe(200);
    const other = await call(second, 'GET', '/session');
    expect(other.statusCode).toBe(401);
    expect(errorOf(other).code).toBe('GZ_NOT_SIGNED_IN');
  });

  it('enrols TOTP for a reviewer at first sign-in and then asks for a code at every sign-in', async () => {
    t = await startTestGazette();
    await makeUser('lishen', ['reviewer-1']);
    const client = await signIn('lishen');
    expect(client.step).toBe('enrol-totp');
    const blocked = await call(client, 'DELETE', '/sessions');
    expect(errorOf(blocked).code).toBe('GZ_TOTP_ENROLMENT_REQUIRED');

    const confirmEarly = await call(client, 'POST', '/session/totp/confirm', { code: '123456' });
    expect(errorOf(confirmEarly).code).toBe('GZ_TOTP_ENROLMENT_NOT_STARTED');

    const enrol = await call(client, 'POST', '/session/totp/enrol');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain('otpauth://totp/Gazette:lishen?');
    expect(otpauthUri).toContain('issuer=Gazette');
    expect(otpauthUri).toContain(`secret=${secret}`);

    const wrong = await call(client, 'POST', '/session/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('GZ_TOTP_INVALID');

    const enrolCode = codeAt(secret, t.clock.now());
    const confirmed = await call(client, 'POST', '/session/totp/confirm', { code: enrolCode });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, step } = confirmed.json<{ recoveryCodes: string[]; step: string }>();
    expect(step).toBe('done');
    expect(recoveryCodes).toHaveLength(10);
    expect((await call(client, 'GET', '/session')).json()).toMatchObject({ user: { totpEnabled: true } });
    expect(await auditActions('totp.enrol')).toHaveLength(1);
    // The secret is never shown again.
    expect((await call(client, 'GET', '/session')).body).not.toContain(secret);

    // Next sign-in: the code used at enrolment is spent; the next step's code works, once.
    const again = await signIn('lishen');
    expect(again.step).toBe('totp');
    const onlyTotp = await call(again, 'DELETE', '/sessions');
    expect(errorOf(onlyTotp).code).toBe('GZ_TOTP_REQUIRED');
    const replay = await call(again, 'POST', '/session/totp', { code: enrolCode });
    expect(errorOf(replay).code).toBe('GZ_TOTP_INVALID');
    t.clock.advance(30_000);
    const code = codeAt(secret, t.clock.now());
    const ok = await call(again, 'POST', '/session/totp', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ step: 'done' });

    const third = await signIn('lishen');
    const reused = await call(third, 'POST', '/session/totp', { code });
    expect(reused.statusCode).toBe(401);
    expect(errorOf(reused).code).toBe('GZ_TOTP_INVALID');
    // A code from the previous step is still accepted once (clock drift), a code two steps old is not.
    t.clock.advance(60_000);
    expect(errorOf(await call(third, 'POST', '/session/totp', { code })).code).toBe('GZ_TOTP_INVALID');
    const previous = codeAt(secret, new Date(Date.parse(t.clock.now()) - 30_000).toISOString());
    expect((await call(third, 'POST', '/session/totp', { code: previous })).statusCode).toBe(200);
  });

  it('accepts each recovery code once', async () => {
    t = await startTestGazette();
    await makeUser('lishen', ['publisher']);
    const client = await signIn('lishen');
    const { secret } = (await call(client, 'POST', '/session/totp/enrol')).json<{ secret: string }>();
    const { recoveryCodes } = (
      await call(client, 'POST', '/session/totp/confirm', { code: codeAt(secret, t.clock.now()) })
    ).json<{ recoveryCodes: string[] }>();
    const [first] = recoveryCodes;

    const again = await signIn('lishen');
    const used = await call(again, 'POST', '/session/totp', { recoveryCode: first!.toUpperCase() });
    expect(used.statusCode).toBe(200);
    expect(used.json()).toEqual({ step: 'done', recoveryCodesLeft: 9 });

    const third = await signIn('lishen');
    const reused = await call(third, 'POST', '/session/totp', { recoveryCode: first });
    expect(reused.statusCode).toBe(401);
    expect(errorOf(reused)).toMatchObject({ code: 'GZ_TOTP_INVALID', field: 'recoveryCode' });
    const both = await call(third, 'POST', '/session/totp', { code: '123456', recoveryCode: first });
    expect(both.statusCode).toBe(400);
  });

  it('locks the account after 5 wrong codes', async () => {
    t = await startTestGazette();
    await makeUser('lishen', ['publisher']);
    const client = await signIn('lishen');
    const { secret } = (await call(client, 'POST', '/session/totp/enrol')).json<{ secret: string }>();
    await call(client, 'POST', '/session/totp/confirm', { code: codeAt(secret, t.clock.now()) });
    const pending = await signIn('lishen');
    const good = codeAt(secret, t.clock.now());
    const bad = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i += 1) {
      expect(errorOf(await call(pending, 'POST', '/session/totp', { code: bad })).code).toBe(
        'GZ_TOTP_INVALID',
      );
    }
    expect(errorOf(await call(pending, 'POST', '/session/totp', { code: bad })).code).toBe(
      'GZ_ACCOUNT_LOCKED',
    );
    // The half-finished session is gone.
    expect((await call(pending, 'GET', '/session')).statusCode).toBe(401);
    // Signing in again answers as a wrong password would while the lock lasts.
    expect(errorOf(await login('lishen', PASSWORD)).code).toBe('GZ_LOGIN_FAILED');
  });

  it('checks at most 5 second-factor proofs when wrong ones arrive at once', async () => {
    t = await startTestGazette();
    await makeUser('lishen', ['publisher']);
    const client = await signIn('lishen');
    const { secret } = (await call(client, 'POST', '/session/totp/enrol')).json<{ secret: string }>();
    await call(client, 'POST', '/session/totp/confirm', { code: codeAt(secret, t.clock.now()) });
    const pending = await signIn('lishen');
    // Recovery codes take a hash check each: slow enough for every request to be in flight at once.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(pending, 'POST', '/session/totp', { recoveryCode: `wrong-code-${String(i).padStart(2, '0')}` }),
      ),
    );
    const codes = results.map((res) => errorOf(res).code);
    expect(codes.filter((code) => code === 'GZ_TOTP_INVALID')).toHaveLength(4);
    expect(codes.filter((code) => code === 'GZ_ACCOUNT_LOCKED')).toHaveLength(16);
    const failed = (await auditActions('login.failed')).filter((r) => r.result === 'failed');
    expect(failed).toHaveLength(5);
    expect(failed.every((r) => r.summary['factor'] === 'recovery-code')).toBe(true);
    expect(await auditActions('account.locked')).toHaveLength(1);
  });

  it('audits the start of TOTP enrolment, which changes the secret', async () => {
    t = await startTestGazette();
    await makeUser('lishen', ['publisher']);
    const client = await signIn('lishen');
    expect((await call(client, 'POST', '/session/totp/enrol')).statusCode).toBe(200);
    const [record] = await auditActions('totp.enrol-start');
    expect(record).toMatchObject({ actorName: 'lishen', result: 'ok', ip: '127.0.0.1', targetType: 'user' });
    expect(JSON.stringify(record)).not.toMatch(/secret/i);
  });

  it('requires TOTP enrolment of a generated first admin after the password change', async () => {
    t = await startTestGazette();
    const first = await ensureFirstAdmin(t.gazette.deps);
    expect(first?.username).toBe('admin');
    expect(await ensureFirstAdmin(t.gazette.deps)).toBeNull();
    const admin = await t.gazette.deps.store.users.getByUsername('admin');
    const site = (await t.gazette.deps.store.sites.list())[0]!;
    expect(admin?.grants).toEqual(
      expect.arrayContaining([
        { role: 'system-admin', siteId: null, columnId: null },
        { role: 'security-admin', siteId: null, columnId: null },
        { role: 'site-admin', siteId: site.id, columnId: null },
        { role: 'publisher', siteId: site.id, columnId: null },
      ]),
    );
    const client = await signIn('admin', first!.password);
    expect(client.step).toBe('change-password');
    const changed = await call(client, 'POST', '/session/password', { newPassword: NEW_PASSWORD });
    expect(changed.json()).toEqual({ step: 'enrol-totp' });
  });
});

describe('client address behind a proxy', () => {
  async function loginThrough(trustProxy: false | number | readonly string[], forwardedFor: string) {
    const proxied = await buildServer({
      deps: t.gazette.deps,
      theme: t.gazette.theme,
      mediaDir: `${t.dataDir}/media`,
      logLevel: 'silent',
      trustProxy,
    });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: `${API}/session`,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { username: 'zhaomin', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const logins = await auditActions('login');
      return logins[0]!.ip;
    } finally {
      await proxied.close();
    }
  }

  it('takes the address the one trusted proxy appended, not one the client wrote', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    // nginx's $proxy_add_x_forwarded_for keeps what the client sent and appends the real address.
    expect(await loginThrough(1, '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('trusts only the listed proxy addresses', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    expect(await loginThrough(['127.0.0.1'], '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await loginThrough(['10.0.0.0/8'], '6.6.6.6, 203.0.113.7')).toBe('127.0.0.1');
    expect(await loginThrough(false, '6.6.6.6, 203.0.113.7')).toBe('127.0.0.1');
  });
});

describe('admin sessions', () => {
  it('ends a session idle for 30 minutes, and keeps one in use', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const client = await signIn('zhaomin');
    t.clock.advance(29 * MINUTE);
    expect((await call(client, 'GET', '/session')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await call(client, 'GET', '/session')).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    const expired = await call(client, 'GET', '/session');
    expect(expired.statusCode).toBe(401);
    expect(errorOf(expired).code).toBe('GZ_SESSION_EXPIRED');
    const cleared = expired.cookies.find((c) => c.name === 'gz_session');
    expect(cleared?.value).toBe('');
    // Gone for good: the next request is simply not signed in.
    expect(errorOf(await call(client, 'GET', '/session')).code).toBe('GZ_NOT_SIGNED_IN');
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const client = await signIn('zhaomin');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await call(client, 'GET', '/session')).statusCode, `${minutes} min`).toBe(200);
    }
    t.clock.advance(20 * MINUTE);
    expect(errorOf(await call(client, 'GET', '/session')).code).toBe('GZ_SESSION_EXPIRED');
  });

  it('logs out this session, and everywhere', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const a = await signIn('zhaomin');
    const b = await signIn('zhaomin');
    const c = await signIn('zhaomin');
    const out = await call(a, 'DELETE', '/session');
    expect(out.statusCode).toBe(204);
    expect((await call(a, 'GET', '/session')).statusCode).toBe(401);
    expect((await call(b, 'GET', '/session')).statusCode).toBe(200);

    const everywhere = await call(b, 'DELETE', '/sessions');
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.json()).toEqual({ ended: 2 });
    expect(errorOf(await call(b, 'GET', '/session')).code).toBe('GZ_NOT_SIGNED_IN');
    expect(errorOf(await call(c, 'GET', '/session')).code).toBe('GZ_NOT_SIGNED_IN');
    expect(await auditActions('logout')).toHaveLength(1);
    expect(await auditActions('logout.everywhere')).toHaveLength(1);
  });

  it('refuses state changes without the session CSRF token', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const client = await signIn('zhaomin');
    const other = await signIn('zhaomin');
    for (const headers of [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': other.csrf }]) {
      for (const [method, url] of [
        ['DELETE', '/session'],
        ['DELETE', '/sessions'],
        ['POST', '/session/password'],
      ] as const) {
        const res = await t.app.inject({
          method,
          url: `${API}${url}`,
          cookies: { gz_session: client.cookie },
          headers,
          ...(method === 'POST' ? { payload: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD } } : {}),
        });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(errorOf(res).code).toBe('GZ_CSRF_INVALID');
      }
    }
    // Still signed in, password unchanged.
    expect((await call(client, 'GET', '/session')).statusCode).toBe(200);
    expect((await login('zhaomin', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses state changes without a session', async () => {
    t = await startTestGazette();
    const res = await t.app.inject({ method: 'DELETE', url: `${API}/sessions` });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('GZ_NOT_SIGNED_IN');
    const get = await t.app.inject({ method: 'GET', url: `${API}/session` });
    expect(errorOf(get).code).toBe('GZ_NOT_SIGNED_IN');
    const forged = await t.app.inject({
      method: 'GET',
      url: `${API}/session`,
      cookies: { gz_session: 'x'.repeat(43) },
    });
    expect(errorOf(forged).code).toBe('GZ_NOT_SIGNED_IN');
  });

  it('ends the sessions of a disabled account and refuses its sign-in', async () => {
    t = await startTestGazette();
    await makeUser('zhaomin', ['contributor']);
    const client = await signIn('zhaomin');
    await disableUser(t.gazette.deps, SYSTEM, 'zhaomin');
    expect((await call(client, 'GET', '/session')).statusCode).toBe(401);
    const res = await login('zhaomin', PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('GZ_ACCOUNT_DISABLED');
    // A wrong password still gets the usual answer: being disabled is told only to the owner.
    expect(errorOf(await login('zhaomin', 'Wrong-password-1')).code).toBe('GZ_LOGIN_FAILED');
  });

  it('disables accounts without a sign-in for 90 days', async () => {
    t = await startTestGazette();
    await makeUser('active', ['contributor']);
    await makeUser('dormant', ['contributor']);
    await signIn('dormant');
    t.clock.advance(60 * 24 * 60 * MINUTE);
    await signIn('active');
    t.clock.advance(31 * 24 * 60 * MINUTE);
    const disabled = await disableDormantAccounts(t.gazette.deps, t.clock.now());
    expect(disabled.map((u) => u.username)).toEqual(['dormant']);
    expect(errorOf(await login('dormant', PASSWORD)).code).toBe('GZ_ACCOUNT_DISABLED');
    expect((await login('active', PASSWORD)).statusCode).toBe(200);
    const [record] = (await auditActions('user.disable')).filter(
      (r) => r.actorName === 'system:dormant-accounts',
    );
    expect(record?.summary).toMatchObject({ username: 'dormant' });
  });
});
