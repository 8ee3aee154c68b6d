import { Alert, Button } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ssoStartUrl, useAuth } from './auth';
import { LanguageSwitch } from './LanguageSwitch';
import { Loading } from './Loading';

/**
 * An anonymous visitor goes straight to the platform's SSO (its own Vietnamese sign-in page) and comes
 * back to the page they asked for. This page shows only when that needs a word first: the sign-in
 * failed (?sso_error=, no redirect loop) or the session has just expired.
 */
export function LoginPage({ appName }: { appName?: ReactNode }) {
  const { t } = useTranslation('common');
  const { state } = useAuth();
  const expired = state.status === 'anonymous' && state.expired;
  const ssoError = new URLSearchParams(window.location.search).get('sso_error');
  const redirect = !expired && !ssoError;
  useEffect(() => {
    if (redirect) window.location.replace(ssoStartUrl());
  }, [redirect]);
  if (redirect) return <Loading fullScreen />;

  return (
    <main id="dd-main" className="dd-login" tabIndex={-1}>
      <div className="dd-login-language">
        <LanguageSwitch />
      </div>
      <section className="dd-panel dd-login-card" aria-labelledby="dd-login-title">
        <div className="dd-login-brand">
          <p className="dd-login-product">
            {t('productName')}
            {appName ? <span className="dd-brand-app">{appName}</span> : null}
          </p>
          <p className="dd-secondary">{t('productTagline')}</p>
        </div>
        <h1 id="dd-login-title" className="dd-login-title">
          {t('login.title')}
        </h1>
        {ssoError ? (
          <Alert className="dd-login-error" type="error" showIcon title={t('login.failed')} />
        ) : expired ? (
          <Alert className="dd-login-error" type="info" showIcon title={t('login.sessionExpired')} />
        ) : null}
        <p className="dd-secondary">{t('login.ssoHint')}</p>
        <Button type="primary" block size="large" href={ssoStartUrl()}>
          {t('login.submit')}
        </Button>
      </section>
    </main>
  );
}
