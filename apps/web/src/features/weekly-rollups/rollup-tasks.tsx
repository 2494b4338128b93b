import type { TRollupTask } from '@duban/domain';
import { Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TaskStateTag } from '../tasks/task-tags.tsx';
import { LINES_STYLE, ProgressChange } from './rollup-parts.tsx';

const isSilent = (task: TRollupTask) => task.checkIns === 0 && task.state !== 'closed' && task.state !== 'cancelled';

function TaskCell({ task }: { task: TRollupTask }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} style={{ minWidth: 140 }}>
      <Link to={`/tasks/${task.taskId}`} style={{ wordBreak: 'break-word', fontWeight: 500 }}>
        {task.title}
      </Link>
      <Flex gap={6} align="center" wrap>
        <TaskStateTag state={task.state} />
        {isSilent(task) ? (
          <Tag color="warning" variant="outlined" style={{ marginInlineEnd: 0 }}>
            {t('weeklyRollups.tasks.silent')}
          </Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {task.ownerName ?? t('weeklyRollups.tasks.noOwner')} · {t('weeklyRollups.tasks.due', { date: task.dueDate })}
      </Typography.Text>
    </Flex>
  );
}

/** Lines with keys that stay unique when a line repeats (the same "done" on two days). */
function keyed(lines: string[]): { key: string; text: string }[] {
  const seen = new Map<string, number>();
  return lines.map((text) => {
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return { key: `${text}#${n}`, text };
  });
}

function Lines({ lines, type }: { lines: string[]; type?: 'warning' }) {
  if (lines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  if (lines.length === 1) return <Typography.Text type={type}>{lines[0]}</Typography.Text>;
  return (
    <ul className="duban-lines" style={LINES_STYLE}>
      {keyed(lines).map(({ key, text }) => (
        <li key={key}>
          <Typography.Text type={type}>{text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

function Milestones({ task }: { task: TRollupTask }) {
  const { t } = useTranslation();
  if (task.milestonesMet.length === 0 && task.milestonesMissed.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <ul className="duban-lines" style={LINES_STYLE} data-testid="rollup-task-milestones">
      {keyed(
        task.milestonesMet.map((m) => t('weeklyRollups.tasks.milestoneMet', { title: m.title, date: m.doneOn })),
      ).map(({ key, text }) => (
        <li key={`met-${key}`}>
          <Typography.Text type="success">{text}</Typography.Text>
        </li>
      ))}
      {keyed(
        task.milestonesMissed.map((m) => t('weeklyRollups.tasks.milestoneMissed', { title: m.title, date: m.dueDate })),
      ).map(({ key, text }) => (
        <li key={`missed-${key}`}>
          <Typography.Text type="danger">{text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/**
 * Each task's week: one card per task on a phone; elsewhere a table that takes the width it is given and wraps its
 * text, with no fixed column widths and no inner scrolling (the report is printed on A4 from it).
 */
export function RollupTasks({ tasks, isPhone }: { tasks: TRollupTask[]; isPhone: boolean }) {
  const { t } = useTranslation();
  const phoneColumns: TableColumnsType<TRollupTask> = [
    {
      key: 'task',
      render: (_v, task) => (
        <Flex vertical gap={8} data-testid="rollup-task">
          <TaskCell task={task} />
          <Labelled label={t('weeklyRollups.tasks.progress')}>
            <ProgressChange start={task.progressStart} end={task.progressEnd} />
          </Labelled>
          {task.done.length > 0 ? (
            <Labelled label={t('weeklyRollups.tasks.done')}>
              <Lines lines={task.done} />
            </Labelled>
          ) : null}
          {task.next ? (
            <Labelled label={t('weeklyRollups.tasks.next')}>
              <Typography.Text>{task.next}</Typography.Text>
            </Labelled>
          ) : null}
          {task.blockers.length > 0 ? (
            <Labelled label={t('weeklyRollups.tasks.blockers')}>
              <Lines lines={task.blockers} type="warning" />
            </Labelled>
          ) : null}
          {task.milestonesMet.length + task.milestonesMissed.length > 0 ? (
            <Labelled label={t('weeklyRollups.tasks.milestones')}>
              <Milestones task={task} />
            </Labelled>
          ) : null}
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<TRollupTask> = [
    {
      title: t('weeklyRollups.tasks.task'),
      key: 'task',
      render: (_v, task) => (
        <div data-testid="rollup-task">
          <TaskCell task={task} />
        </div>
      ),
    },
    {
      title: t('weeklyRollups.tasks.progress'),
      key: 'progress',
      render: (_v, task) => <ProgressChange start={task.progressStart} end={task.progressEnd} />,
    },
    {
      title: t('weeklyRollups.tasks.done'),
      key: 'done',
      render: (_v, task) => <Lines lines={task.done} />,
    },
    {
      title: t('weeklyRollups.tasks.next'),
      key: 'next',
      render: (_v, task) => task.next ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('weeklyRollups.tasks.blockers'),
      key: 'blockers',
      render: (_v, task) => <Lines lines={task.blockers} type="warning" />,
    },
    {
      title: t('weeklyRollups.tasks.milestones'),
      key: 'milestones',
      render: (_v, task) => <Milestones task={task} />,
    },
  ];
  return (
    <Table<TRollupTask>
      rowKey="taskId"
      size="small"
      className="duban-rollup-tasks"
      columns={isPhone ? phoneColumns : columns}
      showHeader={!isPhone}
      dataSource={tasks}
      pagination={false}
      locale={{ emptyText: t('weeklyRollups.tasks.empty') }}
      data-testid="rollup-tasks"
    />
  );
}
