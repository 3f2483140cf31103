import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptRelay,
  addSite,
  approveArticle,
  createArticle,
  createColumn,
  createSeries,
  createSite,
  createUser,
  offerRelay,
  publishArticle,
  setSiteStatus,
  solveWork,
  submitLetter,
  submitArticle,
  submitDisclosureRequest,
  systemPrincipal,
  createConsultation,
  submitComment,
  updateArticle,
} from '../../src/app/index.js';
import { ROLES, type Column, type Role } from '../../src/core/index.js';
import { png } from '../media/media-fixtures.js';
import { upload } from '../media/media-client.js';
import { API, signedInUser, TEST_PASSWORD, type AdminClient } from '../support/admin-client.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import {
  ACCOUNTS,
  ARTICLE_READERS,
  AUDITOR,
  PLATFORM_MANAGER,
  PLATFORM_READERS,
  PUBLISHERS,
  READERS,
  RELAY_ACCEPTERS,
  RELAY_OFFERERS,
  RELAY_READERS,
  ROLE_ASSIGNER,
  SERIES_MANAGERS,
  SITE_ADMIN,
  SITE_ROLES,
  URGENT_REVIEWERS,
  WRITERS,
} from './role-sets.js';
import {
  commentForm,
  consultationDraft,
  disclosureSubmission,
  letterForm,
  POLICY_FIELDS,
} from './targets.js';

/**
 * Every admin route of the OpenAPI document against every role, a signed-in account without roles and an
 * anonymous caller. The expectations are written here from the README's "Roles" table, not computed from
 * src/core/access.ts, so that a change of either shows up as a difference. A route the document lists and
 * this table does not fails the suite: a new route is covered the day it is added.
 *
 * Allowed: a 2xx answer on a target prepared so that the action is possible. Denied: 401, 403 or 404, and
 * no row of any table changed (the audit log, which records refusals, and sessions excepted).
 */

type Who = Role | 'no-role' | 'anonymous';
const WHO: readonly Who[] = [...ROLES, 'no-role', 'anonymous'];

const SIGNED_IN: readonly Who[] = WHO.filter((who) => who !== 'anonymous');

interface Call {
  readonly url: string;
  readonly body?: unknown;
}

interface Expectation {
  readonly allow: readonly Who[];
  /**
   * The request for one caller. Called once for all the denied callers together and once per allowed caller,
   * so that each allowed caller acts on a target of its own (a second withdrawal of the same article is no
   * test of permission).
   */
  readonly call: (who: Who) => Promise<Call>;
  /** Session routes: what a signed-in caller may do depends on the sign-in step, not on roles. */
  readonly sessionStep?: true;
}

let t: TestGazette;
let siteId: number;
/** A column of one review level: the fewest steps from a draft to a published article. */
let matrixColumn: Pick<Column, 'id'>;
const clients = new Map<Who, AdminClient>();
/** People who prepare targets; none of them is a caller under test. */
let author: AdminClient;
let reviewer: AdminClient;
let preparer: AdminClient;
let siteAdmin: AdminClient;
/** Makes urgent corrections (紧急更正), which only a chief publisher may. */
let chief: AdminClient;
let serial = 0;
const unique = (prefix: string) => `${prefix}${(serial += 1)}`;

function ok(res: LightMyRequestResponse, what: string): LightMyRequestResponse {
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
  return res;
}

interface ArticleView {
  article: { id: number; version: number };
}

async function draft(): Promise<number> {
  const res = ok(
    await author.call('POST', '/articles', {
      siteId,
      columnId: matrixColumn.id,
      title: unique('权限矩阵测试稿件'),
      bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
      source: '青川市人民政府办公室',
      editor: '张雯',
      tags: ['权限'],
    }),
    'draft',
  );
  return res.json<ArticleView>().article.id;
}

async function version(id: number): Promise<number> {
  return ok(await preparer.call('GET', `/articles/${id}`), 'read').json<ArticleView>().article.version;
}

async function act(by: AdminClient, id: number, action: string, payload: Record<string, unknown> = {}) {
  const seen = ok(await by.call('GET', `/articles/${id}`), `read before ${action}`);
  const res = await by.call('POST', `/articles/${id}/${action}`, {
    version: seen.json<ArticleView>().article.version,
    ...payload,
  });
  ok(res, action);
}

type Stage = 'draft' | 'submitted' | 'ready' | 'scheduled' | 'published' | 'withdrawn';

/** A fresh article of the author's, brought to `stage` by the preparing reviewers and publisher. */
async function article(stage: Stage): Promise<number> {
  const id = await draft();
  if (stage === 'draft') return id;
  await act(author, id, 'submit');
  if (stage === 'submitted') return id;
  await act(reviewer, id, 'approve');
  if (stage === 'ready') return id;
  if (stage === 'scheduled') {
    await act(preparer, id, 'schedule', {
      at: new Date(Date.parse(t.clock.now()) + 86_400_000).toISOString(),
    });
    return id;
  }
  await act(preparer, id, 'publish');
  if (stage === 'withdrawn') await act(preparer, id, 'withdraw', { reason: '内容调整' });
  return id;
}

/** An urgent correction of a published article, live at once and waiting to be looked at afterwards. */
async function urgentCorrection(): Promise<number> {
  const id = await article('published');
  ok(
    await chief.call('PUT', `/articles/${id}`, {
      version: await version(id),
      columnId: matrixColumn.id,
      title: unique('紧急更正标题'),
      bodyHtml: '<p>更正后的正文</p>',
      urgent: true,
      reason: '数据有误，立即更正',
    }),
    'urgent correction',
  );
  const list = ok(await chief.call('GET', `/urgent-corrections?siteId=${siteId}`), 'urgent list');
  const item = list
    .json<{ items: { id: number; articleId: number }[] }>()
    .items.find((i) => i.articleId === id);
  return item!.id;
}

async function column(): Promise<{ id: number; updatedAt: string }> {
  const res = ok(
    await siteAdmin.call('POST', `/sites/${siteId}/columns`, {
      parentId: null,
      slug: unique('authz'),
      name: unique('权限栏目'),
      kind: 'news',
    }),
    'column',
  );
  return res.json<{ id: number; updatedAt: string }>();
}

