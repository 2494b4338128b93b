import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type TAttachment } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Image, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { formatBytes } from '../../components/save-file.ts';
import { attachmentUrl, mimeOf, TASKS_KEY, uploadAttachment, useAttachments } from './api.ts';

const ACCEPT = Object.keys(ATTACHMENT_TYPES).join(',');

/** Uploads files to a task, checking type and size first; calls back with each stored attachment. */
export function AttachmentUploadButton({
  taskId,
  onUploaded,
  children,
}: {
  taskId: string;
  onUploaded?: (attachment: TAttachment) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(taskId, file),
    onSuccess: async (attachment) => {
      await queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'attachments', taskId] });
      void message.success(t('task.uploaded', { name: attachment.filename }));
      onUploaded?.(attachment);
    },
    onError: (error) => report(error),
  });
  return (
    <Upload
      accept={ACCEPT}
      multiple
      showUploadList={false}
      beforeUpload={(file) => {
        if (!(mimeOf(file) in ATTACHMENT_TYPES)) {
          report(new ApiError(415, 'UNSUPPORTED_TYPE', 'type', 'file'));
        } else if (file.size > ATTACHMENT_MAX_BYTES) {
          report(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'size', 'file'));
        } else {
          upload.mutate(file);
        }
        return Upload.LIST_IGNORE;
      }}
    >
      <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
        {children ?? t('task.upload')}
      </Button>
    </Upload>
  );
}

/** An attachment as people look at it: an image as a thumbnail that opens large, any other file as a link. */
export function AttachmentThumb({
  attachment,
  size = 96,
  isPreviewable = true,
}: {
  attachment: TAttachment;
  size?: number;
  /** False where a click means something else (picking evidence). */
  isPreviewable?: boolean;
}) {
  const url = attachmentUrl(attachment);
  if (attachment.isImage) {
    return (
      <Image
        src={url}
        alt={attachment.filename}
        width={size}
        height={size}
        preview={isPreviewable}
        style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #e5e9f0' }}
        data-testid="attachment-image"
      />
    );
  }
  return (
    <a href={url} download={attachment.filename} className="duban-file-link" data-testid="attachment-file">
      <FileOutlined /> <span>{attachment.filename}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatBytes(attachment.size)}
      </Typography.Text>
    </a>
  );
}

/** The task's attachments and evidence: images inline, other files to download; upload while the task is open. */
export function TaskAttachments({ taskId, canUpload }: { taskId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const attachments = useAttachments(taskId);
  const items = attachments.data ?? [];
  const images = items.filter((a) => a.isImage);
  const files = items.filter((a) => !a.isImage);
  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t('task.attachments')}
        </span>
      }
      extra={canUpload ? <AttachmentUploadButton taskId={taskId} /> : null}
      data-testid="task-attachments"
    >
      {attachments.isError ? (
        <LoadError error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noAttachments')} />
      ) : (
        <Flex vertical gap={12}>
          {images.length ? (
            <Image.PreviewGroup>
              <Flex gap={8} wrap>
                {images.map((a) => (
                  <div key={a.id} title={`${a.filename} · ${a.uploadedByName} · ${formatDateTime(a.createdAt)}`}>
                    <AttachmentThumb attachment={a} />
                  </div>
                ))}
              </Flex>
            </Image.PreviewGroup>
          ) : null}
          {files.map((a) => (
            <Flex key={a.id} vertical gap={0}>
              <AttachmentThumb attachment={a} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('task.uploadedBy', { name: a.uploadedByName, time: formatDateTime(a.createdAt) })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {canUpload ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('task.uploadHint')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
