import { FlagOutlined } from '@ant-design/icons';
import { isOpenTaskState, type TTask } from '@duban/domain';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useOpenCalls } from './api.ts';
import { PublishCallModal } from './publish-call-modal.tsx';

/** On a task's page: its open call when it has one, else "publish as open call" for those who may. */
export function TaskOpenCallButton({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [isPublishing, setPublishing] = useState(false);
  const mayPublish = hasRole('leader', 'supervisor') && task.can.edit && isOpenTaskState(task.state);
  const calls = useOpenCalls({ taskId: task.id, page: 1, pageSize: 1 });
  const call = calls.data?.items[0];
  if (call) {
    return (
      <Link to={`/open-calls/${call.id}`}>
        <Button icon={<FlagOutlined />}>{t('nav.openCalls')}</Button>
      </Link>
    );
  }
  if (!mayPublish || !calls.isSuccess) return null;
  return (
    <>
      <Button icon={<FlagOutlined />} onClick={() => setPublishing(true)} data-testid="task-publish-call">
        {t('task.publishCall')}
      </Button>
      {isPublishing ? (
        <PublishCallModal
          task={task}
          onClose={() => setPublishing(false)}
          onPublished={(published) => navigate(`/open-calls/${published.id}`)}
        />
      ) : null}
    </>
  );
}
