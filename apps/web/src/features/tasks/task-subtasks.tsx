import { ApartmentOutlined } from '@ant-design/icons';
import type { TTask, TTaskSummary } from '@duban/domain';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LightBadge } from '../../components/light-badge.tsx';
import { TaskFormModal } from './task-form-modal.tsx';
import { TaskProgress, TaskStateTag } from './task-tags.tsx';

/** The task's sub-tasks, and "decompose" for those who may split it. */
export function TaskSubtasks({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const [isDecomposing, setDecomposing] = useState(false);
  if (task.subtasks.length === 0 && !task.can.decompose) return null;
  return (
    <Card
      size="small"
      title={t('task.subtasks')}
      extra={
        task.can.decompose ? (
          <Button
            size="small"
            icon={<ApartmentOutlined />}
            onClick={() => setDecomposing(true)}
            data-testid="task-decompose"
          >
            {t('task.decompose')}
          </Button>
        ) : null
      }
      data-testid="task-subtasks"
    >
      <Table<TTaskSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={task.subtasks}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('task.noSubtasks') }}
        columns={[
          {
            title: t('tasks.light'),
            dataIndex: 'light',
            width: 56,
            align: 'center',
            render: (_v, sub) => <LightBadge light={sub.light} compact />,
          },
          {
            title: t('tasks.taskTitle'),
            dataIndex: 'title',
            render: (_v, sub) => <Link to={`/tasks/${sub.id}`}>{sub.title}</Link>,
          },
          { title: t('tasks.leadUnit'), dataIndex: 'leadUnitName', responsive: ['sm'] },
          {
            title: t('tasks.owner'),
            dataIndex: 'ownerName',
            responsive: ['md'],
            render: (v: string | null) => v ?? '—',
          },
          { title: t('tasks.state'), dataIndex: 'state', render: (_v, sub) => <TaskStateTag state={sub.state} /> },
          { title: t('tasks.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
          {
            title: t('tasks.progress'),
            dataIndex: 'progress',
            render: (_v, sub) => <TaskProgress percent={sub.progress} width={80} />,
          },
        ]}
      />
      {isDecomposing ? (
        <TaskFormModal
          mode="decompose"
          parent={task}
          onClose={() => setDecomposing(false)}
          onSaved={() => setDecomposing(false)}
        />
      ) : null}
    </Card>
  );
}
