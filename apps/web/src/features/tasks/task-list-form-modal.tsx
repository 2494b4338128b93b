import type { TTaskList } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { createTaskList, TASK_LISTS_KEY } from './api.ts';

interface TListValues {
  name: string;
  year: number;
  description?: string;
}

/** Creates an empty task list (清单): supervisors and leaders. */
export function TaskListFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (list: TTaskList) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TListValues>();
  const save = useMutation({
    mutationFn: (v: TListValues) =>
      createTaskList({ name: v.name.trim(), year: v.year, description: v.description?.trim() || undefined }),
    onSuccess: async (list) => {
      await queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY });
      void message.success(t('taskLists.created', { name: list.name }));
      onSaved(list);
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      title={t('taskLists.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        name="taskList"
        layout="vertical"
        initialValues={{ year: dayjs().year() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('taskLists.name')}
          rules={[{ required: true, whitespace: true, message: t('taskLists.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('taskLists.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('taskLists.year')}
          rules={[{ required: true, message: t('taskLists.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="description" label={t('taskLists.description')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('common.optional')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
