import type { TPrivilegedReset, TPrivilegedResetHalf } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { USERS_KEY } from '../users/api.ts';
import { cancelPrivilegedReset, confirmPrivilegedReset, PRIVILEGED_RESETS_KEY, usePrivilegedResets } from './api.ts';
import { PrivilegedResetHalfModal } from './half-modal.tsx';

function ResetActions({ reset, onHalf }: { reset: TPrivilegedReset; onHalf: (half: TPrivilegedResetHalf) => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: PRIVILEGED_RESETS_KEY }),
      queryClient.invalidateQueries({ queryKey: USERS_KEY }),
    ]);
  const confirm = useMutation({
    mutationFn: () => confirmPrivilegedReset(reset.id),
    onSuccess: async (half) => {
      onHalf(half);
      await refresh();
    },
    onError: (error) => report(error),
  });
  const cancel = useMutation({
    mutationFn: () => cancelPrivilegedReset(reset.id),
    onSuccess: async () => {
      void message.success(t('privilegedResets.cancelled'));
      await refresh();
    },
    onError: (error) => report(error),
  });
  const isOpener = me?.user.id === reset.openedBy.id;
  return (
    <Flex gap={8} wrap align="center">
      {reset.canConfirm ? (
        <Popconfirm
          title={t('privilegedResets.confirmConfirm', { name: reset.displayName })}
          okText={t('privilegedResets.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => confirm.mutateAsync().catch(() => undefined)}
        >
          <Button type="primary" size="small" loading={confirm.isPending} data-testid="privileged-reset-confirm">
            {t('privilegedResets.confirm')}
          </Button>
        </Popconfirm>
      ) : (
        <Typography.Text type="secondary">{t('privilegedResets.waiting')}</Typography.Text>
      )}
      {reset.canConfirm || isOpener ? (
        <Popconfirm
          title={t('privilegedResets.cancelConfirm')}
          okText={t('privilegedResets.cancel')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
        >
          <Button size="small" loading={cancel.isPending} data-testid="privileged-reset-cancel">
            {t('privilegedResets.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

/** /privileged-resets — the open two-person resets of the three administrators' accounts, to confirm or cancel. */
export function PrivilegedResetsPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  // The auditor reads no accounts' pages: the name is shown without a link.
  const mayOpenUsers = hasRole('sysAdmin', 'secAdmin');
  const resets = usePrivilegedResets();
  const [half, setHalf] = useState<TPrivilegedResetHalf | null>(null);
  return (
    <>
      <PageHeader title={t('privilegedResets.title')} subtitle={t('privilegedResets.subtitle')} />
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('privilegedResets.steps')} />
        <Card data-testid="privileged-resets">
          {resets.isError ? (
            <LoadError error={resets.error} onRetry={() => void resets.refetch()} />
          ) : !resets.data ? (
            <Skeleton active />
          ) : resets.data.length === 0 ? (
            <Empty description={t('privilegedResets.empty')} />
          ) : (
            <Flex vertical gap={12}>
              {resets.data.map((reset) => (
                <Flex
                  key={reset.id}
                  justify="space-between"
                  align="center"
                  gap={12}
                  wrap
                  className="duban-reset-row"
                  data-testid="privileged-reset"
                  data-username={reset.username}
                >
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Flex gap={8} align="center" wrap>
                      {mayOpenUsers ? (
                        <Link to={`/users/${reset.userId}`}>
                          <Typography.Text strong>{reset.displayName}</Typography.Text>
                        </Link>
                      ) : (
                        <Typography.Text strong>{reset.displayName}</Typography.Text>
                      )}
                      <Typography.Text type="secondary">{reset.username}</Typography.Text>
                      <Tag>{t(`roles.${reset.userRole}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('privilegedResets.openedLine', {
                        name: reset.openedBy.displayName,
                        role: t(`roles.${reset.openedBy.role}`),
                        time: formatDateTime(reset.createdAt),
                        expires: formatDateTime(reset.expiresAt),
                      })}
                    </Typography.Text>
                  </Flex>
                  <ResetActions reset={reset} onHalf={setHalf} />
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Flex>
      {half ? <PrivilegedResetHalfModal half={half} onClose={() => setHalf(null)} /> : null}
    </>
  );
}
