import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { ChangePasswordForm } from '../account/change-password-form.tsx';
import { AuthShell } from './auth-shell.tsx';

/** Shown before anything else while the user must change the password (first login, or after a reset). */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const { me, refresh, logout } = useSession();
  const { message } = App.useApp();
  return (
    <AuthShell width={440}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('password.forcedTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('password.forcedText')}</Typography.Paragraph>
      <Typography.Paragraph>
        {me?.user.displayName}（{me?.user.username}）· {me?.user.unitName}
      </Typography.Paragraph>
      <ChangePasswordForm
        submitBlock
        onChanged={() => {
          void message.success(t('password.changed'));
          void refresh();
        }}
      />
      <Flex justify="center" style={{ marginTop: 12 }}>
        <Button type="link" icon={<LogoutOutlined />} onClick={() => void logout()}>
          {t('nav.logout')}
        </Button>
      </Flex>
    </AuthShell>
  );
}
