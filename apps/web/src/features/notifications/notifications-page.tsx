import { PlusOutlined } from '@ant-design/icons';
import { DELIVERY_STATES, type TChannel, type TDeliveryState } from '@duban/domain';
import { Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useChannels } from './api.ts';
import { ChannelFormModal } from './channel-form-modal.tsx';
import { ChannelsTable } from './channels-table.tsx';
import { DeliveriesTable } from './deliveries-table.tsx';

type TTab = 'channels' | 'deliveries';
type TModal = { mode: 'create' } | { mode: 'edit'; channel: TChannel } | null;

const isState = (value: string | null): value is TDeliveryState => DELIVERY_STATES.some((s) => s === value);

/** /notifications — the channels (group robots, e-mail) and the deliveries log; tab, state and page in the address. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const [modal, setModal] = useState<TModal>(null);
  const tab: TTab = params.get('tab') === 'deliveries' ? 'deliveries' : 'channels';
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const setView = (next: { tab?: TTab; state?: TDeliveryState | undefined; page?: number }) =>
    setParams((prev) => {
      const copy = new URLSearchParams(prev);
      const values = { tab, state, page, ...next };
      if (values.tab === 'channels') copy.delete('tab');
      else copy.set('tab', values.tab);
      if (values.tab === 'deliveries' && values.state) copy.set('state', values.state);
      else copy.delete('state');
      if (values.tab === 'deliveries' && values.page > 1) copy.set('page', String(values.page));
      else copy.delete('page');
      return copy;
    });

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal({ mode: 'create' })}
            data-testid="channel-create"
          >
            {t('notifications.create')}
          </Button>
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setView({ tab: key as TTab, state: undefined, page: 1 })}
          items={[
            { key: 'channels', label: t('notifications.tabs.channels') },
            { key: 'deliveries', label: t('notifications.tabs.deliveries') },
          ]}
          data-testid="notifications-tabs"
        />
        {tab === 'channels' ? (
          channels.isError && !channels.data ? (
            <LoadError error={channels.error} onRetry={() => void channels.refetch()} />
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
                {t('notifications.hint')}
              </Typography.Paragraph>
              <ChannelsTable
                channels={channels.data?.items ?? []}
                isLoading={channels.isPending}
                onEdit={(channel) => setModal({ mode: 'edit', channel })}
              />
            </>
          )
        ) : (
          <DeliveriesTable state={state} page={page} onChange={setView} />
        )}
      </Card>
      {modal ? <ChannelFormModal {...modal} onClose={() => setModal(null)} /> : null}
    </>
  );
}
