import { CheckOutlined, DownOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { localDay, nextTaskState, type TTodayTask } from '@duban/domain';
import { Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LightBadge } from '../../components/light-badge.tsx';
import { noChangeDraft, openDraft, releaseDraft, type TDraft } from './check-in-draft.ts';
import { CheckInFields, type TCardProblem } from './check-in-fields.tsx';

export type TDraftUpdate = (taskId: string, change: (draft: TDraft | undefined) => TDraft | undefined) => void;

interface TTodayTaskCardProps {
  task: TTodayTask;
  draft: TDraft | undefined;
  /** An entry for it waits on this phone to be synced. */
  isQueued: boolean;
  problem: TCardProblem | null;
  onUpdate: TDraftUpdate;
}

const REASON_COLORS = { daily: 'blue', weekly: 'geekblue', milestone: 'orange' } as const;

/** What the task said last time, and the milestones coming up: what the cadre needs to answer in one look. */
function TaskContext({ task }: { task: TTodayTask }) {
  const { t } = useTranslation();
  const today = localDay(new Date());
  const last = task.last;
  return (
    <>
      <Typography.Text type="secondary" className="duban-today-last" data-testid="today-task-last">
        {last
          ? [
              `${t('today.last', { day: last.day.slice(5) })} · ${last.progress}%`,
              last.done,
              last.next ? t('today.lastNext', { next: last.next }) : null,
              last.blocker ? t('today.lastBlocker', { blocker: last.blocker }) : null,
            ]
              .filter(Boolean)
              .join(' · ')
          : t('today.lastNone')}
      </Typography.Text>
      {task.milestones.map((m) => (
        <Typography.Text
          key={m.id}
          type={m.dueDate < today ? 'danger' : 'warning'}
          className="duban-today-last"
          data-testid="today-task-milestone"
        >
          {t(m.dueDate < today ? 'today.milestoneOverdue' : 'today.milestoneDue', { title: m.title, date: m.dueDate })}
        </Typography.Text>
      ))}
    </>
  );
}

/** Whose report it is when the liaison sees it: the unit's (no owner), the owner's, or the owner's overdue one. */
function OnBehalfTag({ task }: { task: TTodayTask }) {
  const { t } = useTranslation();
  if (!task.ownerName) return <Tag>{t('today.onBehalf')}</Tag>;
  return (
    <Tag color={task.ownerOverdue ? 'red' : undefined} data-testid="today-task-owner">
      {t(task.ownerOverdue ? 'today.ownerOverdue' : 'today.ownerReports', { owner: task.ownerName })}
    </Tag>
  );
}

/** One task on the Today page: "no change" in one tap, or its fields. */
export const TodayTaskCard = memo(function TodayTaskCard({
  task,
  draft,
  isQueued,
  problem,
  onUpdate,
}: TTodayTaskCardProps) {
  const { t } = useTranslation();
  const isNoChange = draft?.noChange === true;
  const isOpen = draft?.isOpen === true;
  const toggleNoChange = () =>
    onUpdate(task.id, (d) => {
      if (d?.noChange) return undefined;
      releaseDraft(d);
      return noChangeDraft(task);
    });
  const toggleOpen = () =>
    onUpdate(task.id, (d) => {
      if (!d || d.noChange) return openDraft(task);
      return { ...d, isOpen: !d.isOpen };
    });
  const classes = ['duban-today-card', isNoChange ? 'is-no-change' : '', problem ? 'has-problem' : ''];
  return (
    <Card
      size="small"
      className={classes.filter(Boolean).join(' ')}
      data-testid="today-task"
      data-task-id={task.id}
      styles={{ body: { padding: 12 } }}
    >
      <Link to={`/tasks/${task.id}`} className="duban-today-title" data-testid="today-task-title">
        {task.title}
      </Link>
      <Flex wrap gap={6} align="center" className="duban-today-meta">
        <LightBadge light={task.light} compact />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.leadUnitName}
        </Typography.Text>
        {task.dueReason ? (
          <Tag color={REASON_COLORS[task.dueReason]} data-testid="today-task-reason">
            {t(`today.reasons.${task.dueReason}`)}
          </Tag>
        ) : null}
        {task.onBehalf ? <OnBehalfTag task={task} /> : null}
        {isQueued ? (
          <Tag color="orange" data-testid="today-task-queued">
            {t('today.queued')}
          </Tag>
        ) : null}
      </Flex>
      <Flex align="center" gap={8}>
        <Progress percent={task.progress} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} />
        <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('today.progressValue', { progress: task.progress })}
        </Typography.Text>
      </Flex>
      <TaskContext task={task} />
      <Flex gap={8} className="duban-today-actions">
        <Button
          type={isNoChange ? 'primary' : 'default'}
          icon={<CheckOutlined />}
          aria-pressed={isNoChange}
          onClick={toggleNoChange}
          data-testid="today-no-change"
        >
          {t('today.noChange')}
        </Button>
        <Button
          icon={isOpen ? <DownOutlined rotate={180} /> : <EditOutlined />}
          aria-expanded={isOpen}
          onClick={toggleOpen}
          data-testid="today-write"
        >
          {isOpen ? t('today.collapse') : t('today.write')}
        </Button>
      </Flex>
      {task.progress >= 100 && nextTaskState(task.state, 'requestClose') !== null ? (
        // At 100 % the due step is the closure request: on the task's page, with its evidence.
        <Link to={`/tasks/${task.id}?do=request-close`} className="duban-today-close">
          <Button type="primary" block icon={<SendOutlined />} data-testid="today-request-close">
            {t('today.requestClose')}
          </Button>
        </Link>
      ) : null}
      {problem && !isOpen ? (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 6 }}>
          {problem.text}
        </Typography.Text>
      ) : null}
      {draft && isOpen && !isNoChange ? (
        <CheckInFields
          task={task}
          draft={draft}
          problem={problem}
          onChange={(change) => onUpdate(task.id, (d) => (d ? change(d) : d))}
        />
      ) : null}
    </Card>
  );
});
