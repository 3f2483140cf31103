import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks, type Finding } from '../src/check/index.js';
import { checkPublishedArticles } from '../src/cli/check-commands.js';
import { startTestGazette } from './support/gazette.js';

const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const FIXTURE_PAGES = new URL('fixtures/pages/', import.meta.url).pathname;

function gazette(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GAZETTE_LOG_LEVEL: 'silent' },
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('content checks on the demo site and the fixture pages', () => {
  it('finds no block finding in the published demo articles', async () => {
    const test = await startTestGazette();
    try {
      const report = await checkPublishedArticles(test.gazette.deps.store, test.clock.now());
      expect(report.checked).toBeGreaterThan(5);
      const blocks = report.articles.flatMap((a) => a.findings.filter((f) => f.severity === 'block'));
      expect(blocks).toEqual([]);
    } finally {
      await test.close();
    }
  });

  it('finds no block finding in the fixture page texts', () => {
    const files = readdirSync(FIXTURE_PAGES).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(FIXTURE_PAGES, file), 'utf8');
      const blocks = runChecks({ text }).filter((f) => f.severity === 'block');
      expect(blocks, file).toEqual([]);
    }
  });
});

describe('gazette check', () => {
  const temp = mkdtempSync(join(tmpdir(), 'gazette-cli-check-'));
  const dataDir = join(temp, 'data');

  beforeAll(() => {
    const demo = gazette(['demo', '--data-dir', dataDir]);
    expect(demo.code, demo.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('checks text from stdin and prints the findings as JSON', () => {
    const result = gazette(['check', '--stdin', '--format', 'json'], '联系电话13812345678，市攻府办公室。');
    expect(result.code, result.stderr).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Finding[] };
    expect(findings.map((f) => [f.rule, f.excerpt, f.suggestion])).toEqual([
      ['mobile-number', '13812345678', '138****5678'],
      ['formulation', '攻府', '政府'],
    ]);
  });

  it('exits 0 with no findings on a clean text', () => {
    const result = gazette(['check', '--stdin', '--format', 'json'], '订单号13812345678，服务热线12345。');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ findings: [] });
  });

  it('requires --stdin and a known format', () => {
    expect(gazette(['check']).code).toBe(2);
    expect(gazette(['check', '--stdin', '--format', 'xml']).code).toBe(2);
  });

  it('passes the demo site, then fails once a published article carries an ID number', () => {
    const clean = gazette(['check', 'site', '--data-dir', dataDir]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/Checked \d+ published articles: 0 blocking/);

    const db = new SqliteDatabase(join(dataDir, 'gazette.db'));
    try {
      const row = db
        .prepare("SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
        .get() as {
        id: number;
      };
      db.prepare("UPDATE articles SET body_html = '<p>身份证号11010519491231002X</p>' WHERE id = ?").run(
        row.id,
      );
    } finally {
      db.close();
    }
    const failed = gazette(['check', 'site', '--format', 'json', '--data-dir', dataDir]);
    expect(failed.code, failed.stderr).toBe(1);
    const report = JSON.parse(failed.stdout) as { blocks: number; articles: { findings: Finding[] }[] };
    expect(report.blocks).toBe(1);
    const finding = report.articles.flatMap((a) => a.findings).find((f) => f.severity === 'block');
    expect(finding).toMatchObject({ rule: 'personal-id', field: 'body', suggestion: '11*************02X' });
  });
});
