import type { TTaskEvent } from '@duban/domain';
import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../app/i18n/index.ts';
import { formatDateTime } from '../../components/format.ts';

const COLORS: Partial<Record<string, string>> = {
  close: 'green',
  reopen: 'red',
  cancel: 'gray',
  requestClose: 'orange',
  milestoneDone: 'green',
};

/** The name of an activity in the UI language; actions this client does not know read as "other". */
function eventLabel(action: string): string {
  const key = `taskEvents.${action}`;
  return i18n.exists(key) ? String(i18n.t(key as 'taskEvents.other')) : i18n.t('taskEvents.other');
}

/** What an activity's reason says: why it was returned or cancelled, which fields changed, or what it names. */
function reasonText(e: TTaskEvent): string {
  const reason = e.reason ?? '';
  if (e.action === 'reopen' || e.action === 'cancel') return i18n.t('task.reason', { reason });
  if (e.action === 'update') {
    const label = (field: string) => {
      const key = `taskFields.${field}`;
      return i18n.exists(key) ? String(i18n.t(key as 'taskFields.title')) : field;
    };
    const separator = i18n.language === 'zh-CN' ? '、' : ', ';
    return i18n.t('taskFields.changed', { fields: reason.split(/,\s*/).map(label).join(separator) });
  }
  return reason;
}

/** The task's activity, newest first: who did what, when, and why (transitions with their states). */
export function TaskActivity({ events }: { events: TTaskEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('task.activity')} data-testid="task-activity">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noActivity')} />
      ) : (
        <Timeline
          style={{ paddingTop: 8 }}
          items={events.map((e) => ({
            key: e.id,
            color: COLORS[e.action] ?? 'blue',
            content: (
              <div data-testid="task-event">
                <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
                {e.fromState && e.toState && e.fromState !== e.toState ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('taskFields.stateChange', {
                      from: t(`taskStates.${e.fromState}`),
                      to: t(`taskStates.${e.toState}`),
                    })}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('task.eventLine', { actor: e.actorName ?? '—', time: formatDateTime(e.at) })}
                </Typography.Text>
                {e.reason ? (
                  <Typography.Text style={{ display: 'block', fontSize: 13, whiteSpace: 'pre-wrap' }}>
                    {reasonText(e)}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
