// Loopback helpers shared by the benchmarks that start a Gazette process.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Polls `url` until it answers 200 (every `pollMs`), or throws after `ms`. */
export async function waitFor(url, ms = 30_000, pollMs = 20) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${ms} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * `gazette start` from the built dist/ (or the build directory `build`) on 127.0.0.1:`port` with `dataDir`,
 * behind one trusted proxy hop.
 */
export function startGazette(dataDir, port, env, build = 'dist') {
  return spawn(
    process.execPath,
    [
      // BENCH_NODE_ARGS: extra flags for the server process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      join(build, 'cli/main.js'),
      'start',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--no-demo',
    ],
    {
      env: {
        ...process.env,
        GAZETTE_DATA_DIR: dataDir,
        GAZETTE_LOG_LEVEL: 'error',
        GAZETTE_TRUST_PROXY: '1',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/** Stops a started Gazette (SIGTERM) and waits for it to exit. */
export const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
