import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntApp, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { SignedInLayout } from '@shared/AppShell';
import { Loading } from '@shared/Loading';
import { AppName } from './AppName';
import { useRoute } from './app/router';
import { StudioNavSelect, StudioSider } from './app/StudioNav';
import { MetadataPage } from './metadata/MetadataPage';
import { isMetadataKind } from './metadata/types';

// Everything beyond the lists loads on demand: the designers are the heavy part of the Studio.
const DocumentPage = lazy(() => import('./metadata/DocumentPage'));
const UnitsPage = lazy(() => import('./org/UnitsPage'));
const UsersPage = lazy(() => import('./org/UsersPage'));
const CalendarPage = lazy(() => import('./system/CalendarPage'));
const ClientsPage = lazy(() => import('./system/ClientsPage'));
const BundlesPage = lazy(() => import('./system/BundlesPage'));
const DeliveriesPage = lazy(() => import('./system/DeliveriesPage'));

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('notFound')} />;
}

function page(segments: string[]): { nav: string; content: ReactNode } {
  const [first, kind, key] = segments;
  if (first === undefined) return { nav: 'm/taskType', content: <MetadataPage kind="taskType" /> };
  if (first === 'm' && isMetadataKind(kind)) {
    if (key === undefined) return { nav: `m/${kind}`, content: <MetadataPage kind={kind} /> };
    return { nav: `m/${kind}`, content: <DocumentPage kind={kind} docKey={key} /> };
  }
  switch (first) {
    case 'units':
      return { nav: first, content: <UnitsPage /> };
    case 'users':
      return { nav: first, content: <UsersPage /> };
    case 'calendar':
      return { nav: first, content: <CalendarPage /> };
    case 'clients':
      return { nav: first, content: <ClientsPage /> };
    case 'bundles':
      return { nav: first, content: <BundlesPage /> };
    case 'deliveries':
      return { nav: first, content: <DeliveriesPage /> };
    default:
      return { nav: '', content: <NotFound /> };
  }
}

export function StudioApp() {
  const route = useRoute();
  const { nav, content } = page(route.segments);
  return (
    <AntApp component={false}>
      <SignedInLayout appName={<AppName />} sider={<StudioSider selected={nav} />}>
        <StudioNavSelect selected={nav} />
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </SignedInLayout>
    </AntApp>
  );
}
