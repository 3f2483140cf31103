import {
  buildColumnTree,
  canOnPlatform,
  GazetteError,
  NO_PORTAL_SETTINGS,
  type Column,
  type ColumnKind,
  type ColumnNode,
  type Permission,
  type Principal,
  type Site,
  type SiteStatus,
} from '../core/index.js';
import { afterCommit, type AppDeps } from './deps.js';
import { HOME_FRESHNESS_DAYS } from './read-dashboard.js';
import { createColumn } from './manage-columns.js';
import { assertHostsFree, createSite } from './manage-site.js';
import type { SiteCounts } from './ports.js';
import { audit, principalName, systemPrincipal } from './principal.js';

/**
 * The sites of a platform (集约化: one installation hosts a province's sites by host name): adding one with
 * the standard column set or another site's as a template, switching one off and on, and the list the
 * platform's operators see. Only the system administrators add and switch sites (`platform.manage`); the
 * platform operators only look (`platform.read`).
 */

/** Throws `GZ_FORBIDDEN` unless the principal holds `permission` over the whole installation. */
export function requirePlatformPermission(principal: Principal, permission: Permission): void {
  if (principal.kind === 'system') return;
  if (!canOnPlatform(principal.user.grants, permission)) throw new GazetteError('GZ_FORBIDDEN', permission);
}

interface StandardColumn {
  readonly slug: string;
  readonly name: string;
  readonly kind: ColumnKind;
  readonly children?: readonly StandardColumn[];
}

/**
 * The columns every new site starts with: what the national inspection looks for on a local government
 * portal (news, 通知公告, 政策文件 and 解读, 人事信息, 专题), empty. A site then edits them like any other.
 */
export const STANDARD_COLUMNS: readonly StandardColumn[] = [
  {
    slug: 'xwzx',
    name: '新闻中心',
    kind: 'news',
    children: [
      { slug: 'zwyw', name: '政务要闻', kind: 'news' },
      { slug: 'bmdt', name: '部门动态', kind: 'news' },
      { slug: 'qxdt', name: '区县动态', kind: 'news' },
    ],
  },
  {
    slug: 'zwgk',
    name: '政务公开',
    kind: 'notice',
    children: [
      { slug: 'tzgg', name: '通知公告', kind: 'notice' },
      { slug: 'zcwj', name: '政策文件', kind: 'policy' },
      { slug: 'zcjd', name: '政策解读', kind: 'interpretation' },
      { slug: 'rsxx', name: '人事信息', kind: 'notice' },
    ],
  },
  { slug: 'ztzl', name: '专题专栏', kind: 'topic' },
];

export interface AddSiteCommand {
  readonly name: string;
  /** The hosts the site answers to, the first being its canonical one; none: it answers unclaimed hosts. */
  readonly hosts: readonly string[];
  /** Default: the first label of the first host, made unique. */
  readonly slug?: string;
  /** Default: https:// and the first host. */
  readonly baseUrl?: string;
  /** The site whose column tree (and portal links) the new site copies instead of the standard columns. */
  readonly templateSiteId?: number;
}

const SITE_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

