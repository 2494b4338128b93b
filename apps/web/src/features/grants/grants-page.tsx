import type { TUser } from '@duban/domain';
import { Card, Descriptions, Empty, Flex, Form, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useUser, useUserList } from '../users/api.ts';
import { UserStatus } from '../users/user-status.tsx';
import { GrantsCard } from './grants-card.tsx';

/** The text typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function PersonSummary({ user }: { user: TUser }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          {
            key: 'name',
            label: t('users.displayName'),
            children: <Link to={`/users/${user.id}`}>{user.displayName}</Link>,
          },
          { key: 'username', label: t('users.username'), children: user.username },
          { key: 'unit', label: t('users.unit'), children: user.unitName },
          { key: 'status', label: t('common.status'), children: <UserStatus user={user} /> },
        ]}
      />
    </Card>
  );
}

/** Role grants (secAdmin): find a person, then grant or revoke their roles. */
export function GrantsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user') ?? undefined;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const candidates = useUserList({ q: q || undefined, page: 1, pageSize: 20 });
  const selected = useUser(userId);
  const options = (candidates.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）· ${u.unitName}`,
  }));
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    const u = selected.data;
    options.unshift({ value: u.id, label: `${u.displayName}（${u.username}）· ${u.unitName}` });
  }
  return (
    <>
      <PageHeader title={t('grants.pageTitle')} subtitle={t('grants.pageSubtitle')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Form layout="vertical" name="pickUser">
            <Form.Item label={t('grants.pickUser')} style={{ marginBottom: 0 }}>
              <Select
                data-testid="grants-user-picker"
                value={userId}
                onChange={(id: string) => setParams({ user: id })}
                options={options}
                loading={candidates.isFetching}
                placeholder={t('grants.pickUserPlaceholder')}
                showSearch={{ filterOption: false, onSearch: setSearch }}
                style={{ width: 480, maxWidth: '100%' }}
              />
            </Form.Item>
          </Form>
        </Card>
        {!userId ? (
          <Card>
            <Empty description={t('grants.pickUserHint')} />
          </Card>
        ) : selected.data ? (
          <>
            <PersonSummary user={selected.data} />
            <GrantsCard user={selected.data} />
          </>
        ) : selected.isError ? (
          <Card>
            <Empty description={t('errors.NOT_FOUND')} />
          </Card>
        ) : (
          <Skeleton active />
        )}
      </Flex>
    </>
  );
}
