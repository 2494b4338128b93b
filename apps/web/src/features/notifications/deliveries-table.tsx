import { DELIVERY_STATES, type TDelivery, type TDeliveryState } from '@duban/domain';
import { Flex, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { useDeliveries } from './api.ts';
import { ChannelKindTag, DeliveryStateTag, EventTags } from './notification-tags.tsx';

const PAGE_SIZE = 20;

interface TDeliveriesTableProps {
  state: TDeliveryState | undefined;
  page: number;
  onChange: (next: { state?: TDeliveryState | undefined; page?: number }) => void;
}

/** The deliveries log: what went where, its state, attempts, last error and next attempt; by state. */
export function DeliveriesTable({ state, page, onChange }: TDeliveriesTableProps) {
  const { t } = useTranslation();
  const deliveries = useDeliveries({ state, page, pageSize: PAGE_SIZE });

  const columns: TableColumnsType<TDelivery> = [
    {
      title: t('notifications.deliveryColumns.createdAt'),
      key: 'createdAt',
      render: (_v, d) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</span>,
    },
    {
      title: t('notifications.deliveryColumns.to'),
      key: 'to',
      render: (_v, d) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center">
            <ChannelKindTag kind={d.kind} />
            <Typography.Text>
              {d.channelName ??
                d.userName ??
                (d.channelId === null && d.userId === null ? t('notifications.deletedChannel') : '')}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {d.target}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notifications.deliveryColumns.message'),
      key: 'message',
      render: (_v, d) => (
        <Flex vertical gap={4} align="flex-start">
          <EventTags events={[d.event]} />
          <Typography.Text style={{ maxWidth: 260 }} ellipsis={{ tooltip: d.title }}>
            {d.title}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notifications.deliveryColumns.state'),
      key: 'state',
      render: (_v, d) => <DeliveryStateTag state={d.state} />,
    },
    {
      title: t('notifications.deliveryColumns.attempts'),
      key: 'attempts',
      align: 'right',
      render: (_v, d) => d.attempts,
    },
    {
      title: t('notifications.deliveryColumns.lastError'),
      key: 'lastError',
      render: (_v, d) =>
        d.lastError ? (
          <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 280 }} ellipsis={{ tooltip: d.lastError }}>
            {d.lastError}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('notifications.deliveryColumns.when'),
      key: 'when',
      render: (_v, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {d.state === 'sent'
            ? t('notifications.sentAt', { at: formatDateTime(d.sentAt) })
            : d.state === 'queued'
              ? t('notifications.nextAttemptAt', { at: formatDateTime(d.nextAttemptAt) })
              : '—'}
        </span>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Segmented<TDeliveryState | 'all'>
        value={state ?? 'all'}
        onChange={(value) => onChange({ state: value === 'all' ? undefined : value, page: 1 })}
        options={[
          { value: 'all', label: t('common.all') },
          ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`notifications.states.${s}`) })),
        ]}
        style={{ alignSelf: 'flex-start' }}
        data-testid="deliveries-state"
      />
      {deliveries.isError && !deliveries.data ? (
        <LoadError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Table<TDelivery>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={deliveries.data?.items ?? []}
          loading={deliveries.isFetching && !deliveries.data}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: deliveries.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (next) => onChange({ page: next }),
          }}
          locale={{ emptyText: t('notifications.deliveriesEmpty') }}
          data-testid="deliveries-table"
        />
      )}
    </Flex>
  );
}
