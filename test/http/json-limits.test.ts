import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, errorOf, signedInUser, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

// A JSON body nested thousands deep or with a huge number of keys is refused while it is parsed, before
// any sign-in check, with a 400 that says why; it never reaches code that walks it.

let t: TestGazette;
let editor: AdminClient;

beforeAll(async () => {
  t = await startTestGazette();
  editor = await signedInUser(t, 'json-limits-editor', ['editor']);
});

afterAll(async () => {
  await t.close();
});

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const postJson = (url: string, payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });

describe('deeply nested JSON', () => {
  it('is refused with 400 GZ_INPUT_TOO_COMPLEX at sign-in, before any authentication', async () => {
    for (const body of [nestedArrays(4000), nestedArrays(2000), nestedObjects(4000), nestedArrays(100)]) {
      const res = await postJson(`${API}/session`, body);
      expect(res.statusCode, body.slice(0, 20)).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('GZ_INPUT_TOO_COMPLEX');
      expect(error.messageZh).toMatch(/层级|字段/);
    }
    // The same wrapped in the sign-in fields.
    const wrapped = `{"username":"admin","password":${nestedArrays(4000)}}`;
    expect(errorOf(await postJson(`${API}/session`, wrapped)).code).toBe('GZ_INPUT_TOO_COMPLEX');
  });

  it('is refused on every JSON route, signed in or not', async () => {
    const deep = `{"siteId":1,"title":"x","tags":${nestedArrays(5000)}}`;
    const signedIn = await postJson(`${API}/articles`, deep, {
      cookie: `gz_session=${editor.cookie}`,
      'x-csrf-token': editor.csrf,
    });
    expect(signedIn.statusCode).toBe(400);
    expect(errorOf(signedIn).code).toBe('GZ_INPUT_TOO_COMPLEX');
    // Without a session the request is refused before its body is read.
    const anonymous = await postJson(`${API}/articles`, deep);
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('GZ_NOT_SIGNED_IN');
  });

  it('refuses an object with too many keys, within the body size limit', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `"k${i}":0`).join(',');
    const res = await postJson(`${API}/session`, `{${keys}}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('GZ_INPUT_TOO_COMPLEX');
  });

  it('still reads ordinary bodies, brackets inside strings included', async () => {
    const res = await postJson(
      `${API}/session`,
      JSON.stringify({ username: 'nobody', password: `${'['.repeat(500)}{"a":"b"}` }),
    );
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('GZ_LOGIN_FAILED');
    const bad = await postJson(`${API}/session`, '{"username":');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('GZ_INVALID_INPUT');
  });
});
