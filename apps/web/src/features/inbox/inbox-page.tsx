import { CheckOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Pagination, Segmented, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useInbox } from './api.ts';
import { InboxItemRow } from './inbox-item-row.tsx';
import { NeedsMe } from './needs-me.tsx';
import { useInboxActions } from './use-inbox-actions.ts';

const PAGE_SIZE = 20;

/** /inbox — every message, or the unread ones, with links to their tasks; mark one or all read. */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const isUnreadOnly = params.get('unread') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const inbox = useInbox({ unread: isUnreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE });
  const { markOne, markAll, isMarkingAll } = useInboxActions();
  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={isMarkingAll} onClick={markAll}>
            {t('inbox.markAllRead')}
          </Button>
        }
      />
      <NeedsMe />
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Segmented
            value={isUnreadOnly ? 'unread' : 'all'}
            onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: `${t('inbox.unread')}${unread ? ` ${unread}` : ''}` },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
        data-testid="inbox-list"
      >
        {inbox.isError && !inbox.data ? (
          <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : !inbox.data ? (
          <Skeleton active style={{ padding: 16 }} />
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={isUnreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}
            style={{ padding: 24 }}
          />
        ) : (
          items.map((item) => <InboxItemRow key={item.id} item={item} onOpen={markOne} onMarkRead={markOne} />)
        )}
        {(inbox.data?.total ?? 0) > PAGE_SIZE ? (
          <Pagination
            style={{ padding: 12, justifyContent: 'flex-end' }}
            current={page}
            pageSize={PAGE_SIZE}
            total={inbox.data?.total ?? 0}
            showSizeChanger={false}
            showTotal={(total) => t('inbox.count', { total })}
            onChange={(next) => {
              const nextParams = new URLSearchParams(params);
              if (next > 1) nextParams.set('page', String(next));
              else nextParams.delete('page');
              setParams(nextParams, { replace: true });
            }}
          />
        ) : null}
      </Card>
    </>
  );
}
