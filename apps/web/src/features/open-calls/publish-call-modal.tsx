import type { TOpenCall, TTaskSummary } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { useTaskPage } from '../tasks/api.ts';
import { UnitTreeMultiSelect } from '../units/unit-tree-select.tsx';
import { OPEN_CALLS_KEY, publishOpenCall } from './api.ts';

interface TPublishValues {
  taskId: string;
  requirements: string;
  eligibleUnitIds: string[];
  bidDeadline: Dayjs;
}

/** The text typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Picks an open task by title, among those the caller sees. */
function TaskPicker({ id, value, onChange }: { id?: string; value?: string; onChange?: (value: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const tasks = useTaskPage({ q: q || undefined, page: 1, pageSize: 30, includeSubtasks: 'true' });
  const open = (tasks.data?.items ?? []).filter(
    (task: TTaskSummary) => task.state !== 'closed' && task.state !== 'cancelled',
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={tasks.isFetching}
      placeholder={t('openCalls.taskPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={open.map((task) => ({ value: task.id, label: `${task.title} · ${task.leadUnitName}` }))}
      data-testid="publish-task"
    />
  );
}

/** Publishes a task as an open call (揭榜挂帅): requirements, who may bid, until when. */
export function PublishCallModal({
  task,
  onClose,
  onPublished,
}: {
  /** The task to publish, when it is already chosen (from its page). */
  task?: { id: string; title: string };
  onClose: () => void;
  onPublished: (call: TOpenCall) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TPublishValues>();
  const publish = useMutation({
    mutationFn: (v: TPublishValues) =>
      publishOpenCall({
        taskId: task?.id ?? v.taskId,
        requirements: v.requirements.trim(),
        eligibleUnitIds: v.eligibleUnitIds ?? [],
        bidDeadline: v.bidDeadline.format(),
      }),
    onSuccess: async (call) => {
      await queryClient.invalidateQueries({ queryKey: OPEN_CALLS_KEY });
      void message.success(t('openCalls.published'));
      onPublished(call);
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      width={640}
      title={t('openCalls.publishTitle')}
      okText={t('openCalls.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="publishCall"
        layout="vertical"
        initialValues={{ eligibleUnitIds: [], bidDeadline: dayjs().add(14, 'day').hour(18).minute(0).second(0) }}
        onFinish={(v) => publish.mutate(v)}
      >
        {task ? (
          <Form.Item label={t('openCalls.task')}>
            <Input value={task.title} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="taskId"
            label={t('openCalls.task')}
            rules={[{ required: true, message: t('openCalls.taskRequired') }]}
          >
            <TaskPicker />
          </Form.Item>
        )}
        <Form.Item
          name="requirements"
          label={t('openCalls.requirements')}
          rules={[{ required: true, whitespace: true, message: t('openCalls.requirementsRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="eligibleUnitIds" label={t('openCalls.eligibleUnits')}>
          <UnitTreeMultiSelect isActiveOnly placeholder={t('openCalls.eligibleAll')} />
        </Form.Item>
        <Form.Item
          name="bidDeadline"
          label={t('openCalls.deadline')}
          rules={[
            { required: true, message: t('openCalls.deadlineRequired') },
            {
              validator: async (_r, value: Dayjs | undefined) => {
                if (value && !value.isAfter(dayjs())) throw new Error(t('openCalls.deadlinePast'));
              },
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: 220, maxWidth: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
