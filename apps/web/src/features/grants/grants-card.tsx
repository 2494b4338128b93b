import { PlusOutlined } from '@ant-design/icons';
import type { TGrant, TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Popconfirm, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { RoleTag } from '../../components/tags.tsx';
import { deleteGrant, grantsKey, useGrants } from './api.ts';
import { GrantFormModal } from './grant-form-modal.tsx';

/** A user's role grants; secAdmin grants and revokes (never their own). */
export function GrantsCard({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const { me, hasRole } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const grants = useGrants(user.id);
  const [isAdding, setAdding] = useState(false);
  const isSelf = me?.user.id === user.id;
  const canManage = hasRole('secAdmin') && !isSelf;
  const revoke = useMutation({
    mutationFn: (grantId: string) => deleteGrant(user.id, grantId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: grantsKey(user.id) });
      void message.success(t('grants.revoked'));
    },
    onError: (error) => report(error),
  });
  const columns: TableColumnsType<TGrant> = [
    { title: t('grants.role'), dataIndex: 'role', render: (_v, g) => <RoleTag role={g.role} /> },
    { title: t('grants.unit'), dataIndex: 'unitName' },
    {
      title: t('grants.scope'),
      dataIndex: 'includeSubtree',
      render: (v: boolean) => (v ? t('grants.scopeSubtree') : t('grants.scopeUnit')),
    },
    { title: t('grants.grantedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, g) => (
        <Popconfirm
          title={t('grants.revokeConfirm', { role: t(`roles.${g.role}`), unit: g.unitName })}
          okText={t('grants.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(g.id).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            {t('grants.revoke')}
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Card
      title={t('grants.title')}
      data-testid="grants-card"
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!user.isActive}>
            {t('grants.add')}
          </Button>
        ) : null
      }
    >
      {isSelf && hasRole('secAdmin') ? (
        <Alert type="info" showIcon title={t('grants.selfNote')} style={{ marginBottom: 12 }} />
      ) : null}
      {grants.isError ? (
        <LoadError error={grants.error} onRetry={() => void grants.refetch()} />
      ) : (
        <Table<TGrant>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={grants.data ?? []}
          loading={grants.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.empty')} /> }}
          data-testid="grants-table"
        />
      )}
      {isAdding ? <GrantFormModal user={user} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
