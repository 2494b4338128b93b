import { EditOutlined, KeyOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { USERS_KEY, updateUser } from './api.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormModal } from './user-form-modal.tsx';

/**
 * What sysAdmin may do with an account: edit, reset the password, deactivate or reactivate. The three
 * administrators' accounts take the two-person reset instead (PrivilegedResetButton).
 */
export function UserActions({ user, isCompact = false }: { user: TUser; isCompact?: boolean }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'reset' | null>(null);
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => updateUser(user.id, { isActive }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(updated.isActive ? t('users.reactivated') : t('users.deactivated'));
    },
    onError: (error) => report(error),
  });
  const type = isCompact ? 'link' : 'default';
  const size = isCompact ? 'small' : 'middle';
  const isSelf = me?.user.id === user.id;
  return (
    <Flex gap={isCompact ? 0 : 8} wrap>
      <Button type={type} size={size} icon={isCompact ? null : <EditOutlined />} onClick={() => setDialog('edit')}>
        {t('common.edit')}
      </Button>
      {user.isPrivileged ? null : (
        <Button type={type} size={size} icon={isCompact ? null : <KeyOutlined />} onClick={() => setDialog('reset')}>
          {t('users.resetPassword')}
        </Button>
      )}
      {isSelf ? null : user.isActive ? (
        <Popconfirm
          title={t('users.deactivateConfirm', { name: user.displayName })}
          okText={t('users.deactivate')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => setActive.mutateAsync(false).catch(() => undefined)}
        >
          <Button type={type} size={size} danger icon={isCompact ? null : <StopOutlined />}>
            {t('users.deactivate')}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t('users.reactivateConfirm', { name: user.displayName })}
          okText={t('users.reactivate')}
          cancelText={t('common.cancel')}
          onConfirm={() => setActive.mutateAsync(true).catch(() => undefined)}
        >
          <Button type={type} size={size} icon={isCompact ? null : <UndoOutlined />}>
            {t('users.reactivate')}
          </Button>
        </Popconfirm>
      )}
      {dialog === 'edit' ? (
        <UserFormModal mode="edit" user={user} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      ) : null}
      {dialog === 'reset' ? <ResetPasswordModal user={user} onClose={() => setDialog(null)} /> : null}
    </Flex>
  );
}