function slugFor(command: AddSiteCommand, sites: readonly Site[]): string {
  const taken = new Set(sites.map((s) => s.slug));
  if (command.slug !== undefined) {
    if (!SITE_SLUG_PATTERN.test(command.slug))
      throw new GazetteError('GZ_INVALID_SLUG', command.slug, { field: 'slug' });
    if (taken.has(command.slug))
      throw new GazetteError('GZ_INVALID_INPUT', `another site has the slug ${command.slug}`, {
        field: 'slug',
      });
    return command.slug;
  }
  const label = (command.hosts[0] ?? '').split('.')[0] ?? '';
  const base = SITE_SLUG_PATTERN.test(label) && label !== 'www' ? label : `site${sites.length + 1}`;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Adds a site with its own (empty) identity, the standard column set or the template's, and no content: the
 * site, its hosts, its columns and the audit records in one transaction. A host another site holds, with a
 * port or in upper case is refused before anything is written.
 */
export function addSite(deps: AppDeps, principal: Principal, command: AddSiteCommand): Promise<Site> {
  return afterCommit(deps, async (store, emit) => {
    requirePlatformPermission(principal, 'platform.manage');
    const inner: AppDeps = { ...deps, store, events: { emit } };
    await assertHostsFree(store, command.hosts, null);
    const sites = await store.sites.list();
    const template =
      command.templateSiteId === undefined ? undefined : await store.sites.get(command.templateSiteId);
    if (command.templateSiteId !== undefined && !template)
      throw new GazetteError('GZ_SITE_NOT_FOUND', String(command.templateSiteId), { field: 'fromTemplate' });
    const site = await createSite(inner, principal, {
      slug: slugFor(command, sites),
      name: command.name,
      baseUrl: command.baseUrl ?? (command.hosts[0] ? `https://${command.hosts[0]}` : 'http://localhost'),
      hosts: command.hosts,
      sponsor: { name: '', address: '', phone: '', email: '', postcode: '' },
      icpRecord: '',
      policeRecord: '',
      policeRecordCode: '',
      siteCode: '',
      footerNotice: template?.footerNotice ?? '',
      language: template?.language ?? 'zh-CN',
      accounts: [],
      portal: template
        ? {
            ...NO_PORTAL_SETTINGS,
            services: template.portal.services,
            showViewCount: template.portal.showViewCount,
          }
        : NO_PORTAL_SETTINGS,
    });
    // The columns are the system's doing on behalf of the operator (who holds no column role on the site).
    const builder = systemPrincipal(`site.add:${principalName(principal)}`);
    const add = async (parentId: number | null, nodes: readonly StandardColumn[]): Promise<void> => {
      for (const [position, node] of nodes.entries()) {
        const column = await createColumn(inner, builder, { siteId: site.id, parentId, position, ...node });
        await add(column.id, node.children ?? []);
      }
    };
    if (template) {
      const copy = async (parentId: number | null, nodes: readonly ColumnNode[]): Promise<void> => {
        for (const node of nodes) {
          const c: Column = node;
          // The 政府信息公开 专栏 every new site starts with: the template's columns below it are added to it.
          const existing = await store.columns.getByPath(site.id, c.path);
          if (existing) {
            await copy(existing.id, node.children);
            continue;
          }
          const column = await createColumn(inner, builder, {
            siteId: site.id,
            parentId,
            slug: c.slug,
            name: c.name,
            kind: c.kind,
            position: c.position,
            description: c.description,
            keywords: c.keywords,
            freshnessDays: c.freshnessDays,
            linkUrl: c.linkUrl,
            reviewLevels: c.reviewLevels,
          });
          await copy(column.id, node.children);
        }
      };
      await copy(null, buildColumnTree(await store.columns.listBySite(template.id)));
    } else {
      await add(null, STANDARD_COLUMNS);
    }
    return site;
  });
}

/** Switches a site off (its hosts answer the platform's 404, its cached pages are dropped) or on again. */
export function setSiteStatus(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  status: SiteStatus,
): Promise<Site> {
  return afterCommit(deps, async (store, emit) => {
    requirePlatformPermission(principal, 'platform.manage');
    const before = await store.sites.get(siteId);
    if (!before) throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
    if (before.status === status) return before;
    if (status === 'disabled') {
      const active = (await store.sites.list()).filter((s) => s.status === 'active');
      if (active.length === 1 && active[0]?.id === siteId)
        throw new GazetteError('GZ_LAST_ACTIVE_SITE', before.name);
    }
    const now = deps.clock.now();
    const site = await store.sites.setStatus(siteId, status, now);
    await audit(store, principal, now, {
      action: status === 'disabled' ? 'site.disable' : 'site.enable',
      targetType: 'site',
      targetId: String(siteId),
      siteId,
      result: 'ok',
      summary: { name: site.name, hosts: site.hosts },
    });
    emit({ type: 'site-updated', siteId });
    return site;
  });
}

export interface PlatformSite {
  readonly site: Site;
  readonly counts: SiteCounts;
  /**
   * Nothing published for HOME_FRESHNESS_DAYS or more (or ever): the home page counts as not updated, the
   * inspection's first veto (the dashboard's `home.stale`).
   */
  readonly stale: boolean;
}

const NOTHING: SiteCounts = { columns: 0, articles: 0, published: 0, lastPublishedAt: null, inReview: 0 };

/** Every site with what it holds, for the platform's operators and `gazette site list`. */
export async function listPlatformSites(deps: AppDeps, principal: Principal): Promise<PlatformSite[]> {
  requirePlatformPermission(principal, 'platform.read');
  const [sites, counts] = await Promise.all([deps.store.sites.list(), deps.store.sites.counts()]);
  const now = Date.parse(deps.clock.now());
  return sites.map((site) => {
    const held = counts.get(site.id) ?? NOTHING;
    const last = held.lastPublishedAt === null ? null : Date.parse(held.lastPublishedAt);
    return { site, counts: held, stale: last === null || now - last >= HOME_FRESHNESS_DAYS * 86_400_000 };
  });
}
