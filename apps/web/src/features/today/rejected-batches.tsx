import { Alert, Button, Flex, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { explainError } from '../../app/errors.ts';
import { i18n } from '../../app/i18n/index.ts';
import { formatDateTime } from '../../components/format.ts';
import type { TQueuedBatch, TQueueError } from './check-in-queue.ts';

/** The entry (by index) and the field of it an error names: `entries.2.progress` → 2, `progress`. */
export function entryFieldOf(error: TQueueError | null): { index: number; field: string } | null {
  const match = /^entries\.(\d+)\.([^.]+)/.exec(error?.field ?? '');
  return match ? { index: Number(match[1]), field: match[2] ?? '' } : null;
}

/** The refusal in the cadre's language: the API's code, and what it is about. */
export function refusalText(error: TQueueError | null): string {
  if (!error) return '';
  if (error.field === 'recordedAt') return i18n.t('today.rejected.tooOld');
  return explainError(new ApiError(error.status, error.code, error.message, error.field ?? undefined)).text;
}

/** The name of an entry's field in the cadre's language. */
export function entryFieldLabel(field: string): string {
  const key = field === 'milestoneIds' ? 'milestones' : field === 'photoIds' ? 'photos' : field;
  return i18n.exists(`today.fields.${key}`) ? i18n.t(`today.fields.${key}` as 'today.fields.done') : field;
}

interface TRejectedBatchesProps {
  batches: TQueuedBatch[];
  /** The refused batch being edited now, if any. */
  editing: string | null;
  onEdit: (batch: TQueuedBatch) => void;
  onDiscard: (batch: TQueuedBatch) => void;
}

/** Check-ins the server refused: kept on the phone, shown with why, until the cadre edits or discards them. */
export function RejectedBatches({ batches, editing, onEdit, onDiscard }: TRejectedBatchesProps) {
  const { t } = useTranslation();
  return batches.map((batch) => {
    const at = entryFieldOf(batch.error);
    const entry = at ? batch.entries[at.index] : undefined;
    const message = refusalText(batch.error);
    const why =
      at && entry
        ? t('today.rejected.whyEntry', { task: entry.taskTitle, field: entryFieldLabel(at.field), message })
        : t('today.rejected.why', { message });
    return (
      <Alert
        key={batch.clientId}
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="today-rejected"
        title={t('today.rejected.title', { time: formatDateTime(batch.recordedAt) })}
        description={
          <>
            <Typography.Text style={{ display: 'block' }}>{why}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('today.rejected.entries', {
                count: batch.entries.length,
                tasks: batch.entries.map((e) => e.taskTitle).join('、'),
              })}
            </Typography.Text>
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Button size="small" type="primary" disabled={editing === batch.clientId} onClick={() => onEdit(batch)}>
                {t('today.rejected.edit')}
              </Button>
              <Popconfirm
                title={t('today.rejected.discardConfirm')}
                okText={t('today.rejected.discard')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDiscard(batch)}
              >
                <Button size="small" danger>
                  {t('today.rejected.discard')}
                </Button>
              </Popconfirm>
            </Flex>
          </>
        }
      />
    );
  });
}
