import { ArrowLeftOutlined } from '@ant-design/icons';
import { isOpenTaskState, type TTask, zId } from '@duban/domain';
import { Col, Flex, Row, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TaskOpenCallButton } from '../open-calls/task-open-call-button.tsx';
import { useTask } from './api.ts';
import { TaskActions } from './task-actions.tsx';
import { TaskActivity } from './task-activity.tsx';
import { TaskAttachments } from './task-attachments.tsx';
import { TaskCharter } from './task-charter.tsx';
import { TaskCheckIns } from './task-check-ins.tsx';
import { TaskEscalations } from './task-escalations.tsx';
import { TaskLight } from './task-light.tsx';
import { TaskMilestones } from './task-milestones.tsx';
import { TaskNotes } from './task-notes.tsx';
import { TaskOverview } from './task-overview.tsx';
import { TaskSubtasks } from './task-subtasks.tsx';

function TaskDetail({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const isOpen = isOpenTaskState(task.state);
  // From an instruction's notice (#instructions): the instructions come first, in view, to be read and answered.
  const isOnInstructions = useLocation().hash === '#instructions';
  useEffect(() => {
    if (isOnInstructions) document.getElementById('instructions')?.scrollIntoView({ block: 'start' });
  }, [isOnInstructions]);
  const instructions = (
    <TaskNotes
      taskId={task.id}
      kind="instructions"
      canAdd={task.can.instruct}
      canAnswer={task.can.answerInstructions}
    />
  );
  return (
    <>
      <PageHeader
        title={<span data-testid="task-title">{task.title}</span>}
        subtitle={
          <Flex gap={12} wrap>
            <Link to="/tasks">
              <ArrowLeftOutlined /> {t('task.backToList')}
            </Link>
            {task.parentId ? <Link to={`/tasks/${task.parentId}`}>{t('task.parent')}</Link> : null}
          </Flex>
        }
        extra={
          <>
            <TaskActions task={task} />
            <TaskOpenCallButton task={task} />
          </>
        }
      />
      {isOnInstructions ? <div style={{ marginBottom: 16 }}>{instructions}</div> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <TaskOverview task={task} />
            <TaskCharter charter={task.charter} />
            <TaskMilestones task={task} />
            <TaskSubtasks task={task} />
            <TaskCheckIns taskId={task.id} />
            <TaskAttachments taskId={task.id} canUpload={isOpen && task.can.comment} />
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <TaskEscalations task={task} />
            <TaskLight task={task} />
            {isOnInstructions ? null : instructions}
            <TaskNotes taskId={task.id} kind="comments" canAdd={task.can.comment} />
            <TaskActivity events={task.events} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

/** /tasks/:id — one task; unknown or out-of-scope ids show the not-found page. */
export function TaskPage() {
  const { id } = useParams();
  const isValidId = zId.safeParse(id).success;
  const task = useTask(isValidId ? id : undefined);
  if (!isValidId || isNotFound(task.error)) return <NotFound />;
  if (task.isError) return <LoadError error={task.error} onRetry={() => void task.refetch()} />;
  if (!task.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <TaskDetail task={task.data} />;
}