async function series(publish: boolean): Promise<{ id: number; version: number }> {
  const made = ok(
    await preparer.call('POST', '/series', {
      siteId,
      columnId: null,
      slug: unique('authz-series-'),
      title: unique('权限合集'),
    }),
    'series',
  ).json<{ id: number; version: number }>();
  if (!publish) return made;
  return ok(
    await preparer.call('POST', `/series/${made.id}/publish`, { version: made.version }),
    'publish series',
  ).json<{ id: number; version: number }>();
}

async function account(): Promise<string> {
  const username = unique('authzuser');
  await createUser(t.gazette.deps, systemPrincipal('test'), { username, displayName: username, grants: [] });
  return username;
}

async function media(): Promise<number> {
  const res = await upload(t.app, author, { filename: `${unique('authz')}.png`, bytes: await png(40, 30) });
  return ok(res, 'upload').json<{ id: number }>().id;
}

async function siteSettings(): Promise<Record<string, unknown>> {
  const site = ok(await siteAdmin.call('GET', `/sites/${siteId}`), 'site').json<Record<string, unknown>>();
  const sponsor = site['sponsor'] as Record<string, unknown>;
  return {
    updatedAt: site['updatedAt'],
    name: site['name'],
    baseUrl: site['baseUrl'],
    hosts: site['hosts'],
    sponsor: {
      name: sponsor['name'],
      address: sponsor['address'],
      phone: sponsor['phone'],
      email: sponsor['email'],
      postcode: sponsor['postcode'],
    },
    icpRecord: site['icpRecord'],
    policeRecord: site['policeRecord'],
    policeRecordCode: site['policeRecordCode'],
    siteCode: site['siteCode'],
    footerNotice: `${String(site['footerNotice'])}。`.slice(0, 2000),
    language: site['language'],
    accounts: (site['accounts'] as Record<string, unknown>[]).map(({ name, kind, qrUrl }) => ({
      name,
      kind,
      qrUrl,
    })),
  };
}

async function searchSynonym(): Promise<number> {
  const res = ok(
    await siteAdmin.call('POST', `/sites/${siteId}/search-synonyms`, {
      term: unique('简称'),
      synonym: unique('全称'),
    }),
    'search synonym',
  );
  return res.json<{ id: number }>().id;
}

/** A draft of the author's made a policy document by the author. */
async function policyDraft(): Promise<number> {
  const id = await draft();
  ok(
    await author.call('PUT', `/articles/${id}/policy`, { ...POLICY_FIELDS, version: null }),
    'policy fields',
  );
  return id;
}

async function checkTerm(): Promise<number> {
  const res = ok(
    await siteAdmin.call('POST', `/sites/${siteId}/check-terms`, { kind: 'allowed', term: unique('允许词') }),
    'check term',
  );
  return res.json<{ id: number }>().id;
}

async function department(): Promise<number> {
  const res = ok(
    await siteAdmin.call('POST', `/sites/${siteId}/departments`, { name: unique('部门') }),
    'department',
  );
  return res.json<{ id: number }>().id;
}

async function channel(): Promise<number> {
  const res = ok(
    await siteAdmin.call('POST', `/sites/${siteId}/interact/channels`, {
      kind: 'consult',
      name: unique('咨询渠道'),
      departmentId: await department(),
      columnId: matrixColumn.id,
    }),
    'interact channel',
  );
  return res.json<{ id: number }>().id;
}

/** A letter just received through the public form (a fresh address each, under the form's rate limit). */
async function letter(): Promise<number> {
  const deps = t.gazette.deps;
  const channelId = await channel();
  const challenge = deps.antiAbuse!.challenge(`interact:${channelId}`);
  const receipt = await submitLetter(deps, channelId, letterForm(unique('权限矩阵留言')), {
    bucket: `interact:${channelId}`,
    address: `10.77.${serial % 250}.${(serial += 1) % 250}`,
    token: challenge.token,
    work: solveWork(challenge.token, challenge.workBits),
  });
  return (await deps.store.interact.getMessageByNumber(receipt.number))!.id;
}

/** A consultation of the site, open now or closed long ago (made by the system). */
async function consultation(stage: 'open' | 'closed'): Promise<{ id: number; version: number }> {
  const today = t.gazette.deps.clock.now().slice(0, 10);
  const made = await createConsultation(
    t.gazette.deps,
    systemPrincipal('matrix'),
    siteId,
    consultationDraft(unique('权限矩阵征求意见稿'), today, stage),
  );
  return { id: made.id, version: made.version };
}

/** A comment just received on an open consultation (a fresh address each). */
async function consultationComment(): Promise<number> {
  const deps = t.gazette.deps;
  const { id } = await consultation('open');
  const challenge = deps.antiAbuse!.challenge(`consult:${id}`);
  await submitComment(deps, id, commentForm(unique('权限矩阵意见正文')), {
    bucket: `consult:${id}`,
    address: `10.76.${serial % 250}.${(serial += 1) % 250}`,
    token: challenge.token,
    work: solveWork(challenge.token, challenge.workBits),
  });
  const [comment] = await deps.store.consultations.listComments(id);
  return comment!.id;
}

/** A request for disclosure from the public form; nobody in the matrix belongs to the handling department. */
async function disclosureRequest(): Promise<{ id: number; fileId: number }> {
  const { number } = await submitDisclosureRequest(t.gazette.deps, disclosureSubmission(siteId));
  const record = await t.gazette.deps.store.disclosure.getByNumber(number);
  const [file] = await t.gazette.deps.store.disclosure.files(record!.id);
  return { id: record!.id, fileId: file!.id };
}

/** A day far in the future that no other row uses, so each caller sets or removes a day of its own. */
function calendarDate(): string {
  serial += 1;
  return `2090-${String(1 + (serial % 12)).padStart(2, '0')}-${String(1 + (serial % 28)).padStart(2, '0')}`;
}

async function calendarOverride(): Promise<string> {
  const date = calendarDate();
  ok(await siteAdmin.call('PUT', `/calendar/${date}`, { kind: 'holiday', name: '测试假日' }), 'calendar day');
  return date;
}

async function searchTerm(): Promise<number> {
  const res = ok(
    await siteAdmin.call('POST', '/search/terms', { siteId, term: unique('检索词') }),
    'search term',
  );
  return res.json<{ term: { id: number } }>().term.id;
}

