import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { TMilestone, TMilestoneState, TTask } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { AddMilestoneModal } from './add-milestone-modal.tsx';
import { setMilestoneState, TASKS_KEY } from './api.ts';
import { milestoneShownFields } from './task-conflict.ts';

const isLate = (m: TMilestone) => m.state === 'pending' && dayjs(m.dueDate).isBefore(dayjs(), 'day');

/**
 * The roadmap as a timeline; those who run the task (its owner, its lead unit, the office) add milestones and mark
 * them done (or undo it), and progress follows.
 */
export function TaskMilestones({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const canUpdate = task.can.updateMilestones;
  const [isAdding, setAdding] = useState(false);
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const stale = useStaleVersion<TMilestone, TMilestoneState>();
  const change = useMutation({
    mutationFn: (v: { on: TMilestone; state: TMilestoneState }) => setMilestoneState(task.id, v.on, v.state),
    onSuccess: async (m) => {
      void message.success(
        m.state === 'done'
          ? t('task.milestoneDone', { title: m.title })
          : t('task.milestonePending', { title: m.title }),
      );
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: (error, v) => {
      if (!stale.catchStale(error, v.on, v.state)) report(error);
    },
  });
  const conflict = stale.conflict;
  const toggle = (m: TMilestone) => change.mutate({ on: m, state: m.state === 'done' ? 'pending' : 'done' });
  const items = task.milestones.map((m) => ({
    key: m.id,
    color: m.state === 'done' ? 'green' : isLate(m) ? 'red' : 'blue',
    icon:
      m.state === 'done' ? (
        <CheckCircleFilled style={{ color: '#52c41a' }} />
      ) : isLate(m) ? (
        <ExclamationCircleOutlined style={{ color: '#ff4d4f' }} />
      ) : (
        <ClockCircleOutlined />
      ),
    content: (
      <Flex justify="space-between" gap={8} wrap data-testid="milestone">
        <div style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>
              {m.seq}. {m.title}
            </Typography.Text>
            <Tag
              color={m.state === 'done' ? 'success' : isLate(m) ? 'error' : 'default'}
              style={{ marginInlineEnd: 0 }}
            >
              {isLate(m) ? t('task.overdueMilestone') : t(`milestoneStates.${m.state}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {m.dueDate} · {t('task.weight', { weight: m.weight })}
            {m.doneAt ? ` · ${t('task.doneAt', { time: formatDateTime(m.doneAt) })}` : ''}
          </Typography.Text>
          {m.deliverable ? <Typography.Text style={{ fontSize: 13 }}>{m.deliverable}</Typography.Text> : null}
        </div>
        {canUpdate ? (
          <Button
            size="small"
            type={m.state === 'done' ? 'text' : 'default'}
            loading={change.isPending && change.variables?.on.id === m.id}
            onClick={() => toggle(m)}
          >
            {m.state === 'done' ? t('task.markPending') : t('task.markDone')}
          </Button>
        ) : null}
      </Flex>
    ),
  }));
  return (
    <Card
      size="small"
      title={t('task.roadmap')}
      extra={
        canUpdate ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="task-add-milestone">
            {t('taskForm.addMilestone')}
          </Button>
        ) : null
      }
      data-testid="task-milestones"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noMilestones')} />
      ) : (
        <Timeline items={items} style={{ paddingTop: 8 }} />
      )}
      {isAdding ? <AddMilestoneModal task={task} onClose={() => setAdding(false)} /> : null}
      {conflict ? (
        <StaleVersionModal
          changes={changedFields(milestoneShownFields(t), conflict.loaded, conflict.current)}
          lastChange={conflict.lastChange}
          isReapplying={change.isPending}
          onReload={() => {
            stale.clear();
            void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
            void message.info(t('conflict.reloaded'));
          }}
          onReapply={() => {
            stale.clear();
            change.mutate({ on: conflict.current, state: conflict.mine });
          }}
        />
      ) : null}
    </Card>
  );
}
