import { Button, Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import type { TSyncedBatch } from './check-in-sync.ts';

interface TCheckInResultsProps {
  synced: TSyncedBatch[];
  onDismiss: () => void;
}

/** What became of each entry sent: applied to its task, or kept as a note and why. */
export function CheckInResults({ synced, onDismiss }: TCheckInResultsProps) {
  const { t } = useTranslation();
  if (!synced.length) return null;
  return (
    <Card
      size="small"
      title={t('today.results.title')}
      extra={
        <Button type="link" size="small" onClick={onDismiss} style={{ paddingInline: 0 }}>
          {t('today.results.dismiss')}
        </Button>
      }
      style={{ marginBottom: 12 }}
      data-testid="today-results"
    >
      {synced.map(({ batch, result }) => (
        <div key={batch.clientId}>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('today.results.recordedAt', { time: formatDateTime(batch.recordedAt) })}
            {result.duplicate ? ` · ${t('today.results.duplicate')}` : ''}
          </Typography.Text>
          {result.entries.map((outcome, i) => {
            const queued = batch.entries[i];
            const isNote = outcome.kind === 'note';
            const label = isNote
              ? t('today.results.note')
              : queued?.entry.noChange
                ? t('today.results.noChange')
                : t('today.results.applied');
            return (
              <div className="duban-today-result" key={outcome.checkInId} data-testid="today-result">
                <Tag color={isNote ? 'orange' : 'green'} style={{ marginInlineEnd: 6 }}>
                  {label}
                </Tag>
                <Typography.Text>{queued?.taskTitle ?? outcome.taskId}</Typography.Text>
                {!isNote && queued && !queued.entry.noChange && queued.entry.progress !== undefined ? (
                  <Typography.Text type="secondary">
                    {' · '}
                    {t('today.results.progressTo', { progress: queued.entry.progress })}
                  </Typography.Text>
                ) : null}
                {outcome.notice ? (
                  <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                    {t(`today.notices.${outcome.notice}`)}
                  </Typography.Text>
                ) : null}
                {queued?.photosDropped ? (
                  <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                    {t('today.results.photosDropped')}
                  </Typography.Text>
                ) : null}
              </div>
            );
          })}
        </div>
      ))}
    </Card>
  );
}
