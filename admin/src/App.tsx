import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useI18n, type MessageKey } from './i18n';
import { navigate, useLocation } from './router';
import { SessionProvider, useSession, useWorkspace, WorkspaceProvider, type Workspace } from './session';
import { ArticleList } from './screens/Articles';
import { MediaLibrary } from './media/MediaPage';
import { CalendarPage } from './calendar/CalendarPage';
import { DepartmentsPage } from './departments/DepartmentsPage';
import { DisclosureInbox } from './disclosure/DisclosureInbox';
import { ConsultationsPage } from './interact/ConsultationsPage';
import { LettersPage } from './interact/LettersPage';
import { AuditLog } from './screens/Audit';
import { PlatformSites } from './screens/Platform';
import { RelayScreen } from './screens/Relays';
import { ColumnTree } from './screens/Columns';
import { Dashboard } from './screens/Dashboard';
import { InspectionScreen } from './inspection/Inspection';
import { DistributionScreen } from './distribution/Distribution';
import { SignIn } from './screens/Login';
import { ReviewQueue } from './screens/Review';
import { SeriesScreen } from './screens/Series';
import { SearchSynonyms } from './search/SearchSynonyms';
import { PolicySettingsPage } from './xxgk/PolicySettingsPage';
import { XxgkReportPage } from './xxgk/XxgkReportPage';
import { SiteSettings } from './screens/Settings';
import { UsersScreen } from './screens/Users';
import { LanguageSwitch, Link, Loading } from './ui';

// The article editor is its own chunk (TipTap is most of the admin's weight), loaded when first opened.
const EditorPage = lazy(() =>
  import('./editor/EditorPage').then((module) => ({ default: module.EditorPage })),
);

interface Screen {
  readonly path: string;
  readonly label: MessageKey;
  readonly allowed: (w: Workspace) => boolean;
}

const REVIEW_PERMISSIONS = [
  'article.review-1',
  'article.review-2',
  'article.review-3',
  'article.publish',
] as const;

/** Whoever works with content on the site has a dashboard (not the account, role or audit administrators). */
const CONTENT_PERMISSIONS = [
  'article.read',
  'article.create',
  'column.manage',
  'site.settings',
  'series.manage',
] as const;

/** The menu, in the order an editor's day goes; each entry only for those who may use it. */
const SCREENS: readonly Screen[] = [
  { path: '/', label: 'nav.dashboard', allowed: (w) => CONTENT_PERMISSIONS.some((p) => w.can(p)) },
  {
    path: '/articles',
    label: 'nav.articles',
    allowed: (w) => w.can('article.read') || w.can('article.create'),
  },
  { path: '/review', label: 'nav.review', allowed: (w) => REVIEW_PERMISSIONS.some((p) => w.can(p)) },
  { path: '/series', label: 'nav.series', allowed: (w) => w.can('series.manage') },
  { path: '/media', label: 'nav.media', allowed: (w) => w.can('article.create') },
  { path: '/columns', label: 'nav.columns', allowed: (w) => w.can('column.manage') },
  {
    path: '/users',
    label: 'nav.users',
    allowed: (w) => w.canGlobal('user.manage') || w.canGlobal('role.assign'),
  },
  { path: '/settings', label: 'nav.settings', allowed: (w) => w.can('site.settings') },
  { path: '/search-synonyms', label: 'nav.synonyms', allowed: (w) => w.can('site.settings') },
  { path: '/inspection', label: 'nav.inspection', allowed: (w) => w.can('site.settings') },
  // The inbox is the handling department's; a department is made of accounts that work on the site (never an
  // installation-wide administrator such as the auditor: 三员分立).
  {
    path: '/disclosure',
    label: 'nav.disclosure',
    allowed: (w) => CONTENT_PERMISSIONS.some((p) => w.can(p)) || w.can('site.settings'),
  },
  {
    path: '/interact',
    label: 'nav.interact',
    allowed: (w) => CONTENT_PERMISSIONS.some((p) => w.can(p)) || w.can('site.settings'),
  },
  { path: '/consultations', label: 'nav.consultations', allowed: (w) => w.can('site.settings') },
  { path: '/departments', label: 'nav.departments', allowed: (w) => w.can('site.settings') },
  { path: '/calendar', label: 'nav.calendar', allowed: (w) => w.can('site.settings') },
  { path: '/xxgk-settings', label: 'nav.xxgkSettings', allowed: (w) => w.can('site.settings') },
  { path: '/xxgk-report', label: 'nav.xxgkReport', allowed: (w) => w.can('site.settings') },
  { path: '/audit', label: 'nav.audit', allowed: (w) => w.canGlobal('audit.read') },
  { path: '/platform', label: 'nav.platform', allowed: (w) => w.canGlobal('platform.read') },
  { path: '/relays', label: 'nav.relays', allowed: (w) => w.can('relay.offer') || w.can('relay.accept') },
  { path: '/distribution', label: 'nav.distribute', allowed: (w) => w.canGlobal('platform.read') },
];

