import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAntiAbuse, solveWork, type AntiAbuse } from '../../src/app/index.js';
import {
  createStore,
  migrateToLatest,
  openPostgres,
  openSqliteFile,
  type OpenedDatabase,
} from '../../src/store/index.js';
import { createTestDatabase, reachablePostgres } from '../support/postgres.js';

/**
 * The rate limits hold across processes: two handles on one database (as two server processes have) count
 * together, so a burst spread over both is cut at exactly the limit.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const secret = Buffer.alloc(32, 3);

function guardOn(database: OpenedDatabase, perBucket: number): AntiAbuse {
  return createAntiAbuse({
    secret,
    counters: createStore(database.db, database.dialect).abuse,
    policy: {
      perAddress: { limit: 1000, windowSeconds: 600 },
      perBucket: { limit: perBucket, windowSeconds: 600 },
      workBits: 4,
    },
  });
}

async function burst(
  a: AntiAbuse,
  b: AntiAbuse,
): Promise<{ accepted: number; limited: number; replayed: number }> {
  const attempts = Array.from({ length: 60 }, (_, i) => {
    const guard = i % 2 === 0 ? a : b;
    const c = guard.challenge('interact:9');
    const work = solveWork(c.token, c.workBits);
    return guard
      .admit({ bucket: 'interact:9', address: `10.1.0.${i}`, token: c.token, work })
      .then(() => 'accepted')
      .catch((error: { code: string }) => error.code);
  });
  // One token solved once and sent to both processes: one of them takes it.
  const c = a.challenge('interact:9');
  const work = solveWork(c.token, c.workBits);
  const replays = [a, b].map((guard) =>
    guard
      .admit({ bucket: 'interact:9', address: '10.2.0.1', token: c.token, work })
      .then(() => 'accepted')
      .catch((error: { code: string }) => error.code),
  );
  const results = await Promise.all([...attempts, ...replays]);
  const replayResults = results.slice(60, 62);
  return {
    accepted: results.slice(0, 60).filter((r) => r === 'accepted').length,
    limited: results.slice(0, 60).filter((r) => r === 'GZ_RATE_LIMITED').length,
    replayed: replayResults.filter((r) => r === 'GZ_CHALLENGE_EXPIRED').length,
  };
}

describe('anti-abuse counters across processes', () => {
  it('SQLite: two handles on one file count together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-abuse-'));
    const first = openSqliteFile(join(dir, 'gazette.db'));
    await migrateToLatest(first.db, first.dialect);
    const second = openSqliteFile(join(dir, 'gazette.db'));
    cleanups.push(async () => {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const result = await burst(guardOn(first, 20), guardOn(second, 20));
    // 20 of the 60, plus possibly the replayed token's one acceptance counted against the form.
    expect(result.accepted + result.limited).toBe(60);
    expect(result.accepted).toBeGreaterThanOrEqual(19);
    expect(result.accepted).toBeLessThanOrEqual(20);
    expect(result.replayed).toBe(1);
  });

  it('PostgreSQL: two pools count together', async () => {
    const adminUrl = await reachablePostgres();
    if (adminUrl === null) return;
    const testDatabase = await createTestDatabase(adminUrl);
    const first = await openPostgres(testDatabase.url, { poolSize: 4 });
    await migrateToLatest(first.db, first.dialect);
    const second = await openPostgres(testDatabase.url, { poolSize: 4 });
    cleanups.push(async () => {
      await first.close();
      await second.close();
      await testDatabase.drop();
    });
    const result = await burst(guardOn(first, 20), guardOn(second, 20));
    expect(result.accepted + result.limited).toBe(60);
    expect(result.accepted).toBeGreaterThanOrEqual(19);
    expect(result.accepted).toBeLessThanOrEqual(20);
    expect(result.replayed).toBe(1);
  });
});
