// Loopback helpers shared by the benchmarks that start a Gazette process.
import { createServer } from 'node:net';

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
