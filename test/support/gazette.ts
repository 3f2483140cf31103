import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/app/index.js';
import { createHttpServer, ensureDemo, openGazette, type Gazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openSqliteMemory } from '../../src/store/index.js';

export interface TestGazette {
  readonly gazette: Gazette;
  readonly app: FastifyInstance;
  readonly clock: MutableClock;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface MutableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function fixedClock(start: string): MutableClock {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    set: (iso) => {
      now = Date.parse(iso);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A Gazette on a private in-memory database and a temporary data directory, with a controlled clock. */
export async function startTestGazette(options: { demo?: boolean; now?: string } = {}): Promise<TestGazette> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-test-'));
  const clock = fixedClock(options.now ?? '2026-11-20T02:00:00.000Z');
  const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir });
  const gazette = await openGazette(config, { clock, database: openSqliteMemory() });
  if (options.demo ?? true) await ensureDemo(gazette);
  const app = await createHttpServer(gazette);
  await app.ready();
  return {
    gazette,
    app,
    clock,
    dataDir,
    async close() {
      await app.close();
      await gazette.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
