import { useTranslation } from 'react-i18next';

export function AppName() {
  const { t } = useTranslation();
  return <>{t('appName')}</>;
}
