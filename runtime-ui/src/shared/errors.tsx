import { Alert, Button } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from './api';

/** A message a user can act on, in the current language, for any error a query may throw. */
export function errorMessage(error: unknown, t: TFunction<'common'>): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('errors.network');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status >= 500) return t('errors.server');
    return error.message;
  }
  return t('errors.server');
}

export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation('common');
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? errorMessage(error, t)}
      description={title ? errorMessage(error, t) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
