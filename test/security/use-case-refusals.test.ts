import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as app from '../../src/app/index.js';
import {
  approveArticle,
  createArticle,
  createColumn,
  createSeries,
  createUser,
  publishArticle,
  solveWork,
  submitArticle,
  submitDisclosureRequest,
  submitLetter,
  systemPrincipal,
  updateArticle,
  uploadMedia,
  type AppDeps,
} from '../../src/app/index.js';
import {
  GLOBAL_ROLES,
  isGazetteError,
  ROLES,
  type Principal,
  type Role,
  type Site,
  type User,
} from '../../src/core/index.js';
import { png } from '../media/media-fixtures.js';
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
 * Every use case of src/app, called directly (no route, no session) by a person holding each role, and by a
 * person holding none. The roles allowed are written here from the README's "Roles" table, the same as in
 * test/security/authorisation-matrix.test.ts, which checks the routes; this file checks that the use cases
 * decide for themselves, so a CLI command or a new route cannot skip the check.
 *
 * Refused: the call rejects with a refusal (`forbidden`) or a not-found answer (someone else's draft, a site
 * the person holds no role on). Allowed: the same call, on a target of its own, succeeds. An exported
 * function taking `(deps, principal, …)` that this table does not name fails the suite.
 *
 * Public use cases take no principal and are not in the table: a citizen's letter or request for disclosure
 * (`submitLetter`, `submitDisclosureRequest`, guarded by the anti-abuse checks), a status look-up or rating
 * with a 查询码 (`lookupLetter`, `rateLetter`, `lookUpDisclosureRequest`), and what is published anyway
 * (`readPublishedLetters`, `channelStatistics`, `readCatalogue`, `searchSite`, …). Their own tests cover them.
 */

type Who = Role | 'no-role';
const WHO: readonly Who[] = [...ROLES, 'no-role'];

/** Exported functions that take a principal but are parts of use cases, not use cases of their own. */
const NOT_USE_CASES: Readonly<Record<string, string>> = {
  changeArticleState: 'the engine of submit, approve, reject, publish, … (each in the table)',
  exportAuditChunks: 'exportAudit reads it whole; both start with the same check',
};

let t: TestGazette;
let deps: AppDeps;
let siteId: number;
let columnId: number;
const people = new Map<Who, Principal>();
let author: Principal;
let reviewer: Principal;
let publisher: Principal;
let chief: Principal;
const system = systemPrincipal('use-case refusal test');
let serial = 0;
const unique = (prefix: string) => `${prefix}${(serial += 1)}`;

const person = (user: User): Principal => ({ kind: 'user', user, ip: '127.0.0.1' });

async function personWith(role: Role | null): Promise<Principal> {
  const username = unique('uc');
  const grants =
    role === null ? [] : [{ role, siteId: GLOBAL_ROLES.has(role) ? null : siteId, columnId: null }];
  const { user } = await createUser(deps, system, { username, displayName: username, grants });
  return person(user);
}

const draftOf = () => ({
  columnId,
  title: unique('用例权限测试稿件'),
  bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
  source: '青川市人民政府办公室',
  editor: '张雯',
  tags: ['权限'],
});

type Stage = 'draft' | 'submitted' | 'ready' | 'scheduled' | 'published' | 'withdrawn';

const versionOf = async (id: number) => (await deps.store.articles.get(id))!.version;

/** A fresh article of the author's, brought to `stage` by the preparing reviewer and publisher. */
async function article(stage: Stage): Promise<number> {
  const { id } = await createArticle(deps, author, siteId, draftOf());
  if (stage === 'draft') return id;
  await submitArticle(deps, author, id, await versionOf(id));
  if (stage === 'submitted') return id;
  await approveArticle(deps, reviewer, id, '', await versionOf(id));
  if (stage === 'ready') return id;
  if (stage === 'scheduled') {
    await app.scheduleArticle(deps, publisher, id, later(), await versionOf(id));
    return id;
  }
  await publishArticle(deps, publisher, id, {}, await versionOf(id));
  if (stage === 'withdrawn') await app.withdrawArticle(deps, publisher, id, '内容调整', await versionOf(id));
  return id;
}

const later = () => new Date(Date.parse(t.clock.now()) + 86_400_000).toISOString();

async function revised(): Promise<{ id: number; revisions: number[] }> {
  const id = await article('draft');
  await updateArticle(deps, author, id, await versionOf(id), {
    ...draftOf(),
    bodyHtml: '<p>修改后的正文。</p>',
  });
  const revisions = (await deps.store.revisions.list(id)).map((r) => r.id);
  return { id, revisions };
}

async function urgentCorrection(): Promise<number> {
  const id = await article('published');
  await updateArticle(
    deps,
    chief,
    id,
    await versionOf(id),
    { ...draftOf(), bodyHtml: '<p>更正后的正文</p>' },
    { urgent: true, reason: '数据有误，立即更正' },
  );
  const items = await app.listUrgentCorrections(deps, chief, siteId);
  return items.find((item) => item.articleId === id)!.id;
}

