import { ArrowLeftOutlined } from '@ant-design/icons';
import { type TUser, zId } from '@duban/domain';
import { Card, Descriptions, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { mayOpen } from '../../app/navigation.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDateTime, isLockedNow } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { GrantsCard } from '../grants/grants-card.tsx';
import { PrivilegedResetButton } from '../privileged-resets/privileged-reset-button.tsx';
import { useUser } from './api.ts';
import { UnlockButton } from './unlock-button.tsx';
import { UserActions } from './user-actions.tsx';
import { UserStatus } from './user-status.tsx';

/** The fields of one account, as description items. */
export function useUserDescriptionItems(user: TUser) {
  const { t } = useTranslation();
  return [
    { key: 'username', label: t('users.username'), children: user.username },
    { key: 'displayName', label: t('users.displayName'), children: user.displayName },
    { key: 'unit', label: t('users.unit'), children: user.unitName },
    { key: 'title', label: t('users.jobTitle'), children: user.title ?? '—' },
    { key: 'phone', label: t('users.phone'), children: user.phone ?? '—' },
    { key: 'email', label: t('users.email'), children: user.email ?? '—' },
    { key: 'status', label: t('common.status'), children: <UserStatus user={user} /> },
    { key: 'locale', label: t('users.locale'), children: t(`language.${user.locale}`) },
    ...(isLockedNow(user.lockedUntil)
      ? [{ key: 'lockedUntil', label: t('users.lockedUntil'), children: formatDateTime(user.lockedUntil) }]
      : []),
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(user.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(user.updatedAt) },
  ];
}

function UserDetail({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const { me, hasRole } = useSession();
  const items = useUserDescriptionItems(user);
  const isSelf = me?.user.id === user.id;
  const canSeeGrants = hasRole('secAdmin', 'sysAdmin') || isSelf;
  return (
    <>
      <PageHeader
        title={user.displayName}
        subtitle={
          mayOpen(me?.roles ?? [], 'users') ? (
            <Link to="/users">
              <ArrowLeftOutlined /> {t('users.backToList')}
            </Link>
          ) : (
            user.unitName
          )
        }
        extra={
          <Flex gap={8} wrap>
            {hasRole('sysAdmin') ? <UserActions user={user} /> : null}
            {user.isPrivileged && !isSelf && hasRole('sysAdmin', 'secAdmin') ? (
              <PrivilegedResetButton user={user} />
            ) : null}
            {hasRole('secAdmin') && isLockedNow(user.lockedUntil) ? <UnlockButton user={user} /> : null}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('users.detailTitle')} data-testid="user-detail">
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
        </Card>
        {canSeeGrants ? <GrantsCard user={user} /> : null}
      </Flex>
    </>
  );
}

/** /users/:id — one account and its grants; unknown or out-of-scope ids show the not-found page. */
export function UserDetailPage() {
  const { id } = useParams();
  const isValidId = zId.safeParse(id).success;
  const user = useUser(isValidId ? id : undefined);
  if (!isValidId || isNotFound(user.error)) return <NotFound />;
  if (user.isError) return <LoadError error={user.error} onRetry={() => void user.refetch()} />;
  if (!user.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <UserDetail user={user.data} />;
}
