import type { TTask } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { TASKS_KEY, updateTask } from './api.ts';
import { taskShownFields } from './task-conflict.ts';

/**
 * Sets the task's owner (责任人) from the lead unit's active people: the lead unit's head or liaison, or the office.
 * Only the owner is sent, which the lead unit may change without the right to edit the task.
 */
export function AssignOwnerModal({ task, onClose }: { task: TTask; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ ownerId?: string }>();
  const stale = useStaleVersion<TTask, string>();
  const assign = useMutation({
    mutationFn: (v: { ownerId: string; on: TTask }) => updateTask(v.on.id, { ownerId: v.ownerId }, v.on.version),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...TASKS_KEY, 'one', task.id], updated);
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      void message.success(t('task.ownerAssigned', { name: updated.ownerName ?? '' }));
      onClose();
    },
    onError: (error, v) => {
      if (!stale.catchStale(error, v.on, v.ownerId)) report(error, form);
    },
  });
  const conflict = stale.conflict;
  const submit = ({ ownerId }: { ownerId?: string }) => {
    if (!ownerId || ownerId === task.ownerId) {
      void message.info(t('taskForm.unchanged'));
      onClose();
      return;
    }
    assign.mutate({ ownerId, on: task });
  };
  return (
    <Modal
      open
      width={520}
      title={t('task.assignOwnerTitle', { title: task.title })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="assignOwner"
        layout="vertical"
        initialValues={{ ownerId: task.ownerId ?? undefined }}
        onFinish={submit}
      >
        <Form.Item
          name="ownerId"
          label={t('task.owner')}
          extra={t('task.assignOwnerHint', { unit: task.leadUnitName })}
          rules={[{ required: true, message: t('task.ownerRequired') }]}
        >
          <UserSelect
            unitId={task.leadUnitId}
            current={task.ownerId && task.ownerName ? { id: task.ownerId, name: task.ownerName } : null}
            allowClear={false}
            placeholder={t('task.ownerPlaceholder')}
          />
        </Form.Item>
      </Form>
      {conflict ? (
        <StaleVersionModal
          changes={changedFields(taskShownFields(t), conflict.loaded, conflict.current)}
          lastChange={conflict.lastChange}
          isReapplying={assign.isPending}
          onReload={() => {
            queryClient.setQueryData([...TASKS_KEY, 'one', task.id], conflict.current);
            stale.clear();
            onClose();
            void message.info(t('conflict.reloaded'));
          }}
          onReapply={() => {
            stale.clear();
            assign.mutate({ ownerId: conflict.mine, on: conflict.current });
          }}
        />
      ) : null}
    </Modal>
  );
}