async function revisions(id: number): Promise<number[]> {
  const res = ok(await preparer.call('GET', `/articles/${id}/revisions`), 'revisions');
  return res.json<{ items: { id: number }[] }>().items.map((r) => r.id);
}

/** An article of the author's with two revisions. */
async function revised(): Promise<{ id: number; revisions: number[] }> {
  const id = await draft();
  ok(
    await author.call('PUT', `/articles/${id}`, {
      version: await version(id),
      columnId: matrixColumn.id,
      title: unique('权限矩阵测试稿件（修改）'),
      bodyHtml: '<p>修改后的正文。</p>',
    }),
    'revise',
  );
  return { id, revisions: await revisions(id) };
}

const draftBody = () => ({
  siteId,
  columnId: matrixColumn.id,
  title: unique('权限矩阵预览'),
  bodyHtml: '<p>正文</p>',
});

/** A site of its own for each caller that switches one (added by the system, outside the checked request). */
async function spareSite(): Promise<number> {
  const name = unique('spare');
  return (
    await addSite(t.gazette.deps, systemPrincipal('matrix'), { name, hosts: [`${name}.example.gov.cn`] })
  ).id;
}

/** An offer to the matrix site of an article published on a spare site (made by the system). */
async function offeredRelay(): Promise<number> {
  const deps = t.gazette.deps;
  const system = systemPrincipal('matrix');
  const from = await spareSite();
  const column = (await deps.store.columns.getByPath(from, 'xwzx/zwyw'))!;
  const made = await createArticle(deps, system, from, {
    columnId: column.id,
    title: unique('转载矩阵'),
    bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
    editor: '张雯',
  });
  await publishArticle(deps, system, made.id);
  return (await offerRelay(deps, system, { articleId: made.id, targetSiteId: siteId })).id;
}

/** An offer taken into the matrix column (its copy in review), the original changed since when asked. */
async function acceptedRelay(changed = false): Promise<number> {
  const deps = t.gazette.deps;
  const system = systemPrincipal('matrix');
  const id = await offeredRelay();
  const relay = await acceptRelay(deps, system, id, matrixColumn.id);
  if (changed) {
    const original = (await deps.store.articles.get(relay.sourceArticleId))!;
    await updateArticle(deps, system, original.id, original.version, {
      columnId: original.columnId,
      title: original.title,
      bodyHtml: '<p>各单位：现将有关事项更正如下。</p>',
      editor: original.editor,
    });
  }
  return id;
}

const fixed = (url: string, body?: unknown) => () =>
  Promise.resolve(body === undefined ? { url } : { url, body });

