import type * as Argon2 from '@node-rs/argon2';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// A locked account answers a sign-in exactly as an unknown username does: same status, same body, no
// Retry-After, and a password hash checked either way (so the time is the same too). The lock is still
// recorded and audited, and the account's owner learns of it at their next successful sign-in.

/** Every argon2 verification the server runs, counted (the library itself, not a stand-in). */
const argon2Verify = vi.hoisted(() => ({ calls: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof Argon2>();
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      argon2Verify.calls += 1;
      return actual.verify(...args);
    },
  };
});

const API = '/admin/api';
const MINUTE = 60_000;
const PASSWORD = 'Qingchuan-river-42';

let t: TestGazette;
afterEach(async () => {
  await t.close();
});

async function makeUser(username: string): Promise<number> {
  const { user } = await createUser(t.gazette.deps, systemPrincipal('test'), {
    username,
    displayName: `测试${username}`,
    password: PASSWORD,
    grants: [],
  });
  await t.gazette.deps.store.users.update(user.id, { mustChangePassword: false }, t.clock.now());
  return user.id;
}

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: `${API}/session`, payload: { username, password } });

/** What a client can tell apart: status, body and the headers that vary with the outcome. */
const visible = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  body: res.body,
  retryAfter: res.headers['retry-after'],
  setCookie: res.headers['set-cookie'],
});

async function verifiesDuring(work: () => Promise<unknown>): Promise<number> {
  const before = argon2Verify.calls;
  await work();
  return argon2Verify.calls - before;
}

describe('a locked account', () => {
  it('answers exactly as an unknown username, from the locking attempt on', async () => {
    t = await startTestGazette({ demo: false });
    await makeUser('zhaomin');
    const unknown = visible(await login('nobody-here', 'Wrong-password-0'));
    expect(unknown.status).toBe(401);
    for (let i = 1; i <= 4; i += 1)
      expect(visible(await login('zhaomin', `Wrong-password-${i}`))).toEqual(unknown);
    // The fifth failure locks the account; it and every attempt during the lock look like the unknown name.
    expect(visible(await login('zhaomin', 'Wrong-password-5'))).toEqual(unknown);
    expect(visible(await login('zhaomin', 'Wrong-password-6'))).toEqual(unknown);
    expect(visible(await login('zhaomin', PASSWORD))).toEqual(unknown);
    expect(visible(await login('nobody-here', 'Wrong-password-7'))).toEqual(unknown);

    const user = await t.gazette.deps.store.users.getByUsername('zhaomin');
    expect(user!.lockedUntil! > t.clock.now()).toBe(true);
    const audit = await t.gazette.deps.store.audit.list({ targetId: String(user!.id) }, 100, 0);
    expect(audit.filter((r) => r.action === 'account.locked')).toHaveLength(1);
    expect(audit.filter((r) => r.action === 'login.failed' && r.summary['reason'] === 'locked')).toHaveLength(
      2,
    );
  });

  it('checks a password hash like any other sign-in, so that it takes as long', async () => {
    t = await startTestGazette({ demo: false });
    await makeUser('zhaomin');
    expect(await verifiesDuring(() => login('nobody-here', 'Wrong-password-0'))).toBe(1);
    expect(await verifiesDuring(() => login('zhaomin', 'Wrong-password-1'))).toBe(1);
    for (let i = 2; i <= 5; i += 1) await login('zhaomin', `Wrong-password-${i}`);
    expect(await verifiesDuring(() => login('zhaomin', 'Wrong-password-6'))).toBe(1);
    expect(await verifiesDuring(() => login('zhaomin', PASSWORD))).toBe(1);
  });

  it('is told to its owner at the next successful sign-in, once', async () => {
    t = await startTestGazette({ demo: false });
    await makeUser('zhaomin');
    const first = await login('zhaomin', PASSWORD);
    expect(first.statusCode).toBe(200);
    expect(first.json<{ notice: unknown }>().notice).toBeNull();
    t.clock.advance(MINUTE);
    for (let i = 1; i <= 6; i += 1) await login('zhaomin', `Wrong-password-${i}`);
    t.clock.advance(15 * MINUTE);
    const next = await login('zhaomin', PASSWORD);
    expect(next.statusCode).toBe(200);
    const { notice } = next.json<{
      notice: { lockouts: number; failedSignIns: number; lastLockedAt: string };
    }>();
    expect(notice).toMatchObject({ lockouts: 1, failedSignIns: 6 });
    expect(Date.parse(notice.lastLockedAt)).toBeLessThan(Date.parse(t.clock.now()));
    t.clock.advance(MINUTE);
    expect((await login('zhaomin', PASSWORD)).json<{ notice: unknown }>().notice).toBeNull();
  });
});
