import { Button, Layout } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from './auth';
import { LanguageSwitch } from './LanguageSwitch';
import type { Position } from './types';

function positionLabel(position: Position): string {
  return `${position.roleName} – ${position.unitName}`;
}

export function AppHeader({ appName, extra }: { appName?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation('common');
  const { signOut } = useAuth();
  const user = useUser();
  const [first, ...others] = user.positions;
  const allPositions = user.positions.map(positionLabel).join('\n');

  return (
    <Layout.Header className="dd-header">
      <div className="dd-brand">
        <span className="dd-brand-name">{t('productName')}</span>
        {appName ? <span className="dd-brand-app">{appName}</span> : null}
      </div>
      <div className="dd-header-tools">
        {extra}
        <div className="dd-user" title={allPositions || undefined}>
          <span className="dd-user-name">{user.fullName}</span>
          <span className="dd-user-position">
            {first ? positionLabel(first) : t('header.noPosition')}
            {others.length > 0 ? ` (${t('header.otherPositions', { count: others.length })})` : null}
          </span>
        </div>
        <LanguageSwitch />
        <Button onClick={() => void signOut()} className="dd-sign-out">
          {t('header.signOut')}
        </Button>
      </div>
    </Layout.Header>
  );
}
