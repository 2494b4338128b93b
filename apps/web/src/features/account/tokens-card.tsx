import { PlusOutlined } from '@ant-design/icons';
import type { TApiToken } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { revokeToken, TOKENS_KEY, useTokens } from './api.ts';
import { CreateTokenModal } from './create-token-modal.tsx';

/** The caller's personal API tokens: list, create (secret shown once), revoke. */
export function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const tokens = useTokens();
  const [isCreating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      void message.success(t('tokens.revoked'));
    },
    onError: (error) => report(error),
  });
  // A phone keeps the name, the access and revoking; the dates are on a wider screen.
  const columns: TableColumnsType<TApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      responsive: ['md'],
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    {
      title: t('tokens.access'),
      dataIndex: 'access',
      render: (v: TApiToken['access']) => <Tag color={v === 'readWrite' ? 'orange' : 'blue'}>{t(`tokens.${v}`)}</Tag>,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      responsive: ['md'],
      render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: ['md'],
      render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.neverUsed')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, token) => (
        <Popconfirm
          title={t('tokens.revokeConfirm', { name: token.name })}
          okText={t('tokens.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(token.id).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={t('tokens.title')}
      data-testid="tokens-card"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.hint')}</Typography.Paragraph>
      {tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<TApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tokens.empty')} /> }}
          data-testid="tokens-table"
        />
      )}
      {isCreating ? <CreateTokenModal onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
