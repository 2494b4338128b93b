import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { explainError } from '../../app/errors.ts';
import { useSession } from '../../app/session.tsx';
import { AuthShell } from './auth-shell.tsx';

interface TLoginValues {
  username: string;
  password: string;
}

/** The end of a lock, when the API's message names it. */
function lockedUntilOf(error: ApiError): string | null {
  const match = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(error.message);
  return match ? dayjs(match[0]).format('YYYY-MM-DD HH:mm') : null;
}

function LoginError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const until = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED' ? lockedUntilOf(error) : null;
  const text = until ? t('login.lockedUntil', { time: until }) : explainError(error).text;
  return <Alert type="error" showIcon title={text} data-testid="login-error" style={{ marginBottom: 16 }} />;
}

/** Log in with username and password; the router moves on once the session exists. */
export function LoginPage() {
  const { t } = useTranslation();
  const { login, logoutReason } = useSession();
  const [form] = Form.useForm<TLoginValues>();
  const attempt = useMutation({
    mutationFn: (v: TLoginValues) => login(v.username.trim(), v.password),
    onError: () => form.setFieldValue('password', ''),
  });
  return (
    <AuthShell>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
      {attempt.isError ? (
        <LoginError error={attempt.error} />
      ) : logoutReason ? (
        <Alert
          type={logoutReason === 'expired' ? 'warning' : 'success'}
          showIcon
          title={logoutReason === 'expired' ? t('login.sessionExpired') : t('login.loggedOut')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form form={form} name="login" layout="vertical" onFinish={(v) => attempt.mutate(v)} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={attempt.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
