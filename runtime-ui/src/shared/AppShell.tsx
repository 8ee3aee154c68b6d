/**
 * Everything the two web apps share around their content: React Query, antd (theme, vi_VN/en_US
 * locale, CSP nonce), the session, the sign-in page and the signed-in layout.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Layout } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { StrictMode, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { AppHeader } from './AppHeader';
import { AuthProvider, useAuth } from './auth';
import { ErrorAlert } from './errors';
import { currentLanguage } from './i18n';
import { Loading } from './Loading';
import { LoginPage } from './LoginPage';
import { OfflineBanner } from './OfflineBanner';
import { SessionGuard } from './SessionGuard';
import { theme } from './theme';
import './styles.css';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // a 4xx will not change by asking again
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        // Ask even when the browser says it is offline: the Runtime UI's service worker answers from
        // its copy of the last loaded data (inbox, tasks) and the page shows that with a banner.
        networkMode: 'offlineFirst',
      },
    },
  });
}

/**
 * The engine may add <meta name="csp-nonce" content="..."> to index.html when its Content-Security-Policy
 * gives styles a nonce; antd's CSS-in-JS then puts it on the <style> elements it inserts.
 */
function cspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;
}

function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [nonce] = useState(cspNonce);
  useTranslation(); // re-render on language change
  const language = currentLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={language === 'vi' ? viVN : enUS}
        theme={theme}
        csp={nonce ? { nonce } : undefined}
      >
        <AuthProvider>{children}</AuthProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

function AuthGate({ appName, children }: { appName?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('common');
  const { state } = useAuth();
  switch (state.status) {
    case 'anonymous':
      return <LoginPage appName={appName} />;
    case 'loading':
      return <Loading fullScreen />;
    case 'error':
      return (
        <main id="dd-main" className="dd-center">
          <ErrorAlert title={t('errors.sessionLoad')} error={state.error} onRetry={state.retry} />
        </main>
      );
    case 'authenticated':
      return (
        <>
          {children}
          <SessionGuard />
        </>
      );
  }
}

/**
 * Header with the user, the language switch and sign-out; optional side navigation; the page.
 * `headerExtra` goes into the header's tools (a notification bell); `nav` below the header (app menus);
 * an offline banner shows whenever the browser is offline.
 */
export function SignedInLayout({
  appName,
  sider,
  headerExtra,
  nav,
  children,
}: {
  appName?: ReactNode;
  sider?: ReactNode;
  headerExtra?: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Layout className="dd-layout">
      <a className="dd-skip-link" href="#dd-main">
        {t('skipToContent')}
      </a>
      <AppHeader appName={appName} extra={headerExtra} />
      {nav}
      <OfflineBanner />
      <Layout>
        {sider}
        <Layout.Content id="dd-main" className="dd-content" tabIndex={-1}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Mounts an app: providers, then the sign-in page until a user is signed in, then `children`. */
export function mountApp(
  element: HTMLElement | null,
  options: { appName?: ReactNode; children: ReactNode },
): void {
  if (!element) throw new Error('mount element missing');
  createRoot(element).render(
    <StrictMode>
      <Providers>
        <AuthGate appName={options.appName}>{options.children}</AuthGate>
      </Providers>
    </StrictMode>,
  );
}
