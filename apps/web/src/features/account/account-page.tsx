import { LOCALES, type TMe } from '@duban/domain';
import { App, Card, Col, Descriptions, Flex, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors.ts';
import { isLocale } from '../../app/i18n/index.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { RoleTag } from '../../components/tags.tsx';
import { useUserDescriptionItems } from '../users/user-detail-page.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { TokensCard } from './tokens-card.tsx';

function AccountView({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const { changeLocale } = useSession();
  const { message } = App.useApp();
  const items = useUserDescriptionItems(me.user).filter((item) => item.key !== 'locale');
  return (
    <>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('account.profile')} data-testid="account-profile">
              <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
            </Card>
            <Card title={t('account.myRoles')}>
              {me.grants.length === 0 ? (
                <Typography.Text type="secondary">{t('account.noRoles')}</Typography.Text>
              ) : (
                <Flex vertical gap={8}>
                  {me.grants.map((g) => (
                    <Space key={g.id} wrap>
                      <RoleTag role={g.role} />
                      <span>{g.unitName}</span>
                      <Typography.Text type="secondary">
                        {g.includeSubtree ? t('grants.scopeSubtree') : t('grants.scopeUnit')}
                      </Typography.Text>
                    </Space>
                  ))}
                </Flex>
              )}
            </Card>
            <Card title={t('account.languageTitle')}>
              <Typography.Paragraph type="secondary">{t('account.languageHint')}</Typography.Paragraph>
              <Radio.Group
                optionType="button"
                value={me.user.locale}
                options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
                onChange={(e) => {
                  const next: unknown = e.target.value;
                  if (!isLocale(next)) return;
                  changeLocale(next).then(
                    () => void message.success(t('language.changed', { lng: next })),
                    (error: unknown) => void message.error(errorText(error)),
                  );
                }}
                data-testid="account-language"
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('account.passwordTitle')}>
            <ChangePasswordForm onChanged={() => void message.success(t('password.changed'))} />
          </Card>
        </Col>
        <Col span={24}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}

/** My account: profile and roles, language, password, personal API tokens. */
export function AccountPage() {
  const { me } = useSession();
  return me ? <AccountView me={me} /> : null;
}