const TABLE: Readonly<Record<string, Expectation>> = {
  'POST /session': {
    allow: ['anonymous'],
    call: fixed('/session', { username: 'nobody-here', password: 'wrong-password-1' }),
    sessionStep: true,
  },
  'GET /session': { allow: SIGNED_IN, call: fixed('/session') },
  // The password rule is shown on the sign-in screen before anyone is signed in.
  'GET /password-policy': { allow: WHO, call: fixed('/password-policy') },
  'POST /session/totp': {
    allow: SIGNED_IN,
    call: fixed('/session/totp', { code: '000000' }),
    sessionStep: true,
  },
  'POST /session/password': {
    allow: SIGNED_IN,
    call: fixed('/session/password', {
      oldPassword: 'wrong-password-1',
      newPassword: 'Lanjiang-river-bench-9',
    }),
    sessionStep: true,
  },
  'POST /session/totp/enrol': { allow: SIGNED_IN, call: fixed('/session/totp/enrol', {}), sessionStep: true },
  'POST /session/totp/confirm': {
    allow: SIGNED_IN,
    call: fixed('/session/totp/confirm', { code: '000000' }),
    sessionStep: true,
  },
  'DELETE /session': { allow: SIGNED_IN, call: fixed('/session') },
  'DELETE /sessions': { allow: SIGNED_IN, call: fixed('/sessions') },

  'GET /articles': { allow: READERS, call: () => Promise.resolve({ url: `/articles?siteId=${siteId}` }) },
  'GET /urgent-corrections': {
    allow: URGENT_REVIEWERS,
    call: () => Promise.resolve({ url: `/urgent-corrections?siteId=${siteId}` }),
  },
  'POST /urgent-corrections/{id}/review': {
    allow: URGENT_REVIEWERS,
    call: async () => ({
      url: `/urgent-corrections/${await urgentCorrection()}/review`,
      body: { note: '已核' },
    }),
  },
  'GET /articles/authors': {
    allow: READERS,
    call: () => Promise.resolve({ url: `/articles/authors?siteId=${siteId}` }),
  },
  // The envelope is allowed to whoever may list the site's articles; each article in it then goes through the
  // single action's own rules and is refused one by one (test/http/admin-article-bulk.test.ts), so a caller
  // without 签发 gets 200 with every article refused and nothing changed.
  'POST /articles/bulk': {
    allow: READERS,
    call: async () => {
      const id = await draft();
      return {
        url: '/articles/bulk',
        body: {
          siteId,
          action: 'move',
          columnId: matrixColumn.id,
          articles: [{ id, version: await version(id) }],
        },
      };
    },
  },
  'POST /articles': { allow: WRITERS, call: () => Promise.resolve({ url: '/articles', body: draftBody() }) },
  'GET /articles/{id}': {
    allow: ARTICLE_READERS,
    call: async () => ({ url: `/articles/${await article('published')}` }),
  },
  'PUT /articles/{id}': {
    // Someone else's draft: only edit-any.
    allow: ['editor'],
    call: async () => {
      const id = await draft();
      return {
        url: `/articles/${id}`,
        body: {
          version: await version(id),
          columnId: matrixColumn.id,
          title: unique('改标题'),
          bodyHtml: '<p>改</p>',
        },
      };
    },
  },
  'POST /articles/{id}/submit': {
    allow: ['editor'],
    call: async () => {
      const id = await draft();
      return { url: `/articles/${id}/submit`, body: { version: await version(id) } };
    },
  },
  'POST /articles/{id}/approve': {
    allow: ['reviewer-1'],
    call: async () => {
      const id = await article('submitted');
      return { url: `/articles/${id}/approve`, body: { version: await version(id) } };
    },
  },
  'POST /articles/{id}/reject': {
    allow: ['reviewer-1'],
    call: async () => {
      const id = await article('submitted');
      return { url: `/articles/${id}/reject`, body: { version: await version(id), comment: '请修改' } };
    },
  },
  'POST /articles/{id}/publish': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('ready');
      return { url: `/articles/${id}/publish`, body: { version: await version(id) } };
    },
  },
  'POST /articles/{id}/schedule': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('ready');
      const at = new Date(Date.parse(t.clock.now()) + 86_400_000).toISOString();
      return { url: `/articles/${id}/schedule`, body: { version: await version(id), at } };
    },
  },
  'POST /articles/{id}/unschedule': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('scheduled');
      return { url: `/articles/${id}/unschedule`, body: { version: await version(id) } };
    },
  },
  'POST /articles/{id}/withdraw': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('published');
      return { url: `/articles/${id}/withdraw`, body: { version: await version(id), reason: '撤稿原因' } };
    },
  },
  'POST /articles/{id}/restore': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('withdrawn');
      return { url: `/articles/${id}/restore`, body: { version: await version(id) } };
    },
  },
  'POST /articles/{id}/archive': {
    allow: PUBLISHERS,
    call: async () => {
      const id = await article('withdrawn');
      return { url: `/articles/${id}/archive`, body: { version: await version(id) } };
    },
  },
  'GET /articles/{id}/revisions': {
    allow: ARTICLE_READERS,
    call: async () => ({ url: `/articles/${await article('published')}/revisions` }),
  },
  'GET /articles/{id}/revisions/diff': {
    allow: ARTICLE_READERS,
    call: async () => {
      const id = await article('published');
      const [to, from] = await revisions(id);
      return { url: `/articles/${id}/revisions/diff?from=${from ?? to}&to=${to}` };
    },
  },
  'POST /articles/{id}/revisions/{revisionId}/restore': {
    allow: ['editor'],
    call: async () => {
      const {
        id,
        revisions: [, older],
      } = await revised();
      return { url: `/articles/${id}/revisions/${older}/restore`, body: { version: await version(id) } };
    },
  },
  'GET /audit': { allow: AUDITOR, call: fixed('/audit') },
  'GET /audit/export': { allow: AUDITOR, call: fixed('/audit/export?format=json') },
  'GET /audit/verify': { allow: AUDITOR, call: fixed('/audit/verify') },
  'GET /sites': { allow: SIGNED_IN, call: fixed('/sites') },
  'GET /platform/sites': { allow: PLATFORM_READERS, call: fixed('/platform/sites') },
  'GET /platform/queue': { allow: PLATFORM_READERS, call: fixed('/platform/queue') },
  'GET /sites/{id}/relays': {
    allow: RELAY_READERS,
    call: () => Promise.resolve({ url: `/sites/${siteId}/relays` }),
  },
  'POST /articles/{id}/relays': {
    allow: RELAY_OFFERERS,
    call: async () => ({
      url: `/articles/${await article('published')}/relays`,
      body: { targetSiteId: await spareSite() },
    }),
  },
  'POST /relays/{id}/accept': {
    allow: RELAY_ACCEPTERS,
    call: async () => ({
      url: `/relays/${await offeredRelay()}/accept`,
      body: { columnId: matrixColumn.id },
    }),
  },
  'POST /relays/{id}/decline': {
    allow: RELAY_ACCEPTERS,
    call: async () => ({
      url: `/relays/${await offeredRelay()}/decline`,
      body: { reason: '本站已另行发布' },
    }),
  },
  'POST /relays/{id}/detach': {
    allow: RELAY_ACCEPTERS,
    call: async () => ({ url: `/relays/${await acceptedRelay()}/detach`, body: {} }),
  },
  'POST /relays/{id}/update': {
    // An edit of the copy, in review at the first level: its writers and the first-level reviewer.
    allow: ['editor', 'reviewer-1'],
    call: async () => ({ url: `/relays/${await acceptedRelay(true)}/update` }),
  },
  'POST /platform/sites': {
    allow: PLATFORM_MANAGER,
    call: () => {
      const name = unique('matrix');
      return Promise.resolve({
        url: '/platform/sites',
        body: { name: `${name}区人民政府`, hosts: [`${name}.example.gov.cn`] },
      });
    },
  },
  'POST /platform/sites/{id}/disable': {
    allow: PLATFORM_MANAGER,
    call: async () => ({ url: `/platform/sites/${await spareSite()}/disable` }),
  },
  'POST /platform/sites/{id}/enable': {
    allow: PLATFORM_MANAGER,
    call: async () => {
      const id = await spareSite();
      await setSiteStatus(t.gazette.deps, systemPrincipal('matrix'), id, 'disabled');
      return { url: `/platform/sites/${id}/enable` };
    },
  },
  'GET /distribution/targets': { allow: PLATFORM_READERS, call: fixed('/distribution/targets') },
  'POST /distribution/run': {
    allow: PLATFORM_MANAGER,
    call: () => {
      // A distributor stands in for the publishing process's.
      t.gazette.deps.distribution?.attach({
        status: () => [],
        run: () => Promise.resolve([{ name: 'www', result: 'up-to-date' }]),
      });
      return Promise.resolve({ url: '/distribution/run', body: {} });
    },
  },
  'GET /sites/{id}': { allow: SITE_ROLES, call: () => Promise.resolve({ url: `/sites/${siteId}` }) },
  'PUT /sites/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/sites/${siteId}`, body: await siteSettings() }),
  },
  'GET /sites/{id}/columns': {
    allow: SITE_ROLES,
    call: () => Promise.resolve({ url: `/sites/${siteId}/columns` }),
  },
  'POST /sites/{id}/columns': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/columns`,
        body: { parentId: null, slug: unique('newcol'), name: unique('新栏目'), kind: 'news' },
      }),
  },
  'GET /users': { allow: [...ACCOUNTS, ...ROLE_ASSIGNER], call: fixed('/users') },
  'POST /users': {
    allow: ACCOUNTS,
    call: () =>
      Promise.resolve({ url: '/users', body: { username: unique('newuser'), displayName: '新用户' } }),
  },
  'PUT /users/{username}/grants': {
    allow: ROLE_ASSIGNER,
    call: async () => ({
      url: `/users/${await account()}/grants`,
      body: { grants: [{ role: 'contributor', siteId, columnId: null }] },
    }),
  },
  'POST /users/{username}/disable': {
    allow: ACCOUNTS,
    call: async () => ({ url: `/users/${await account()}/disable` }),
  },
  'POST /users/{username}/enable': {
    allow: ACCOUNTS,
    call: async () => {
      const username = await account();
      ok(await clients.get('system-admin')!.call('POST', `/users/${username}/disable`), 'disable');
      return { url: `/users/${username}/enable` };
    },
  },
  'POST /users/{username}/reset-password': {
    allow: ACCOUNTS,
    call: async () => ({ url: `/users/${await account()}/reset-password` }),
  },
  'GET /search/terms': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/search/terms?siteId=${siteId}` }),
  },
  'POST /search/terms': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: '/search/terms', body: { siteId, term: unique('新检索词') } }),
  },
  'DELETE /search/terms/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/search/terms/${await searchTerm()}` }),
  },
  'GET /sites/{id}/check-terms': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/check-terms` }),
  },
  'POST /sites/{id}/check-terms': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/check-terms`,
        body: { kind: 'allowed', term: unique('新词') },
      }),
  },
  'DELETE /check-terms/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/check-terms/${await checkTerm()}` }),
  },
  'GET /sites/{id}/search-synonyms': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/search-synonyms` }),
  },
  'POST /sites/{id}/search-synonyms': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/search-synonyms`,
        body: { term: unique('新简称'), synonym: unique('新全称') },
      }),
  },
  'DELETE /search-synonyms/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/search-synonyms/${await searchSynonym()}` }),
  },
  'GET /calendar': { allow: SITE_ADMIN, call: fixed('/calendar?year=2026') },
  'PUT /calendar/{date}': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({ url: `/calendar/${calendarDate()}`, body: { kind: 'workday', name: '本地调休' } }),
  },
  'DELETE /calendar/{date}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/calendar/${await calendarOverride()}` }),
  },
  'GET /sites/{id}/disclosure/settings': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/disclosure/settings` }),
  },
  'PUT /sites/{id}/disclosure/settings': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/disclosure/settings`,
        body: { departmentId: null, retentionDays: 365 + (serial += 1) },
      }),
  },
  // The inbox is the handling department's, which is a group of accounts, not a role: no role reaches it.
  'GET /sites/{id}/disclosure/requests': {
    allow: [],
    call: () => Promise.resolve({ url: `/sites/${siteId}/disclosure/requests` }),
  },
  'GET /disclosure/requests/{id}': {
    allow: [],
    call: async () => ({ url: `/disclosure/requests/${(await disclosureRequest()).id}` }),
  },
  'GET /disclosure/requests/{id}/identity/{file}': {
    allow: [],
    call: async () => {
      const { id, fileId } = await disclosureRequest();
      return { url: `/disclosure/requests/${id}/identity/${fileId}` };
    },
  },
  'POST /disclosure/requests/{id}/steps': {
    allow: [],
    call: async () => ({
      url: `/disclosure/requests/${(await disclosureRequest()).id}/steps`,
      body: { version: 1, step: 'register' },
    }),
  },
  'GET /sites/{id}/xxgk-report/{year}': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/xxgk-report/2026` }),
  },
  'GET /sites/{id}/xxgk-report/{year}/xlsx': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/xxgk-report/2026/xlsx` }),
  },
  'PUT /sites/{id}/xxgk-report/{year}': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({ url: `/sites/${siteId}/xxgk-report/2026`, body: { overview: unique('总体情况') } }),
  },
  'GET /sites/{id}/departments': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/departments` }),
  },
  'POST /sites/{id}/departments': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/departments`, body: { name: unique('新部门') } }),
  },
  'PUT /departments/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/departments/${await department()}`, body: { name: unique('改名部门') } }),
  },
  'PUT /departments/{id}/members': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/departments/${await department()}/members`, body: { userIds: [] } }),
  },
  'DELETE /departments/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/departments/${await department()}` }),
  },
  'GET /sites/{id}/interact/channels': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/channels` }),
  },
  'POST /sites/{id}/interact/channels': {
    allow: SITE_ADMIN,
    call: async () => ({
      url: `/sites/${siteId}/interact/channels`,
      body: {
        kind: 'leader',
        name: unique('书记信箱'),
        departmentId: await department(),
        columnId: matrixColumn.id,
      },
    }),
  },
  'PUT /interact/channels/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({
      url: `/interact/channels/${await channel()}`,
      body: {
        kind: 'consult',
        name: unique('改名渠道'),
        departmentId: await department(),
        columnId: matrixColumn.id,
      },
    }),
  },
  'PUT /sites/{id}/interact/settings': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/settings`, body: { retentionDays: 400 } }),
  },
  // The inbox answers anyone with a role on the site (each sees the letters of their departments and reviews).
  'GET /sites/{id}/interact/inbox': {
    allow: READERS,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/inbox` }),
  },
  // A letter just received: its department (no one here) and the site's managers; reviewers see it in review.
  'GET /interact/messages/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/interact/messages/${await letter()}` }),
  },
  'POST /interact/messages/{id}/steps': {
    allow: SITE_ADMIN,
    call: async () => ({
      url: `/interact/messages/${await letter()}/steps`,
      body: { version: 1, command: { type: 'invalid', kind: 'spam', reason: '权限矩阵：垃圾信息' } },
    }),
  },
  'GET /sites/{id}/interact/overdue': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/overdue` }),
  },
  'GET /sites/{id}/interact/statistics': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/statistics?year=2026` }),
  },
  'GET /sites/{id}/consultations': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/consultations` }),
  },
  'POST /sites/{id}/consultations': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/consultations`,
        body: consultationDraft(unique('权限矩阵意见稿'), t.gazette.deps.clock.now().slice(0, 10), 'open'),
      }),
  },
  'GET /consultations/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/consultations/${(await consultation('open')).id}` }),
  },
  'PUT /consultations/{id}': {
    allow: SITE_ADMIN,
    call: async () => {
      const { id, version } = await consultation('open');
      const today = t.gazette.deps.clock.now().slice(0, 10);
      return {
        url: `/consultations/${id}`,
        body: { ...consultationDraft(unique('权限矩阵改稿'), today, 'open'), version },
      };
    },
  },
  'POST /consultations/{id}/withdraw': {
    allow: SITE_ADMIN,
    call: async () => {
      const { id, version } = await consultation('open');
      return {
        url: `/consultations/${id}/withdraw`,
        body: { version, withdrawn: true, reason: '权限矩阵：误发' },
      };
    },
  },
  'PUT /consultations/{id}/feedback': {
    allow: SITE_ADMIN,
    call: async () => {
      const { id, version } = await consultation('closed');
      return {
        url: `/consultations/${id}/feedback`,
        body: { version, feedback: '采纳了关于权限矩阵的两条意见，理由是符合上位法。' },
      };
    },
  },
  'POST /consultation-comments/{id}/moderation': {
    allow: SITE_ADMIN,
    call: async () => ({
      url: `/consultation-comments/${await consultationComment()}/moderation`,
      body: { version: 1, decision: 'approved' },
    }),
  },
  'GET /sites/{id}/consultations/settings': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/consultations/settings` }),
  },
  'PUT /sites/{id}/consultations/settings': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/consultations/settings`,
        body: { showComments: true, feedbackDays: 30 },
      }),
  },
  'GET /sites/{id}/interact/statistics.xlsx': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/interact/statistics.xlsx?year=2026` }),
  },
  'GET /articles/{id}/policy': {
    allow: ARTICLE_READERS,
    call: async () => {
      const id = await article('published');
      ok(await preparer.call('PUT', `/articles/${id}/policy`, { ...POLICY_FIELDS, version: null }), 'policy');
      return { url: `/articles/${id}/policy` };
    },
  },
  'PUT /articles/{id}/policy': {
    // Someone else's draft: only edit-any.
    allow: ['editor'],
    call: async () => ({
      url: `/articles/${await draft()}/policy`,
      body: { ...POLICY_FIELDS, version: null },
    }),
  },
  'POST /articles/{id}/secrecy-review': {
    allow: ['reviewer-1', 'reviewer-2', 'reviewer-3', 'publisher', 'chief-publisher'],
    call: async () => ({
      url: `/articles/${await policyDraft()}/secrecy-review`,
      body: { passed: true, comment: '' },
    }),
  },
  'POST /articles/{id}/interpretations': {
    // The 解读 is someone else's draft: only edit-any.
    allow: ['editor'],
    call: async () => ({
      url: `/articles/${await policyDraft()}/interpretations`,
      body: { interpretationId: await draft(), kind: 'text' },
    }),
  },
  'DELETE /articles/{id}/interpretations/{interpretationId}': {
    allow: ['editor'],
    call: async () => {
      const policy = await policyDraft();
      const explained = await draft();
      ok(
        await preparer.call('POST', `/articles/${policy}/interpretations`, {
          interpretationId: explained,
          kind: 'text',
        }),
        'link',
      );
      return { url: `/articles/${policy}/interpretations/${explained}` };
    },
  },
  'GET /sites/{id}/policy-settings': {
    allow: ['contributor', ...ARTICLE_READERS, 'site-admin'],
    call: () => Promise.resolve({ url: `/sites/${siteId}/policy-settings` }),
  },
  'PUT /sites/{id}/policy-settings': {
    allow: SITE_ADMIN,
    call: () =>
      Promise.resolve({
        url: `/sites/${siteId}/policy-settings`,
        body: {
          indexPattern: '{code}/{yyyy}-{seq:5}',
          indexCode: '11150000MB0123456X',
          themes: [{ name: '综合政务', children: ['政务公开'] }],
          interpretationDays: 5,
        },
      }),
  },
  'GET /media': { allow: WRITERS, call: () => Promise.resolve({ url: `/media?siteId=${siteId}` }) },
  'GET /media/{id}': { allow: WRITERS, call: async () => ({ url: `/media/${await media()}` }) },
  // The author's file: its uploader or an editor (edit-any) may delete it; the contributor here is not its uploader.
  'DELETE /media/{id}': { allow: ['editor'], call: async () => ({ url: `/media/${await media()}` }) },
  'GET /media/{id}/usage': { allow: WRITERS, call: async () => ({ url: `/media/${await media()}/usage` }) },
  'GET /me': { allow: SIGNED_IN, call: fixed('/me') },
  'GET /roles': { allow: SIGNED_IN, call: fixed('/roles') },
  'GET /dashboard': {
    allow: SITE_ROLES,
    call: () => Promise.resolve({ url: `/dashboard?siteId=${siteId}` }),
  },
  'GET /sites/{id}/inspections': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/inspections` }),
  },
  'POST /sites/{id}/inspections': {
    allow: SITE_ADMIN,
    call: () => Promise.resolve({ url: `/sites/${siteId}/inspections` }),
  },
  'GET /sites/{id}/columns/tree': {
    allow: SITE_ROLES,
    call: () => Promise.resolve({ url: `/sites/${siteId}/columns/tree` }),
  },
  'PUT /columns/{id}': {
    allow: SITE_ADMIN,
    call: async () => {
      const made = await column();
      return {
        url: `/columns/${made.id}`,
        body: { updatedAt: made.updatedAt, name: unique('改名栏目'), kind: 'news' },
      };
    },
  },
  'DELETE /columns/{id}': {
    allow: SITE_ADMIN,
    call: async () => ({ url: `/columns/${(await column()).id}` }),
  },
  'POST /columns/{id}/move': {
    allow: SITE_ADMIN,
    call: async () => {
      const made = await column();
      return {
        url: `/columns/${made.id}/move`,
        body: { updatedAt: made.updatedAt, parentId: null, position: 0 },
      };
    },
  },
  'GET /series': { allow: READERS, call: () => Promise.resolve({ url: `/series?siteId=${siteId}` }) },
  'POST /series': {
    allow: SERIES_MANAGERS,
    call: () =>
      Promise.resolve({
        url: '/series',
        body: { siteId, columnId: null, slug: unique('new-series-'), title: unique('新合集') },
      }),
  },
  'GET /series/{id}': { allow: READERS, call: async () => ({ url: `/series/${(await series(false)).id}` }) },
  'PUT /series/{id}': {
    allow: SERIES_MANAGERS,
    call: async () => {
      const made = await series(false);
      return {
        url: `/series/${made.id}`,
        body: {
          version: made.version,
          columnId: null,
          slug: unique('changed-series-'),
          title: unique('改名合集'),
          label: '专题',
          leadHtml: '<p>导语</p>',
          source: '',
          editor: '',
        },
      };
    },
  },
  'PUT /series/{id}/members': {
    allow: SERIES_MANAGERS,
    call: async () => {
      const made = await series(false);
      return { url: `/series/${made.id}/members`, body: { version: made.version, memberIds: [] } };
    },
  },
  'POST /series/{id}/publish': {
    allow: PUBLISHERS,
    call: async () => {
      const made = await series(false);
      return { url: `/series/${made.id}/publish`, body: { version: made.version } };
    },
  },
  'POST /series/{id}/withdraw': {
    allow: PUBLISHERS,
    call: async () => {
      const made = await series(true);
      return { url: `/series/${made.id}/withdraw`, body: { version: made.version } };
    },
  },
  'GET /articles/{id}/preview': {
    allow: ARTICLE_READERS,
    call: async () => ({ url: `/articles/${await article('published')}/preview` }),
  },
  'POST /preview': { allow: READERS, call: () => Promise.resolve({ url: '/preview', body: draftBody() }) },
  'POST /checks': { allow: READERS, call: () => Promise.resolve({ url: '/checks', body: draftBody() }) },
};

