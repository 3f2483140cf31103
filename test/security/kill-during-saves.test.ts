import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, systemPrincipal } from '../../src/app/index.js';
import { openGazette } from '../../src/boot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../support/postgres.js';
import {
  MAIN,
  TEST_PASSWORD,
  signIn,
  startServerProcess,
  type AdminRequest,
  type ServerProcess,
} from '../support/server-process.js';

/**
 * A real `gazette start` killed with SIGKILL while dozens of saves are in flight, three times over, on the
 * database the suite runs on (a SQLite file, or PostgreSQL with GAZETTE_TEST_DATABASE_URL). After each
 * restart `gazette audit verify` exits 0 and every article is whole: its row, its latest revision and its
 * tags agree, and the title and body written by one save are never found apart.
 */

const ARTICLES = 16;
let dataDir: string;
let database: TestDatabase | null = null;
let server: ServerProcess | null = null;
let siteId: number;
let columnId: number;

const databaseArgs = () => (database ? ['--database', database.url] : []);
const start = async () => {
  server = await startServerProcess(['--data-dir', dataDir, ...databaseArgs()]);
  return server;
};

function cli(...args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args, '--data-dir', dataDir, ...databaseArgs()], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
  });
}

/** One save's title and body carry the same mark, so that a row with parts of two saves shows. */
const save = (mark: string) => ({
  title: `断电测试 ${mark}`,
  bodyHtml: `<p>${`第${mark}次保存的正文。`.repeat(4000)}</p><p>${mark}</p>`,
  tags: [`标记${mark}`],
});

interface ArticleView {
  article: { id: number; version: number; title: string };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gazette-kill-'));
  const adminUrl = testDatabaseUrl();
  if (adminUrl) database = await createTestDatabase(adminUrl);
  const demo = cli('demo');
  expect(demo.status, demo.stderr).toBe(0);
  const gazette = await openGazette(
    loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir, databaseUrl: database?.url }),
  );
  try {
    const [site] = await gazette.deps.store.sites.list();
    siteId = site!.id;
    columnId = (await gazette.deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'news')!.id;
    const { user } = await createUser(gazette.deps, systemPrincipal('test'), {
      username: 'duandian',
      displayName: '断电测试编辑',
      password: TEST_PASSWORD,
      grants: [{ role: 'editor', siteId, columnId: null }],
    });
    await gazette.deps.store.users.update(user.id, { mustChangePassword: false }, new Date().toISOString());
  } finally {
    await gazette.close();
  }
}, 120_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every article of the column whole: row, latest revision and tags from one save. */
async function wholeArticles(): Promise<string[]> {
  const gazette = await openGazette(
    loadConfig({ GAZETTE_LOG_LEVEL: 'silent' }, { dataDir, databaseUrl: database?.url }),
  );
  const problems: string[] = [];
  try {
    const { db } = gazette.database;
    const articles = await db
      .selectFrom('articles')
      .select(['id', 'version', 'title', 'body_html'])
      .where('column_id', '=', columnId)
      .where('title', 'like', '断电测试%')
      .execute();
    for (const article of articles) {
      const mark = article.title.replace('断电测试 ', '');
      if (!article.body_html.includes(`<p>${mark}</p>`)) problems.push(`${article.id}: title and body apart`);
      const revision = await db
        .selectFrom('article_revisions')
        .select(['version', 'title', 'body_html', 'tags'])
        .where('article_id', '=', article.id)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!revision || revision.version !== article.version) {
        problems.push(`${article.id}: version ${article.version}, latest revision ${revision?.version}`);
      } else if (revision.title !== article.title || revision.body_html !== article.body_html) {
        problems.push(`${article.id}: latest revision differs from the row`);
      }
      const tags = await db
        .selectFrom('article_tags')
        .select('tag')
        .where('article_id', '=', article.id)
        .execute();
      if (tags.map((t) => t.tag).join() !== `标记${mark}`) {
        problems.push(`${article.id}: tags ${tags.map((t) => t.tag).join()} for ${mark}`);
      }
    }
    if (articles.length < ARTICLES) problems.push(`only ${articles.length} articles`);
  } finally {
    await gazette.close();
  }
  return problems;
}

describe('kill -9 in the middle of saves', { timeout: 180_000 }, () => {
  it('leaves an intact audit chain and no half-written article, three times over', async () => {
    let request: AdminRequest = await signIn(await start(), 'duandian');
    /** Rounds in which the kill came before every save was answered (it did cut into saves). */
    let interrupted = 0;
    const ids: number[] = [];
    for (let i = 0; i < ARTICLES; i++) {
      const res = await request('POST', '/articles', { siteId, columnId, ...save(`0-${i}`) });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      ids.push((res.json as unknown as ArticleView).article.id);
    }

    for (const [round, delayMs] of [60, 150, 300].entries()) {
      const versions = await Promise.all(
        ids.map(
          async (id) =>
            ((await request('GET', `/articles/${id}`)).json as unknown as ArticleView).article.version,
        ),
      );
      // Every article saved at once, and new ones created, while the process is killed.
      const inFlight = [
        ...ids.map((id, i) =>
          request('PUT', `/articles/${id}`, { version: versions[i], columnId, ...save(`${round + 1}-${i}`) }),
        ),
        ...Array.from({ length: 8 }, (_, i) =>
          request('POST', '/articles', { siteId, columnId, ...save(`new${round}-${i}`) }),
        ),
      ].map((p) => p.catch(() => null));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server!.child.kill('SIGKILL');
      await exited;
      const answered = (await Promise.all(inFlight)).filter((r) => r !== null).length;
      if (answered < inFlight.length) interrupted += 1;

      const verify = cli('audit', 'verify');
      expect(
        verify.status,
        `round ${round} (${answered} saves answered): ${verify.stdout}${verify.stderr}`,
      ).toBe(0);
      expect(await wholeArticles(), `round ${round}`).toEqual([]);
      request = await signIn(await start(), 'duandian');
    }
    expect(interrupted).toBeGreaterThan(0);
    // The restarted server serves and saves as before.
    const last = ids[0]!;
    const version = ((await request('GET', `/articles/${last}`)).json as unknown as ArticleView).article
      .version;
    const saved = await request('PUT', `/articles/${last}`, { version, columnId, ...save('after') });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(cli('audit', 'verify').status).toBe(0);
  });
});
