import type { TEscalation } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { TASKS_KEY } from '../tasks/api.ts';
import { answerEscalation, ESCALATIONS_KEY, recordOutcome } from './api.ts';

interface TAnswerValues {
  situation: string;
  plan: string;
  newDueDate: Dayjs;
}

/** A recipient answers an urge or supervision notice: the situation, the plan and the date they commit to. */
export function AnswerModal({ escalation, onClose }: { escalation: TEscalation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TAnswerValues>();
  const answer = useMutation({
    mutationFn: (values: TAnswerValues) =>
      answerEscalation(escalation.id, {
        situation: values.situation.trim(),
        plan: values.plan.trim(),
        newDueDate: values.newDueDate.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      // The desk's lists, and the task pages and the inbox that show escalations too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ESCALATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
      ]);
      void message.success(t('escalations.answerSaved'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  const required = { required: true, whitespace: true, message: t('supervisionDesk.required') };
  return (
    <Modal
      open
      width={560}
      title={t('escalations.answerTitle', { step: t(`escalations.steps.${escalation.step}`) })}
      okText={t('escalations.answer')}
      cancelText={t('common.cancel')}
      confirmLoading={answer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph strong>{escalation.taskTitle}</Typography.Paragraph>
      <Form<TAnswerValues> form={form} name="answerEscalation" layout="vertical" onFinish={(v) => answer.mutate(v)}>
        <Form.Item name="situation" label={t('escalations.situation')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="plan" label={t('escalations.plan')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="newDueDate"
          label={t('escalations.newDueDate')}
          rules={[{ required: true, message: t('supervisionDesk.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The supervisors record what came of an admonition interview (约谈). */
export function OutcomeModal({ escalation, onClose }: { escalation: TEscalation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ outcome: string }>();
  const record = useMutation({
    mutationFn: (outcome: string) => recordOutcome(escalation.id, outcome.trim()),
    onSuccess: async () => {
      // The desk's lists, and the task pages and the inbox that show escalations too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ESCALATIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
      ]);
      void message.success(t('escalations.outcomeSaved'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      width={520}
      title={t('escalations.recordOutcome')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph strong>{escalation.taskTitle}</Typography.Paragraph>
      <Form form={form} name="recordOutcome" layout="vertical" onFinish={(v) => record.mutate(v.outcome)}>
        <Form.Item
          name="outcome"
          label={t('escalations.outcome')}
          rules={[{ required: true, whitespace: true, message: t('supervisionDesk.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('supervisionDesk.outcomePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
