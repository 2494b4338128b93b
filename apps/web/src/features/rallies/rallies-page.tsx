import { CloudSyncOutlined, LockOutlined, QrcodeOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, Empty, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';

/**
 * 项目拉练比拼 for a judge: where their scoring work will be. No rally is held on the platform yet, so the page says
 * so and what the judge will do here once one is.
 */
export function RalliesPage() {
  const { t } = useTranslation();
  const steps: { key: string; icon: ReactNode }[] = [
    { key: 'open', icon: <QrcodeOutlined /> },
    { key: 'score', icon: <TrophyOutlined /> },
    { key: 'lock', icon: <LockOutlined /> },
    { key: 'offline', icon: <CloudSyncOutlined /> },
  ];
  return (
    <div data-testid="rallies-page">
      <PageHeader title={t('rallies.title')} subtitle={t('rallies.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Empty data-testid="rallies-none" description={t('rallies.none')} />
      </Card>
      <Card size="small" title={t('rallies.howTitle')}>
        <List
          dataSource={steps}
          renderItem={(step) => (
            <List.Item data-testid={`rallies-step-${step.key}`}>
              <List.Item.Meta
                avatar={<span style={{ fontSize: 20, color: '#1f4e8c' }}>{step.icon}</span>}
                title={t(`rallies.steps.${step.key}.title` as 'rallies.steps.open.title')}
                description={
                  <Typography.Text type="secondary">
                    {t(`rallies.steps.${step.key}.text` as 'rallies.steps.open.text')}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
