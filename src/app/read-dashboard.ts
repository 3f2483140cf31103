import {
  columnTrail,
  descendantIds,
  GazetteError,
  reachesSite,
  GLOBAL_ROLES,
  permissionsOn,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  SECOND_FACTOR_ROLES,
  type ArticleStatus,
  type Column,
  type ColumnKind,
  type Grant,
  type Permission,
  type Principal,
  type Role,
  type Site,
  type User,
} from '../core/index.js';
import type { AppDeps } from './deps.js';
import type { AdminArticleRow, ColumnArticleStats } from './ports.js';
import { listArticlesForAdmin, visibleArticleFilter, type AdminArticleList } from './read-admin.js';

export interface SitePermissions {
  readonly id: number;
  readonly name: string;
  /** Where the public site is and the hosts it answers on: the admin may be on a host of its own. */
  readonly baseUrl: string;
  readonly hosts: readonly string[];
  /** What the user may do anywhere on the site. */
  readonly permissions: readonly Permission[];
  /** Everything the user may do somewhere on the site (the site or any of its columns). */
  readonly anyColumn: readonly Permission[];
  /** Columns where the user may do something else than site-wide (column-scoped grants), by column id. */
  readonly columns: Readonly<Record<string, readonly Permission[]>>;
}

export interface MeView {
  readonly user: {
    readonly id: number;
    readonly username: string;
    readonly displayName: string;
    readonly mustChangePassword: boolean;
    readonly totpEnabled: boolean;
  };
  readonly roles: readonly (Grant & { readonly label: string })[];
  /** Installation-wide permissions (accounts, roles, security settings, the audit log). */
  readonly global: readonly Permission[];
  readonly sites: readonly SitePermissions[];
}

const sorted = (permissions: ReadonlySet<Permission>): Permission[] => [...permissions].sort();

function sitePermissions(user: User, site: Site, columns: readonly Column[]): SitePermissions {
  const siteWide = permissionsOn(user.grants, { siteId: site.id, columnTrail: [] });
  const anyColumn = new Set(siteWide);
  const byColumn: Record<string, Permission[]> = {};
  // Only column-scoped grants make a column differ from the site: skip the walk when there are none.
  if (user.grants.some((g) => g.columnId !== null && g.siteId === site.id)) {
    for (const column of columns) {
      const here = permissionsOn(user.grants, {
        siteId: site.id,
        columnTrail: columnTrail(columns, column.id).map((c) => c.id),
      });
      for (const p of here) anyColumn.add(p);
      if (here.size !== siteWide.size) byColumn[String(column.id)] = sorted(here);
    }
  }
  return {
    id: site.id,
    name: site.name,
    baseUrl: site.baseUrl,
    hosts: site.hosts,
    permissions: sorted(siteWide),
    anyColumn: sorted(anyColumn),
    columns: byColumn,
  };
}

/** Who is signed in and what they may do where: the admin shows only the menus and buttons allowed here. */
export async function readMe(deps: AppDeps, principal: Principal): Promise<MeView> {
  if (principal.kind !== 'user') throw new GazetteError('GZ_NOT_SIGNED_IN');
  const { user } = principal;
  const sites = (await deps.store.sites.list()).filter((site) => reachesSite(principal, site.id));
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      totpEnabled: user.totpEnabled,
    },
    roles: user.grants.map((grant) => ({ ...grant, label: ROLE_LABELS[grant.role] })),
    global: sorted(permissionsOn(user.grants, { siteId: null })),
    // Columns are read only for a site where a grant is narrowed to a column: a platform's operator or
    // administrator reaches every one of hundreds of sites, and needs no column tree for any.
    sites: await Promise.all(
      sites.map(async (site) =>
        sitePermissions(
          user,
          site,
          user.grants.some((g) => g.columnId !== null && g.siteId === site.id)
            ? await deps.store.columns.listBySite(site.id)
            : [],
        ),
      ),
    ),
  };
}

export interface RoleInfo {
  readonly role: Role;
  readonly label: string;
  /** Installation-wide (granted with siteId and columnId null) rather than per site. */
  readonly global: boolean;
  readonly needsTotp: boolean;
  readonly permissions: readonly Permission[];
}

