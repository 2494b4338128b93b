import type { TTask } from '@duban/domain';
import { Alert, Checkbox, Empty, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAttachments } from './api.ts';
import { AttachmentThumb, AttachmentUploadButton } from './task-attachments.tsx';

interface TRequestCloseValues {
  summary: string;
  attachmentIds: string[];
}

interface TRequestCloseModalProps {
  task: TTask;
  isPending: boolean;
  onSubmit: (body: { summary: string; attachmentIds: string[] }) => void;
  onClose: () => void;
}

/** Requests closure (申请办结): what was done, and which attachments are its evidence (upload here too). */
export function RequestCloseModal({ task, isPending, onSubmit, onClose }: TRequestCloseModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TRequestCloseValues>();
  const attachments = useAttachments(task.id);
  const items = attachments.data ?? [];
  return (
    <Modal
      open
      width={640}
      title={t('task.requestCloseTitle', { title: task.title })}
      okText={t('task.requestClose')}
      cancelText={t('common.cancel')}
      confirmLoading={isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="requestClose"
        layout="vertical"
        initialValues={{ attachmentIds: [] }}
        onFinish={(v) => onSubmit({ summary: v.summary.trim(), attachmentIds: v.attachmentIds ?? [] })}
      >
        <Form.Item
          name="summary"
          label={t('task.summaryField')}
          rules={[{ required: true, whitespace: true, message: t('task.summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('task.summaryPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('task.evidence')} extra={t('task.evidenceHint')}>
          <Flex vertical gap={8}>
            <Form.Item name="attachmentIds" noStyle>
              {items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noEvidence')} style={{ margin: 0 }} />
              ) : (
                <Checkbox.Group style={{ width: '100%' }} data-testid="evidence-options">
                  <Flex gap={12} wrap>
                    {items.map((a) => (
                      <Checkbox key={a.id} value={a.id} className="duban-evidence-option">
                        <Flex vertical gap={4} align="flex-start">
                          <AttachmentThumb attachment={a} size={72} isPreviewable={false} />
                          {a.isImage ? (
                            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 96 }}>
                              {a.filename}
                            </Typography.Text>
                          ) : null}
                        </Flex>
                      </Checkbox>
                    ))}
                  </Flex>
                </Checkbox.Group>
              )}
            </Form.Item>
            <div>
              <AttachmentUploadButton
                taskId={task.id}
                onUploaded={(a) =>
                  form.setFieldValue('attachmentIds', [...(form.getFieldValue('attachmentIds') ?? []), a.id])
                }
              />
            </div>
          </Flex>
        </Form.Item>
        {task.subtasks.some((s) => s.state !== 'closed' && s.state !== 'cancelled') ? (
          <Alert type="warning" showIcon title={t('task.openSubtasks')} />
        ) : null}
      </Form>
    </Modal>
  );
}
