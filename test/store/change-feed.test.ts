import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, ContentEvent } from '../../src/app/index.js';
import { openGazette, type Gazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import {
  openPostgres,
  openPostgresChangeFeed,
  openSqliteMemory,
  type OpenedDatabase,
} from '../../src/store/index.js';
import { adminQuery, createTestDatabase, reachablePostgres, type TestDatabase } from '../support/postgres.js';

const postgres = await reachablePostgres();

/** Resolves with the first event `feed` delivers, or rejects after `ms`. */
function nextEvent(feed: ChangeFeed, ms = 1000): Promise<ContentEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no event within ${ms} ms`));
    }, ms);
    const unsubscribe = feed.subscribe((event) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

const until = async (condition: () => boolean, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('change feed wired into a Gazette on SQLite', () => {
  it('delivers what the app emits after commit to the process itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-feed-'));
    const gazette = await openGazette(
      loadConfig({ GAZETTE_LOG_LEVEL: 'silent', GAZETTE_SHED_LAG_MS: '0' }, { dataDir }),
      {
        database: openSqliteMemory(),
      },
    );
    try {
      const received = nextEvent(gazette.feed);
      gazette.deps.events.emit({ type: 'columns-changed', siteId: 3 });
      expect(await received).toEqual({ type: 'columns-changed', siteId: 3 });
    } finally {
      await gazette.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(postgres === null)('change feed on PostgreSQL (LISTEN/NOTIFY)', () => {
  const adminUrl = postgres ?? '';
  let testDatabase: TestDatabase;
  let databases: OpenedDatabase[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(adminUrl);
  });

  afterAll(async () => {
    for (const database of databases) await database.close();
    databases = [];
    await testDatabase.drop();
  });

  const open = async () => {
    const database = await openPostgres(testDatabase.url, { poolSize: 2 });
    databases.push(database);
    return database;
  };

  it('delivers an event published by one process to another within a second, and back to itself', async () => {
    const one = await (await open()).openChangeFeed();
    const two = await (await open()).openChangeFeed();
    try {
      const event: ContentEvent = { type: 'article-published', siteId: 1, articleId: 42 };
      const atTwo = nextEvent(two);
      const atOne = nextEvent(one);
      const started = performance.now();
      await one.publish(event);
      expect(await atTwo).toEqual(event);
      expect(await atOne).toEqual(event);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('gives a process its own event at once, and only once (the copy coming back is ignored)', async () => {
    const one = await (await open()).openChangeFeed();
    const two = await (await open()).openChangeFeed();
    try {
      const atOne: ContentEvent[] = [];
      const atTwo: ContentEvent[] = [];
      one.subscribe((event) => atOne.push(event));
      two.subscribe((event) => atTwo.push(event));
      const event: ContentEvent = { type: 'article-updated', siteId: 2, articleId: 7 };
      const sent = one.publish(event);
      expect(atOne).toEqual([event]); // before the notification has even gone out
      await sent;
      await until(() => atTwo.length > 0, 1000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(atOne).toEqual([event]);
      expect(atTwo).toEqual([event]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('invalidates across two Gazettes: what one emits after commit, the other hears', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gazette-feed-'));
    const config = loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir });
    const gazettes: Gazette[] = [];
    try {
      gazettes.push(await openGazette(config, { database: await openPostgres(testDatabase.url) }));
      gazettes.push(await openGazette(config, { database: await openPostgres(testDatabase.url) }));
      const [a, b] = gazettes as [Gazette, Gazette];
      const atB = nextEvent(b.feed);
      a.deps.events.emit({ type: 'site-updated', siteId: 9 });
      expect(await atB).toEqual({ type: 'site-updated', siteId: 9 });
    } finally {
      for (const gazette of gazettes) await gazette.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reconnects when its listening connection is ended, asks subscribers to resync, and goes on', async () => {
    const database = await open();
    const errors: unknown[] = [];
    const listening = await openPostgresChangeFeed({
      db: database.db,
      connectionString: testDatabase.url,
      retryDelayMs: 50,
      onError: (error) => errors.push(error),
    });
    const sender = await (await open()).openChangeFeed();
    let resyncs = 0;
    const unsubscribe = listening.subscribe(
      () => undefined,
      () => {
        resyncs += 1;
      },
    );
    try {
      const ended = await adminQuery(
        adminUrl,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'gazette-feed' and query ilike 'LISTEN%'`,
        [testDatabase.name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
      await until(() => resyncs > 0, 5000);
      expect(errors.length).toBeGreaterThan(0);
      const received = nextEvent(listening);
      await sender.publish({ type: 'columns-changed', siteId: 5 });
      expect(await received).toEqual({ type: 'columns-changed', siteId: 5 });
    } finally {
      unsubscribe();
      await listening.close();
      await sender.close();
    }
  });
});
