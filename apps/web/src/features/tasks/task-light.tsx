import type { TLightExplanation, TTask } from '@duban/domain';
import { Alert, Card, Empty, Flex, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../app/i18n/index.ts';
import { formatDateTime } from '../../components/format.ts';
import { LIGHT_COLORS, LightBadge } from '../../components/light-badge.tsx';
import { useLightHistory } from './api.ts';

/** The reasons of a light in words, with the figures it was computed from. */
export function lightReasons(entry: TLightExplanation, dueDate: string): string[] {
  const values = { ...entry.facts, ...entry.thresholds, dueDate };
  if (entry.rules.length === 0) {
    return entry.light === 'green' ? [i18n.t('lights.onTrack', values)] : [];
  }
  return entry.rules.map((rule) => i18n.t(`lights.rules.${rule}`, values));
}

const causeLabel = (cause: string) => {
  const key = `lights.causes.${cause}`;
  return i18n.exists(key) ? String(i18n.t(key as 'lights.causes.sweep')) : cause;
};

/**
 * "Why is this red?": the light with the rules that fired and the task's figures as they are now, and every change
 * of colour before, each with the figures of its moment.
 */
export function TaskLight({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const history = useLightHistory(task.id);
  const latest = history.data?.items[0];
  const current = history.data?.current;
  const since = history.data?.lightSince ?? latest?.at;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {t('lights.history')}
          <LightBadge light={task.light} />
        </Flex>
      }
      data-testid="task-light"
    >
      {!history.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !latest ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lights.noHistory')} />
      ) : (
        <Flex vertical gap={12}>
          {current?.light && current.light !== 'done' ? (
            <Alert
              type={current.light === 'red' ? 'error' : current.light === 'yellow' ? 'warning' : 'success'}
              showIcon
              title={t('lights.why', { light: t(`lights.${current.light}`) })}
              description={
                <Flex vertical gap={2} data-testid="task-light-why">
                  {lightReasons(current, task.dueDate).map((reason) => (
                    <span key={reason}>{reason}</span>
                  ))}
                  {since ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('lights.since', { at: formatDateTime(since) })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              }
            />
          ) : null}
          <Timeline
            items={history.data.items.map((entry) => ({
              key: entry.id,
              color: entry.light ? LIGHT_COLORS[entry.light] : 'gray',
              content: (
                <Tooltip title={t('lights.thresholds', entry.thresholds)} placement="left">
                  <div data-testid="light-change">
                    <Typography.Text strong>
                      {t('lights.change', {
                        previous: entry.previous ? t(`lights.${entry.previous}`) : t('lights.none'),
                        light: entry.light ? t(`lights.${entry.light}`) : t('lights.none'),
                      })}
                    </Typography.Text>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {causeLabel(entry.cause)} · {formatDateTime(entry.at)}
                    </Typography.Text>
                    {lightReasons(entry, task.dueDate).map((reason) => (
                      <Typography.Text key={reason} type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {reason}
                      </Typography.Text>
                    ))}
                  </div>
                </Tooltip>
              ),
            }))}
          />
        </Flex>
      )}
    </Card>
  );
}
