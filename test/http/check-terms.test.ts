import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOptionsFor, systemPrincipal, withdrawArticle } from '../../src/app/index.js';
import { checkArticle, runChecks } from '../../src/check/index.js';
import { checkPublishedArticles } from '../../src/cli/check-commands.js';
import { signedInUser, errorOf, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

let t: TestGazette;
let siteId: number;
let admin: AdminClient;
let writer: AdminClient;

beforeAll(async () => {
  t = await startTestGazette({ demo: true });
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  admin = await signedInUser(t, 'zhanzhang', ['site-admin']);
  writer = await signedInUser(t, 'xiaoli', ['contributor']);
});

afterAll(async () => {
  await t.close();
});

interface Term {
  id: number;
  kind: string;
  term: string;
  canonical: string | null;
}

const optionsNow = async () => {
  const site = await t.gazette.deps.store.sites.get(siteId);
  return checkOptionsFor(t.gazette.deps.store, site, t.clock.now());
};

describe("a site's own check dictionary (校对词库)", () => {
  it('lets a site administrator add a wrong form that the checks then find, and remove it again', async () => {
    const text = '青川县城关镇便民服务中心今日启用。';
    expect(runChecks({ text }, undefined, await optionsNow())).toEqual([]);

    const res = await admin.call('POST', `/sites/${siteId}/check-terms`, {
      kind: 'formulation',
      term: '城关镇便民服务中心',
      canonical: '城关镇便民服务中心（党群服务中心）',
      note: '2026年更名',
    });
    expect(res.statusCode, res.body).toBe(201);
    const added = res.json<Term>();
    expect(added).toMatchObject({ kind: 'formulation', canonical: '城关镇便民服务中心（党群服务中心）' });

    const findings = runChecks({ text }, undefined, await optionsNow());
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'formulation',
        severity: 'block',
        excerpt: '城关镇便民服务中心',
        suggestion: '城关镇便民服务中心（党群服务中心）',
        start: 3,
      }),
    ]);
    // The correct form itself is not flagged although it contains the wrong one.
    expect(runChecks({ text: '城关镇便民服务中心（党群服务中心）' }, undefined, await optionsNow())).toEqual(
      [],
    );

    const listed = await admin.call('GET', `/sites/${siteId}/check-terms`);
    expect(listed.json<{ items: Term[] }>().items.map((i) => i.term)).toEqual(['城关镇便民服务中心']);

    const removed = await admin.call('DELETE', `/check-terms/${added.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(runChecks({ text }, undefined, await optionsNow())).toEqual([]);
    expect(errorOf(await admin.call('DELETE', `/check-terms/${added.id}`)).code).toBe(
      'GZ_CHECK_TERM_NOT_FOUND',
    );

    const trail = await t.gazette.deps.store.audit.list({}, 20, 0);
    const actions = trail.map((entry) => entry.action);
    expect(actions).toContain('check-term.add');
    expect(actions).toContain('check-term.remove');
  });

  it('adds sensitive and allowed words, whole-word, and `gazette check site` reports published articles with them', async () => {
    const [first] = await t.gazette.deps.store.articles.listPublished({ siteId }, 1, 0);
    const article = (await t.gazette.deps.store.articles.get(first!.id))!;
    // A word of that very article's title becomes sensitive for this site.
    const word = [...article.title].slice(0, 4).join('');
    expect(
      (await admin.call('POST', `/sites/${siteId}/check-terms`, { kind: 'sensitive', term: word }))
        .statusCode,
    ).toBe(201);
    expect(checkArticle(article, await optionsNow())).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'sensitive-word', field: 'title', excerpt: word }),
      ]),
    );
    const report = await checkPublishedArticles(t.gazette.deps.store, t.clock.now());
    expect(report.articles.map((a) => a.articleId)).toContain(article.id);

    // The same word inside an allowed term is fine.
    expect(
      (
        await admin.call('POST', `/sites/${siteId}/check-terms`, {
          kind: 'allowed',
          term: `${word}专栏`,
        })
      ).statusCode,
    ).toBe(201);
    expect(runChecks({ text: `欢迎阅读${word}专栏` }, undefined, await optionsNow())).toEqual([]);
    expect(runChecks({ text: `欢迎阅读${word}。` }, undefined, await optionsNow())).toHaveLength(1);
  });

  it('refuses duplicates, bad entries and people without the site settings permission', async () => {
    const entry = { kind: 'formulation', term: '青川市政付', canonical: '青川市政府' };
    expect((await admin.call('POST', `/sites/${siteId}/check-terms`, entry)).statusCode).toBe(201);
    const again = await admin.call('POST', `/sites/${siteId}/check-terms`, entry);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'GZ_CHECK_TERM_EXISTS', field: 'term' });

    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'formulation', term: '政付' }, 'canonical'],
      [{ kind: 'formulation', term: '青川', canonical: '青川' }, 'canonical'],
      [{ kind: 'sensitive', term: '敏' }, 'term'],
      [{ kind: 'sensitive', term: '  ' }, 'term'],
      [{ kind: 'sensitive', term: '某词语', canonical: '别的' }, 'canonical'],
      [{ kind: 'sensitive', term: '字'.repeat(51) }, 'term'],
    ];
    for (const [payload, field] of bad) {
      const res = await admin.call('POST', `/sites/${siteId}/check-terms`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorOf(res).field).toBe(field);
      expect(errorOf(res).messageZh).toBeTruthy();
    }
    const unknownKind = await admin.call('POST', `/sites/${siteId}/check-terms`, {
      kind: 'other',
      term: '某词语',
    });
    expect(unknownKind.statusCode).toBe(400);
    // Markup is not a term: it is reduced to its text.
    const marked = await admin.call('POST', `/sites/${siteId}/check-terms`, {
      kind: 'sensitive',
      term: '<b>测试用词</b>',
    });
    expect(marked.json<Term>().term).toBe('测试用词');

    expect(errorOf(await writer.call('GET', `/sites/${siteId}/check-terms`)).code).toBe('GZ_FORBIDDEN');
    expect(
      errorOf(
        await writer.call('POST', `/sites/${siteId}/check-terms`, { kind: 'sensitive', term: '某词语' }),
      ).code,
    ).toBe('GZ_FORBIDDEN');
    expect(errorOf(await admin.call('GET', `/sites/999/check-terms`)).code).toMatch(
      /GZ_FORBIDDEN|GZ_SITE_NOT_FOUND/,
    );
  });

  it("finds links to the site's own articles that are withdrawn or do not exist, in the editor and at publish", async () => {
    const store = t.gazette.deps.store;
    const [first, second] = await store.articles.listPublished({ siteId }, 2, 0);
    const gone = (await store.articles.get(first!.id))!;
    const live = (await store.articles.get(second!.id))!;
    await withdrawArticle(t.gazette.deps, systemPrincipal('test'), gone.id, '测试撤稿后的链接检查');
    const columnId = gone.columnId;
    const missing = gone.path!.replace(/_(\d+)\.html$/, '_99999.html');
    const res = await writer.call('POST', '/articles', {
      siteId,
      columnId,
      title: '链接检查测试稿件',
      bodyHtml: `<p>详见<a href="${gone.path!}">原通知</a>、<a href="${missing}">旧报道</a>和<a href="${live.path!}">相关报道</a>。</p>`,
      source: '青川市人民政府办公室',
      editor: '张雯',
    });
    expect(res.statusCode, res.body).toBe(201);
    const findings = res
      .json<{ findings: { rule: string; excerpt: string; severity: string }[] }>()
      .findings.filter((f) => f.rule === 'internal-link');
    expect(findings.map((f) => [f.excerpt, f.severity])).toEqual([
      ['原通知', 'block'],
      ['旧报道', 'block'],
    ]);
  });
});
