import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPageFile, parsePage, type ImportedPage } from '../../src/import/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { runImportIn } from './run-import.js';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));
const PAGE_FILES = readdirSync(PAGES).filter(isPageFile);
const PAGE_COUNT = PAGE_FILES.length;
/** What the page set should create: one article per article page, one series and its members per series page. */
const parsed = PAGE_FILES.map((name) => parsePage(name, readFileSync(join(PAGES, name))).items[0]);
const SERIES = parsed.filter((item) => item?.kind === 'series');
const ARTICLES = parsed.length - SERIES.length + SERIES.reduce((n, s) => n + (s?.members.length ?? 0), 0);
const temp = mkdtempSync(join(tmpdir(), 'gazette-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const run = runImportIn;

describe('gazette import --dry-run', () => {
  it('prints every page of a directory in the machine-readable shape and opens no database', async () => {
    const { code, out } = await run(null, { 'dry-run': true, format: 'json' }, [PAGES]);
    expect(code).toBe(0);
    const pages = JSON.parse(out) as ImportedPage[];
    expect(pages).toHaveLength(PAGE_COUNT);
    const roundup = pages.find((p) => p.file.endsWith('roundup.html'));
    expect(roundup?.items[0]).toMatchObject({ kind: 'series', title: '一周要闻速览（9月第2周）' });
    expect(Object.keys(roundup ?? {})).toEqual(
      expect.arrayContaining(['file', 'items', 'chrome', 'warnings']),
    );
  });

  it('joins the continuation pages of a long article (a_2.html) to its first page', async () => {
    const paged = fileURLToPath(new URL('./paged/', import.meta.url));
    const { code, out } = await run(null, { 'dry-run': true, format: 'json' }, [paged]);
    expect(code).toBe(0);
    const pages = JSON.parse(out) as ImportedPage[];
    expect(pages).toHaveLength(1);
    expect(pages[0]?.items[0]?.blocks.map((b) => b.text)).toEqual([
      '今年以来，清水县把城乡供水一体化作为民生实事，新建改造供水管网160公里。',
      '在南山片区，过去靠水窖吃水的群众用上了稳定的自来水。',
      '下一步，县水利局将建立供水设施运行维护长效机制，确保群众长期受益。',
    ]);
    expect(pages[0]?.warnings.join(' ')).toMatch(/long-article_2\.html/);
  });

  it('refuses empty, binary, non-page and malformed files with a one-line reason, exit code 1', async () => {
    writeFileSync(join(temp, 'empty.html'), '');
    writeFileSync(join(temp, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(join(temp, 'photo.jpg'), 'not a page');
    writeFileSync(join(temp, 'broken.html'), '<html><head></head><body><div></div></body></html>');
    const { code, out } = await run(null, { 'dry-run': true }, [
      join(temp, 'empty.html'),
      join(temp, 'binary.html'),
      join(temp, 'photo.jpg'),
      join(temp, 'broken.html'),
    ]);
    expect(code).toBe(1);
    expect(out).toMatch(/empty\.html: empty file/);
    expect(out).toMatch(/binary\.html: binary file/);
    expect(out).toMatch(/photo\.jpg: not a page/);
    expect(out).toMatch(/broken\.html: malformed/);
  });
});

describe('gazette import into the demo site', () => {
  let test: TestGazette;
  beforeAll(async () => {
    test = await startTestGazette();
  });
  afterAll(() => test.close());

  const countRows = async (table: 'articles' | 'series' | 'imports') => {
    const row = await test.gazette.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('imports every page as drafts in the column, series as series, then skips them all on re-import', async () => {
    const articlesBefore = await countRows('articles');
    const seriesBefore = await countRows('series');
    const first = await run(test, { column: 'zwgk/tzgg' }, [PAGES]);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain(`imported ${PAGE_COUNT}, updated 0, skipped 0, failed 0`);
    expect(SERIES.length).toBeGreaterThanOrEqual(2);
    expect((await countRows('articles')) - articlesBefore).toBe(ARTICLES);
    expect((await countRows('series')) - seriesBefore).toBe(SERIES.length);
    const again = await run(test, { column: 'zwgk/tzgg', format: 'json' }, [PAGES]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.out) as { summary: unknown }).summary).toEqual({
      imported: 0,
      updated: 0,
      skipped: PAGE_COUNT,
      failed: 0,
    });
    expect((await countRows('articles')) - articlesBefore).toBe(ARTICLES);
    expect(await countRows('imports')).toBe(PAGE_COUNT);
  });

  it('updates the article in place when a page changed since it was imported', async () => {
    const file = join(temp, 'meta-tags.html');
    const changed = readFileSync(join(PAGES, 'meta-tags.html'), 'utf8').replace('40个', '45个');
    writeFileSync(file, changed);
    const articles = await countRows('articles');
    const { code, out } = await run(test, { column: 'zwgk/tzgg', format: 'json' }, [file]);
    expect(code).toBe(0);
    const [outcome] = (JSON.parse(out) as { outcomes: { status: string; articleIds: number[] }[] }).outcomes;
    expect(outcome?.status).toBe('updated');
    expect(await countRows('articles')).toBe(articles);
    const article = await test.gazette.deps.store.articles.get(outcome?.articleIds[0] ?? 0);
    expect(article?.bodyHtml).toContain('45个');
    expect(article?.status).toBe('draft');
  });

  it('publishes with the original time when asked, audited as the import', async () => {
    const file = join(temp, 'roundup-2.html');
    copyFileSync(join(PAGES, 'roundup.html'), file);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('一周要闻速览（9月第2周）</h1>', '一周要闻速览（9月第3周）</h1>'),
    );
    const { code, out } = await run(test, { column: 'zwgk/tzgg', publish: true, format: 'json' }, [file]);
    expect(code, out).toBe(0);
    const [outcome] = (JSON.parse(out) as { outcomes: { articleIds: number[]; seriesId: number }[] })
      .outcomes;
    const member = await test.gazette.deps.store.articles.get(outcome?.articleIds[0] ?? 0);
    expect(member?.status, out).toBe('published');
    expect(member?.publishedAt).toBe('2024-09-14T10:00:05.000Z');
    const series = await test.gazette.deps.store.series.get(outcome?.seriesId ?? 0);
    expect(series?.status).toBe('published');
    const audit = await test.gazette.deps.store.audit.list(
      { targetId: String(member?.id), targetType: 'article' },
      10,
      0,
    );
    expect(audit.map((r) => r.actorName)).toContain('system:import');
  });

  it('reports a page that fails and carries on with the rest', async () => {
    const long = join(temp, 'long-title.html');
    writeFileSync(
      long,
      `<html><head><meta name="ArticleTitle" content="${'长'.repeat(300)}"></head><body><div class="TRS_Editor"><p>正文。</p></div></body></html>`,
    );
    const { code, out } = await run(test, { column: 'zwgk/tzgg' }, [long, join(PAGES, 'table-page.html')]);
    expect(code).toBe(1);
    expect(out).toMatch(/failed +.*long-title\.html: GZ_INVALID_INPUT/);
    expect(out).toContain('skipped 1, failed 1');
  });

  it('names a column that does not exist', async () => {
    await expect(run(test, { column: 'no/such' }, [PAGES])).rejects.toThrow(/no\/such/);
  });
});
