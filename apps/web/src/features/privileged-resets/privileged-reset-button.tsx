import { KeyOutlined } from '@ant-design/icons';
import type { TPrivilegedResetHalf, TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { openPrivilegedReset, PRIVILEGED_RESETS_KEY } from './api.ts';
import { PrivilegedResetHalfModal } from './half-modal.tsx';

/** Opens a two-person reset of an administrator account (sysAdmin, secAdmin) and shows the first half once. */
export function PrivilegedResetButton({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [half, setHalf] = useState<TPrivilegedResetHalf | null>(null);
  const open = useMutation({
    mutationFn: () => openPrivilegedReset(user.id),
    onSuccess: async (result) => {
      setHalf(result);
      await queryClient.invalidateQueries({ queryKey: PRIVILEGED_RESETS_KEY });
    },
    onError: (error) => report(error),
  });
  return (
    <>
      <Popconfirm
        title={t('privilegedResets.openConfirm', { name: user.displayName })}
        okText={t('privilegedResets.open')}
        cancelText={t('common.cancel')}
        onConfirm={() => open.mutateAsync().catch(() => undefined)}
      >
        <Button icon={<KeyOutlined />} loading={open.isPending} data-testid="privileged-reset-open">
          {t('privilegedResets.open')}
        </Button>
      </Popconfirm>
      {half ? <PrivilegedResetHalfModal half={half} onClose={() => setHalf(null)} /> : null}
    </>
  );
}
