import { FlagOutlined } from '@ant-design/icons';
import { OPEN_CALL_STATES, type TOpenCall, zId } from '@duban/domain';
import { Button, Card, Flex, Grid, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useOpenCalls } from './api.ts';
import { DeadlineCountdown, OpenCallStateTag } from './open-call-tags.tsx';
import { PublishCallModal } from './publish-call-modal.tsx';

const PAGE_SIZE = 20;

/** /open-calls — the calls the caller sees, newest first; leaders and supervisors publish new ones. */
export function OpenCallsPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = OPEN_CALL_STATES.find((s) => s === params.get('state'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const rawTaskId = params.get('task');
  const taskId = zId.safeParse(rawTaskId).success ? (rawTaskId ?? undefined) : undefined;
  const calls = useOpenCalls({ state, taskId, page, pageSize: PAGE_SIZE });
  const onlyCall = taskId && calls.data?.items.length === 1 ? calls.data.items[0] : undefined;
  // A link to the call of a task (from the inbox) opens that call.
  useEffect(() => {
    if (onlyCall) navigate(`/open-calls/${onlyCall.id}`, { replace: true });
  }, [onlyCall, navigate]);
  const [isPublishing, setPublishing] = useState(false);
  const canPublish = hasRole('leader', 'supervisor');

  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;

  /** On a phone, one column: each call as a small card. */
  const phoneColumns: TableColumnsType<TOpenCall> = [
    {
      title: t('openCalls.task'),
      key: 'call',
      render: (_v, call) => (
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Link to={`/open-calls/${call.id}`} style={{ wordBreak: 'break-word', fontWeight: 500 }}>
            {call.taskTitle}
          </Link>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
            {call.requirements}
          </Typography.Paragraph>
          <Flex gap={8} align="center" wrap>
            <OpenCallStateTag state={call.state} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('openCalls.bidCountValue', { count: call.bidCount })}
            </Typography.Text>
            {call.state === 'open' ? <DeadlineCountdown deadline={call.bidDeadline} isCompact /> : null}
          </Flex>
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<TOpenCall> = [
    {
      title: t('openCalls.task'),
      dataIndex: 'taskTitle',
      render: (_v, call) => (
        <div style={{ minWidth: 160, maxWidth: 420 }}>
          <Link to={`/open-calls/${call.id}`} style={{ wordBreak: 'break-word' }}>
            {call.taskTitle}
          </Link>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 420 }}>
            {call.requirements}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('openCalls.state'), dataIndex: 'state', render: (_v, call) => <OpenCallStateTag state={call.state} /> },
    {
      title: t('openCalls.deadline'),
      dataIndex: 'bidDeadline',
      responsive: ['sm'],
      render: (_v, call) => (
        <div>
          <div>{formatDateTime(call.bidDeadline)}</div>
          {call.state === 'open' ? <DeadlineCountdown deadline={call.bidDeadline} isCompact /> : null}
        </div>
      ),
    },
    {
      title: t('openCalls.bidCount'),
      dataIndex: 'bidCount',
      render: (v: number) => t('openCalls.bidCountValue', { count: v }),
    },
    { title: t('openCalls.publishedBy'), dataIndex: 'publishedByName', responsive: ['md'] },
    {
      title: t('openCalls.publishedAt'),
      dataIndex: 'publishedAt',
      responsive: ['lg'],
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('openCalls.title')}
        subtitle={t('openCalls.subtitle')}
        extra={
          canPublish ? (
            <Button
              type="primary"
              icon={<FlagOutlined />}
              onClick={() => setPublishing(true)}
              data-testid="call-publish"
            >
              {t('openCalls.publish')}
            </Button>
          ) : null
        }
      />
      <Card
        size="small"
        title={
          <Segmented
            value={state ?? ''}
            onChange={(v) => setParams(v ? { state: String(v) } : {}, { replace: true })}
            options={[
              { value: '', label: t('common.all') },
              ...OPEN_CALL_STATES.filter((s) => s !== 'withdrawn').map((s) => ({
                value: s,
                label: t(`openCalls.states.${s}`),
              })),
            ]}
          />
        }
      >
        {calls.isError && !calls.data ? (
          <LoadError error={calls.error} onRetry={() => void calls.refetch()} />
        ) : (
          <Table<TOpenCall>
            rowKey="id"
            size="middle"
            columns={isPhone ? phoneColumns : columns}
            showHeader={!isPhone}
            dataSource={calls.data?.items ?? []}
            loading={calls.isFetching}
            scroll={isPhone ? undefined : { x: 'max-content' }}
            locale={{ emptyText: t('openCalls.empty') }}
            data-testid="open-calls-table"
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: calls.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => t('openCalls.count', { total }),
              onChange: (next) => {
                const nextParams = new URLSearchParams(params);
                if (next > 1) nextParams.set('page', String(next));
                else nextParams.delete('page');
                setParams(nextParams, { replace: true });
              },
            }}
          />
        )}
      </Card>
      {isPublishing ? (
        <PublishCallModal
          onClose={() => setPublishing(false)}
          onPublished={(call) => {
            setPublishing(false);
            navigate(`/open-calls/${call.id}`);
          }}
        />
      ) : null}
    </>
  );
}
