import { spawn, type ChildProcess } from 'node:child_process';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';

/** Real `gazette start` processes for tests that need them (several processes, a cluster). */
export const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
export const TEST_PASSWORD = 'Qingchuan-river-42';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
}

/** Spawns `gazette start ARGS` and resolves once it prints the address it serves. */
export function startServerProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN, 'start', '--port', '0', '--no-demo', ...args], {
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'warn', GAZETTE_SHED_LAG_MS: '0', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+?)\/\s/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output: () => out });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export type AdminRequest = (
  method: string,
  path: string,
  payload?: unknown,
) => Promise<{ status: number; json: Record<string, unknown> }>;

/** A browser-like admin client over real HTTP: session cookie, CSRF token, TOTP when the role needs it. */
export async function signIn(server: { readonly url: string }, username: string): Promise<AdminRequest> {
  let cookie = '';
  let csrf = '';
  const request: AdminRequest = async (method, path, payload) => {
    const res = await fetch(`${server.url}/admin/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const set = res.headers.get('set-cookie');
    const token = set ? /gz_session=([^;]*)/.exec(set)?.[1] : undefined;
    if (token) cookie = `gz_session=${token}`;
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const login = await request('POST', '/session', { username, password: TEST_PASSWORD });
  expect(login.status, JSON.stringify(login.json)).toBe(200);
  csrf = login.json['csrfToken'] as string;
  if (login.json['step'] === 'enrol-totp') {
    const { secret } = (await request('POST', '/session/totp/enrol', {})).json as { secret: string };
    const code = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() });
    expect((await request('POST', '/session/totp/confirm', { code })).status).toBe(200);
  }
  expect((await request('GET', '/session')).json['step']).toBe('done');
  return request;
}

/** Polls `probe` until it returns a value. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
