import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, ensureDemo, openGazette, type Gazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { isGazetteError } from '../../src/core/index.js';
import { maskDatabaseUrl, openPostgres, withDatabaseName } from '../../src/store/index.js';
import { adminQuery, createTestDatabase, reachablePostgres, type TestDatabase } from '../support/postgres.js';
import { startSilentServer, startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const postgres = await reachablePostgres();

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('the database setting', () => {
  it('takes --database over GAZETTE_DATABASE_URL, and means SQLite when neither is set', () => {
    const env = { GAZETTE_DATABASE_URL: 'postgres://env@db/gazette' };
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ GAZETTE_DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(loadConfig(env).databaseUrl).toBe('postgres://env@db/gazette');
    expect(loadConfig(env, { databaseUrl: 'postgresql://flag@db/gazette' }).databaseUrl).toBe(
      'postgresql://flag@db/gazette',
    );
  });

  it('refuses a URL that is not postgres:// without repeating it', () => {
    for (const url of ['mysql://root:s3cret-pw@db/x', 'postgres://', 'db.internal:5432']) {
      let error: unknown;
      try {
        loadConfig({ GAZETTE_DATABASE_URL: url });
      } catch (caught) {
        error = caught;
      }
      expect(isGazetteError(error) && error.code, url).toBe('GZ_CONFIG_INVALID');
      expect((error as Error).message).not.toContain('s3cret-pw');
    }
  });

  it('masks the password wherever a database URL is shown', () => {
    expect(maskDatabaseUrl('postgres://gazette:s3cret@db:5432/gz')).toBe('postgres://gazette:***@db:5432/gz');
    expect(maskDatabaseUrl('postgres://:s3cret@db/gz')).toBe('postgres://:***@db/gz');
    expect(maskDatabaseUrl('postgres://gazette@db/gz?password=s3cret&sslmode=require')).toBe(
      'postgres://gazette@db/gz?password=***&sslmode=require',
    );
    expect(maskDatabaseUrl('postgres://gazette@db/gz')).toBe('postgres://gazette@db/gz');
    expect(maskDatabaseUrl('not a url s3cret')).not.toContain('s3cret');
  });
});

describe('starting against a database that cannot be reached', () => {
  it('fails fast with GZ_DATABASE_UNREACHABLE when nothing listens, without the password', async () => {
    const url = `postgres://gazette:s3cret-pw@127.0.0.1:${await closedPort()}/gazette`;
    const started = performance.now();
    const error = await failureOf(openPostgres(url));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(isGazetteError(error) && error.code).toBe('GZ_DATABASE_UNREACHABLE');
    const message = (error as Error).message;
    expect(message).toContain('gazette:***@127.0.0.1');
    expect(message).toContain('connection refused');
    expect(message).not.toContain('s3cret-pw');
  });

  it('gives up on a server that accepts connections but never answers within the timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = performance.now();
      const error = await failureOf(
        openPostgres(`postgres://gazette@127.0.0.1:${silent.port}/gazette`, { connectTimeoutMs: 1000 }),
      );
      const elapsed = performance.now() - started;
      expect(isGazetteError(error) && error.code).toBe('GZ_DATABASE_UNREACHABLE');
      expect((error as Error).message).toContain('no answer within 1 s');
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });

  it('prints one line naming the database (password masked) and exits 1 within 10 s', async () => {
    const silent = await startSilentServer();
    const port = await closedPort();
    try {
      for (const [args, env] of [
        [['migrate', '--database', `postgres://gazette:s3cret-pw@127.0.0.1:${port}/gazette`], {}],
        [
          ['start', '--port', '0'],
          { GAZETTE_DATABASE_URL: `postgres://gazette:s3cret-pw@127.0.0.1:${silent.port}/gz` },
        ],
      ] as const) {
        const started = performance.now();
        // The silent server needs no event loop: the kernel accepts the connection, nobody answers.
        const result = spawnSync(process.execPath, [MAIN, ...args], {
          encoding: 'utf8',
          env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent', GAZETTE_DEBUG: '', ...env },
          timeout: 20_000,
        });
        const elapsed = performance.now() - started;
        const stderr = String(result.stderr);
        expect(result.status, stderr).toBe(1);
        expect(elapsed).toBeLessThan(10_000);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain('无法连接数据库');
        expect(stderr).toContain('[GZ_DATABASE_UNREACHABLE]');
        expect(stderr).toContain('gazette:***@127.0.0.1');
        expect(stderr).not.toContain('s3cret-pw');
        expect(stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      await silent.close();
    }
  });

  it('refuses a database URL that is not a postgres:// URL without repeating it', () => {
    const result = spawnSync(
      process.execPath,
      [MAIN, 'migrate', '--database', 'mysql://root:s3cret-pw@db/x'],
      {
        encoding: 'utf8',
        env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('databaseUrl');
    expect(result.stderr).not.toContain('s3cret-pw');
  });
});

describe.skipIf(postgres === null)('PostgreSQL connections', () => {
  const adminUrl = postgres ?? '';
  let testDatabase: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(adminUrl);
    dataDir = mkdtempSync(join(tmpdir(), 'gazette-pg-'));
  });

  afterAll(async () => {
    await testDatabase.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Without the page cache, so that every request below really needs the database.
  const gazetteOn = async (url: string): Promise<Gazette> => {
    // No load shedding: a late timer on a busy test machine must not turn the answers under test into 503s.
    const config = loadConfig(
      { GAZETTE_LOG_LEVEL: 'silent', GAZETTE_PAGE_CACHE_MB: '0', GAZETTE_SHED_LAG_MS: '0' },
      { dataDir },
    );
    return openGazette(config, { database: await openPostgres(url, { connectTimeoutMs: 2000 }) });
  };

  it('reports wrong credentials at startup without the password', async () => {
    const url = new URL(testDatabase.url);
    url.username = 'no_such_role';
    url.password = 'wr0ng-pw';
    const error = await failureOf(openPostgres(url.toString()));
    expect(isGazetteError(error) && error.code).toBe('GZ_DATABASE_UNREACHABLE');
    expect((error as Error).message).toContain('no_such_role');
    expect((error as Error).message).not.toContain('wr0ng-pw');
    const missing = await failureOf(openPostgres(withDatabaseName(adminUrl, 'gz_no_such_database')));
    expect(isGazetteError(missing) && missing.code).toBe('GZ_DATABASE_UNREACHABLE');
    expect((missing as Error).message).toContain('gz_no_such_database');
  });

  describe('a connection lost in the middle of a request', () => {
    let proxy: TcpProxy;
    let gazette: Gazette;
    let app: Awaited<ReturnType<typeof createHttpServer>>;

    beforeAll(async () => {
      proxy = await startTcpProxy(Number(new URL(adminUrl).port || 5432), new URL(adminUrl).hostname);
      const url = new URL(testDatabase.url);
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      gazette = await gazetteOn(url.toString());
      await ensureDemo(gazette);
      app = await createHttpServer(gazette);
    });

    afterAll(async () => {
      await app.close();
      await gazette.close();
      await proxy.close();
    });

    it('answers 503 while the database is away and 200 again once it is back', async () => {
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);

      proxy.break();
      const during = await app.inject({ method: 'GET', url: '/' });
      expect(during.statusCode).toBe(503);
      const again = await app.inject({ method: 'GET', url: '/' });
      expect(again.statusCode).toBe(503);

      proxy.mend();
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      const [site] = await gazette.deps.store.sites.list();
      expect(site?.name).toBeTruthy();
    });

    it('turns the lost connection into GZ_DATABASE_UNAVAILABLE inside transactions too', async () => {
      proxy.break();
      const error = await failureOf(
        gazette.deps.store.transaction(async (store) => {
          await store.sites.list();
          return store.sites.list();
        }),
      );
      proxy.mend();
      expect(isGazetteError(error) && error.code).toBe('GZ_DATABASE_UNAVAILABLE');
      expect(isGazetteError(error) && error.kind).toBe('unavailable');
      expect(await gazette.deps.store.sites.list()).not.toHaveLength(0);
    });
  });

  it('survives the server ending every pooled connection, and serves the next request', async () => {
    const gazette = await gazetteOn(testDatabase.url);
    const app = await createHttpServer(gazette);
    try {
      await ensureDemo(gazette);
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      const ended = await adminQuery(
        adminUrl,
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'gazette'`,
        [testDatabase.name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await gazette.close();
    }
  });
});
