import type { TEscalation, TTaskSummary } from '@duban/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReportError } from '../../app/use-report-error.ts';
import { LightBadge } from '../../components/light-badge.tsx';
import { AnswerModal } from '../supervision/escalation-modals.tsx';
import { TASKS_KEY, transitionTask } from '../tasks/api.ts';
import { EscalationItem } from '../tasks/task-escalations.tsx';
import { useWeekLabel } from '../weekly-rollups/week-picker.tsx';
import { fetchNeeds, NEEDS_KEY, needsTotal } from './needs.ts';

/** A task waiting on the caller: its light, title (to its page), unit and due date, and the action. */
function TaskNeed({ task, action }: { task: TTaskSummary; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" justify="space-between" wrap style={{ width: '100%' }} data-testid="need-task">
      <Flex gap={8} align="center" style={{ minWidth: 0, flex: '1 1 240px' }}>
        <LightBadge light={task.light} compact />
        <Link to={`/tasks/${task.id}`} style={{ wordBreak: 'break-word' }}>
          {task.title}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.leadUnitName} · {t('tasks.dueDate')} {task.dueDate}
        </Typography.Text>
      </Flex>
      {action}
    </Flex>
  );
}

/** One group of what waits on the caller: its title and total, its first items, and how many more there are. */
function NeedGroup<T extends { id: string }>({
  testId,
  title,
  color,
  group,
  renderItem,
}: {
  testId: string;
  title: string;
  color: string;
  group: { total: number; items: T[] };
  renderItem: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (group.total === 0) return null;
  const more = group.total - group.items.length;
  return (
    <div data-testid={testId}>
      <Typography.Text strong>
        {title} <Tag color={color}>{group.total}</Tag>
      </Typography.Text>
      <List dataSource={group.items} renderItem={(item) => <List.Item key={item.id}>{renderItem(item)}</List.Item>} />
      {more > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inbox.needs.more', { count: more })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * What needs the caller, on top of the inbox: answers owed, tasks to acknowledge, closures to verify, weekly roll-ups
 * to confirm.
 */
export function NeedsMe() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useReportError();
  const [answering, setAnswering] = useState<TEscalation | null>(null);
  const needs = useQuery({ queryKey: NEEDS_KEY, queryFn: fetchNeeds });
  const weekLabel = useWeekLabel();
  const acknowledge = useMutation({
    mutationFn: (task: TTaskSummary) => transitionTask(task.id, 'acknowledge', {}, task.version),
    onSuccess: async () => {
      void message.success(t('inbox.needs.acknowledged'));
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: async (error) => {
      reportError(error);
      // Changed meanwhile (412) or moved on (409): show the list as it stands.
      await queryClient.invalidateQueries({ queryKey: NEEDS_KEY });
    },
  });
  const data = needs.data;
  if (!data || needsTotal(data) === 0) return null;
  return (
    <Card size="small" title={t('inbox.needs.title')} data-testid="inbox-needs-me">
      <Flex vertical gap={16}>
        <NeedGroup
          testId="needs-answer"
          title={t('inbox.needs.answer')}
          color="red"
          group={data.answer}
          renderItem={(e) => (
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Link to={`/tasks/${e.taskId}`}>
                <Typography.Text strong>{e.taskTitle}</Typography.Text>
              </Link>
              <EscalationItem escalation={e} onAnswer={() => setAnswering(e)} />
            </Flex>
          )}
        />
        <NeedGroup
          testId="needs-acknowledge"
          title={t('inbox.needs.acknowledge')}
          color="orange"
          group={data.acknowledge}
          renderItem={(task) => (
            <TaskNeed
              task={task}
              action={
                <Button
                  size="small"
                  type="primary"
                  loading={acknowledge.isPending && acknowledge.variables?.id === task.id}
                  onClick={() => acknowledge.mutate(task)}
                >
                  {t('task.acknowledge')}
                </Button>
              }
            />
          )}
        />
        <NeedGroup
          testId="needs-verify"
          title={t('inbox.needs.verify')}
          color="blue"
          group={data.verify}
          renderItem={(task) => (
            <TaskNeed
              task={task}
              action={
                <Link to={`/tasks/${task.id}`}>
                  <Button size="small">{t('inbox.needs.openToVerify')}</Button>
                </Link>
              }
            />
          )}
        />
        <NeedGroup
          testId="needs-confirm"
          title={t('inbox.needs.confirm')}
          color="gold"
          group={data.confirm}
          renderItem={(rollup) => (
            <Flex gap={8} align="center" justify="space-between" wrap style={{ width: '100%' }}>
              <Flex gap={8} align="baseline" wrap style={{ minWidth: 0, flex: '1 1 240px' }}>
                <Link to={`/weekly-rollups/${rollup.id}`}>{rollup.unitName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {weekLabel(rollup.week).name} · {weekLabel(rollup.week).range}
                </Typography.Text>
              </Flex>
              <Link to={`/weekly-rollups/${rollup.id}`}>
                <Button size="small" type="primary">
                  {t('inbox.needs.openToConfirm')}
                </Button>
              </Link>
            </Flex>
          )}
        />
      </Flex>
      {answering ? <AnswerModal escalation={answering} onClose={() => setAnswering(null)} /> : null}
    </Card>
  );
}
