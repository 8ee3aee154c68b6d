import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInLayout } from '@shared/AppShell';
import { Loading } from '@shared/Loading';
import { InboxPage } from '../inbox/InboxPage';
import { NotificationBell } from '../notifications/NotificationBell';
import { Link, matchPath, useLocation } from './router';

// Everything but the inbox loads on demand (the first load stays small).
const TaskPage = lazy(() => import('../tasks/TaskPage'));
const DocumentsPage = lazy(() => import('../documents/DocumentsPage'));
const DocumentPage = lazy(() => import('../documents/DocumentPage'));
const DashboardPage = lazy(() => import('../dashboard/DashboardPage'));
const ReportPage = lazy(() => import('../dashboard/ReportPage'));
const UnitsPage = lazy(() => import('../units/UnitTreePage').then((m) => ({ default: m.UnitTreePage })));

interface Route {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { path: '/', render: () => <InboxPage /> },
  { path: '/tasks', render: () => <InboxPage /> },
  { path: '/tasks/:id', render: (p) => <TaskPage key={p.id} id={Number(p.id)} /> },
  { path: '/documents', render: () => <DocumentsPage /> },
  { path: '/documents/:id', render: (p) => <DocumentPage key={p.id} id={Number(p.id)} /> },
  { path: '/dashboard', render: () => <DashboardPage /> },
  { path: '/reports/:key', render: (p) => <ReportPage key={p.key} reportKey={p.key!} /> },
  { path: '/units', render: () => <UnitsPage /> },
];

const NAV = [
  { to: '/', key: 'inbox', match: (p: string) => p === '/' || p.startsWith('/tasks') },
  { to: '/documents', key: 'documents', match: (p: string) => p.startsWith('/documents') },
  {
    to: '/dashboard',
    key: 'dashboard',
    match: (p: string) => p.startsWith('/dashboard') || p.startsWith('/reports'),
  },
  { to: '/units', key: 'units', match: (p: string) => p.startsWith('/units') },
] as const;

function MainNav({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  return (
    <nav className="dd-nav" aria-label={t('nav.label')}>
      {NAV.map((n) => {
        const active = n.match(pathname);
        return (
          <Link
            key={n.key}
            to={n.to}
            className={active ? 'dd-nav-item dd-nav-active' : 'dd-nav-item'}
            aria-current={active ? 'page' : undefined}
          >
            {t(`nav.${n.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="dd-panel">
      <h1 className="dd-page-title">{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const { pathname } = useLocation();
  let page: ReactNode = <NotFound />;
  for (const r of ROUTES) {
    const params = matchPath(r.path, pathname);
    if (params) {
      page = r.render(params);
      break;
    }
  }
  return (
    <SignedInLayout headerExtra={<NotificationBell />} nav={<MainNav pathname={pathname} />}>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </SignedInLayout>
  );
}
