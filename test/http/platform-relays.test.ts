import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptRelay,
  addSite,
  approveArticle,
  createArticle,
  createUser,
  declineRelay,
  detachRelay,
  listRelays,
  offerRelay,
  publishArticle,
  readPlatformQueue,
  systemPrincipal,
  takeRelayUpdate,
  updateArticle,
  type AppDeps,
} from '../../src/app/index.js';
import type { Article, Principal, Role, Site } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';

/**
 * 转载 between two county sites of a platform: an editor of 澜滨 offers a published article to 柳湾, whose
 * reviewer takes it into a column; the copy goes through 柳湾's own review and is published under 柳湾's host,
 * naming 澜滨 as its source with a link to the original. A correction of the original reaches the copy only
 * when 柳湾 takes it, as a correction in its own review queue.
 */
const system = systemPrincipal('test');
let t: TestGazette;
let deps: AppDeps;
let lanbin: Site;
let liuwan: Site;
let lanbinEditor: Principal;
let liuwanEditor: Principal;
let liuwanReviewer: Principal;
let liuwanOperator: Principal;
let liuwanLevels: Principal[];
let liuwanPublisher: Principal;
let original: Article;
let liuwanColumn: number;

const get = (url: string, host: string) => t.app.inject({ method: 'GET', url, headers: { host } });

async function person(username: string, grants: { role: Role; siteId: number | null }[]): Promise<Principal> {
  const { user } = await createUser(deps, system, {
    username,
    displayName: username,
    grants: grants.map((g) => ({ ...g, columnId: null })),
  });
  return { kind: 'user', user, ip: '127.0.0.1' };
}

async function published(site: Site, title: string, body: string): Promise<Article> {
  const column = (await deps.store.columns.getByPath(site.id, 'xwzx/zwyw'))!;
  const made = await createArticle(deps, system, site.id, {
    columnId: column.id,
    title,
    bodyHtml: body,
    source: `${site.name}办公室`,
    editor: '王五',
  });
  return publishArticle(deps, system, made.id);
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: Error & { code?: string }) => error.code ?? error.message,
  );

beforeAll(async () => {
  t = await startTestGazette();
  deps = t.gazette.deps;
  lanbin = await addSite(deps, system, { name: '青川市澜滨区人民政府', hosts: ['lanbin.qingchuan.gov.cn'] });
  liuwan = await addSite(deps, system, { name: '青川市柳湾区人民政府', hosts: ['liuwan.qingchuan.gov.cn'] });
  lanbinEditor = await person('lanbin-editor', [{ role: 'editor', siteId: lanbin.id }]);
  liuwanEditor = await person('liuwan-editor', [{ role: 'editor', siteId: liuwan.id }]);
  liuwanReviewer = await person('liuwan-reviewer', [
    { role: 'reviewer-1', siteId: liuwan.id },
    { role: 'publisher', siteId: liuwan.id },
  ]);
  // The standard columns have three review levels (三审): one person per level, and a publisher.
  liuwanLevels = [
    await person('liuwan-r2', [{ role: 'reviewer-2', siteId: liuwan.id }]),
    await person('liuwan-r3', [{ role: 'reviewer-3', siteId: liuwan.id }]),
  ];
  liuwanPublisher = await person('liuwan-publisher', [{ role: 'publisher', siteId: liuwan.id }]);
  liuwanOperator = await person('platform-op', [{ role: 'platform-operator', siteId: null }]);
  original = await published(
    lanbin,
    '澜滨区召开秋冬季森林防火工作会议',
    '<p>会议要求各乡镇落实森林防火责任。</p>',
  );
  liuwanColumn = (await deps.store.columns.getByPath(liuwan.id, 'xwzx/qxdt'))!.id;
});

afterAll(async () => {
  await t.close();
});

