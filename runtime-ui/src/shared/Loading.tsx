import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A spinner that screen readers announce. */
export function Loading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <div className={fullScreen ? 'dd-center' : 'dd-loading'} role="status">
      <Spin size={fullScreen ? 'large' : 'default'} />
      <span className="dd-visually-hidden">{t('loading')}</span>
    </div>
  );
}