/** The roles there are, for the users screen. */
export function listRoles(): RoleInfo[] {
  return ROLES.map((role) => ({
    role,
    label: ROLE_LABELS[role],
    global: GLOBAL_ROLES.has(role),
    needsTotp: SECOND_FACTOR_ROLES.has(role),
    permissions: [...ROLE_PERMISSIONS[role]],
  }));
}

export type FreshnessState = 'stale' | 'at-risk' | 'blank';

export interface ColumnFreshness {
  readonly columnId: number;
  readonly name: string;
  readonly path: string;
  readonly kind: ColumnKind;
  readonly freshnessDays: number;
  /** The newest published article in the column or below it. */
  readonly lastPublishedAt: string | null;
  readonly dueAt: string | null;
  /** Whole days until due; negative when overdue; null for a blank column. */
  readonly daysLeft: number | null;
  readonly state: FreshnessState;
}

/** The home page must change at least every two weeks (inspection veto). */
export const HOME_FRESHNESS_DAYS = 14;
/** Five stale columns, or five blank ones, fail the whole site (inspection veto). */
export const VETO_COLUMN_COUNT = 5;
const DAY_MS = 86_400_000;

/** Warn this many days ahead: 3, or a fifth of the rule for long ones (36 days of 180). */
const warningDays = (freshnessDays: number): number => Math.max(3, Math.ceil(freshnessDays / 5));

/**
 * Columns that are stale, about to be, or have never had content, worst first (docs/gov-rules.md: news columns
 * 2 weeks, notices and policies 6 months; a column is as fresh as the newest article in it or below it).
 */
export function columnFreshness(
  columns: readonly Column[],
  stats: ReadonlyMap<number, ColumnArticleStats>,
  now: string,
): ColumnFreshness[] {
  const nowMs = Date.parse(now);
  const result: ColumnFreshness[] = [];
  for (const column of columns) {
    if (column.freshnessDays === null || column.kind === 'link' || column.kind === 'page') continue;
    let last: string | null = null;
    for (const id of descendantIds(columns, column.id)) {
      const at = stats.get(id)?.lastPublishedAt ?? null;
      if (at !== null && (last === null || at > last)) last = at;
    }
    const base = {
      columnId: column.id,
      name: column.name,
      path: column.path,
      kind: column.kind,
      freshnessDays: column.freshnessDays,
      lastPublishedAt: last,
    };
    if (last === null) {
      result.push({ ...base, dueAt: null, daysLeft: null, state: 'blank' });
      continue;
    }
    const dueMs = Date.parse(last) + column.freshnessDays * DAY_MS;
    const daysLeft = Math.floor((dueMs - nowMs) / DAY_MS);
    const state: FreshnessState | null =
      dueMs <= nowMs ? 'stale' : daysLeft <= warningDays(column.freshnessDays) ? 'at-risk' : null;
    if (state) result.push({ ...base, dueAt: new Date(dueMs).toISOString(), daysLeft, state });
  }
  const rank: Record<FreshnessState, number> = { stale: 0, blank: 1, 'at-risk': 2 };
  return result.sort(
    (a, b) =>
      rank[a.state] - rank[b.state] || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.path.localeCompare(b.path),
  );
}

export interface DashboardCounts {
  readonly draft: number;
  readonly inReview: number;
  readonly approved: number;
  readonly scheduled: number;
  readonly published: number;
  readonly withdrawn: number;
  readonly archived: number;
  readonly myDrafts: number;
  readonly waitingForMe: number;
}

export interface Dashboard {
  readonly siteId: number;
  readonly now: string;
  /** Articles the user may see, by status. */
  readonly counts: DashboardCounts;
  readonly myDrafts: readonly AdminArticleRow[];
  readonly waitingForMe: readonly AdminArticleRow[];
  readonly recentlyPublished: readonly AdminArticleRow[];
  readonly columns: readonly ColumnFreshness[];
  readonly home: { readonly lastPublishedAt: string | null; readonly stale: boolean };
  readonly veto: { readonly staleColumns: number; readonly blankColumns: number; readonly failing: boolean };
}

const DASHBOARD_ROWS = 10;

/**
 * The start screen of the admin: my drafts, what waits for my decision, what was published lately, and the
 * columns an inspector would find stale. Lists hold only what the user may see.
 */
