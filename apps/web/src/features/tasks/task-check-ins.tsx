import { EditOutlined } from '@ant-design/icons';
import type { TCheckIn, TCheckInCorrection } from '@duban/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { TASKS_KEY } from './api.ts';

const checkInsKey = (taskId: string) => [...TASKS_KEY, 'check-ins', taskId] as const;

/** The task's check-ins (日清), newest first. */
export function useCheckIns(taskId: string) {
  return useQuery({
    queryKey: checkInsKey(taskId),
    queryFn: async () => (await api.get<{ items: TCheckIn[] }>(`/tasks/${taskId}/check-ins`)).items,
  });
}

type TCorrectionValues = { progress: number; done?: string; next?: string; blocker?: string; progressReason?: string };

/** The author corrects a check-in: the same day in place, later as an appended correction (the server decides). */
function CorrectCheckIn({ checkIn, onClose }: { checkIn: TCheckIn; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TCorrectionValues>();
  const correct = useMutation({
    mutationFn: (v: TCorrectionValues) => {
      const body: TCheckInCorrection = {
        progress: v.progress,
        done: v.done?.trim() || null,
        next: v.next?.trim() || null,
        blocker: v.blocker?.trim() || null,
        progressReason: v.progressReason?.trim() || null,
      };
      return api.patch<TCheckIn>(`/check-ins/${checkIn.id}`, body);
    },
    onSuccess: async () => {
      void message.success(t('checkIns.corrected'));
      await queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      title={t('checkIns.correctTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="correct-check-in"
        initialValues={{
          progress: checkIn.progress,
          done: checkIn.done ?? '',
          next: checkIn.next ?? '',
          blocker: checkIn.blocker ?? '',
          progressReason: checkIn.progressReason ?? '',
        }}
        onFinish={(v) => correct.mutate(v)}
      >
        <Form.Item name="progress" label={t('checkIns.progress')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="done" label={t('checkIns.done')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="next" label={t('checkIns.next')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="blocker" label={t('checkIns.blocker')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="progressReason" label={t('checkIns.progressReason')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CheckInItem({ checkIn, onCorrect }: { checkIn: TCheckIn; onCorrect: () => void }) {
  const { t } = useTranslation();
  const moved = checkIn.progress !== checkIn.progressBefore;
  return (
    <div className="duban-check-in" data-testid="task-check-in">
      <Flex justify="space-between" align="baseline" wrap gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <Typography.Text strong style={{ fontSize: 13 }}>
            {checkIn.authorName}
          </Typography.Text>
          {checkIn.onBehalfOfUnitName ? ` · ${t('checkIns.onBehalf', { unit: checkIn.onBehalfOfUnitName })}` : ''} ·{' '}
          {formatDateTime(checkIn.recordedAt)}
        </Typography.Text>
        <Flex gap={4} wrap>
          {checkIn.kind === 'note' && checkIn.notice && (
            <Tag color="orange">{t(`checkIns.notices.${checkIn.notice}`)}</Tag>
          )}
          {checkIn.correctsId && <Tag>{t('checkIns.correction')}</Tag>}
          {checkIn.editedAt && <Tag>{t('checkIns.edited')}</Tag>}
          {checkIn.noChange ? (
            <Tag>{t('checkIns.noChange')}</Tag>
          ) : (
            checkIn.kind === 'progress' && (
              <Tag color={moved ? 'blue' : 'default'}>
                {moved ? `${checkIn.progressBefore}% → ${checkIn.progress}%` : `${checkIn.progress}%`}
              </Tag>
            )
          )}
          {checkIn.editable && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={onCorrect}>
              {t('checkIns.correct')}
            </Button>
          )}
        </Flex>
      </Flex>
      {checkIn.done && (
        <Typography.Paragraph style={{ margin: 0 }}>{`${t('checkIns.done')}：${checkIn.done}`}</Typography.Paragraph>
      )}
      {checkIn.next && (
        <Typography.Paragraph style={{ margin: 0 }}>{`${t('checkIns.next')}：${checkIn.next}`}</Typography.Paragraph>
      )}
      {checkIn.blocker && (
        <Typography.Paragraph
          type="danger"
          style={{ margin: 0 }}
        >{`${t('checkIns.blocker')}：${checkIn.blocker}`}</Typography.Paragraph>
      )}
      {checkIn.progressReason && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {`${t('checkIns.progressReason')}：${checkIn.progressReason}`}
        </Typography.Paragraph>
      )}
      {checkIn.photoIds.length > 0 && (
        <Flex gap={6} wrap style={{ marginTop: 4 }}>
          {checkIn.photoIds.map((id) => (
            <a key={id} href={`/api/v1/attachments/${id}/content`} target="_blank" rel="noreferrer">
              <img
                src={`/api/v1/attachments/${id}/content`}
                alt={t('checkIns.photo')}
                style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4 }}
              />
            </a>
          ))}
        </Flex>
      )}
    </div>
  );
}

/** The task's check-ins: what its people reported, day by day — the facts the roll-up and the lights read. */
export function TaskCheckIns({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const checkIns = useCheckIns(taskId);
  const [correcting, setCorrecting] = useState<TCheckIn | null>(null);
  const items = checkIns.data ?? [];
  return (
    <Card title={t('checkIns.title')} size="small" data-testid="task-check-ins">
      {checkIns.error ? (
        <LoadError error={checkIns.error} onRetry={() => void checkIns.refetch()} />
      ) : items.length === 0 && !checkIns.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkIns.none')} />
      ) : (
        <Flex vertical gap={10}>
          {items.map((c) => (
            <CheckInItem key={c.id} checkIn={c} onCorrect={() => setCorrecting(c)} />
          ))}
        </Flex>
      )}
      {correcting && <CorrectCheckIn checkIn={correcting} onClose={() => setCorrecting(null)} />}
    </Card>
  );
}