describe('relaying an article from one site to another', () => {
  let relayId: number;
  let copyId: number;

  it('is offered by the sending editor and waits in the receiving queue', async () => {
    const offered = await offerRelay(deps, lanbinEditor, {
      articleId: original.id,
      targetSiteId: liuwan.id,
      note: '请区县动态转载',
    });
    relayId = offered.id;
    expect(offered).toMatchObject({
      status: 'offered',
      sourceSiteName: lanbin.name,
      targetSiteName: liuwan.name,
    });
    const queue = await listRelays(deps, liuwanReviewer, liuwan.id);
    expect(queue.incoming.map((r) => [r.id, r.status, r.sourceTitle])).toEqual([
      [relayId, 'offered', '澜滨区召开秋冬季森林防火工作会议'],
    ]);
    expect(queue.outgoing).toEqual([]);
    expect((await listRelays(deps, lanbinEditor, lanbin.id)).outgoing.map((r) => r.id)).toEqual([relayId]);
    // The platform operator sees what waits on each site.
    const rows = await readPlatformQueue(deps, liuwanOperator);
    expect(rows.find((r) => r.siteId === liuwan.id)).toMatchObject({ relaysWaiting: 1 });
    expect(rows.find((r) => r.siteId === lanbin.id)).toMatchObject({ relaysWaiting: 0 });
  });

  it('refuses a second offer, an offer to the own site, a draft, and someone of another site', async () => {
    expect(
      await code(offerRelay(deps, lanbinEditor, { articleId: original.id, targetSiteId: liuwan.id })),
    ).toBe('GZ_RELAY_EXISTS');
    expect(
      await code(offerRelay(deps, lanbinEditor, { articleId: original.id, targetSiteId: lanbin.id })),
    ).toBe('GZ_INVALID_INPUT');
    const column = (await deps.store.columns.getByPath(lanbin.id, 'xwzx/zwyw'))!;
    const draft = await createArticle(deps, lanbinEditor, lanbin.id, {
      columnId: column.id,
      title: '草稿',
      bodyHtml: '<p>草稿</p>',
    });
    expect(await code(offerRelay(deps, lanbinEditor, { articleId: draft.id, targetSiteId: liuwan.id }))).toBe(
      'GZ_RELAY_NOT_PUBLISHED',
    );
    expect(
      await code(offerRelay(deps, liuwanEditor, { articleId: original.id, targetSiteId: liuwan.id })),
    ).toBe('GZ_FORBIDDEN');
    // A column of another site, or a link column, as the proposed column.
    const foreign = (await deps.store.columns.getByPath(lanbin.id, 'xwzx/bmdt'))!;
    const other = await published(lanbin, '澜滨区第二篇稿件', '<p>正文</p>');
    expect(
      await code(
        offerRelay(deps, lanbinEditor, {
          articleId: other.id,
          targetSiteId: liuwan.id,
          columnId: foreign.id,
        }),
      ),
    ).toBe('GZ_COLUMN_NOT_FOUND');
    expect(await deps.store.relays.findLive(other.id, liuwan.id)).toBeUndefined();
  });

  it('is taken by the receiving reviewer into a column and goes through its own review', async () => {
    // Someone of the sending site cannot accept on the receiving site's behalf.
    expect(await code(acceptRelay(deps, lanbinEditor, relayId, liuwanColumn))).toBe('GZ_FORBIDDEN');
    const accepted = await acceptRelay(deps, liuwanReviewer, relayId, liuwanColumn);
    expect(accepted).toMatchObject({ status: 'accepted', columnId: liuwanColumn, copyStatus: 'in-review' });
    copyId = accepted.copyArticleId!;
    const copy = (await deps.store.articles.get(copyId))!;
    expect(copy).toMatchObject({
      siteId: liuwan.id,
      columnId: liuwanColumn,
      source: lanbin.name,
      status: 'in-review',
    });
    expect(copy.bodyHtml).toContain('会议要求各乡镇落实森林防火责任。');
    expect(copy.bodyHtml).toContain(`href="https://lanbin.qingchuan.gov.cn${original.path}"`);
    expect(await code(acceptRelay(deps, liuwanReviewer, relayId, liuwanColumn))).toBe('GZ_RELAY_DECIDED');
    expect((await readPlatformQueue(deps, liuwanOperator)).find((r) => r.siteId === liuwan.id)).toMatchObject(
      {
        relaysWaiting: 0,
        inReview: 1,
      },
    );
  });

  it('is published under the receiving host with its identity, naming the original', async () => {
    await approveArticle(deps, liuwanReviewer, copyId);
    for (const reviewer of liuwanLevels) await approveArticle(deps, reviewer, copyId);
    const copy = await publishArticle(deps, liuwanPublisher, copyId);
    expect(copy.status).toBe('published');
    const page = await get(copy.path!, 'liuwan.qingchuan.gov.cn');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('青川市柳湾区人民政府');
    expect(page.body).toContain(lanbin.name);
    expect(page.body).toContain(`https://lanbin.qingchuan.gov.cn${original.path}`);
    expect((await get(copy.path!, 'lanbin.qingchuan.gov.cn')).statusCode).toBe(404);
    expect((await get(original.path!, 'lanbin.qingchuan.gov.cn')).statusCode).toBe(200);
  });

  it('refuses relaying the copy back to the site it came from', async () => {
    expect(
      await code(offerRelay(deps, liuwanPublisher, { articleId: copyId, targetSiteId: lanbin.id })),
    ).toBe('GZ_RELAY_LOOP');
  });

  it('marks the copy when the original changes and takes the change only through its own review', async () => {
    const before = (await deps.store.articles.get(copyId))!;
    // 澜滨 corrects its original (the system: online at once).
    const current = (await deps.store.articles.get(original.id))!;
    await updateArticle(deps, system, original.id, current.version, {
      columnId: current.columnId,
      title: current.title,
      bodyHtml: '<p>会议要求各乡镇、林场落实森林防火责任。</p>',
      source: current.source,
      editor: current.editor,
    });
    const marked = (await listRelays(deps, liuwanEditor, liuwan.id)).incoming.find((r) => r.id === relayId)!;
    expect(marked.originChanged).toBe(true);
    // The copy did not change by itself.
    expect((await deps.store.articles.get(copyId))!.bodyHtml).toBe(before.bodyHtml);
    // A reviewer who does not edit cannot take it; the receiving editor proposes it as a correction.
    const reviewerOnly = await person('liuwan-reviewer-only', [{ role: 'reviewer-1', siteId: liuwan.id }]);
    expect(await code(takeRelayUpdate(deps, reviewerOnly, relayId))).toBe('GZ_FORBIDDEN');
    const taken = await takeRelayUpdate(deps, liuwanEditor, relayId);
    expect(taken.originChanged).toBe(false);
    const copy = (await deps.store.articles.get(copyId))!;
    expect(copy.bodyHtml).toBe(before.bodyHtml); // still the old text in public
    expect(copy.correction?.status).toBe('in-review');
    const page = await get(copy.path!, 'liuwan.qingchuan.gov.cn');
    expect(page.body).not.toContain('林场');
  });

  it('detaches a copy, and declines an offer only with a reason', async () => {
    const detached = await detachRelay(deps, liuwanEditor, relayId, '已按本区情况改写');
    expect(detached.status).toBe('detached');
    expect(await code(takeRelayUpdate(deps, liuwanEditor, relayId))).toBe('GZ_RELAY_DECIDED');
    // Detached, the article may be offered again.
    const again = await offerRelay(deps, lanbinEditor, { articleId: original.id, targetSiteId: liuwan.id });
    expect(await code(declineRelay(deps, liuwanReviewer, again.id, '  '))).toBe('GZ_REASON_REQUIRED');
    const declined = await declineRelay(deps, liuwanReviewer, again.id, '本区已另行报道');
    expect(declined).toMatchObject({ status: 'declined', reason: '本区已另行报道' });
    const outgoing = (await listRelays(deps, lanbinEditor, lanbin.id)).outgoing;
    expect(outgoing.find((r) => r.id === again.id)).toMatchObject({
      status: 'declined',
      reason: '本区已另行报道',
    });
  });

  it('audits every step', async () => {
    const records = await deps.store.audit.list({ targetType: 'relay' }, 50, 0);
    const actions = records.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'relay.offer',
        'relay.accept',
        'relay.update',
        'relay.detach',
        'relay.decline',
      ]),
    );
  });
});
