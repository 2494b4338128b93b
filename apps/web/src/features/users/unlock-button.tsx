import { UnlockOutlined } from '@ant-design/icons';
import type { TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { USERS_KEY, unlockUser } from './api.ts';

/** Lifts every login lock of an account (secAdmin). */
export function UnlockButton({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const unlock = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(t('unlock.done'));
    },
    onError: (error) => report(error),
  });
  return (
    <Popconfirm
      title={t('unlock.confirm', { name: user.displayName })}
      okText={t('unlock.action')}
      cancelText={t('common.cancel')}
      onConfirm={() => unlock.mutateAsync().catch(() => undefined)}
    >
      <Button icon={<UnlockOutlined />} loading={unlock.isPending} data-testid="user-unlock">
        {t('unlock.action')}
      </Button>
    </Popconfirm>
  );
}
