import type { TRole, TUnitCategory } from '@duban/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const CATEGORY_COLORS: Record<TUnitCategory, string> = {
  county: 'red',
  township: 'green',
  department: 'blue',
  park: 'purple',
  enterprise: 'orange',
  other: 'default',
};

const ROLE_COLORS: Record<TRole, string> = {
  leader: 'red',
  supervisor: 'volcano',
  unitHead: 'gold',
  liaison: 'cyan',
  cadre: 'blue',
  judge: 'purple',
  sysAdmin: 'geekblue',
  secAdmin: 'magenta',
  auditor: 'green',
};

/** A unit's category as a coloured tag. */
export function CategoryTag({ category }: { category: TUnitCategory }) {
  const { t } = useTranslation();
  return (
    <Tag color={CATEGORY_COLORS[category]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`unitCategories.${category}`)}
    </Tag>
  );
}

/** A role as a coloured tag. */
export function RoleTag({ role }: { role: TRole }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLORS[role]}>{t(`roles.${role}`)}</Tag>;
}