async function column(): Promise<{ id: number; updatedAt: string }> {
  return createColumn(deps, system, {
    siteId,
    parentId: null,
    slug: unique('ucauthz'),
    name: unique('权限栏目'),
    kind: 'news',
  });
}

async function series(publish: boolean): Promise<{ id: number; version: number }> {
  const made = await createSeries(deps, system, {
    siteId,
    columnId: null,
    slug: unique('uc-series-'),
    title: unique('权限合集'),
    label: '',
    leadHtml: '',
    source: '',
    editor: '',
    memberIds: [],
  });
  return publish ? app.publishSeries(deps, system, made.id, undefined, made.version) : made;
}

async function incoming(): Promise<{ tempPath: string; filename: string }> {
  const tempPath = join(t.dataDir, unique('upload-'));
  writeFileSync(tempPath, await png(40, 30));
  return { tempPath, filename: `${unique('uc')}.png` };
}

async function media(): Promise<number> {
  return (await uploadMedia(deps, author, await incoming(), { siteId })).id;
}

async function siteInput() {
  const site = (await deps.store.sites.get(siteId)) as Site;
  const kept = Object.entries(site).filter(([key]) => !['id', 'createdAt', 'updatedAt'].includes(key));
  const input = { ...Object.fromEntries(kept), footerNotice: `${site.footerNotice}。` } as Omit<
    Site,
    'id' | 'createdAt' | 'updatedAt'
  >;
  return { input, at: site.updatedAt };
}

async function account(): Promise<string> {
  const username = unique('ucuser');
  await createUser(deps, system, { username, displayName: username, grants: [] });
  return username;
}

/** A spare site of the platform for each caller that switches one (added by the system). */
async function spareSite(): Promise<number> {
  const name = unique('ucspare');
  return (await app.addSite(deps, system, { name, hosts: [`${name}.example.gov.cn`] })).id;
}

/** An offer to the test site of an article published on a spare site (made by the system). */
async function offeredRelay(): Promise<number> {
  const from = await spareSite();
  const column = (await deps.store.columns.getByPath(from, 'xwzx/zwyw'))!;
  const made = await createArticle(deps, system, from, {
    columnId: column.id,
    title: unique('转载权限测试'),
    bodyHtml: '<p>各单位：现将有关事项通知如下。</p>',
    editor: '张雯',
  });
  await publishArticle(deps, system, made.id);
  return (await app.offerRelay(deps, system, { articleId: made.id, targetSiteId: siteId })).id;
}

