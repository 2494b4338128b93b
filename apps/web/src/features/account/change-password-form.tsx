import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { PasswordInput } from '../../components/password-input.tsx';
import { changePassword } from './api.ts';

interface TPasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Changes one's own password: current, new, and the new once more. */
export function ChangePasswordForm({
  onChanged,
  submitBlock = false,
}: {
  onChanged: () => void;
  submitBlock?: boolean;
}) {
  const { t } = useTranslation();
  const report = useReportError();
  const [form] = Form.useForm<TPasswordValues>();
  const change = useMutation({
    mutationFn: (v: TPasswordValues) => changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      form.resetFields();
      onChanged();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Form form={form} name="changePassword" layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
      <Alert type="info" showIcon title={t('password.policyHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <PasswordInput autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: 8, message: t('password.tooShort') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('password.mustDiffer'));
            },
          }),
        ]}
      >
        <PasswordInput />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <PasswordInput />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block={submitBlock}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
