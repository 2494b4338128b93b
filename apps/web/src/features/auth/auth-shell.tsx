import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/brand-mark.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';

/** The frame of the pages before the application: login and the forced password change. */
export function AuthShell({ children, width = 400 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Flex vertical className="duban-auth">
      <Flex justify="flex-end" style={{ padding: '12px 16px' }}>
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center" style={{ padding: '8px 16px 32px' }}>
        <div style={{ width, maxWidth: '100%' }}>
          <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
            <BrandMark size={48} />
            <Typography.Title level={2} style={{ margin: 0, letterSpacing: 2 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
          </Flex>
          {/* A card drawn by style sheet: antd's Card brings its tabs along, which the login page does not need. */}
          <div className="duban-auth-card">{children}</div>
        </div>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 16, fontSize: 12 }}>
        {t('app.footer')}
      </Typography.Text>
    </Flex>
  );
}
