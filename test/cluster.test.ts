import { spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../src/app/index.js';
import { openGazette } from '../src/boot/index.js';
import { loadConfig } from '../src/config/index.js';
import type { Article } from '../src/core/index.js';
import {
  MAIN,
  TEST_PASSWORD,
  signIn,
  startServerProcess,
  until,
  type ServerProcess,
} from './support/server-process.js';

/**
 * `gazette start --workers 2` on SQLite: two worker processes share the port, each with its own
 * page cache; a withdrawal made through one worker reaches the other's cache through the primary's relay.
 */

/** One request on a new connection, so that the primary hands it to the next worker in turn. */
function fetchFresh(url: string): Promise<{ status: number; cache: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, cache: String(res.headers['x-cache'] ?? ''), body }),
      );
    }).on('error', reject);
  });
}

describe('a cluster of two worker processes on SQLite', () => {
  let dataDir: string;
  let server: ServerProcess;
  let article: Article;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gazette-cluster-'));
    const demo = spawnSync(process.execPath, [MAIN, 'demo', '--data-dir', dataDir], {
      encoding: 'utf8',
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    });
    expect(demo.status, demo.stderr).toBe(0);
    const gazette = await openGazette(loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir }));
    try {
      const [site] = await gazette.deps.store.sites.list();
      const { user } = await createUser(gazette.deps, systemPrincipal('test'), {
        username: 'qianfa',
        displayName: '签发人',
        password: TEST_PASSWORD,
        grants: [{ role: 'publisher', siteId: site!.id, columnId: null }],
      });
      await gazette.deps.store.users.update(user.id, { mustChangePassword: false }, new Date().toISOString());
      const [row] = await gazette.deps.store.articles.listPublished({ siteId: site!.id }, 1, 0);
      article = (await gazette.deps.store.articles.get(row!.id))!;
    } finally {
      await gazette.close();
    }
    server = await startServerProcess(['--data-dir', dataDir, '--workers', '2']);
  }, 60_000);

  afterAll(() => {
    server?.child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('announces itself once, with the number of workers', () => {
    expect(server.output().match(/Gazette is serving/g)).toHaveLength(1);
    expect(server.output()).toContain('2 worker processes');
  });

  it('runs two worker processes, each with the heap budget', () => {
    const pid = server.child.pid!;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    expect(children).toHaveLength(2);
    for (const child of children) {
      const argv = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\u0000');
      expect(argv).toContain('--max-old-space-size=256');
    }
  });

  it('answers from two processes, each with its own cache', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await fetchFresh(`${server.url}${article.path}`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // The first request to each worker renders; every later one is served from that worker's cache.
    expect(answers.filter((a) => a.cache === 'miss')).toHaveLength(2);
  });

  it('drops the page in both workers when one of them withdraws the article', async () => {
    for (let i = 0; i < 4; i++) await fetchFresh(`${server.url}${article.path}`);
    const publisher = await signIn(server, 'qianfa');
    const current = (await publisher('GET', `/articles/${article.id}`)).json['article'] as {
      version: number;
    };
    const withdrawn = await publisher('POST', `/articles/${article.id}/withdraw`, {
      version: current.version,
      reason: '集群测试撤稿',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.json)).toBe(200);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetchFresh(`${server.url}${article.path}`)).status);
    expect(statuses).toEqual([410, 410, 410, 410, 410, 410]);
    for (let i = 0; i < 4; i++) {
      const home = await fetchFresh(`${server.url}/`);
      expect(home.body).not.toContain(`href="${article.path}"`);
    }
  });

  it('stops every worker when the primary is told to stop', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('the port is closed', async () => {
      try {
        await fetchFresh(`${server.url}/`);
        return undefined;
      } catch {
        return true;
      }
    });
  });
});

describe('a cluster whose database cannot be prepared', () => {
  it('stops its workers, says why and exits with code 1', () => {
    const started = Date.now();
    // Nothing listens on port 1: preparing the database fails while the workers wait for it.
    const run = spawnSync(
      process.execPath,
      [MAIN, 'start', '--workers', '2', '--port', '0', '--database', 'postgres://gazette@127.0.0.1:1/none'],
      { encoding: 'utf8', env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' }, timeout: 30_000 },
    );
    // The primary exits only once every worker has stopped.
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/database could not be prepared/);
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
