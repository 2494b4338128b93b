import { UserSwitchOutlined } from '@ant-design/icons';
import type { TTask } from '@duban/domain';
import { Alert, Button, Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LightBadge } from '../../components/light-badge.tsx';
import { AssignOwnerModal } from './assign-owner-modal.tsx';
import { isOverdue, PriorityTag, TaskStateTag } from './task-tags.tsx';

/** The task at a glance: state, priority, progress, and who does it when; the owner set here by who may. */
export function TaskOverview({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const [isAssigningOwner, setAssigningOwner] = useState(false);
  const none = '—';
  return (
    <Card size="small" title={t('task.summary')} data-testid="task-overview">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <LightBadge light={task.light} />
          <TaskStateTag state={task.state} />
          <PriorityTag priority={task.priority} />
          {isOverdue(task) ? <Tag color="red">{t('tasks.overdue')}</Tag> : null}
          <Flex align="center" gap={8} style={{ flex: '1 1 200px', minWidth: 0 }}>
            <Typography.Text type="secondary">{t('task.progress')}</Typography.Text>
            <Progress
              percent={task.progress}
              status={task.state === 'closed' ? 'success' : 'normal'}
              format={(percent) => `${percent ?? 0}%`}
              style={{ margin: 0, flex: 1 }}
              data-testid="task-progress"
            />
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            {
              key: 'list',
              label: t('task.list'),
              children: <Link to={`/tasks?listId=${task.listId}`}>{task.listName}</Link>,
            },
            { key: 'source', label: t('task.source'), children: t(`taskSources.${task.source}`) },
            {
              key: 'frontLine',
              label: t('task.frontLine'),
              children: task.frontLine ? t(`frontLines.${task.frontLine}`) : none,
            },
            { key: 'leadLeader', label: t('task.leadLeader'), children: task.leadLeaderName ?? none },
            { key: 'leadUnit', label: t('task.leadUnit'), children: task.leadUnitName },
            {
              key: 'coUnits',
              label: t('task.coUnits'),
              children: task.coUnits.length ? task.coUnits.map((u) => u.name).join('、') : none,
            },
            {
              key: 'owner',
              label: t('task.owner'),
              children: (
                <Flex gap={4} align="center" wrap>
                  <span data-testid="task-owner">{task.ownerName ?? none}</span>
                  {task.can.assignOwner ? (
                    <Button
                      type="link"
                      size="small"
                      icon={<UserSwitchOutlined />}
                      onClick={() => setAssigningOwner(true)}
                      style={{ paddingBlock: 0, height: 'auto' }}
                      data-testid="task-assign-owner"
                    >
                      {task.ownerId ? t('task.changeOwner') : t('task.assignOwner')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
            { key: 'period', label: t('task.period'), children: `${task.startDate} ~ ${task.dueDate}` },
            { key: 'cadence', label: t('task.cadence'), children: t(`cadences.${task.cadence}`) },
            {
              key: 'tags',
              label: t('task.tags'),
              children: task.tags.length ? (
                <Flex gap={4} wrap>
                  {task.tags.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                none
              ),
            },
          ]}
        />
        {task.closeSummary ? (
          <Alert
            type={task.state === 'closed' ? 'success' : 'info'}
            showIcon
            title={t('task.closeSummary')}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{task.closeSummary}</span>}
            data-testid="task-close-summary"
          />
        ) : null}
      </Flex>
      {isAssigningOwner ? <AssignOwnerModal task={task} onClose={() => setAssigningOwner(false)} /> : null}
    </Card>
  );
}
