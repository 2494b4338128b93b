import { ESCALATION_STEPS, type TEscalationStep, type TTaskSummary } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { ESCALATIONS_KEY, raiseEscalations } from './api.ts';
import { TaskPicker } from './task-picker.tsx';

interface TRaiseValues {
  taskIds: string[];
  step: TEscalationStep;
  reason: string;
}

interface TRaiseEscalationModalProps {
  /** The tasks to escalate, when already chosen (再次催办 from a row); otherwise the modal offers a picker. */
  tasks?: { id: string; title: string }[];
  /** The step, when already chosen; otherwise the modal offers the ladder. */
  step?: TEscalationStep;
  onClose: () => void;
}

/**
 * A supervisor raises a step of the ladder by hand for one task or many, all or nothing. A task that is not live
 * (a draft, closed or cancelled) is named on the task field.
 */
export function RaiseEscalationModal({ tasks, step, onClose }: TRaiseEscalationModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TRaiseValues>();
  const [chosen, setChosen] = useState<TTaskSummary[]>([]);
  const isFixed = tasks !== undefined;
  const watchedStep = Form.useWatch('step', form);

  const raise = useMutation({
    mutationFn: raiseEscalations,
    onSuccess: async (result, body) => {
      await queryClient.invalidateQueries({ queryKey: ESCALATIONS_KEY });
      void message.success(
        t('escalations.raised', { count: result.items.length, step: t(`escalations.steps.${body.step}`) }),
      );
      onClose();
    },
    onError: (error, body) => {
      // taskIds.N: the N-th task cannot be escalated; name it on the field that chose it.
      const index = error instanceof ApiError ? /^taskIds\.(\d+)$/.exec(error.field ?? '')?.[1] : undefined;
      if (index !== undefined) {
        const taskId = body.taskIds[Number(index)];
        const title = [...(tasks ?? []), ...chosen].find((task) => task.id === taskId)?.title ?? taskId;
        const text = t('supervisionDesk.notLive', { title });
        if (isFixed) void message.error(text);
        else form.setFields([{ name: 'taskIds', errors: [text] }]);
        return;
      }
      report(error, form);
    },
  });

  const submit = (values: TRaiseValues) =>
    raise.mutate({
      taskIds: isFixed ? tasks.map((task) => task.id) : values.taskIds,
      step: step ?? values.step,
      reason: values.reason.trim(),
    });

  const title = isFixed ? t('escalations.raiseTitle', { count: tasks.length }) : t('supervisionDesk.raiseTitle');
  return (
    <Modal
      open
      width={isFixed ? 480 : 600}
      title={step && isFixed ? t('supervisionDesk.urgeAgainTitle') : title}
      okText={t('supervisionDesk.raiseOk', { step: t(`escalations.steps.${step ?? watchedStep ?? 'urge'}`) })}
      cancelText={t('common.cancel')}
      confirmLoading={raise.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<TRaiseValues>
        form={form}
        name="raiseEscalation"
        layout="vertical"
        initialValues={{ step: step ?? 'urge', taskIds: [] }}
        onFinish={submit}
      >
        {isFixed ? (
          <Form.Item label={t('supervisionDesk.tasks')}>
            {tasks.map((task) => (
              <Typography.Paragraph key={task.id} strong style={{ margin: 0 }}>
                {task.title}
              </Typography.Paragraph>
            ))}
          </Form.Item>
        ) : (
          <Form.Item
            name="taskIds"
            label={t('supervisionDesk.tasks')}
            extra={t('supervisionDesk.tasksHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('supervisionDesk.tasksRequired') }]}
          >
            <TaskPicker
              onChosen={setChosen}
              placeholder={t('supervisionDesk.tasksPlaceholder')}
              data-testid="raise-task-picker"
            />
          </Form.Item>
        )}
        {step ? null : (
          <Form.Item name="step" label={t('escalations.raiseStep')} rules={[{ required: true }]}>
            <Select
              options={ESCALATION_STEPS.map((s) => ({ value: s, label: t(`escalations.steps.${s}`) }))}
              data-testid="raise-step"
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('escalations.reason')}
          rules={[{ required: true, whitespace: true, message: t('supervisionDesk.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('supervisionDesk.reasonPlaceholder')}
            data-testid="raise-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