/** An offer taken into the test site's column (its copy in review), the original changed since when asked. */
async function acceptedRelay(changed = false): Promise<number> {
  const id = await offeredRelay();
  const relay = await app.acceptRelay(deps, system, id, columnId);
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

/** An article of the author's at `stage`, made a policy document by the system. */
async function policyDocument(stage: Stage): Promise<number> {
  const id = await article(stage);
  await app.savePolicyDocument(deps, system, id, POLICY_FIELDS, null);
  return id;
}

async function department(): Promise<number> {
  return (await app.createDepartment(deps, system, { siteId, name: unique('部门') })).id;
}

async function channel(): Promise<number> {
  const made = await app.createChannel(deps, system, {
    siteId,
    kind: 'consult',
    name: unique('咨询渠道'),
    departmentId: await department(),
    columnId,
  });
  return made.id;
}

/** A letter just received through the public form (a fresh address each, under the form's rate limit). */
async function letter(): Promise<number> {
  const channelId = await channel();
  const challenge = deps.antiAbuse!.challenge(`interact:${channelId}`);
  const receipt = await submitLetter(deps, channelId, letterForm(unique('用例权限留言')), {
    bucket: `interact:${channelId}`,
    address: `10.78.${Math.floor(serial / 250) % 250}.${(serial += 1) % 250}`,
    token: challenge.token,
    work: solveWork(challenge.token, challenge.workBits),
  });
  return (await deps.store.interact.getMessageByNumber(receipt.number))!.id;
}

/** A consultation of the site, open now or closed long ago (made by the system). */
async function consultation(stage: 'open' | 'closed'): Promise<{ id: number; version: number }> {
  const today = t.clock.now().slice(0, 10);
  const made = await app.createConsultation(
    deps,
    system,
    siteId,
    consultationDraft(unique('用例权限征求意见稿'), today, stage),
  );
  return { id: made.id, version: made.version };
}

/** A comment just received on an open consultation (a fresh address each). */
async function consultationComment(): Promise<number> {
  const { id } = await consultation('open');
  const challenge = deps.antiAbuse!.challenge(`consult:${id}`);
  await app.submitComment(deps, id, commentForm(unique('用例权限意见正文')), {
    bucket: `consult:${id}`,
    address: `10.79.${Math.floor(serial / 250) % 250}.${(serial += 1) % 250}`,
    token: challenge.token,
    work: solveWork(challenge.token, challenge.workBits),
  });
  const [comment] = await deps.store.consultations.listComments(id);
  return comment!.id;
}

/** A request for disclosure from the public form; nobody here belongs to the handling department. */
async function disclosureRequest(): Promise<{ id: number; fileId: number }> {
  const { number } = await submitDisclosureRequest(deps, disclosureSubmission(siteId));
  const record = await deps.store.disclosure.getByNumber(number);
  const [file] = await deps.store.disclosure.files(record!.id);
  return { id: record!.id, fileId: file!.id };
}

/** A day far in the future that no other row uses. */
function calendarDate(): string {
  serial += 1;
  return `2091-${String(1 + (serial % 12)).padStart(2, '0')}-${String(1 + (serial % 28)).padStart(2, '0')}`;
}

async function calendarOverride(): Promise<string> {
  const date = calendarDate();
  await app.setCalendarDay(deps, system, { date, kind: 'holiday', name: '测试假日', source: '' });
  return date;
}

/**
 * A spare site without its 政府信息公开 section (its columns removed, deepest first, before any article), so
 * that the section can be created there again.
 */
async function siteWithoutDisclosureSection(): Promise<number> {
  const site = await spareSite();
  const columns = await deps.store.columns.listBySite(site);
  const depth = (id: number | null): number =>
    id === null ? 0 : 1 + depth(columns.find((c) => c.id === id)?.parentId ?? null);
  for (const c of [...columns].sort((a, b) => depth(b.id) - depth(a.id)))
    await app.deleteColumn(deps, system, c.id);
  return site;
}

/** The same person holding on `site` the roles they hold on the test site (the installation-wide ones kept). */
function movedTo(p: Principal, site: number): Principal {
  if (p.kind !== 'user') return p;
  const grants = p.user.grants.map((g) => (g.siteId === siteId ? { ...g, siteId: site } : g));
  return { ...p, user: { ...p.user, grants } };
}

interface Expectation {
  readonly allow: readonly Who[];
  /** Prepares a target of its own (as other people) and calls the use case as `p`. */
  readonly call: (p: Principal) => Promise<unknown>;
  /** Why the system may not use it (it may use everything else). */
  readonly notSystem?: string;
}

const TABLE: Readonly<Record<string, Expectation>> = {
  // Accounts and roles (三员分立).
  createUser: {
    allow: ACCOUNTS,
    call: (p) => {
      const username = unique('ucnew');
      return createUser(deps, p, { username, displayName: username, grants: [] });
    },
  },
  listUsers: { allow: [...ACCOUNTS, ...ROLE_ASSIGNER], call: (p) => app.listUsers(deps, p) },
  disableUser: { allow: ACCOUNTS, call: async (p) => app.disableUser(deps, p, await account()) },
  enableUser: { allow: ACCOUNTS, call: async (p) => app.enableUser(deps, p, await account()) },
  resetPassword: { allow: ACCOUNTS, call: async (p) => app.resetPassword(deps, p, await account()) },
  setGrants: {
    allow: ROLE_ASSIGNER,
    call: async (p) => app.setGrants(deps, p, await account(), [{ role: 'editor', siteId, columnId: null }]),
  },
  // The audit log.
  listAudit: { allow: AUDITOR, call: (p) => app.listAudit(deps, p, {}, undefined) },
  exportAudit: { allow: AUDITOR, call: (p) => app.exportAudit(deps, p, {}, 'json') },
  verifyAudit: { allow: AUDITOR, call: (p) => app.verifyAudit(deps, p) },
  // Sites and columns.
  // The system (CLI, demo) or the platform's system administrator (README: add sites); addSite adds columns.
  createSite: {
    allow: PLATFORM_MANAGER,
    call: async (p) => {
      const { input } = await siteInput();
      const slug = unique('ucsite');
      return app.createSite(deps, p, { ...input, slug, hosts: [`${slug}.example.gov.cn`] });
    },
  },
  listSitesFor: { allow: WHO, call: (p) => app.listSitesFor(deps, p) },
  readSiteForAdmin: { allow: SITE_ROLES, call: (p) => app.readSiteForAdmin(deps, p, siteId) },
  updateSite: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const { input, at } = await siteInput();
      return app.updateSite(deps, p, siteId, input, at);
    },
  },
  listColumnsOfSite: { allow: SITE_ROLES, call: (p) => app.listColumnsOfSite(deps, p, siteId) },
  readColumnTree: { allow: SITE_ROLES, call: (p) => app.readColumnTree(deps, p, siteId) },
  createColumn: {
    allow: SITE_ADMIN,
    call: (p) =>
      createColumn(deps, p, {
        siteId,
        parentId: null,
        slug: unique('ucc'),
        name: unique('栏目'),
        kind: 'news',
      }),
  },
  updateColumn: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const made = await column();
      return app.updateColumn(deps, p, made.id, { name: unique('改名栏目'), kind: 'news' }, made.updatedAt);
    },
  },
  moveColumn: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const made = await column();
      return app.moveColumn(deps, p, made.id, { parentId: null, position: 0 }, made.updatedAt);
    },
  },
  deleteColumn: { allow: SITE_ADMIN, call: async (p) => app.deleteColumn(deps, p, (await column()).id) },
  readDashboard: { allow: SITE_ROLES, call: (p) => app.readDashboard(deps, p, siteId) },
  readMe: { allow: WHO, call: (p) => app.readMe(deps, p), notSystem: 'the system has no account to show' },
  // Articles.
  createArticle: { allow: WRITERS, call: (p) => createArticle(deps, p, siteId, draftOf()) },
  listArticlesForAdmin: { allow: READERS, call: (p) => app.listArticlesForAdmin(deps, p, { siteId }) },
  listArticleAuthors: { allow: READERS, call: (p) => app.listArticleAuthors(deps, p, siteId) },
  readArticleForAdmin: {
    allow: ARTICLE_READERS,
    call: async (p) => app.readArticleForAdmin(deps, p, await article('published')),
  },
  readArticlePreview: {
    allow: ARTICLE_READERS,
    call: async (p) => app.readArticlePreview(deps, p, await article('published')),
  },
  previewDraft: { allow: READERS, call: (p) => app.previewDraft(deps, p, siteId, draftOf()) },
  checkDraft: { allow: READERS, call: (p) => app.checkDraft(deps, p, siteId, draftOf()) },
  updateArticle: {
    allow: ['editor'],
    call: async (p) => {
      const id = await article('draft');
      return updateArticle(deps, p, id, await versionOf(id), { ...draftOf(), bodyHtml: '<p>改</p>' });
    },
  },
  amendArticle: {
    allow: [],
    call: async (p) =>
      app.amendArticle(deps, p, await article('published'), { subtitle: '（已修订）' }, '修订文件'),
  },
  deleteDraft: {
    allow: ['editor'],
    call: async (p) => {
      const id = await article('draft');
      return app.deleteDraft(deps, p, id, await versionOf(id));
    },
  },
  runBulkAction: {
    allow: READERS,
    // Open to every reader of the site; each article is then refused or not by its own rules, reported in
    // the result.
    call: async (p) => {
      const id = await article('draft');
      return app.runBulkAction(deps, p, siteId, { type: 'move', columnId }, [
        { id, version: await versionOf(id) },
      ]);
    },
  },
  submitArticle: {
    allow: ['editor'],
    call: async (p) => {
      const id = await article('draft');
      return submitArticle(deps, p, id, await versionOf(id));
    },
  },
  approveArticle: {
    allow: ['reviewer-1'],
    call: async (p) => {
      const id = await article('submitted');
      return approveArticle(deps, p, id, '', await versionOf(id));
    },
  },
  rejectArticle: {
    allow: ['reviewer-1'],
    call: async (p) => {
      const id = await article('submitted');
      return app.rejectArticle(deps, p, id, '请补充', await versionOf(id));
    },
  },
  publishArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('ready');
      return publishArticle(deps, p, id, {}, await versionOf(id));
    },
  },
  scheduleArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('ready');
      return app.scheduleArticle(deps, p, id, later(), await versionOf(id));
    },
  },
  unscheduleArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('scheduled');
      return app.unscheduleArticle(deps, p, id, await versionOf(id));
    },
  },
  withdrawArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('published');
      return app.withdrawArticle(deps, p, id, '内容调整', await versionOf(id));
    },
  },
  restoreArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('withdrawn');
      return app.restoreArticle(deps, p, id, await versionOf(id));
    },
  },
  archiveArticle: {
    allow: PUBLISHERS,
    call: async (p) => {
      const id = await article('withdrawn');
      return app.archiveArticle(deps, p, id, await versionOf(id));
    },
  },
  listUrgentCorrections: { allow: URGENT_REVIEWERS, call: (p) => app.listUrgentCorrections(deps, p, siteId) },
  reviewUrgentCorrection: {
    allow: URGENT_REVIEWERS,
    call: async (p) => app.reviewUrgentCorrection(deps, p, await urgentCorrection()),
  },
  // Revisions.
  listArticleRevisions: {
    allow: ARTICLE_READERS,
    call: async (p) => app.listArticleRevisions(deps, p, await article('published')),
  },
  readRevisionDiff: {
    allow: ARTICLE_READERS,
    call: async (p) => {
      const id = await article('published');
      const [to, from] = (await deps.store.revisions.list(id)).map((r) => r.id);
      return app.readRevisionDiff(deps, p, id, from ?? to!, to!);
    },
  },
  restoreRevision: {
    allow: ['editor'],
    call: async (p) => {
      const { id, revisions } = await revised();
      return app.restoreRevision(deps, p, id, revisions.at(-1)!, await versionOf(id));
    },
  },
  // Series.
  listSeries: { allow: READERS, call: (p) => app.listSeries(deps, p, siteId) },
  readSeriesForAdmin: {
    allow: READERS,
    call: async (p) => app.readSeriesForAdmin(deps, p, (await series(false)).id),
  },
  readSeriesWithMembers: {
    allow: READERS,
    call: async (p) => app.readSeriesWithMembers(deps, p, (await series(false)).id),
  },
  createSeries: {
    allow: SERIES_MANAGERS,
    call: (p) =>
      createSeries(deps, p, {
        siteId,
        columnId: null,
        slug: unique('uc-s-'),
        title: unique('合集'),
        label: '',
        leadHtml: '',
        source: '',
        editor: '',
        memberIds: [],
      }),
  },
  updateSeries: {
    allow: SERIES_MANAGERS,
    call: async (p) => {
      const made = await series(false);
      return app.updateSeries(deps, p, made.id, made.version, {
        columnId: null,
        slug: unique('uc-s-'),
        title: unique('改名合集'),
        label: '',
        leadHtml: '',
        source: '',
        editor: '',
      });
    },
  },
  setSeriesMembers: {
    allow: SERIES_MANAGERS,
    call: async (p) => {
      const made = await series(false);
      return app.setSeriesMembers(deps, p, made.id, made.version, [await article('published')]);
    },
  },
  publishSeries: {
    allow: PUBLISHERS,
    call: async (p) => {
      const made = await series(false);
      return app.publishSeries(deps, p, made.id, undefined, made.version);
    },
  },
  withdrawSeries: {
    allow: PUBLISHERS,
    call: async (p) => {
      const made = await series(true);
      return app.withdrawSeries(deps, p, made.id, made.version);
    },
  },
  // The media library.
  uploadMedia: { allow: WRITERS, call: async (p) => uploadMedia(deps, p, await incoming(), { siteId }) },
  listMedia: { allow: WRITERS, call: (p) => app.listMedia(deps, p, { siteId, page: 1, pageSize: 20 }) },
  getMedia: { allow: WRITERS, call: async (p) => app.getMedia(deps, p, await media()) },
  mediaUsage: { allow: WRITERS, call: async (p) => app.mediaUsage(deps, p, await media()) },
  replaceMedia: {
    allow: ['editor'],
    call: async (p) => app.replaceMedia(deps, p, await media(), await incoming()),
  },
  deleteMedia: { allow: ['editor'], call: async (p) => app.deleteMedia(deps, p, await media()) },
  // Site terms: the checks' and the search's.
  listCheckTerms: { allow: SITE_ADMIN, call: (p) => app.listCheckTerms(deps, p, siteId) },
  addCheckTerm: {
    allow: SITE_ADMIN,
    call: (p) => app.addCheckTerm(deps, p, { siteId, kind: 'allowed', term: unique('允许词') }),
  },
  removeCheckTerm: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const term = await app.addCheckTerm(deps, system, { siteId, kind: 'allowed', term: unique('允许词') });
      return app.removeCheckTerm(deps, p, term.id);
    },
  },
  listSearchTerms: { allow: SITE_ADMIN, call: (p) => app.listSearchTerms(deps, p, siteId) },
  addSearchTerm: { allow: SITE_ADMIN, call: (p) => app.addSearchTerm(deps, p, siteId, unique('检索词')) },
  removeSearchTerm: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const term = await app.addSearchTerm(deps, system, siteId, unique('检索词'));
      return app.removeSearchTerm(deps, p, term.id);
    },
  },
  // The platform's sites.
  addSite: {
    allow: PLATFORM_MANAGER,
    call: (p) => {
      const name = unique('ucplat');
      return app.addSite(deps, p, { name: `${name}区人民政府`, hosts: [`${name}.example.gov.cn`] });
    },
  },
  setSiteStatus: {
    allow: PLATFORM_MANAGER,
    call: async (p) => app.setSiteStatus(deps, p, await spareSite(), 'disabled'),
  },
  listPlatformSites: { allow: PLATFORM_READERS, call: (p) => app.listPlatformSites(deps, p) },
  // 转载 between the sites of the platform (README: Roles).
  offerRelay: {
    allow: RELAY_OFFERERS,
    call: async (p) =>
      app.offerRelay(deps, p, { articleId: await article('published'), targetSiteId: await spareSite() }),
  },
  listRelays: { allow: RELAY_READERS, call: (p) => app.listRelays(deps, p, siteId) },
  acceptRelay: {
    allow: RELAY_ACCEPTERS,
    call: async (p) => app.acceptRelay(deps, p, await offeredRelay(), columnId),
  },
  declineRelay: {
    allow: RELAY_ACCEPTERS,
    call: async (p) => app.declineRelay(deps, p, await offeredRelay(), '本站已另行发布'),
  },
  detachRelay: { allow: RELAY_ACCEPTERS, call: async (p) => app.detachRelay(deps, p, await acceptedRelay()) },
  takeRelayUpdate: {
    // An edit of the copy, in review at the first level: its writers and the first-level reviewer.
    allow: ['editor', 'reviewer-1'],
    call: async (p) => app.takeRelayUpdate(deps, p, await acceptedRelay(true)),
  },
  readPlatformQueue: { allow: PLATFORM_READERS, call: (p) => app.readPlatformQueue(deps, p) },
  // The distribution of the static output (a distributor stands in for the publishing process's).
  readDistribution: { allow: PLATFORM_READERS, call: (p) => app.readDistribution(deps, p) },
  retryDistribution: {
    allow: PLATFORM_MANAGER,
    call: (p) => {
      deps.distribution?.attach({
        status: () => [],
        run: () => Promise.resolve([{ name: 'www', result: 'up-to-date' }]),
      });
      return app.retryDistribution(deps, p, null);
    },
  },
  // The site's self-check (inspection) and the monitor's probes.
  inspectSite: { allow: SITE_ADMIN, call: (p) => app.inspectSite(deps, p, siteId) },
  runInspection: { allow: SITE_ADMIN, call: (p) => app.runInspection(deps, p, siteId) },
  readInspections: { allow: SITE_ADMIN, call: (p) => app.readInspections(deps, p, siteId) },
  recordAvailabilityProbe: {
    // Written by `gazette monitor` as the system; a person needs the site's settings permission.
    allow: SITE_ADMIN,
    call: (p) =>
      app.recordAvailabilityProbe(deps, p, {
        siteId,
        url: `https://example.gov.cn/${unique('probe')}`,
        at: t.clock.now(),
        status: 200,
        ttfbMs: 10,
        totalMs: 20,
        ok: true,
        error: null,
        tlsValidTo: null,
        addresses: ['192.0.2.1'],
      }),
  },
  // Search synonyms.
  listSearchSynonyms: { allow: SITE_ADMIN, call: (p) => app.listSearchSynonyms(deps, p, siteId) },
  addSearchSynonym: {
    allow: SITE_ADMIN,
    call: (p) => app.addSearchSynonym(deps, p, { siteId, term: unique('简称'), synonym: unique('全称') }),
  },
  removeSearchSynonym: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const made = await app.addSearchSynonym(deps, system, {
        siteId,
        term: unique('简称'),
        synonym: unique('全称'),
      });
      return app.removeSearchSynonym(deps, p, made.id);
    },
  },
  // The working-day calendar (installation-wide overrides, edited by site administrators).
  readCalendar: { allow: SITE_ADMIN, call: (p) => app.readCalendar(deps, p, 2026) },
  setCalendarDay: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.setCalendarDay(deps, p, { date: calendarDate(), kind: 'workday', name: '本地调休', source: '' }),
  },
  removeCalendarDay: {
    allow: SITE_ADMIN,
    call: async (p) => app.removeCalendarDay(deps, p, await calendarOverride()),
  },
  // Departments.
  listDepartments: { allow: SITE_ADMIN, call: (p) => app.listDepartments(deps, p, siteId) },
  departmentCandidates: { allow: SITE_ADMIN, call: (p) => app.departmentCandidates(deps, p, siteId) },
  createDepartment: {
    allow: SITE_ADMIN,
    call: (p) => app.createDepartment(deps, p, { siteId, name: unique('新部门') }),
  },
  renameDepartment: {
    allow: SITE_ADMIN,
    call: async (p) => app.renameDepartment(deps, p, await department(), unique('改名部门')),
  },
  setDepartmentMembers: {
    allow: SITE_ADMIN,
    call: async (p) => app.setDepartmentMembers(deps, p, await department(), []),
  },
  deleteDepartment: {
    allow: SITE_ADMIN,
    call: async (p) => app.deleteDepartment(deps, p, await department()),
  },
  // 互动交流: channels and settings (site administrators), letters.
  manageChannels: { allow: SITE_ADMIN, call: (p) => app.manageChannels(deps, p, siteId) },
  createChannel: {
    allow: SITE_ADMIN,
    call: async (p) =>
      app.createChannel(deps, p, {
        siteId,
        kind: 'leader',
        name: unique('书记信箱'),
        departmentId: await department(),
        columnId,
      }),
  },
  updateChannel: {
    allow: SITE_ADMIN,
    call: async (p) =>
      app.updateChannel(deps, p, await channel(), {
        kind: 'consult',
        name: unique('改名渠道'),
        departmentId: await department(),
        columnId,
      }),
  },
  setRetentionDays: { allow: SITE_ADMIN, call: (p) => app.setRetentionDays(deps, p, siteId, 400) },
  // The inbox answers anyone with a role on the site (each sees the letters of their departments and reviews).
  listInbox: { allow: READERS, call: (p) => app.listInbox(deps, p, { siteId }) },
  // A letter just received: its department (no one here) and the site's managers.
  readLetter: { allow: SITE_ADMIN, call: async (p) => app.readLetter(deps, p, await letter()) },
  handleLetter: {
    allow: SITE_ADMIN,
    call: async (p) =>
      app.handleLetter(deps, p, await letter(), 1, {
        type: 'invalid',
        kind: 'spam',
        reason: '用例权限：垃圾信息',
      }),
  },
  listOverdue: { allow: SITE_ADMIN, call: (p) => app.listOverdue(deps, p, siteId) },
  monthlyStatistics: { allow: SITE_ADMIN, call: (p) => app.monthlyStatistics(deps, p, siteId, 2026) },
  statisticsWorkbook: { allow: SITE_ADMIN, call: (p) => app.statisticsWorkbook(deps, p, siteId, 2026) },
  // 意见征集: the site's administrators.
  listConsultations: { allow: SITE_ADMIN, call: (p) => app.listConsultations(deps, p, siteId) },
  createConsultation: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.createConsultation(
        deps,
        p,
        siteId,
        consultationDraft(unique('用例权限意见稿'), t.clock.now().slice(0, 10), 'open'),
      ),
  },
  readConsultation: {
    allow: SITE_ADMIN,
    call: async (p) => app.readConsultation(deps, p, (await consultation('open')).id),
  },
  updateConsultation: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const { id, version } = await consultation('open');
      return app.updateConsultation(
        deps,
        p,
        id,
        version,
        consultationDraft(unique('用例权限改稿'), t.clock.now().slice(0, 10), 'open'),
      );
    },
  },
  withdrawConsultation: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const { id, version } = await consultation('open');
      return app.withdrawConsultation(deps, p, id, version, true, '用例权限：误发');
    },
  },
  publishFeedback: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const { id, version } = await consultation('closed');
      return app.publishFeedback(deps, p, id, version, '采纳了关于权限测试的三条意见，理由是符合上位法。');
    },
  },
  moderateComment: {
    allow: SITE_ADMIN,
    call: async (p) => app.moderateComment(deps, p, await consultationComment(), 1, 'approved', ''),
  },
  readConsultationSettings: {
    allow: SITE_ADMIN,
    call: (p) => app.readConsultationSettings(deps, p, siteId),
  },
  saveConsultationSettings: {
    allow: SITE_ADMIN,
    call: (p) => app.saveConsultationSettings(deps, p, { siteId, showComments: true, feedbackDays: 30 }),
  },
  consultationStatistics: {
    allow: SITE_ADMIN,
    call: (p) => app.consultationStatistics(deps, p, siteId, 2026),
  },
  // Requests for disclosure (依申请公开): settings are the site administrator's; the requests are the handling
  // department's, a group of accounts, not a role: no role reaches them (the system does).
  readDisclosureSettings: { allow: SITE_ADMIN, call: (p) => app.readDisclosureSettings(deps, p, siteId) },
  saveDisclosureSettings: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.saveDisclosureSettings(deps, p, { siteId, departmentId: null, retentionDays: 365 + (serial += 1) }),
  },
  listDisclosureInbox: { allow: [], call: (p) => app.listDisclosureInbox(deps, p, siteId) },
  readDisclosureRequest: {
    allow: [],
    call: async (p) => app.readDisclosureRequest(deps, p, (await disclosureRequest()).id),
  },
  readIdentityFile: {
    allow: [],
    call: async (p) => {
      const { id, fileId } = await disclosureRequest();
      return app.readIdentityFile(deps, p, id, fileId);
    },
  },
  actOnDisclosureRequest: {
    allow: [],
    call: async (p) =>
      app.actOnDisclosureRequest(deps, p, (await disclosureRequest()).id, 1, { step: 'register' }),
  },
  // Visit statistics: read by whoever reads the site's articles; a log imported by the site's administrators.
  readVisitStats: {
    allow: READERS,
    call: (p) => app.readVisitStats(deps, p, siteId, { from: '2026-11-01', to: '2026-11-30' }),
  },
  importAccessLog: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.importAccessLog(deps, p, siteId, { digest: unique('log'), name: 'access.log', lines: [] }),
  },
  // The annual website report (政府网站工作年度报表).
  buildWebsiteReport: { allow: SITE_ADMIN, call: (p) => app.buildWebsiteReport(deps, p, siteId, 2026) },
  publishWebsiteReport: {
    // Written into the 年度报表 column by whoever may write there (published or left for review).
    allow: WRITERS,
    call: async (p) => {
      const columns = await deps.store.columns.listBySite(siteId);
      if (!columns.some((c) => c.slug === 'ucndbb'))
        await createColumn(deps, system, {
          siteId,
          parentId: null,
          slug: 'ucndbb',
          name: '政府网站年度报表',
          kind: 'notice',
        });
      return app.publishWebsiteReport(deps, p, siteId, 2026);
    },
  },
  // The annual report on government information disclosure.
  buildXxgkReport: { allow: SITE_ADMIN, call: (p) => app.buildXxgkReport(deps, p, siteId, 2026) },
  saveXxgkReportTexts: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.saveXxgkReportTexts(deps, p, { siteId, year: 2026, office: { overview: unique('总体情况') } }),
  },
  // The 政府信息公开 section's columns (as creating columns), on a site of its own.
  createDisclosureSection: {
    allow: SITE_ADMIN,
    call: async (p) => {
      const site = await siteWithoutDisclosureSection();
      return app.createDisclosureSection(deps, movedTo(p, site), site);
    },
  },
  // Policy documents and their 解读.
  readPolicyDocument: {
    allow: ARTICLE_READERS,
    call: async (p) => app.readPolicyDocument(deps, p, await policyDocument('published')),
  },
  savePolicyDocument: {
    // Someone else's draft: only edit-any.
    allow: ['editor'],
    call: async (p) => app.savePolicyDocument(deps, p, await article('draft'), POLICY_FIELDS, null),
  },
  recordSecrecyReview: {
    allow: ['reviewer-1', 'reviewer-2', 'reviewer-3', 'publisher', 'chief-publisher'],
    call: async (p) => app.recordSecrecyReview(deps, p, await policyDocument('draft'), true, ''),
  },
  linkInterpretation: {
    // The 解读 is someone else's draft: only edit-any.
    allow: ['editor'],
    call: async (p) =>
      app.linkInterpretation(deps, p, await policyDocument('draft'), await article('draft'), 'text'),
  },
  unlinkInterpretation: {
    allow: ['editor'],
    call: async (p) => {
      const policy = await policyDocument('draft');
      const explained = await article('draft');
      await app.linkInterpretation(deps, system, policy, explained, 'text');
      return app.unlinkInterpretation(deps, p, policy, explained);
    },
  },
  readPolicySettings: { allow: READERS, call: (p) => app.readPolicySettings(deps, p, siteId) },
  savePolicySettings: {
    allow: SITE_ADMIN,
    call: (p) =>
      app.savePolicySettings(deps, p, siteId, {
        indexPattern: '{code}/{yyyy}-{seq:5}',
        indexCode: '11150000MB0123456X',
        themes: [{ name: '综合政务', children: ['政务公开'] }],
        interpretationDays: 5,
      }),
  },
};

