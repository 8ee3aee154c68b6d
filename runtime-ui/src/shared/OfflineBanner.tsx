import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOnline } from './offline';

/** A clear banner while the browser is offline (the service worker then serves the last loaded data). */
export function OfflineBanner() {
  const { t } = useTranslation('common');
  const online = useOnline();
  if (online) return null;
  return (
    <Alert
      className="dd-offline-banner"
      type="warning"
      showIcon
      banner
      role="status"
      title={t('offline.banner')}
    />
  );
}
