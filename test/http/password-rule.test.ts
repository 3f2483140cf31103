import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { PASSWORD_RULE } from '../../src/core/index.js';
import { API, errorOf, TEST_PASSWORD } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * The password rule is defined once (src/core/password-policy.ts): the rule the admin shows (from
 * `GET /admin/api/password-policy`), the one the CLI help and the README state, and the one the server
 * enforces are the same.
 */

let t: TestGazette;

beforeAll(async () => {
  t = await startTestGazette();
});
afterAll(async () => {
  await t.close();
});

interface ShownRule {
  minLength: number;
  maxLength: number;
  minClasses: number;
  zh: string;
  en: string;
}

/** A new account that must choose its own password, signed in: its cookie and CSRF token. */
async function mustChange(username: string) {
  const siteId = (await t.gazette.deps.store.sites.list())[0]!.id;
  await createUser(t.gazette.deps, systemPrincipal('test'), {
    username,
    displayName: `测试${username}`,
    password: TEST_PASSWORD,
    grants: [{ role: 'contributor', siteId, columnId: null }],
  });
  const login = await t.app.inject({
    method: 'POST',
    url: `${API}/session`,
    payload: { username, password: TEST_PASSWORD },
  });
  expect(login.json<{ step: string }>().step).toBe('change-password');
  const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  return (newPassword: string) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/session/password`,
      cookies: { gz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      payload: { newPassword },
    });
}

/** A password of `length` characters of all four classes and nothing common: only its length can fail. */
const passwordOf = (length: number) => 'Qc7#mZp2$wLx9!kRv4&nTb8'.slice(0, length);

describe('the password rule', () => {
  it('is what the admin is shown, and exactly what the server enforces', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/password-policy` });
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<ShownRule>();
    expect(shown).toEqual({ ...PASSWORD_RULE });
    expect(shown.zh).toContain(`至少${shown.minLength}个字符`);
    expect(shown.en).toContain(`at least ${shown.minLength} characters`);

    const tooShort = await (await mustChange('duanmima'))(passwordOf(shown.minLength - 1));
    expect(tooShort.statusCode).toBe(400);
    expect(errorOf(tooShort).code).toBe('GZ_PASSWORD_WEAK');
    expect(errorOf(tooShort).message).toContain(`at least ${shown.minLength} characters`);

    const justLongEnough = await (await mustChange('gangganghao'))(passwordOf(shown.minLength));
    expect(justLongEnough.statusCode, justLongEnough.body).toBe(200);
  });

  it('is stated the same in the README and the CLI help', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(PASSWORD_RULE.en);
    const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
    for (const command of [
      ['user', 'add'],
      ['user', 'passwd'],
    ]) {
      const help = spawnSync(process.execPath, [main, ...command, '--help'], { encoding: 'utf8' });
      expect(help.status).toBe(0);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(PASSWORD_RULE.en);
    }
  });
});
