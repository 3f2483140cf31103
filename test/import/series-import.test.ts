import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPublishedArticles } from '../../src/cli/check-commands.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { runImportIn } from './run-import.js';

/**
 * The real collection page (six 内蒙古日报 editorials, test/fixtures/pages) imported and published: a readable
 * series address, every published URL printed, members read in order, original titles filled, and the
 * half-width punctuation of the old page reported by the checks.
 */

const FIXTURE = fileURLToPath(
  new URL('../fixtures/pages/nmgrd-six-editorials-collection.txt', import.meta.url),
);
const EXPECTED = JSON.parse(
  readFileSync(
    new URL('../fixtures/pages/nmgrd-six-editorials-collection.expected.json', import.meta.url),
    'utf8',
  ),
) as { title: string; members: { title: string }[] };
const SLUG = 'liu-lun-shen-ru-xue-xi-guan-che-quan-guo-liang-hui-jing-shen';
const temp = mkdtempSync(join(tmpdir(), 'gazette-series-import-'));

let t: TestGazette;
let baseUrl: string;
let first: { code: number; out: string };

/** The fixture as another page: the same title, another date (so another page, not a re-import). */
function variant(name: string, date: string): string {
  const file = join(temp, name);
  writeFileSync(file, readFileSync(FIXTURE, 'utf8').replace('发布时间: 2024-03-18', `发布时间: ${date}`));
  return file;
}

/** The series the first import made (found by its title, whatever its address). */
async function imported() {
  const site = (await t.gazette.deps.store.sites.list())[0]!;
  const all = await t.gazette.deps.store.series.listPublished(site.id, 100);
  return all.filter((s) => s.title === EXPECTED.title).sort((a, b) => a.id - b.id)[0]!;
}

const prevNext = (html: string) => {
  const nav = /<nav class="prev-next"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const link = (rel: string) => new RegExp(`<a href="([^"]+)" rel="${rel}">([^<]*)</a>`).exec(nav);
  return { prev: link('prev')?.[2] ?? null, next: link('next')?.[2] ?? null };
};

beforeAll(async () => {
  t = await startTestGazette();
  baseUrl = (await t.gazette.deps.store.sites.list())[0]!.baseUrl.replace(/\/$/, '');
  first = await runImportIn(t, { column: 'zwgk/tzgg', publish: true }, [FIXTURE]);
});

afterAll(async () => {
  await t.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('importing the collection page', () => {
  it('gives the series the title’s pinyin as its address and prints every published URL', async () => {
    expect(first.code, first.out).toBe(0);
    const series = await t.gazette.deps.store.series.getBySlug(
      (await t.gazette.deps.store.sites.list())[0]!.id,
      SLUG,
    );
    expect(series?.title).toBe(EXPECTED.title);
    expect(first.out).toContain(`${baseUrl}/series/${SLUG}/`);
    const members = await Promise.all(series!.memberIds.map((id) => t.gazette.deps.store.articles.get(id)));
    expect(members.map((m) => m?.title)).toEqual(EXPECTED.members.map((m) => m.title));
    for (const member of members) expect(first.out).toContain(`${baseUrl}${member!.path!}`);
    expect((await t.app.inject({ method: 'GET', url: `/series/${SLUG}/` })).statusCode).toBe(200);
  });

  it('reads the members in order: no 上一篇 on the first, the second as its 下一篇', async () => {
    const series = await imported();
    const titles = EXPECTED.members.map((m) => m.title);
    for (const [index, id] of series.memberIds.entries()) {
      const member = (await t.gazette.deps.store.articles.get(id))!;
      const page = await t.app.inject({ method: 'GET', url: member.path! });
      expect(page.statusCode).toBe(200);
      expect(prevNext(page.body), member.title).toEqual({
        prev: titles[index - 1] ?? null,
        next: titles[index + 1] ?? null,
      });
    }
  });

  it('shows the day only on member pages, as the page gave it: never a made-up 00:00', async () => {
    const series = await imported();
    expect(series.publishedPrecision).toBe('date');
    const member = (await t.gazette.deps.store.articles.get(series.memberIds[0]!))!;
    expect(member.publishedPrecision).toBe('date');
    const page = await t.app.inject({ method: 'GET', url: member.path! });
    expect(page.body).toContain('<time class="info-value" datetime="2024-03-18">2024-03-18</time>');
    expect(page.body).not.toContain('2024-03-18 00:00');
  });

  it('fills the original titles of the reprinted members, so check site does not ask for them', async () => {
    const series = await imported();
    for (const id of series.memberIds) {
      const member = (await t.gazette.deps.store.articles.get(id))!;
      expect(member.originalTitle).toBe(member.title);
    }
    const report = await checkPublishedArticles(t.gazette.deps.store, t.clock.now());
    const ofMembers = report.articles.filter((a) => series.memberIds.includes(a.articleId));
    const messages = ofMembers.flatMap((a) => a.findings.map((f) => f.message));
    expect(messages.filter((m) => m.includes('原标题'))).toEqual([]);
    // The old page wrote half-width commas between Chinese words: each is reported with its fix.
    const punctuation = ofMembers.flatMap((a) => a.findings.filter((f) => f.rule === 'punctuation'));
    expect(punctuation.length).toBeGreaterThan(0);
    expect(punctuation.every((f) => f.severity === 'warn' && '，；：'.includes(f.suggestion ?? 'x'))).toBe(
      true,
    );
    expect(punctuation.some((f) => f.excerpt === ',' && f.suggestion === '，')).toBe(true);
  });

  it('takes -2 when the address is taken, and the address given with --slug', async () => {
    const again = await runImportIn(t, { column: 'zwgk/tzgg', publish: true }, [
      variant('second.txt', '2024-03-19'),
    ]);
    expect(again.code, again.out).toBe(0);
    // The name is 60 characters already: its last syllable makes room for the suffix.
    expect(SLUG.length).toBe(60);
    expect(again.out).toContain(
      `${baseUrl}/series/liu-lun-shen-ru-xue-xi-guan-che-quan-guo-liang-hui-jing-2/`,
    );
    const chosen = await runImportIn(t, { column: 'zwgk/tzgg', publish: true, slug: 'liang-hui-she-lun' }, [
      variant('third.txt', '2024-03-20'),
    ]);
    expect(chosen.code, chosen.out).toBe(0);
    expect(chosen.out).toContain(`${baseUrl}/series/liang-hui-she-lun/`);
  });
});
