import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  EditOutlined,
  PrinterOutlined,
  SendOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { TBulletin } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { saveFile } from '../../components/save-file.ts';
import {
  approveBulletin,
  BULLETINS_KEY,
  downloadBulletin,
  generateBulletin,
  publishBulletin,
  useBulletin,
} from './api.ts';
import { BulletinDocument } from './bulletin-document.tsx';
import { BulletinEditor } from './bulletin-editor.tsx';
import { BulletinStateTag, useIssueLabel } from './bulletin-parts.tsx';

/** Who generated, approved and published it, and when. */
function BulletinMeta({ bulletin }: { bulletin: TBulletin }) {
  const { t } = useTranslation();
  const lines = [
    bulletin.generatedBy
      ? t('bulletins.meta.generatedBy', { name: bulletin.generatedBy.name, at: formatDateTime(bulletin.generatedAt) })
      : t('bulletins.meta.generatedByJob', { at: formatDateTime(bulletin.generatedAt) }),
    ...(bulletin.approvedBy
      ? [t('bulletins.meta.approvedBy', { name: bulletin.approvedBy.name, at: formatDateTime(bulletin.approvedAt) })]
      : []),
    ...(bulletin.publishedBy
      ? [t('bulletins.meta.publishedBy', { name: bulletin.publishedBy.name, at: formatDateTime(bulletin.publishedAt) })]
      : []),
  ];
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="bulletin-meta">
      {lines.join(' · ')}
    </Typography.Text>
  );
}

/** An action that asks first. */
function Confirmed(props: {
  question: string;
  okText: string;
  onConfirm: () => Promise<unknown>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={props.question}
      okText={props.okText}
      cancelText={t('common.cancel')}
      onConfirm={() => props.onConfirm().catch(() => undefined)}
      styles={{ root: { maxWidth: 340 } }}
    >
      {props.children}
    </Popconfirm>
  );
}

/** A write on the bulletin: on success the bulletins are read again and the outcome is said. */
function useBulletinAction(run: () => Promise<unknown>, done: string) {
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: BULLETINS_KEY });
      void message.success(done);
    },
    onError: (error) => report(error),
  });
}

/** The bulletin's actions, as far as the caller may take them now. */
function BulletinActions({ bulletin, onEdit }: { bulletin: TBulletin; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const issueOf = useIssueLabel();
  const regenerating = useBulletinAction(() => generateBulletin(bulletin.week), t('bulletins.done.regenerated'));
  const approving = useBulletinAction(() => approveBulletin(bulletin.id), t('bulletins.done.approved'));
  const publishing = useBulletinAction(() => publishBulletin(bulletin.id), t('bulletins.done.published'));
  const downloading = useMutation({
    mutationFn: () => downloadBulletin(bulletin.id),
    onSuccess: ({ blob, filename }) => {
      saveFile(blob, filename ?? `${t('bulletins.title')}-${issueOf(bulletin.week)}.xlsx`);
      void message.success(t('bulletins.done.downloaded'));
    },
    onError: (error) => report(error),
  });
  const { can } = bulletin;
  return (
    <Flex gap={8} wrap className="duban-no-print" data-testid="bulletin-actions">
      {can.edit ? (
        <Button icon={<EditOutlined />} onClick={onEdit} data-testid="bulletin-edit">
          {t('bulletins.actions.edit')}
        </Button>
      ) : null}
      {can.regenerate ? (
        <Confirmed
          question={t('bulletins.confirm.regenerate')}
          okText={t('bulletins.actions.regenerate')}
          onConfirm={() => regenerating.mutateAsync()}
        >
          <Button icon={<SyncOutlined />} loading={regenerating.isPending} data-testid="bulletin-regenerate">
            {t('bulletins.actions.regenerate')}
          </Button>
        </Confirmed>
      ) : null}
      {can.approve ? (
        <Confirmed
          question={t('bulletins.confirm.approve')}
          okText={t('bulletins.actions.approve')}
          onConfirm={() => approving.mutateAsync()}
        >
          <Button type="primary" icon={<CheckOutlined />} loading={approving.isPending} data-testid="bulletin-approve">
            {t('bulletins.actions.approve')}
          </Button>
        </Confirmed>
      ) : null}
      {can.publish ? (
        <Confirmed
          question={t('bulletins.confirm.publish')}
          okText={t('bulletins.actions.publish')}
          onConfirm={() => publishing.mutateAsync()}
        >
          <Button type="primary" icon={<SendOutlined />} loading={publishing.isPending} data-testid="bulletin-publish">
            {t('bulletins.actions.publish')}
          </Button>
        </Confirmed>
      ) : null}
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="bulletin-print">
        {t('bulletins.actions.print')}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={downloading.isPending}
        onClick={() => downloading.mutate()}
        data-testid="bulletin-download"
      >
        {t('bulletins.actions.download')}
      </Button>
    </Flex>
  );
}

/** /bulletins/:id — the bulletin as an official document, with what the caller may do with it. */
export function BulletinPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { hasRole } = useSession();
  const bulletin = useBulletin(id);
  const [isEditing, setEditing] = useState(false);
  if (isNotFound(bulletin.error)) return <NotFound />;
  if (bulletin.isError) return <LoadError error={bulletin.error} onRetry={() => void bulletin.refetch()} />;
  if (!bulletin.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const b = bulletin.data;
  return (
    <div className="duban-report duban-bulletin" data-testid="bulletin-page">
      <Card size="small" className="duban-no-print" style={{ maxWidth: 880, margin: '0 auto 16px' }}>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Link to="/bulletins">
                <ArrowLeftOutlined /> {t('bulletins.actions.back')}
              </Link>
              <BulletinStateTag state={b.state} />
            </Flex>
            <BulletinMeta bulletin={b} />
          </Flex>
          <BulletinActions bulletin={b} onEdit={() => setEditing(true)} />
        </Flex>
      </Card>
      <BulletinDocument bulletin={b} canOpenTasks={hasRole('leader', 'supervisor')} />
      {isEditing ? <BulletinEditor bulletin={b} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