function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const workspace = useWorkspace();
  const { path } = useLocation();
  const { me, site } = workspace;
  const current = (screen: Screen) =>
    screen.path === '/' ? path === '/' : path === screen.path || path.startsWith(`${screen.path}/`);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        {me.sites.length > 1 ? (
          <label className="site-picker">
            <span>{t('app.site')}</span>
            <select value={site?.id ?? ''} onChange={(e) => workspace.setSiteId(Number(e.target.value))}>
              {me.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : site ? (
          <span className="site-name">{site.name}</span>
        ) : null}
        <span className="topbar-user">
          <span className="sr-only">{t('app.signedInAs')}</span>
          {me.user.displayName}
          {t('app.parenthesis', { text: me.user.username })}
        </span>
        <LanguageSwitch className="topbar-button" />
        <button type="button" className="topbar-button" onClick={() => void signOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.main')}>
        <ul>
          {SCREENS.filter((s) => s.allowed(workspace)).map((screen) => (
            <li key={screen.path}>
              <Link to={screen.path} current={current(screen)}>
                {t(screen.label)}
              </Link>
            </li>
          ))}
        </ul>
        {workspace.can('article.create') ? (
          <Link to="/articles/new" className="button primary nav-new">
            {t('nav.newArticle')}
          </Link>
        ) : null}
      </nav>
      <main id="main" className="content">
        <SignInNoticeBanner />
        {children}
      </main>
    </div>
  );
}

/** Told once after signing in: the account was locked since the previous sign-in. */
function SignInNoticeBanner() {
  const { t, time } = useI18n();
  const { notice, dismissNotice } = useSession();
  if (!notice) return null;
  return (
    <div className="notice notice-warn" role="alert">
      <p>
        {t('login.lockNotice', {
          lockouts: notice.lockouts,
          failed: notice.failedSignIns,
          at: time(notice.lastLockedAt),
        })}
      </p>
      <button type="button" onClick={dismissNotice}>
        {t('login.lockNoticeDismiss')}
      </button>
    </div>
  );
}

function Message({ text }: { text: string }) {
  return <p className="notice notice-info">{text}</p>;
}

/** Someone without a dashboard (the audit administrator) starts at the first screen they may use. */
function Landing() {
  const { t } = useI18n();
  const workspace = useWorkspace();
  const first = SCREENS.find((screen) => screen.path !== '/' && screen.allowed(workspace));
  useEffect(() => {
    if (first) navigate(first.path, { replace: true });
  }, [first]);
  return first ? null : <Message text={t('app.forbidden')} />;
}

function Routes() {
  const { t } = useI18n();
  const workspace = useWorkspace();
  const { path } = useLocation();
  const siteId = workspace.site?.id ?? null;
  const guard = (screenPath: string, element: ReactNode) => {
    const screen = SCREENS.find((s) => s.path === screenPath);
    return screen && !screen.allowed(workspace) ? <Message text={t('app.forbidden')} /> : element;
  };
  if (siteId === null && !['/', '/users', '/audit', '/platform', '/distribution'].includes(path)) {
    return <Message text={t('app.forbidden')} />;
  }
  const article = /^\/articles\/(new|\d+)$/.exec(path);
  if (article && siteId !== null) {
    const articleId = article[1] === 'new' ? null : Number(article[1]);
    return (
      <Suspense fallback={<Loading />}>
        <EditorPage key={path} articleId={articleId} siteId={siteId} onNavigate={(to) => navigate(to)} />
      </Suspense>
    );
  }
  const series = /^\/series(?:\/(new|\d+))?$/.exec(path);
  if (series && siteId !== null) {
    const id = series[1] === undefined ? undefined : series[1] === 'new' ? 'new' : Number(series[1]);
    return guard('/series', <SeriesScreen key={siteId} siteId={siteId} selected={id} />);
  }
  switch (path) {
    case '/':
      return siteId !== null && SCREENS[0]?.allowed(workspace) ? (
        <Dashboard key={siteId} siteId={siteId} />
      ) : (
        <Landing />
      );
    case '/articles':
      return siteId === null ? null : guard('/articles', <ArticleList key={siteId} siteId={siteId} />);
    case '/review':
      return siteId === null ? null : guard('/review', <ReviewQueue key={siteId} siteId={siteId} />);
    case '/media':
      return siteId === null ? null : guard('/media', <MediaLibrary key={siteId} siteId={siteId} />);
    case '/columns':
      return siteId === null ? null : guard('/columns', <ColumnTree key={siteId} siteId={siteId} />);
    case '/settings':
      return siteId === null ? null : guard('/settings', <SiteSettings key={siteId} siteId={siteId} />);
    case '/search-synonyms':
      return siteId === null
        ? null
        : guard('/search-synonyms', <SearchSynonyms key={siteId} siteId={siteId} />);
    case '/inspection':
      return siteId === null ? null : guard('/inspection', <InspectionScreen key={siteId} siteId={siteId} />);
    case '/disclosure':
      return siteId === null ? null : guard('/disclosure', <DisclosureInbox key={siteId} siteId={siteId} />);
    case '/interact':
      return siteId === null ? null : guard('/interact', <LettersPage key={siteId} siteId={siteId} />);
    case '/consultations':
      return siteId === null
        ? null
        : guard('/consultations', <ConsultationsPage key={siteId} siteId={siteId} />);
    case '/departments':
      return siteId === null ? null : guard('/departments', <DepartmentsPage key={siteId} siteId={siteId} />);
    case '/calendar':
      return guard('/calendar', <CalendarPage />);
    case '/xxgk-settings':
      return siteId === null
        ? null
        : guard('/xxgk-settings', <PolicySettingsPage key={siteId} siteId={siteId} />);
    case '/xxgk-report':
      return siteId === null ? null : guard('/xxgk-report', <XxgkReportPage key={siteId} siteId={siteId} />);
    case '/users':
      return guard('/users', <UsersScreen />);
    case '/audit':
      return guard('/audit', <AuditLog />);
    case '/relays':
      return siteId === null ? null : guard('/relays', <RelayScreen key={siteId} siteId={siteId} />);
    case '/distribution':
      return guard('/distribution', <DistributionScreen canRun={workspace.canGlobal('platform.manage')} />);
    case '/platform':
      return guard('/platform', <PlatformSites canManage={workspace.canGlobal('platform.manage')} />);
    default:
      return <Message text={t('app.notFound')} />;
  }
}

function Gate() {
  const { state } = useSession();
  switch (state.kind) {
    case 'loading':
      return <Loading />;
    case 'signed-out':
      return <SignIn step={null} problem={state.problem} />;
    case 'step':
      return <SignIn step={state.session.step} problem={null} />;
    case 'ready':
      return (
        <WorkspaceProvider me={state.me}>
          <Layout>
            <Routes />
          </Layout>
        </WorkspaceProvider>
      );
  }
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