/** The exported functions of src/app whose first two parameters are `deps` and a principal. */
function useCasesOfApp(): string[] {
  return Object.entries(app)
    .filter(([, value]) => typeof value === 'function')
    .filter(([, value]) => {
      const head = Function.prototype.toString.call(value).slice(0, 300).replace(/\s+/g, ' ');
      return /^(?:async\s+)?(?:function\*?\s*\w*\s*)?\(\s*deps\s*,\s*(?:principal|p)\s*[,)]/.test(head);
    })
    .map(([name]) => name)
    .sort();
}

/** A refusal: forbidden, not found for what the person may not know exists, or not signed in. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isGazetteError(error) && ['forbidden', 'not-found', 'unauthorised'].includes(error.kind))
      return error.code;
    throw error;
  }
  return 'allowed';
}

beforeAll(async () => {
  t = await startTestGazette();
  deps = t.gazette.deps;
  siteId = (await deps.store.sites.list())[0]!.id;
  // One review level: the fewest steps from a draft to a published article.
  columnId = (
    await createColumn(deps, system, {
      siteId,
      parentId: null,
      slug: 'ucmatrix',
      name: '用例权限栏目',
      kind: 'news',
      reviewLevels: 1,
    })
  ).id;
  for (const who of WHO) people.set(who, await personWith(who === 'no-role' ? null : who));
  author = await personWith('contributor');
  reviewer = await personWith('reviewer-1');
  publisher = await personWith('publisher');
  chief = await personWith('chief-publisher');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('every use case decides who may use it', () => {
  it('names every use case of src/app in the table', () => {
    const missing = useCasesOfApp().filter((name) => !(name in TABLE) && !(name in NOT_USE_CASES));
    expect(missing).toEqual([]);
    const stale = Object.keys(TABLE).filter((name) => !useCasesOfApp().includes(name));
    expect(stale).toEqual([]);
  });

  describe.each(Object.entries(TABLE))('%s', (_name, expectation) => {
    const refused = WHO.filter((who) => !expectation.allow.includes(who));
    if (refused.length > 0) {
      it.each(refused)('refuses %s', async (who) => {
        expect(await refusal(expectation.call(people.get(who)!))).not.toBe('allowed');
      });
    }
    if (expectation.allow.length > 0) {
      it.each(expectation.allow)('allows %s', async (who) => {
        expect(await refusal(expectation.call(people.get(who)!))).toBe('allowed');
      });
    }
    it(expectation.notSystem ? 'refuses the system' : 'allows the system', async () => {
      expect(await refusal(expectation.call(system))).toBe(
        expectation.notSystem ? 'GZ_NOT_SIGNED_IN' : 'allowed',
      );
    });
  });
});