/** Tables whose rows a refused request must leave alone (the audit log records refusals; sessions are ours). */
const UNWATCHED = new Set([
  'audit_log',
  'audit_chain_head',
  'sessions',
  'kysely_migration',
  'kysely_migration_lock',
]);

async function tableNames(): Promise<string[]> {
  const { db, dialect } = t.gazette.database;
  const rows =
    dialect.name === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !UNWATCHED.has(name) && !name.includes('_fts'));
}

let watched: string[] = [];

/** A digest of every watched table's rows, in an order of their own (one query on PostgreSQL). */
async function snapshot(): Promise<Map<string, string>> {
  const { db, dialect } = t.gazette.database;
  if (dialect.name === 'postgres') {
    const query = watched
      .map(
        (name) =>
          `select '${name}' as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as digest from "${name}" r`,
      )
      .join(' union all ');
    const { rows } = await sql<{ name: string; digest: string }>`${sql.raw(query)}`.execute(db);
    return new Map(rows.map((row) => [row.name, row.digest]));
  }
  const digests = new Map<string, string>();
  for (const name of watched) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const lines = rows.map((row) =>
      JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
    digests.set(name, createHash('sha256').update(lines.sort().join('\n')).digest('hex'));
  }
  return digests;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((name) => before.get(name) !== after.get(name));
}

