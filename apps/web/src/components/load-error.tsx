import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors.ts';

/** Shown when a page's data could not be loaded, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    />
  );
}
