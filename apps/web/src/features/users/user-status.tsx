import type { TUser } from '@duban/domain';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLockedNow } from '../../components/format.ts';

/** A user's account state: active or not, locked, waiting for a password change. */
export function UserStatus({ user }: { user: TUser }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {user.isActive ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
      {isLockedNow(user.lockedUntil) ? <Tag color="error">{t('users.locked')}</Tag> : null}
      {user.mustChangePassword ? <Tag color="warning">{t('users.mustChange')}</Tag> : null}
    </Space>
  );
}