async function send(who: Who, method: string, { url, body }: Call): Promise<LightMyRequestResponse> {
  if (who === 'anonymous') {
    return t.app.inject({
      method: method as 'GET',
      url: `${API}${url}`,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  }
  return clients.get(who)!.call(method as 'GET', url, body);
}

/** A second session of the same account (sign-out routes end the session they are called with). */
async function signInAgain(who: Who): Promise<AdminClient> {
  const client = clients.get(who)!;
  t.clock.advance(31_000);
  const login = await t.app.inject({
    method: 'POST',
    url: `${API}/session`,
    payload: { username: client.username, password: TEST_PASSWORD },
  });
  ok(login, `sign in again as ${who}`);
  const cookie = login.cookies.find((c) => c.name === 'gz_session')!.value;
  let csrf = login.json<{ csrfToken: string }>().csrfToken;
  if (client.totpSecret !== null) {
    const code = TOTP.generate({
      secret: Secret.fromBase32(client.totpSecret),
      timestamp: Date.parse(t.clock.now()),
    });
    const second = await t.app.inject({
      method: 'POST',
      url: `${API}/session/totp`,
      cookies: { gz_session: cookie },
      headers: { 'x-csrf-token': csrf },
      payload: { code },
    });
    csrf = ok(second, `second factor for ${who}`).json<{ csrfToken?: string }>().csrfToken ?? csrf;
  }
  return {
    ...client,
    cookie,
    csrf,
    call: (method, path, payload) =>
      t.app.inject({
        method,
        url: `${API}${path}`,
        cookies: { gz_session: cookie },
        headers: { 'x-csrf-token': csrf },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}

const DENIED = new Set([401, 403, 404]);
let operations: string[] = [];

beforeAll(async () => {
  t = await startTestGazette();
  const [site] = await t.gazette.deps.store.sites.list();
  siteId = site!.id;
  author = await signedInUser(t, 'prep-author', ['contributor']);
  reviewer = await signedInUser(t, 'prep-r1', ['reviewer-1']);
  preparer = await signedInUser(t, 'prep-pub', ['publisher', 'editor']);
  siteAdmin = await signedInUser(t, 'prep-admin', ['site-admin']);
  chief = await signedInUser(t, 'prep-chief', ['chief-publisher']);
  const oneLevel = await siteAdmin.call('POST', `/sites/${siteId}/columns`, {
    parentId: null,
    slug: 'authz-matrix',
    name: '权限矩阵',
    kind: 'notice',
    reviewLevels: 1,
  });
  matrixColumn = ok(oneLevel, 'one-level column').json<{ id: number }>();
  const signedIn = await Promise.all(ROLES.map((role) => signedInUser(t, `as-${role}`, [role])));
  for (const [i, role] of ROLES.entries()) clients.set(role, signedIn[i]!);
  clients.set('no-role', await signedInUser(t, 'as-no-role', []));
  watched = await tableNames();
  const doc = (await t.app.inject({ method: 'GET', url: `${API}/openapi.json` })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('authorisation matrix over the OpenAPI document', () => {
  it('has an expectation for every route of the document, and none for a route it lacks', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(watched).toEqual(expect.arrayContaining(['articles', 'users', 'user_grants', 'sites', 'media']));
    expect(
      operations.filter((op) => !(op in TABLE)),
      'routes without an expectation',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((op) => !operations.includes(op)),
      'expectations of no route',
    ).toEqual([]);
  });

  // Sign-out routes end the caller's session: last, each on a second session.
  const order = Object.keys(TABLE).sort(
    (a, b) => Number(a.startsWith('DELETE /session')) - Number(b.startsWith('DELETE /session')),
  );

  it.each(order)('%s', async (operation) => {
    const expectation = TABLE[operation]!;
    const method = operation.slice(0, operation.indexOf(' '));
    const problems: string[] = [];
    const signsOut = operation.startsWith('DELETE /session');

    // A read changes nothing: one target serves every caller.
    const shared = method === 'GET' ? await expectation.call('anonymous') : null;
    const denied = WHO.filter((who) => !expectation.allow.includes(who));
    if (denied.length > 0) {
      const target = shared ?? (await expectation.call('anonymous'));
      const before = await snapshot();
      const answers = await Promise.all(denied.map((who) => send(who, method, target)));
      for (const [i, res] of answers.entries()) {
        const who = denied[i]!;
        if (!DENIED.has(res.statusCode))
          problems.push(`${who}: expected a refusal, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
      const changed = changedTables(before, await snapshot());
      if (changed.length > 0) problems.push(`refused callers changed ${changed.join(', ')}`);
    }

    for (const who of expectation.allow) {
      const target = shared ?? (await expectation.call(who));
      const res =
        signsOut && who !== 'anonymous'
          ? await (await signInAgain(who)).call(method as 'DELETE', target.url)
          : await send(who, method, target);
      if (expectation.sessionStep) {
        if (res.statusCode === 403 || res.statusCode === 500)
          problems.push(`${who}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      } else if (res.statusCode >= 300) {
        problems.push(`${who}: expected success, got ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * IDs of another site: every site role held on the first site reaches nothing of a second one (the site,
 * its columns, articles, series and dictionaries), by reading or by writing.
 */
describe('a role on one site against the objects of another (IDOR)', () => {
  let other: { siteId: number; columnId: number; articleId: number; seriesId: number };

  beforeAll(async () => {
    const system = systemPrincipal('test');
    const { deps } = t.gazette;
    const site = await createSite(deps, system, {
      slug: 'other',
      name: '另一个网站',
      baseUrl: 'https://other.example.gov.cn',
      hosts: ['other.example.gov.cn'],
      sponsor: { name: '另一个单位', address: '', phone: '', email: '', postcode: '' },
      icpRecord: '',
      policeRecord: '',
      policeRecordCode: '',
      siteCode: '',
      footerNotice: '',
      language: 'zh-CN',
      accounts: [],
    });
    const col = await createColumn(deps, system, {
      siteId: site.id,
      parentId: null,
      slug: 'news',
      name: '新闻',
      kind: 'news',
      reviewLevels: 1,
    });
    const article = await createArticle(deps, system, site.id, {
      columnId: col.id,
      title: '另一个网站的稿件',
      bodyHtml: '<p>正文</p>',
      source: '另一个单位',
      editor: '李明',
    });
    await submitArticle(deps, system, article.id);
    await approveArticle(deps, system, article.id);
    await publishArticle(deps, system, article.id);
    const series = await createSeries(deps, system, {
      siteId: site.id,
      columnId: null,
      slug: 'other-series',
      title: '另一个合集',
      label: '',
      leadHtml: '',
      source: '',
      editor: '',
      memberIds: [article.id],
    });
    other = { siteId: site.id, columnId: col.id, articleId: article.id, seriesId: series.id };
  });

  const requests = (): [string, string, unknown?][] => {
    const { siteId: s, columnId: c, articleId: a, seriesId: r } = other;
    const edit = { version: 1, columnId: c, title: '改', bodyHtml: '<p>改</p>' };
    return [
      ['GET', `/sites/${s}`],
      [
        'PUT',
        `/sites/${s}`,
        {
          name: '改名',
          baseUrl: 'https://other.example.gov.cn',
          hosts: ['other.example.gov.cn'],
          sponsor: { name: '另一个单位', address: '', phone: '', email: '', postcode: '' },
          icpRecord: '',
          policeRecord: '',
          policeRecordCode: '',
          siteCode: '',
          footerNotice: '越权',
          language: 'zh-CN',
          accounts: [],
        },
      ],
      ['GET', `/sites/${s}/columns`],
      ['GET', `/sites/${s}/columns/tree`],
      ['POST', `/sites/${s}/columns`, { parentId: null, slug: 'x', name: '栏目', kind: 'news' }],
      ['PUT', `/columns/${c}`, { name: '改名', kind: 'news' }],
      ['DELETE', `/columns/${c}`],
      ['POST', `/columns/${c}/move`, { parentId: null, position: 1 }],
      ['GET', `/articles?siteId=${s}`],
      ['POST', '/articles', { siteId: s, columnId: c, title: '越权', bodyHtml: '<p>越权</p>' }],
      ['GET', `/articles/${a}`],
      ['PUT', `/articles/${a}`, edit],
      ['GET', `/articles/${a}/revisions`],
      ['GET', `/articles/${a}/preview`],
      ['POST', `/articles/${a}/withdraw`, { version: 3, reason: '越权撤稿' }],
      ['POST', `/articles/${a}/archive`, { version: 3 }],
      ['GET', `/series?siteId=${s}`],
      ['GET', `/series/${r}`],
      ['PUT', `/series/${r}/members`, { version: 1, memberIds: [] }],
      ['POST', `/series/${r}/withdraw`, { version: 1 }],
      ['POST', '/series', { siteId: s, columnId: null, slug: 'x', title: '越权合集' }],
      ['GET', `/dashboard?siteId=${s}`],
      ['GET', `/sites/${s}/inspections`],
      ['POST', `/sites/${s}/inspections`],
      ['GET', `/media?siteId=${s}`],
      ['GET', `/search/terms?siteId=${s}`],
      ['POST', '/search/terms', { siteId: s, term: '越权' }],
      ['GET', `/sites/${s}/check-terms`],
      ['POST', `/sites/${s}/check-terms`, { kind: 'allowed', term: '越权' }],
      ['GET', `/sites/${s}/search-synonyms`],
      ['POST', `/sites/${s}/search-synonyms`, { term: '越权', synonym: '越权全称' }],
      ['POST', '/preview', { siteId: s, columnId: c, title: '越权', bodyHtml: '<p>x</p>' }],
      ['POST', '/checks', { siteId: s, columnId: c, title: '越权', bodyHtml: '<p>x</p>' }],
    ];
  };

  it.each(READERS)('%s of the first site is refused everything of the second', async (who) => {
    const before = await snapshot();
    const problems: string[] = [];
    for (const [method, url, body] of requests()) {
      const res = await send(who, method, body === undefined ? { url } : { url, body });
      if (!DENIED.has(res.statusCode)) {
        problems.push(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  });
});
