import { GlobalOutlined } from '@ant-design/icons';
import { LOCALES, type TLocale } from '@duban/domain';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors.ts';
import { currentLocale, isLocale } from '../app/i18n/index.ts';
import { useSession } from '../app/session.tsx';

/** The language menu of the header: switches the UI and, when logged in, remembers the choice on the account. */
export function LanguageSwitch({ isCompact = false }: { isCompact?: boolean }) {
  const { t } = useTranslation();
  const { changeLocale } = useSession();
  const { message } = App.useApp();
  const locale = currentLocale();
  const choose = async (next: TLocale) => {
    if (next === locale) return;
    try {
      await changeLocale(next);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: t(`language.${l}`) })),
        onClick: ({ key }) => {
          if (isLocale(key)) void choose(key);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language.switchTo')} data-testid="language-switch">
        {isCompact ? null : t(`language.${locale}`)}
      </Button>
    </Dropdown>
  );
}
