import type { TTask } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { addMilestone, TASKS_KEY } from './api.ts';
import { DATE } from './task-form-values.ts';

interface TMilestoneFormValues {
  title: string;
  dueDate?: Dayjs;
  deliverable?: string;
  weight?: number;
}

/** Adds a milestone at the end of a task's roadmap: a title, a due date not after the task's, a deliverable, a weight. */
export function AddMilestoneModal({ task, onClose }: { task: TTask; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TMilestoneFormValues>();
  const taskDue = dayjs(task.dueDate);
  const add = useMutation({
    mutationFn: (v: TMilestoneFormValues) =>
      addMilestone(task.id, {
        title: v.title.trim(),
        dueDate: v.dueDate?.format(DATE) ?? '',
        deliverable: v.deliverable?.trim() || undefined,
        weight: v.weight ?? 1,
      }),
    onSuccess: async (milestone) => {
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      void message.success(t('task.milestoneAdded', { title: milestone.title }));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      width={560}
      title={t('task.addMilestoneTitle', { title: task.title })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="milestone"
        layout="vertical"
        initialValues={{ weight: 1 }}
        onFinish={(v) => add.mutate(v)}
      >
        <Form.Item
          name="title"
          label={t('taskForm.milestoneTitle')}
          rules={[{ required: true, whitespace: true, message: t('task.milestoneTitleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="dueDate"
              label={t('taskForm.milestoneDue')}
              extra={t('task.milestoneDueHint', { date: task.dueDate })}
              rules={[
                { required: true, message: t('task.milestoneDueRequired') },
                {
                  validator: async (_r, value: Dayjs | undefined) => {
                    if (value?.isAfter(taskDue, 'day')) throw new Error(t('taskForm.milestoneAfterDue'));
                  },
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(taskDue, 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="weight" label={t('taskForm.milestoneWeight')} extra={t('task.milestoneWeightHint')}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="deliverable" label={t('taskForm.milestoneDeliverable')}>
          <Input maxLength={500} placeholder={t('common.optional')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
