import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { permissionsOn, type Grant, type Permission, type Role } from '../../src/core/access';
import { api, ApiError, setCsrfToken } from './api';

/** The user as `/session` presents them. */
export interface SessionUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly Grant[];
  readonly mustChangePassword: boolean;
  readonly totpEnabled: boolean;
}

export type SignInStep = 'totp' | 'change-password' | 'enrol-totp' | 'done';

/** Sent with a successful sign-in when the account was locked since its previous one. */
export interface SignInNotice {
  readonly lockouts: number;
  readonly failedSignIns: number;
  readonly lastLockedAt: string;
}

export interface SessionView {
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly step: SignInStep;
  /** Only in the answer to the password sign-in itself. */
  readonly notice?: SignInNotice | null;
}

export interface SitePermissions {
  readonly id: number;
  readonly name: string;
  /** Where the public site is and the hosts it answers on: the admin may be on a host of its own. */
  readonly baseUrl: string;
  readonly hosts: readonly string[];
  /** What the user may do anywhere on the site. */
  readonly permissions: readonly Permission[];
  /** Union over the site and its columns: show a menu or button when the permission is here. */
  readonly anyColumn: readonly Permission[];
  readonly columns: Readonly<Record<string, readonly Permission[]>>;
}

/** `GET /me`: who is signed in and what they may do (the server still checks every request). */
export interface MeView {
  readonly user: Omit<SessionUser, 'grants'>;
  readonly roles: readonly { role: Role; label: string; siteId: number | null; columnId: number | null }[];
  readonly global: readonly Permission[];
  readonly sites: readonly SitePermissions[];
}

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signed-out'; readonly problem: ApiError | null }
  | { readonly kind: 'step'; readonly session: SessionView }
  | { readonly kind: 'ready'; readonly me: MeView };

interface Session {
  readonly state: State;
  /** Takes the answer of a sign-in step (or re-reads `/session`) and moves on. */
  advance: (view?: {
    step: SignInStep;
    csrfToken?: string;
    user?: SessionUser;
    notice?: SignInNotice | null;
  }) => Promise<void>;
  signOut: () => Promise<void>;
  /** What the sign-in had to tell the user (their account was locked meanwhile), until dismissed. */
  readonly notice: SignInNotice | null;
  dismissNotice: () => void;
}

const SessionContext = createContext<Session | null>(null);

/** `/me` built from the session's grants, for a server without the `/me` endpoint. */
async function meFromGrants(user: SessionUser): Promise<MeView> {
  const { items } = await api.get<{
    items: { id: number; name: string; baseUrl: string; hosts: string[] }[];
  }>('/sites');
  const { grants, ...rest } = user;
  const wide = grants.map((g) => ({ ...g, columnId: null }));
  return {
    user: rest,
    roles: grants.map((g) => ({ ...g, label: g.role })),
    global: [
      ...permissionsOn(
        grants.filter((g) => g.siteId === null),
        { siteId: null },
      ),
    ],
    sites: items.map((site) => ({
      id: site.id,
      name: site.name,
      baseUrl: site.baseUrl,
      hosts: site.hosts,
      permissions: [...permissionsOn(grants, { siteId: site.id, columnTrail: [] })],
      anyColumn: [...permissionsOn(wide, { siteId: site.id })],
      columns: {},
    })),
  };
}

async function loadMe(user: SessionUser): Promise<MeView> {
  try {
    return await api.get<MeView>('/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return meFromGrants(user);
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);

  const advance = useCallback(
    async (view?: { step: SignInStep; csrfToken?: string; notice?: SignInNotice | null }) => {
      try {
        if (view?.csrfToken) setCsrfToken(view.csrfToken);
        if (view?.notice) setNotice(view.notice);
        // Every step answer is followed by a fresh `/session`: it has the user as they now are.
        const session = await api.get<SessionView>('/session');
        setCsrfToken(session.csrfToken);
        if (session.step !== 'done') return setState({ kind: 'step', session });
        setState({ kind: 'ready', me: await loadMe(session.user) });
      } catch (error) {
        setCsrfToken(null);
        setState({
          kind: 'signed-out',
          problem: error instanceof ApiError && error.code !== 'GZ_NOT_SIGNED_IN' ? error : null,
        });
      }
    },
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/session');
    } finally {
      setCsrfToken(null);
      setNotice(null);
      setState({ kind: 'signed-out', problem: null });
    }
  }, []);

  useEffect(() => {
    void advance();
  }, [advance]);

  const value = useMemo(
    () => ({ state, advance, signOut, notice, dismissNotice }),
    [state, advance, signOut, notice, dismissNotice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person and the site being worked on; only used below the sign-in screens. */
export interface Workspace {
  readonly me: MeView;
  readonly site: SitePermissions | null;
  setSiteId: (id: number) => void;
  /** Whether a button for `permission` belongs on the current site (somewhere on it, or on `columnId`). */
  can: (permission: Permission, columnId?: number) => boolean;
  /** Installation-wide permissions: accounts, roles, audit. */
  canGlobal: (permission: Permission) => boolean;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const SITE_KEY = 'gazette.admin.site';

export function WorkspaceProvider({ me, children }: { me: MeView; children: ReactNode }) {
  const [siteId, setSiteIdState] = useState<number | null>(() => {
    const remembered = Number(localStorage.getItem(SITE_KEY));
    return me.sites.some((s) => s.id === remembered) ? remembered : (me.sites[0]?.id ?? null);
  });
  const setSiteId = useCallback((id: number) => {
    setSiteIdState(id);
    localStorage.setItem(SITE_KEY, String(id));
  }, []);
  const value = useMemo<Workspace>(() => {
    const site = me.sites.find((s) => s.id === siteId) ?? null;
    return {
      me,
      site,
      setSiteId,
      can: (permission, columnId) => {
        if (!site) return false;
        if (columnId === undefined) return site.anyColumn.includes(permission);
        const scoped = site.columns[String(columnId)];
        return site.permissions.includes(permission) || (scoped?.includes(permission) ?? false);
      },
      canGlobal: (permission) => me.global.includes(permission),
    };
  }, [me, siteId, setSiteId]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/**
 * Where a public path of a site is: on this host when the site answers here (or answers every host, having
 * none of its own), otherwise at the site's address (the admin on a host of its own).
 */
export function publicUrl(site: SitePermissions | undefined, path: string): string {
  if (!site || site.hosts.length === 0 || site.hosts.includes(window.location.hostname)) return path;
  return `${site.baseUrl}${path}`;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
