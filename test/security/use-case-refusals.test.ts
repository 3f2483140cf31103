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
  submitArticle,
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
  PUBLISHERS,
  READERS,
  ROLE_ASSIGNER,
  SERIES_MANAGERS,
  SITE_ADMIN,
  SITE_ROLES,
  URGENT_REVIEWERS,
  WRITERS,
} from './role-sets.js';

/**
 * Every use case of src/app, called directly (no route, no session) by a person holding each role, and by a
 * person holding none. The roles allowed are written here from the README's "Roles" table, the same as in
 * test/security/authorisation-matrix.test.ts, which checks the routes; this file checks that the use cases
 * decide for themselves, so a CLI command or a new route cannot skip the check.
 *
 * Refused: the call rejects with a refusal (`forbidden`) or a not-found answer (someone else's draft, a site
 * the person holds no role on). Allowed: the same call, on a target of its own, succeeds. An exported
 * function taking `(deps, principal, …)` that this table does not name fails the suite.
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
  createSite: {
    allow: [],
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
