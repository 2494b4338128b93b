import { isOpenTaskState, type TPriority, type TTaskState, type TTaskSummary } from '@duban/domain';
import { Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const STATE_COLORS: Record<TTaskState, string> = {
  draft: 'default',
  assigned: 'blue',
  acknowledged: 'cyan',
  inProgress: 'processing',
  closeRequested: 'gold',
  closed: 'success',
  cancelled: 'default',
};

const PRIORITY_COLORS: Record<TPriority, string> = {
  normal: 'default',
  high: 'orange',
  urgent: 'red',
};

/** A task's state as a coloured tag. */
export function TaskStateTag({ state }: { state: TTaskState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="task-state">
      {t(`taskStates.${state}`)}
    </Tag>
  );
}

/** A task's priority as a tag; the normal priority stays quiet. */
export function PriorityTag({ priority }: { priority: TPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`priorities.${priority}`)}
    </Tag>
  );
}

/** A task's progress as a bar with its percentage. */
export function TaskProgress({ percent, width = 120 }: { percent: number; width?: number | string }) {
  return (
    <Progress
      percent={percent}
      size={[width, 8]}
      status={percent >= 100 ? 'success' : 'normal'}
      // The bar plus its percentage, not the whole line.
      style={{ margin: 0, width: typeof width === 'number' ? width + 48 : width, flex: 'none' }}
    />
  );
}

/** True when an open task's due date has passed. */
export const isOverdue = (task: Pick<TTaskSummary, 'state' | 'dueDate'>): boolean =>
  isOpenTaskState(task.state) && dayjs(task.dueDate).isBefore(dayjs(), 'day');
