import { CloudSyncOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCheckInQueue } from './use-check-in-queue.ts';

interface TSyncBannerProps {
  queue: TCheckInQueue;
  onLogin: () => void;
}

/** Where the check-ins made on this phone stand: offline, waiting to sync (and why), syncing, synced. */
export function SyncBanner({ queue, onLogin }: TSyncBannerProps) {
  const { t } = useTranslation();
  const count = queue.pending.length;
  const syncNow = (
    <Button
      size="small"
      icon={<CloudSyncOutlined />}
      loading={queue.isSyncing}
      onClick={() => void queue.sync({ force: true })}
      data-testid="today-sync-now"
    >
      {t('today.banner.syncNow')}
    </Button>
  );
  const banner = (type: 'info' | 'warning' | 'success' | 'error', text: string, action?: React.ReactNode) => (
    <Alert
      type={type}
      showIcon
      title={text}
      action={action}
      style={{ marginBottom: 12 }}
      data-testid="today-sync-banner"
      data-state={type}
    />
  );
  if (count === 0) {
    if (!queue.isOnline) return banner('warning', t('today.banner.offline'));
    if (queue.synced.length && !queue.isSyncing) {
      const synced = queue.synced.reduce((n, s) => n + s.batch.entries.length, 0);
      return banner('success', t('today.banner.syncedText', { count: synced }));
    }
    return null;
  }
  if (queue.isSyncing) return banner('info', t('today.banner.syncing', { count }));
  if (queue.stop === 'login') {
    return banner(
      'error',
      t('today.banner.needsLogin', { count }),
      <Button size="small" type="primary" icon={<LoginOutlined />} onClick={onLogin}>
        {t('today.banner.login')}
      </Button>,
    );
  }
  if (queue.stop === 'server' || queue.stop === 'csrf')
    return banner('warning', t('today.banner.waitingServer', { count }), syncNow);
  return banner('warning', t('today.banner.waitingOffline', { count }), syncNow);
}
