import type { TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { PasswordInput } from '../../components/password-input.tsx';
import { resetPassword, USERS_KEY } from './api.ts';

/** Sets a new password for someone (sysAdmin): unlocks the account, ends its sessions, forces a change. */
export function ResetPasswordModal({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) => resetPassword(user.id, password),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(t('users.passwordReset'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="resetPassword" layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('password.policyHint')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: 8, message: t('password.tooShort') },
          ]}
        >
          <PasswordInput canGenerate />
        </Form.Item>
      </Form>
    </Modal>
  );
}
