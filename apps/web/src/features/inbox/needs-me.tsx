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
  const more = (total: number, shown: number) =>
    total > shown ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('inbox.needs.more', { count: total - shown })}
      </Typography.Text>
    ) : null;
  return (
    <Card size="small" title={t('inbox.needs.title')} data-testid="inbox-needs-me">
      <Flex vertical gap={16}>
        {data.answer.total > 0 ? (
          <div data-testid="needs-answer">
            <Typography.Text strong>
              {t('inbox.needs.answer')} <Tag color="red">{data.answer.total}</Tag>
            </Typography.Text>
            <List
              dataSource={data.answer.items}
              renderItem={(e) => (
                <List.Item key={e.id}>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Link to={`/tasks/${e.taskId}`}>
                      <Typography.Text strong>{e.taskTitle}</Typography.Text>
                    </Link>
                    <EscalationItem escalation={e} onAnswer={() => setAnswering(e)} />
                  </Flex>
                </List.Item>
              )}
            />
            {more(data.answer.total, data.answer.items.length)}
          </div>
        ) : null}
        {data.acknowledge.total > 0 ? (
          <div data-testid="needs-acknowledge">
            <Typography.Text strong>
              {t('inbox.needs.acknowledge')} <Tag color="orange">{data.acknowledge.total}</Tag>
            </Typography.Text>
            <List
              dataSource={data.acknowledge.items}
              renderItem={(task) => (
                <List.Item key={task.id}>
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
                </List.Item>
              )}
            />
            {more(data.acknowledge.total, data.acknowledge.items.length)}
          </div>
        ) : null}
        {data.verify.total > 0 ? (
          <div data-testid="needs-verify">
            <Typography.Text strong>
              {t('inbox.needs.verify')} <Tag color="blue">{data.verify.total}</Tag>
            </Typography.Text>
            <List
              dataSource={data.verify.items}
              renderItem={(task) => (
                <List.Item key={task.id}>
                  <TaskNeed
                    task={task}
                    action={
                      <Link to={`/tasks/${task.id}`}>
                        <Button size="small">{t('inbox.needs.openToVerify')}</Button>
                      </Link>
                    }
                  />
                </List.Item>
              )}
            />
            {more(data.verify.total, data.verify.items.length)}
          </div>
        ) : null}
        {data.confirm.total > 0 ? (
          <div data-testid="needs-confirm">
            <Typography.Text strong>
              {t('inbox.needs.confirm')} <Tag color="gold">{data.confirm.total}</Tag>
            </Typography.Text>
            <List
              dataSource={data.confirm.items}
              renderItem={(rollup) => (
                <List.Item key={rollup.id}>
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
                </List.Item>
              )}
            />
            {more(data.confirm.total, data.confirm.items.length)}
          </div>
        ) : null}
      </Flex>
      {answering ? <AnswerModal escalation={answering} onClose={() => setAnswering(null)} /> : null}
    </Card>
  );
}
