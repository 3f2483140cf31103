import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveArticle,
  createArticle,
  createUser,
  linkInterpretation,
  publishArticle,
  readPolicyDocument,
  recordSecrecyReview,
  savePolicyDocument,
  submitArticle,
  systemPrincipal,
  type AppDeps,
} from '../../src/app/index.js';
import {
  EMPTY_POLICY_FIELDS,
  GazetteError,
  type Article,
  type PolicyFields,
  type Principal,
  type Role,
} from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

const TEST_PASSWORD = 'Qingchuan-2026-policy!';

describe('policy documents', () => {
  let t: TestGazette;
  let deps: AppDeps;
  let siteId: number;
  let columnId: number;
  const people: Partial<Record<Role, Principal>> = {};

  const as = (role: Role): Principal => people[role] as Principal;
  const fields = (over: Partial<PolicyFields>): PolicyFields => ({ ...EMPTY_POLICY_FIELDS, ...over });

  async function failure(promise: Promise<unknown>): Promise<GazetteError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(GazetteError);
      return error as GazetteError;
    }
    throw new Error('expected a failure');
  }

  async function draft(title: string): Promise<Article> {
    return createArticle(deps, as('editor'), siteId, {
      columnId,
      title,
      bodyHtml: '<p>各乡镇人民政府，市政府各部门：</p><p>现将有关事项通知如下。</p>',
      editor: '周岚',
      source: '青川市人民政府办公室',
    });
  }

  /** Submits and approves at every level the column has. */
  async function review(article: Article): Promise<Article> {
    let current = await submitArticle(deps, as('editor'), article.id);
    for (const role of ['reviewer-1', 'reviewer-2', 'reviewer-3'] as const) {
      if (current.status !== 'in-review') break;
      current = await approveArticle(deps, as(role), article.id);
    }
    return current;
  }

  beforeAll(async () => {
    t = await startTestGazette();
    deps = t.gazette.deps;
    const [site] = await deps.store.sites.list();
    siteId = site!.id;
    columnId = (await deps.store.columns.listBySite(siteId)).find((c) => c.kind === 'policy')!.id;
    for (const role of ['editor', 'reviewer-1', 'reviewer-2', 'reviewer-3', 'publisher'] as const) {
      const { user } = await createUser(deps, systemPrincipal('test'), {
        username: `policy-${role}`,
        displayName: role,
        password: TEST_PASSWORD,
        grants: [{ role, siteId, columnId: null }],
      });
      people[role] = { kind: 'user', user, ip: '127.0.0.1' };
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('saves the fields, generates the 索引号 from the site pattern and warns of a wrong bracket', async () => {
    const article = await draft('青川市人民政府办公室关于印发测试办法的通知');
    const { policy, warnings } = await savePolicyDocument(
      deps,
      as('editor'),
      article.id,
      fields({
        issuers: ['青川市人民政府办公室'],
        documentNumber: '青政办发[2026]41号',
        writtenAt: '2026-11-02',
        themes: ['综合政务/政务公开'],
        genre: '通知',
        policyClass: 'normative',
      }),
      null,
    );
    expect(policy.indexNumber).toMatch(/\/2026-\d{5}$/);
    expect(policy.documentNumber).toBe('青政办发[2026]41号');
    expect(warnings).toEqual([
      expect.objectContaining({ field: 'documentNumber', fix: '青政办发〔2026〕41号' }),
    ]);
    const second = await draft('第二份文件');
    const next = await savePolicyDocument(
      deps,
      as('editor'),
      second.id,
      fields({ writtenAt: '2026-11-03' }),
      null,
    );
    const seq = (n: string) => Number(n.split('-').at(-1));
    expect(seq(next.policy.indexNumber)).toBe(seq(policy.indexNumber) + 1);

    const taken = await failure(
      savePolicyDocument(deps, as('editor'), second.id, fields({ indexNumber: policy.indexNumber }), 1),
    );
    expect(taken.code).toBe('GZ_INDEX_NUMBER_TAKEN');
    expect(taken.details['field']).toBe('indexNumber');
  });

  it('refuses bad input with a Chinese message naming the field, saving nothing', async () => {
    const article = await draft('日期有误的文件');
    const wrongOrder = await failure(
      savePolicyDocument(
        deps,
        as('editor'),
        article.id,
        fields({ writtenAt: '2026-05-10', publishedAt: '2026-05-01' }),
        null,
      ),
    );
    expect(wrongOrder.details).toMatchObject({
      field: 'writtenAt',
      messageZh: '成文日期（2026-05-10）不能晚于发布日期（2026-05-01）',
    });
    const badNumber = await failure(
      savePolicyDocument(deps, as('editor'), article.id, fields({ documentNumber: '第七号' }), null),
    );
    expect(badNumber.details['field']).toBe('documentNumber');
    const badIndex = await failure(
      savePolicyDocument(deps, as('editor'), article.id, fields({ indexNumber: '索引 1' }), null),
    );
    expect(badIndex.details['field']).toBe('indexNumber');
    expect(await deps.store.policies.get(article.id)).toBeUndefined();
  });

  it('refuses a repeal of itself and a repeal cycle', async () => {
    const a = await draft('甲文件');
    const b = await draft('乙文件');
    const c = await draft('丙文件');
    for (const x of [a, b, c]) await savePolicyDocument(deps, as('editor'), x.id, fields({}), null);
    const self = await failure(
      savePolicyDocument(
        deps,
        as('editor'),
        a.id,
        fields({ validity: 'repealed', validityDate: '2026-11-01', replacedBy: a.id }),
        1,
      ),
    );
    expect(self.details).toMatchObject({ field: 'replacedBy' });
    expect(String(self.details['messageZh'])).toContain('自身');
    await savePolicyDocument(
      deps,
      as('editor'),
      a.id,
      fields({ validity: 'repealed', validityDate: '2026-11-01', replacedBy: b.id }),
      1,
    );
    await savePolicyDocument(
      deps,
      as('editor'),
      b.id,
      fields({ validity: 'amended', validityDate: '2026-11-02', replacedBy: c.id }),
      1,
    );
    const cycle = await failure(
      savePolicyDocument(
        deps,
        as('editor'),
        c.id,
        fields({ validity: 'repealed', validityDate: '2026-11-03', replacedBy: a.id }),
        1,
      ),
    );
    expect(cycle.details).toMatchObject({ field: 'replacedBy' });
    expect(String(cycle.details['messageZh'])).toContain('循环');
  });

  it('needs a passed 保密审查 before 签发, shows it in the 审核记录, and links a 解读 both ways', async () => {
    const article = await draft('青川市人民政府关于保密审查测试的通知');
    await savePolicyDocument(
      deps,
      as('editor'),
      article.id,
      fields({ issuers: ['青川市人民政府'], documentNumber: '青政发〔2026〕9号', writtenAt: '2026-11-10' }),
      null,
    );
    await review(article);
    const refused = await failure(publishArticle(deps, as('publisher'), article.id));
    expect(refused.code).toBe('GZ_SECRECY_REVIEW_REQUIRED');

    const mine = await failure(recordSecrecyReview(deps, as('editor'), article.id, true, ''));
    expect(mine.code).toBe('GZ_FORBIDDEN');
    await recordSecrecyReview(deps, as('reviewer-1'), article.id, false, '附件含内部联系人手机号');
    expect((await failure(publishArticle(deps, as('publisher'), article.id))).code).toBe(
      'GZ_SECRECY_REVIEW_REQUIRED',
    );
    await recordSecrecyReview(deps, as('reviewer-1'), article.id, true, '已删除手机号，同意公开');
    const published = await publishArticle(deps, as('publisher'), article.id);
    expect(published.status).toBe('published');

    const view = await readPolicyDocument(deps, as('publisher'), article.id);
    expect(view.secrecyReviews.map((r) => [r.decision, r.actorName, r.comment])).toEqual([
      ['secrecy-fail', 'policy-reviewer-1', '附件含内部联系人手机号'],
      ['secrecy-pass', 'policy-reviewer-1', '已删除手机号，同意公开'],
    ]);
    expect(view.policy?.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const interpretation = await draft('一图读懂保密审查测试通知');
    await linkInterpretation(deps, as('editor'), article.id, interpretation.id, 'graphic');
    expect(await deps.store.policies.linksOf(interpretation.id)).toEqual([
      { policyId: article.id, interpretationId: interpretation.id, kind: 'graphic' },
    ]);
    expect(await deps.store.policies.linksOf(article.id)).toHaveLength(1);

    await publishArticle(deps, systemPrincipal('test'), interpretation.id);
    const page = (await t.app.inject({ method: 'GET', url: published.path! })).body;
    for (const text of ['索引号', view.policy!.indexNumber, '青政发〔2026〕9号', '2026年11月10日', '有效']) {
      expect(page).toContain(text);
    }
    expect(page).toContain('<p class="signature"><span>青川市人民政府</span><span>2026年11月10日</span></p>');
    expect(page).toMatch(
      /政策解读<\/h2>\s*<ul>\s*<li><span class="doc-kind">【图解】<\/span><a href="[^"]+">一图读懂/,
    );
    expect(page).toContain('<meta name="ContentSource" content="青川市人民政府办公室">');
    const explained = await deps.store.articles.get(interpretation.id);
    const reverse = (await t.app.inject({ method: 'GET', url: explained!.path! })).body;
    expect(reverse).toContain(`<a href="${published.path}">青川市人民政府关于保密审查测试的通知</a>`);

    const { rows, total } = await deps.store.policies.catalogue({
      siteId,
      issuer: '青川市人民政府',
      order: 'newest',
      limit: 20,
      offset: 0,
    });
    expect(rows.map((r) => r.articleId)).toContain(article.id);
    expect(total).toBeGreaterThanOrEqual(1);

    const api = await t.app.inject({
      method: 'GET',
      url: '/api/xxgk/documents?issuer=青川市人民政府&page=1',
    });
    const json = api.json<{ total: number; results: Record<string, unknown>[] }>();
    const mineRow = json.results.find((r) => r['title'] === '青川市人民政府关于保密审查测试的通知');
    expect(mineRow).toEqual({
      url: expect.stringMatching(new RegExp(`${published.path!}$`)) as unknown,
      title: '青川市人民政府关于保密审查测试的通知',
      indexNumber: view.policy!.indexNumber,
      documentNumber: '青政发〔2026〕9号',
      issuers: ['青川市人民政府'],
      writtenAt: '2026-11-10',
      publishedAt: view.policy!.publishedAt,
      validity: 'valid',
      themes: [],
    });
    const csv = await t.app.inject({
      method: 'GET',
      url: `/xxgk/issuer/${encodeURIComponent('青川市人民政府')}/documents.csv`,
    });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('青政发〔2026〕9号');
    const html = await t.app.inject({ method: 'GET', url: '/xxgk/?q=保密审查' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(`<a href="${published.path}">青川市人民政府关于保密审查测试的通知</a>`);
    // The form and the results come before the facet lists (a phone shows them first), and a 索引号 may
    // break only after its slash.
    expect(html.body.indexOf('class="catalogue-main"')).toBeLessThan(
      html.body.indexOf('class="catalogue-facets"'),
    );
    expect(html.body).toMatch(/<td class="index-number"><span>[^</]+\/<\/span><span>\d{4}-\d+<\/span><\/td>/);
    const none = await t.app.inject({ method: 'GET', url: '/xxgk/?q=不存在的词语组合' });
    expect(none.body).toContain('没有符合条件的文件');

    const actions = (await deps.store.audit.list({ targetId: String(article.id) }, 50, 0)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['policy.create', 'policy.secrecy-review', 'article.publish']),
    );
  });

  it('leads from every page of the 专栏 to the catalogue and the request form, as site links', async () => {
    for (const url of ['/zfxxgk/', '/zfxxgk/fdzdgknr/zcwj/', '/zfxxgk/ysqgk/']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      const side = /<nav class="side-nav"[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '';
      expect(side, url).toMatch(/<a [^>]*href="\/xxgk\/"[^>]*>政府信息公开目录</);
      expect(side, url).toMatch(/<a [^>]*href="\/ysqgk\/"[^>]*>依申请公开（在线申请）</);
      expect(side, url).not.toContain('外部链接');
    }
    expect((await t.app.inject({ method: 'GET', url: '/xxgk/' })).statusCode).toBe(200);
    // The demo's catalogue has two pages of 20: a page past the last one does not exist.
    expect((await t.app.inject({ method: 'GET', url: '/xxgk/index_2.html' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/xxgk/index_3.html' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/ysqgk/' })).statusCode).toBe(200);
  });

  it('keeps a document that is not 主动公开 off the site', async () => {
    const article = await draft('依申请公开的文件');
    await savePolicyDocument(
      deps,
      as('editor'),
      article.id,
      fields({ disclosure: 'on-request', disclosureReason: '涉及第三方合法权益' }),
      null,
    );
    await review(article);
    await recordSecrecyReview(deps, as('reviewer-1'), article.id, true, '');
    expect((await failure(publishArticle(deps, as('publisher'), article.id))).code).toBe(
      'GZ_POLICY_NOT_PUBLIC',
    );
  });
});
