import {
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  LineChartOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { TTask } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { staleVersionOf } from '../../app/api-client.ts';
import { mayOpen } from '../../app/navigation.tsx';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { INBOX_KEY } from '../inbox/api.ts';
import { TASKS_KEY, type TTransition, transitionTask } from './api.ts';
import { RequestCloseModal } from './request-close-modal.tsx';
import { taskShownFields } from './task-conflict.ts';
import { TaskFormModal } from './task-form-modal.tsx';

type TTransitionRequest = { action: TTransition; body?: object; done: string; on?: TTask };

/**
 * Runs a lifecycle action on a task, on the version the page shows; the page then shows the task as the answer has
 * it. A task changed meanwhile opens the conflict dialog (`conflictDialog`): reload, or run the action again.
 */
export function useTransition(task: TTask) {
  const queryClient = useQueryClient();
  const report = useReportError();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stale = useStaleVersion<TTask, TTransitionRequest>();
  const mutation = useMutation({
    mutationFn: (v: TTransitionRequest) => transitionTask(task.id, v.action, v.body ?? {}, (v.on ?? task).version),
    onSuccess: async (updated, v) => {
      queryClient.setQueryData([...TASKS_KEY, 'one', task.id], updated);
      void message.success(v.done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
      ]);
    },
    onError: (error, v) => {
      if (!stale.catchStale(error, v.on ?? task, v)) report(error);
    },
  });
  const conflict = stale.conflict;
  const conflictDialog = conflict ? (
    <StaleVersionModal
      changes={changedFields(taskShownFields(t), conflict.loaded, conflict.current)}
      lastChange={conflict.lastChange}
      isReapplying={mutation.isPending}
      onReload={() => {
        queryClient.setQueryData([...TASKS_KEY, 'one', task.id], conflict.current);
        stale.clear();
        void message.info(t('conflict.reloaded'));
      }}
      onReapply={() => {
        stale.clear();
        mutation.mutate({ ...conflict.mine, on: conflict.current });
      }}
    />
  ) : null;
  return { mutation, conflictDialog };
}

interface TReasonModalProps {
  title: string;
  hint: string;
  okText: string;
  isDanger?: boolean;
  isPending: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** Asks for the reason of a return or a cancellation. */
function ReasonModal({ title, hint, okText, isDanger = false, isPending, onSubmit, onClose }: TReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: isDanger }}
      confirmLoading={isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form form={form} name="reason" layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('task.reasonLabel')}
          rules={[{ required: true, whitespace: true, message: t('task.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The buttons of what the caller may do with the task now, as the API's `can` says: nothing that would fail. The
 * step that is due is the main one: 签收 while unacknowledged, then the owner's progress report until the task is at
 * 100 %, then 申请办结. `?do=request-close` (from the Today page) opens the closure request at once.
 */
export function TaskActions({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const { mutation: transition, conflictDialog } = useTransition(task);
  const [dialog, setDialog] = useState<'edit' | 'requestClose' | 'reopen' | 'cancel' | null>(() =>
    params.get('do') === 'request-close' && task.can.requestClose ? 'requestClose' : null,
  );
  const isDone = task.progress >= 100;
  const isReporter =
    task.ownerId === me?.user.id && task.can.requestClose && !task.subtasks.length && mayOpen(me.roles, 'today');
  const run = (action: TTransition, done: string, body?: object) =>
    transition.mutateAsync({ action, body, done }).then(
      () => setDialog(null),
      // A stale task: the conflict dialog takes over (its reapply sends the same reason again).
      (error: unknown) => (staleVersionOf(error) ? setDialog(null) : undefined),
    );
  const { can } = task;
  return (
    <>
      {can.acknowledge ? (
        <Popconfirm
          title={t('task.acknowledgeConfirm')}
          okText={t('task.acknowledge')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('acknowledge', t('task.acknowledged'))}
        >
          <Button type="primary" icon={<CheckOutlined />} data-testid="task-acknowledge">
            {t('task.acknowledge')}
          </Button>
        </Popconfirm>
      ) : null}
      {isReporter && !isDone ? (
        <Link to={`/today#task-${task.id}`}>
          <Button type="primary" icon={<LineChartOutlined />} data-testid="task-report-progress">
            {t('task.reportProgress')}
          </Button>
        </Link>
      ) : null}
      {can.requestClose ? (
        <Button
          type={isDone ? 'primary' : 'default'}
          icon={<SendOutlined />}
          onClick={() => setDialog('requestClose')}
          data-testid="task-request-close"
        >
          {t('task.requestClose')}
        </Button>
      ) : null}
      {can.verify ? (
        <>
          <Popconfirm
            title={t('task.closeConfirm')}
            okText={t('task.close')}
            cancelText={t('common.cancel')}
            onConfirm={() => run('close', t('task.closed'))}
          >
            <Button type="primary" icon={<CheckCircleOutlined />} data-testid="task-close">
              {t('task.close')}
            </Button>
          </Popconfirm>
          <Button icon={<RollbackOutlined />} onClick={() => setDialog('reopen')} data-testid="task-reopen">
            {t('task.reopen')}
          </Button>
        </>
      ) : null}
      {can.edit ? (
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="task-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {can.cancel ? (
        <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('cancel')} data-testid="task-cancel">
          {t('task.cancel')}
        </Button>
      ) : null}
      {dialog === 'edit' ? (
        <TaskFormModal mode="edit" task={task} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      ) : null}
      {dialog === 'requestClose' ? (
        <RequestCloseModal
          task={task}
          isPending={transition.isPending}
          onSubmit={(body) => run('request-close', t('task.closeRequested'), body)}
          onClose={() => {
            setDialog(null);
            if (params.has('do')) {
              const next = new URLSearchParams(params);
              next.delete('do');
              setParams(next, { replace: true });
            }
          }}
        />
      ) : null}
      {dialog === 'reopen' ? (
        <ReasonModal
          title={t('task.reopenTitle')}
          hint={t('task.reopenHint')}
          okText={t('task.reopen')}
          isPending={transition.isPending}
          onSubmit={(reason) => run('reopen', t('task.reopened'), { reason })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'cancel' ? (
        <ReasonModal
          title={t('task.cancelTitle')}
          hint={t('task.cancelHint')}
          okText={t('task.cancel')}
          isDanger
          isPending={transition.isPending}
          onSubmit={(reason) => run('cancel', t('task.cancelled'), { reason })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {conflictDialog}
    </>
  );
}
