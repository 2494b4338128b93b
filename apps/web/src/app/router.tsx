import { useQuery } from '@tanstack/react-query';
import { Flex, Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { ForcedPasswordPage } from '../features/auth/forced-password-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { fetchNeeds, NEEDS_KEY, needsTotal } from '../features/inbox/needs.ts';
import { homePathFor, mayOpen, type TSection } from './navigation.tsx';
import { useSession } from './session.tsx';

// The frame (its menus, drawer and header) is loaded after login: the login page needs none of it, but fetches it
// and the Today page (most people's first page) once it is shown, while the person types.
const loadLayout = () => import('./layout.tsx');
const loadToday = () => import('../features/today/today-page.tsx');
const AppLayout = lazy(async () => ({ default: (await loadLayout()).AppLayout }));
// Shown rarely, and with antd's larger Result: fetched when needed, not with the login page.
const NotFound = lazy(async () => ({ default: (await import('../components/not-found.tsx')).NotFound }));
const LoadError = lazy(async () => ({ default: (await import('../components/load-error.tsx')).LoadError }));

/** Opened on /today (a phone's usual first page), its code is fetched with the session rather than after it. */
export function preloadTodayOnOpen(): void {
  if (window.location.pathname !== '/today') return;
  void loadLayout().catch(() => {});
  void loadToday().catch(() => {});
}
const UnitsPage = lazy(async () => ({ default: (await import('../features/units/units-page.tsx')).UnitsPage }));
const UsersPage = lazy(async () => ({ default: (await import('../features/users/users-page.tsx')).UsersPage }));
const UserDetailPage = lazy(async () => ({
  default: (await import('../features/users/user-detail-page.tsx')).UserDetailPage,
}));
const GrantsPage = lazy(async () => ({ default: (await import('../features/grants/grants-page.tsx')).GrantsPage }));
const PrivilegedResetsPage = lazy(async () => ({
  default: (await import('../features/privileged-resets/privileged-resets-page.tsx')).PrivilegedResetsPage,
}));
const AuditPage = lazy(async () => ({ default: (await import('../features/audit/audit-page.tsx')).AuditPage }));
const TasksPage = lazy(async () => ({ default: (await import('../features/tasks/tasks-page.tsx')).TasksPage }));
const TaskPage = lazy(async () => ({ default: (await import('../features/tasks/task-page.tsx')).TaskPage }));
const OpenCallsPage = lazy(async () => ({
  default: (await import('../features/open-calls/open-calls-page.tsx')).OpenCallsPage,
}));
const OpenCallPage = lazy(async () => ({
  default: (await import('../features/open-calls/open-call-page.tsx')).OpenCallPage,
}));
const TodayPage = lazy(async () => ({ default: (await loadToday()).TodayPage }));
const WeeklyRollupsPage = lazy(async () => ({
  default: (await import('../features/weekly-rollups/weekly-rollups-page.tsx')).WeeklyRollupsPage,
}));
const WeeklyRollupPage = lazy(async () => ({
  default: (await import('../features/weekly-rollups/weekly-rollup-page.tsx')).WeeklyRollupPage,
}));
const WeeklyReportPage = lazy(async () => ({
  default: (await import('../features/weekly-rollups/weekly-report-page.tsx')).WeeklyReportPage,
}));
const RalliesPage = lazy(async () => ({
  default: (await import('../features/rallies/rallies-page.tsx')).RalliesPage,
}));
const BurdenPage = lazy(async () => ({ default: (await import('../features/burden/burden-page.tsx')).BurdenPage }));
const NotificationsPage = lazy(async () => ({
  default: (await import('../features/notifications/notifications-page.tsx')).NotificationsPage,
}));
const LightsPage = lazy(async () => ({ default: (await import('../features/lights/lights-page.tsx')).LightsPage }));
const SupervisionPage = lazy(async () => ({
  default: (await import('../features/supervision/supervision-page.tsx')).SupervisionPage,
}));
const BulletinsPage = lazy(async () => ({
  default: (await import('../features/bulletins/bulletins-page.tsx')).BulletinsPage,
}));
const BulletinPage = lazy(async () => ({
  default: (await import('../features/bulletins/bulletin-page.tsx')).BulletinPage,
}));
const TargetsPage = lazy(async () => ({
  default: (await import('../features/targets/targets-page.tsx')).TargetsPage,
}));
const TargetPage = lazy(async () => ({ default: (await import('../features/targets/target-page.tsx')).TargetPage }));
const CockpitPage = lazy(async () => ({ default: (await import('../features/cockpit/cockpit-page.tsx')).CockpitPage }));
const CockpitWallPage = lazy(async () => ({
  default: (await import('../features/cockpit/cockpit-wall.tsx')).CockpitWallPage,
}));
const InboxPage = lazy(async () => ({ default: (await import('../features/inbox/inbox-page.tsx')).InboxPage }));
const CalendarPage = lazy(async () => ({
  default: (await import('../features/calendar/calendar-page.tsx')).CalendarPage,
}));
const AccountPage = lazy(async () => ({ default: (await import('../features/account/account-page.tsx')).AccountPage }));

function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Only an address inside the application, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * /login: the login form, or onwards once logged in. The form shows while the session is still being asked for (a
 * round trip on a slow network): most who open this page are not logged in.
 */
function LoginRoute() {
  const { me } = useSession();
  const [params] = useSearchParams();
  useEffect(() => {
    const timer = window.setTimeout(() => {
      void loadLayout().catch(() => {});
      void loadToday().catch(() => {});
    }, 0);
    return () => window.clearTimeout(timer);
  }, []);
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <LoginPage />;
}

/**
 * Everything else: the login page for strangers, the password change before anything, then the application — in its
 * frame, or bare (the wall display fills the screen on its own).
 */
function SessionGate({ isBare = false }: { isBare?: boolean }) {
  const { me, isLoading, loadError, logoutReason, refresh } = useSession();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (!me) {
    if (loadError) {
      return (
        <Suspense fallback={<FullPageSpin />}>
          <LoadError error={loadError} onRetry={() => void refresh()} />
        </Suspense>
      );
    }
    const here = `${location.pathname}${location.search}`;
    const keepPlace = logoutReason !== 'loggedOut' && here !== '/';
    return <Navigate to={keepPlace ? `/login?next=${encodeURIComponent(here)}` : '/login'} replace />;
  }
  if (me.user.mustChangePassword) return <ForcedPasswordPage />;
  if (isBare) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<FullPageSpin />}>
      <AppLayout />
    </Suspense>
  );
}

