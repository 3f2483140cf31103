import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { GLOBAL_ROLES, type Grant, type Role } from '../../src/core/index.js';
import type { TestGazette } from './gazette.js';

export const API = '/admin/api';
export const TEST_PASSWORD = 'Qingchuan-river-42';

/** A signed-in admin user as a browser would hold it: the session cookie and the CSRF token. */
export interface AdminClient {
  readonly userId: number;
  readonly username: string;
  readonly cookie: string;
  readonly csrf: string;
  /** The TOTP secret enrolled at sign-in (null when the roles need no second factor), to sign in again. */
  readonly totpSecret: string | null;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export const errorOf = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string; messageZh: string; field?: string } }>().error;

/**
 * Creates a user with `roles` on the first site (global roles installation-wide) and signs them in through the
 * API, enrolling TOTP when their roles require it — every step a real person goes through.
 */
export async function signedInUser(
  t: TestGazette,
  username: string,
  roles: readonly Role[],
): Promise<AdminClient> {
  const [site] = await t.gazette.deps.store.sites.list();
  const grants: Grant[] = roles.map((role) =>
    GLOBAL_ROLES.has(role)
      ? { role, siteId: null, columnId: null }
      : { role, siteId: site!.id, columnId: null },
  );
  const { user } = await createUser(t.gazette.deps, systemPrincipal('test'), {
    username,
    displayName: `测试${username}`,
    password: TEST_PASSWORD,
    grants,
  });
  await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());

  const login = await t.app.inject({
    method: 'POST',
    url: `${API}/session`,
    payload: { username, password: TEST_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
  let { csrfToken: csrf, step } = login.json<{ csrfToken: string; step: string }>();
  let totpSecret: string | null = null;
  const post = (path: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `${API}${path}`,
      cookies: { gz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      payload: payload as Record<string, unknown>,
    });
  if (step === 'enrol-totp') {
    const enrol = await post('/session/totp/enrol', {});
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret } = enrol.json<{ secret: string }>();
    totpSecret = secret;
    const code = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.parse(t.clock.now()) });
    const confirm = await post('/session/totp/confirm', { code });
    expect(confirm.statusCode, confirm.body).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: `${API}/session`, cookies: { gz_session: cookie } });
    ({ csrfToken: csrf, step } = me.json<{ csrfToken: string; step: string }>());
  }
  expect(step).toBe('done');
  return {
    userId: user.id,
    username,
    cookie,
    csrf,
    totpSecret,
    call: (method, path, payload) =>
      t.app.inject({
        method,
        url: `${API}${path}`,
        cookies: { gz_session: cookie },
        headers: { 'x-csrf-token': csrf },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}
