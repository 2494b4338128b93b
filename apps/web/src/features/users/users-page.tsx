import { PlusOutlined } from '@ant-design/icons';
import type { TUser } from '@duban/domain';
import { Button, Card, Checkbox, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isAccountAdmin } from '../../app/navigation.tsx';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { type TUserListQuery, useUserList } from './api.ts';
import { UserActions } from './user-actions.tsx';
import { UserFormModal } from './user-form-modal.tsx';
import { UserStatus } from './user-status.tsx';

const PAGE_SIZES = [10, 20, 50, 100];

/** Reads the list's filters and page from the address, so a filtered page can be bookmarked and reloaded. */
function readQuery(params: URLSearchParams): TUserListQuery {
  const positive = (raw: string | null, fallback: number) => {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const status = params.get('status');
  return {
    unitId: params.get('unitId') ?? undefined,
    includeSubtree: params.get('sub') === '0' ? 'false' : 'true',
    q: params.get('q') ?? undefined,
    isActive: status === 'active' ? 'true' : status === 'inactive' ? 'false' : undefined,
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('size'), 20), 200),
  };
}

/** The people the caller may see, paginated by the server; sysAdmin creates and manages accounts here. */
export function UsersPage() {
  const { t } = useTranslation();
  const { me, hasRole } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const users = useUserList(query);
  const [isCreating, setCreating] = useState(false);
  const canManage = hasRole('sysAdmin');
  const isAdmin = isAccountAdmin(me?.roles ?? []);

  /** Changes some filters; any filter change goes back to the first page. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<TUser> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (_v, user) => <Link to={`/users/${user.id}`}>{user.displayName}</Link>,
    },
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.unit'), dataIndex: 'unitName' },
    { title: t('users.jobTitle'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), key: 'status', render: (_v, user) => <UserStatus user={user} /> },
    canManage
      ? { title: t('common.actions'), key: 'actions', render: (_v, user) => <UserActions user={user} isCompact /> }
      : {
          title: t('common.actions'),
          key: 'actions',
          render: (_v, user) => <Link to={`/users/${user.id}`}>{t('common.view')}</Link>,
        },
  ];

  return (
    <>
      <PageHeader
        title={isAdmin ? t('users.title') : t('users.peopleTitle')}
        subtitle={canManage ? t('users.subtitle') : t('users.peopleSubtitle')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <UnitTreeSelect
            value={query.unitId}
            onChange={(unitId) => update({ unitId })}
            placeholder={t('users.unitFilter')}
            allowClear
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="users-unit-filter"
          />
          <Checkbox
            checked={query.includeSubtree !== 'false'}
            onChange={(e) => update({ sub: e.target.checked ? undefined : '0' })}
          >
            {t('users.includeSubtree')}
          </Checkbox>
          <Select
            value={params.get('status') ?? ''}
            onChange={(status: string) => update({ status })}
            style={{ width: 140 }}
            options={[
              { value: '', label: t('users.statusAll') },
              { value: 'active', label: t('users.active') },
              { value: 'inactive', label: t('users.inactive') },
            ]}
            aria-label={t('common.status')}
          />
          <Input.Search
            key={query.q ?? ''}
            defaultValue={query.q}
            placeholder={t('users.search')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="users-search"
          />
        </Flex>
      </Card>
      {users.isError && !users.data ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Card size="small">
          <Table<TUser>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="users-table"
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('users.count', { total }),
              onChange: (page, pageSize) =>
                update(
                  { page: page > 1 ? String(page) : undefined, size: pageSize === 20 ? undefined : String(pageSize) },
                  true,
                ),
            }}
          />
        </Card>
      )}
      {isCreating ? (
        <UserFormModal
          mode="create"
          defaultUnitId={query.unitId}
          onClose={() => setCreating(false)}
          onSaved={(user) => {
            setCreating(false);
            navigate(`/users/${user.id}`);
          }}
        />
      ) : null}
    </>
  );
}