export async function readDashboard(deps: AppDeps, principal: Principal, siteId: number): Promise<Dashboard> {
  const { store } = deps;
  if (!reachesSite(principal, siteId) || !(await store.sites.get(siteId))) {
    throw new GazetteError('GZ_SITE_NOT_FOUND', String(siteId));
  }
  const now = deps.clock.now();
  const empty: AdminArticleList = { items: [], total: 0, page: 1, pages: 1, nextCursor: null };
  // Holders of installation-wide roles only (system, security, audit) see no articles: empty lists, no error.
  const orEmpty = async <T>(work: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof GazetteError && error.code === 'GZ_FORBIDDEN') return fallback;
      throw error;
    }
  };
  const rows = { siteId, limit: DASHBOARD_ROWS };
  const mine =
    principal.kind === 'user'
      ? orEmpty(
          listArticlesForAdmin(deps, principal, { ...rows, authorId: principal.user.id, status: 'draft' }),
          empty,
        )
      : Promise.resolve(empty);
  const [myDrafts, waiting, published, visible, columns, stats] = await Promise.all([
    mine,
    waitingAcrossGrants(deps, principal, siteId, (query) =>
      orEmpty(listArticlesForAdmin(deps, principal, { ...rows, ...query, waitingForMe: true }), empty),
    ),
    orEmpty(
      listArticlesForAdmin(deps, principal, { ...rows, status: 'published', sort: 'published' }),
      empty,
    ),
    orEmpty(visibleArticleFilter(store, principal, { siteId }), null),
    store.columns.listBySite(siteId),
    store.articles.columnStatsForAdmin(siteId),
  ]);
  const byStatus = visible
    ? await store.articles.countByStatusForAdmin(visible)
    : new Map<ArticleStatus, number>();
  const count = (status: ArticleStatus): number => byStatus.get(status) ?? 0;
  const freshness = columnFreshness(columns, stats, now);
  let homeLast: string | null = null;
  for (const stat of stats.values()) {
    if (stat.lastPublishedAt !== null && (homeLast === null || stat.lastPublishedAt > homeLast)) {
      homeLast = stat.lastPublishedAt;
    }
  }
  const homeStale =
    homeLast === null || Date.parse(now) - Date.parse(homeLast) >= HOME_FRESHNESS_DAYS * DAY_MS;
  const staleColumns = freshness.filter((c) => c.state === 'stale').length;
  const blankColumns = freshness.filter((c) => c.state === 'blank').length;
  return {
    siteId,
    now,
    counts: {
      draft: count('draft'),
      inReview: count('in-review'),
      approved: count('approved'),
      scheduled: count('scheduled'),
      published: count('published'),
      withdrawn: count('withdrawn'),
      archived: count('archived'),
      myDrafts: myDrafts.total,
      waitingForMe: waiting.total,
    },
    myDrafts: myDrafts.items,
    waitingForMe: waiting.items,
    recentlyPublished: published.items,
    columns: freshness,
    home: { lastPublishedAt: homeLast, stale: homeStale },
    veto: {
      staleColumns,
      blankColumns,
      failing: homeStale || staleColumns >= VETO_COLUMN_COUNT || blankColumns >= VETO_COLUMN_COUNT,
    },
  };
}

/**
 * What waits for the principal on the site. A reviewer or publisher of some columns only (column-scoped
 * grants) decides there: their columns are asked one by one and the rows merged, newest change first.
 */
async function waitingAcrossGrants(
  deps: AppDeps,
  principal: Principal,
  siteId: number,
  list: (query: { columnId?: number }) => Promise<AdminArticleList>,
): Promise<AdminArticleList> {
  const scoped =
    principal.kind === 'user'
      ? [
          ...new Set(
            principal.user.grants.flatMap((g) =>
              g.siteId === siteId && g.columnId !== null ? [g.columnId] : [],
            ),
          ),
        ]
      : [];
  const lists = await Promise.all([list({}), ...scoped.map((columnId) => list({ columnId }))]);
  const byId = new Map<number, AdminArticleRow>();
  for (const { items } of lists) for (const row of items) byId.set(row.id, row);
  const items = [...byId.values()]
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id))
    .slice(0, DASHBOARD_ROWS);
  // Nested column grants could count a row twice; the items themselves are unique.
  const total = Math.max(
    items.length,
    lists.reduce((sum, l) => sum + l.total, 0),
  );
  return { items, total, page: 1, pages: 1, nextCursor: null };
}