/** A section only the roles that use it may open; to anyone else it does not exist. */
function RequireSection({ section, children }: { section: TSection; children: ReactNode }) {
  const { me } = useSession();
  return mayOpen(me?.roles ?? [], section) ? children : <NotFound />;
}

/**
 * Where one lands: their first section — but a unit head with something waiting on them (签收, an answer owed, a
 * closure to verify, a weekly roll-up to confirm) lands on
 * 待我处理 at the top of 消息.
 */
function HomeRedirect() {
  const { me } = useSession();
  const roles = me?.roles ?? [];
  const isHead = roles.includes('unitHead');
  const needs = useQuery({ queryKey: NEEDS_KEY, queryFn: fetchNeeds, enabled: isHead });
  if (isHead && needs.isPending) return <FullPageSpin />;
  const hasWork = needs.data !== undefined && needsTotal(needs.data) > 0;
  return <Navigate to={hasWork ? '/inbox' : homePathFor(roles)} replace />;
}

/** The routes of the web client. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    path: '/cockpit/wall',
    element: <SessionGate isBare />,
    children: [
      {
        index: true,
        element: (
          <RequireSection section="cockpit">
            <CockpitWallPage />
          </RequireSection>
        ),
      },
    ],
  },
  {
    path: '/',
    element: <SessionGate />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'tasks',
        element: (
          <RequireSection section="tasks">
            <TasksPage />
          </RequireSection>
        ),
      },
      {
        path: 'tasks/:id',
        element: (
          <RequireSection section="tasks">
            <TaskPage />
          </RequireSection>
        ),
      },
      {
        path: 'open-calls',
        element: (
          <RequireSection section="openCalls">
            <OpenCallsPage />
          </RequireSection>
        ),
      },
      {
        path: 'open-calls/:id',
        element: (
          <RequireSection section="openCalls">
            <OpenCallPage />
          </RequireSection>
        ),
      },
      {
        path: 'today',
        element: (
          <RequireSection section="today">
            <TodayPage />
          </RequireSection>
        ),
      },
      {
        path: 'weekly-rollups',
        element: (
          <RequireSection section="weeklyRollups">
            <WeeklyRollupsPage />
          </RequireSection>
        ),
      },
      {
        path: 'weekly-rollups/:id',
        element: (
          <RequireSection section="weeklyRollups">
            <WeeklyRollupPage />
          </RequireSection>
        ),
      },
      {
        path: 'weekly-reports/:week',
        element: (
          <RequireSection section="weeklyRollups">
            <WeeklyReportPage />
          </RequireSection>
        ),
      },
      {
        path: 'cockpit',
        element: (
          <RequireSection section="cockpit">
            <CockpitPage />
          </RequireSection>
        ),
      },
      {
        path: 'targets',
        element: (
          <RequireSection section="targets">
            <TargetsPage />
          </RequireSection>
        ),
      },
      {
        path: 'targets/:id',
        element: (
          <RequireSection section="targets">
            <TargetPage />
          </RequireSection>
        ),
      },
      {
        path: 'lights',
        element: (
          <RequireSection section="lights">
            <LightsPage />
          </RequireSection>
        ),
      },
      {
        path: 'supervision',
        element: (
          <RequireSection section="supervision">
            <SupervisionPage />
          </RequireSection>
        ),
      },
      {
        path: 'bulletins',
        element: (
          <RequireSection section="bulletins">
            <BulletinsPage />
          </RequireSection>
        ),
      },
      {
        path: 'bulletins/:id',
        element: (
          <RequireSection section="bulletins">
            <BulletinPage />
          </RequireSection>
        ),
      },
      {
        path: 'rallies',
        element: (
          <RequireSection section="rallies">
            <RalliesPage />
          </RequireSection>
        ),
      },
      {
        path: 'burden',
        element: (
          <RequireSection section="burden">
            <BurdenPage />
          </RequireSection>
        ),
      },
      { path: 'inbox', element: <InboxPage /> },
      {
        path: 'calendar',
        element: (
          <RequireSection section="calendar">
            <CalendarPage />
          </RequireSection>
        ),
      },
      {
        path: 'notifications',
        element: (
          <RequireSection section="notifications">
            <NotificationsPage />
          </RequireSection>
        ),
      },
      {
        path: 'units',
        element: (
          <RequireSection section="units">
            <UnitsPage />
          </RequireSection>
        ),
      },
      {
        path: 'users',
        element: (
          <RequireSection section="users">
            <UsersPage />
          </RequireSection>
        ),
      },
      { path: 'users/:id', element: <UserDetailPage /> },
      {
        path: 'grants',
        element: (
          <RequireSection section="grants">
            <GrantsPage />
          </RequireSection>
        ),
      },
      {
        path: 'privileged-resets',
        element: (
          <RequireSection section="privilegedResets">
            <PrivilegedResetsPage />
          </RequireSection>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireSection section="audit">
            <AuditPage />
          </RequireSection>
        ),
      },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
