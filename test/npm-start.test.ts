import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` hands signals to the server: one SIGTERM to the npm process stops everything, the single
 * process and a cluster with workers alike, and nothing is left listening.
 */

const root = new URL('..', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'gazette-npm-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Starts `npm start -- ARGS` and resolves with the process and the port once Gazette says it is serving. */
function npmStart(
  args: readonly string[],
  detached = false,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    cwd: root,
    // Its own process group, as a terminal gives a foreground job: Ctrl-C signals the whole group.
    detached,
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving after 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /serving http:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether any process still runs with `dir` among its arguments (the server or one of its workers). */
function running(dir: string): boolean {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').some((line) => line.includes(dir));
}

async function stops(args: readonly string[], dir: string, signal: 'SIGTERM' | 'ctrl-c'): Promise<string> {
  const { child, port, output } = await npmStart([...args, '--data-dir', dir], signal === 'ctrl-c');
  expect(await listening(port)).toBe(true);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (signal === 'ctrl-c') process.kill(-child.pid!, 'SIGINT');
  else child.kill('SIGTERM');
  await exited;
  // The server and every worker are gone with npm: nothing listens on the port, no process is left.
  const deadline = Date.now() + 20_000;
  while ((running(dir) || (await listening(port))) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(await listening(port), `something still listens on ${port}`).toBe(false);
  expect(running(dir), `a process of ${dir} is still running`).toBe(false);
  return output();
}

const SERVE = ['--port', '0', '--host', '127.0.0.1', '--no-demo'];

describe('npm start', () => {
  it('stops the server when the npm process gets SIGTERM', async () => {
    await stops(SERVE, join(temp, 'one'), 'SIGTERM');
  }, 180_000);

  it('stops a cluster, primary and workers, when the npm process gets SIGTERM', async () => {
    await stops([...SERVE, '--workers', '2'], join(temp, 'cluster'), 'SIGTERM');
  }, 180_000);

  it('stops with one Ctrl-C, shutting down in order', async () => {
    const output = await stops(SERVE, join(temp, 'ctrl-c'), 'ctrl-c');
    expect(output).toContain('SIGINT: stopping Gazette');
  }, 180_000);
});
