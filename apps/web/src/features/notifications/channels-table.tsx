import { DeleteOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import type { TChannel } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { CHANNELS_KEY, DELIVERIES_KEY, deleteChannel, testChannel } from './api.ts';
import { ChannelKindTag, EventTags } from './notification-tags.tsx';

interface TChannelsTableProps {
  channels: TChannel[];
  isLoading: boolean;
  onEdit: (channel: TChannel) => void;
}

/** Where a channel sends: the webhook's host, or the addresses. */
function Target({ channel }: { channel: TChannel }) {
  if (channel.kind === 'email') {
    return <Typography.Text style={{ wordBreak: 'break-all' }}>{channel.addresses.join('，')}</Typography.Text>;
  }
  let host = channel.url ?? '';
  try {
    host = new URL(host).host;
  } catch {
    // shown as stored
  }
  return (
    <Typography.Text type="secondary" title={channel.url ?? ''} style={{ fontSize: 12 }}>
      {host}
    </Typography.Text>
  );
}

/** The channels with their actions: send a test, edit, delete. */
export function ChannelsTable({ channels, isLoading, onEdit }: TChannelsTableProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();

  const remove = useMutation({
    mutationFn: deleteChannel,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
      void message.success(t('notifications.deleted'));
    },
    onError: (error) => report(error),
  });
  const test = useMutation({
    mutationFn: testChannel,
    onSuccess: async (delivery) => {
      await queryClient.invalidateQueries({ queryKey: DELIVERIES_KEY });
      if (delivery.state === 'sent') {
        void message.success(t('notifications.testSent', { name: delivery.channelName ?? '' }));
      } else {
        modal.error({
          title: t('notifications.testFailed', { name: delivery.channelName ?? '' }),
          content: (
            <Flex vertical gap={8}>
              <Typography.Text code data-testid="test-error">
                {delivery.lastError}
              </Typography.Text>
              <Typography.Text type="secondary">{t('notifications.testFailedHint')}</Typography.Text>
            </Flex>
          ),
          okText: t('common.close'),
        });
      }
    },
    onError: (error) => report(error),
  });

  const columns: TableColumnsType<TChannel> = [
    {
      title: t('notifications.fields.name'),
      key: 'name',
      render: (_v, c) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Target channel={c} />
        </Flex>
      ),
    },
    { title: t('notifications.fields.kind'), key: 'kind', render: (_v, c) => <ChannelKindTag kind={c.kind} /> },
    {
      title: t('notifications.fields.unit'),
      key: 'unit',
      render: (_v, c) => c.unitName ?? <Tag color="red">{t('notifications.county')}</Tag>,
    },
    { title: t('notifications.fields.events'), key: 'events', render: (_v, c) => <EventTags events={c.events} /> },
    {
      title: t('notifications.fields.secret'),
      key: 'secret',
      render: (_v, c) =>
        c.kind === 'dingtalk' || c.kind === 'feishu' ? (
          c.hasSecret ? (
            <Tag color="green">{t('notifications.signed')}</Tag>
          ) : (
            <Tag color="warning">{t('notifications.unsigned')}</Tag>
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('notifications.fields.enabled'),
      key: 'enabled',
      render: (_v, c) =>
        c.enabled ? <Tag color="success">{t('notifications.on')}</Tag> : <Tag>{t('notifications.off')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, c) => (
        <Flex gap={4} wrap={false}>
          <Button
            size="small"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables === c.id}
            onClick={() => test.mutate(c.id)}
            data-testid="channel-test"
          >
            {t('notifications.test')}
          </Button>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            onClick={() => onEdit(c)}
            aria-label={t('common.edit')}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('notifications.deleteConfirm', { name: c.name })}
            description={t('notifications.deleteHint')}
            okText={t('notifications.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(c.id).catch(() => undefined)}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />}>
              {t('notifications.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Table<TChannel>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={channels}
      loading={isLoading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
      data-testid="channels-table"
    />
  );
}
